import { generateFlaws, type EstateOptions } from './estate-flaws.js';
import type { CodeFlaw, DastFlaw, Estate, Flaw, IacFlaw, PackageFlaw, RenderedReport, SecretFlaw } from './estate-model.js';
import { NO_SHIFT, renderBandit, renderCodeql, renderSemgrepJson, renderSemgrepSarif, renderSnykCode, type LineShift } from './render-code.js';
import { renderCheckov, renderKics, renderTfsec, renderTrivyConfig } from './render-iac.js';
import { renderGrype, renderNpmAudit, renderSnyk, renderTrivy, type Rendered } from './render-packages.js';
import { renderBurp, renderGitleaksJson, renderGitleaksSarif, renderZap } from './render-secrets-dast.js';

export const DEFAULT_ESTATE: EstateOptions = { seed: 20261204, assets: 8 };

/**
 * Generates a labelled multi-tool estate: the flaws, and every tool's report
 * about them in that tool's format. `shift` moves code findings as if lines
 * had been inserted above them (for the identity stability measurement);
 * everything else renders the same.
 */
export function generateEstate(options: EstateOptions = DEFAULT_ESTATE, shift: LineShift = NO_SHIFT): Estate {
  const flaws = generateFlaws(options);
  const assets = [...new Set(flaws.map((flaw) => flaw.asset))];
  const reports = assets.flatMap((asset, index) => renderAsset(asset, flaws.filter((flaw) => flaw.asset === asset), index, shift));
  return { seed: options.seed, flaws, reports };
}

function ofKind<K extends Flaw['kind']>(flaws: Flaw[], kind: K): Array<Extract<Flaw, { kind: K }>> {
  return flaws.filter((flaw): flaw is Extract<Flaw, { kind: K }> => flaw.kind === kind);
}

function renderAsset(asset: string, flaws: Flaw[], build: number, shift: LineShift): RenderedReport[] {
  const packages = ofKind(flaws, 'package');
  const code = ofKind(flaws, 'code');
  const iac = ofKind(flaws, 'iac');
  const secrets = ofKind(flaws, 'secret');
  const dast = ofKind(flaws, 'dast');
  const commit = `${build}`.padStart(40, 'c');
  const seenBy = (tool: PackageFlaw['tools'][number]) => packages.filter((flaw) => flaw.tools.includes(tool));

  const reports: Array<[string, string, Rendered]> = [
    ['trivy.json', 'trivy', renderTrivy(asset, seenBy('trivy'), 100 + build)],
    ['grype.json', 'grype', renderGrype(asset, seenBy('grype'), 100 + build)],
    ['npm-audit.json', 'npm-audit', renderNpmAudit(seenBy('npm-audit'))],
    ['snyk.json', 'snyk', renderSnyk(asset, seenBy('snyk'))],
    ...codeReports(code, shift),
    ['checkov.json', 'checkov', renderCheckov(iac)],
    ['tfsec.json', 'tfsec', renderTfsec(iac)],
    ['kics.json', 'kics', renderKics(iac)],
    ['trivy-config.json', 'trivy', renderTrivyConfig(iac)],
    ['gitleaks.json', 'gitleaks', renderGitleaksJson(secrets, commit)],
    ['gitleaks.sarif', 'sarif', renderGitleaksSarif(secrets, commit)],
    ['zap.json', 'zap', renderZap(asset, dast)],
    ['burp.json', 'burp-api', renderBurp(asset, dast)],
  ];
  return reports
    .filter(([, , rendered]) => rendered.labels.length > 0)
    .map(([file, format, rendered]) => ({ name: `${asset}/${file}`, asset, format, bytes: Buffer.from(JSON.stringify(rendered.report, null, 1)), labels: rendered.labels }));
}

function codeReports(code: CodeFlaw[], shift: LineShift): Array<[string, string, Rendered]> {
  return [
    ['codeql.sarif', 'sarif', renderCodeql(code, shift)],
    ['semgrep.sarif', 'sarif', renderSemgrepSarif(code, shift)],
    ['snyk-code.sarif', 'sarif', renderSnykCode(code, shift)],
    ['semgrep.json', 'semgrep', renderSemgrepJson(code, shift)],
    ['bandit.json', 'bandit', renderBandit(code, shift)],
  ];
}

export type { CodeFlaw, DastFlaw, IacFlaw, SecretFlaw };
