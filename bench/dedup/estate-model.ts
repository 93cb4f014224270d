// The labelled corpus: flaws with known truth, each seen by some tools, and
// the reports those tools would write about them.

export type PackageTool = 'trivy' | 'grype' | 'snyk' | 'npm-audit';
export type CodeTool = 'codeql' | 'semgrep-sarif' | 'semgrep-json' | 'snyk-code' | 'bandit';
export type IacTool = 'checkov' | 'tfsec' | 'kics' | 'trivy-config';
export type SecretTool = 'gitleaks-json' | 'gitleaks-sarif';
export type DastTool = 'zap' | 'burp';

export interface PackageFlaw {
  kind: 'package';
  id: string;
  asset: string;
  ecosystem: 'npm' | 'deb';
  name: string;
  /** The version as most tools print it; Grype adds `epoch` for Debian. */
  version: string;
  epoch: string | null;
  cve: string | null;
  ghsa: string | null;
  tools: PackageTool[];
}

export interface CodeSighting {
  tool: CodeTool;
  startLine: number;
  endLine: number;
  /** False for a Semgrep JSON result written without login ("requires login" for code and fingerprint). */
  withCode: boolean;
}

export interface CodeFlaw {
  kind: 'code';
  id: string;
  asset: string;
  path: string;
  language: 'py' | 'js';
  weakness: string;
  line: number;
  code: string;
  sightings: CodeSighting[];
}

export interface IacFlaw {
  kind: 'iac';
  id: string;
  asset: string;
  control: string;
  path: string;
  resourceType: string | null;
  resourceName: string | null;
  startLine: number;
  endLine: number;
  tools: IacTool[];
}

export interface SecretFlaw {
  kind: 'secret';
  id: string;
  asset: string;
  path: string;
  line: number;
  rule: string;
  secret: string;
  tools: SecretTool[];
}

export interface DastFlaw {
  kind: 'dast';
  id: string;
  asset: string;
  /** Each tool's request target: the same endpoint template, with different ids in the path. */
  urls: Partial<Record<DastTool, string>>;
  method: string;
  parameter: string | null;
  cwe: number;
  tools: DastTool[];
}

export type Flaw = PackageFlaw | CodeFlaw | IacFlaw | SecretFlaw | DastFlaw;

/** One rendered report and, in record order, the flaw each of its records reports. */
export interface RenderedReport {
  name: string;
  asset: string;
  format: string;
  bytes: Buffer;
  labels: string[];
}

export interface Estate {
  seed: number;
  flaws: Flaw[];
  reports: RenderedReport[];
}
