import { IAC_CONTROLS } from '@sieve/dedup';
import { toolsFor, WEAKNESSES, weaknessById } from './code-weaknesses.js';
import type { CodeFlaw, CodeTool, DastFlaw, DastTool, Flaw, IacFlaw, IacTool, PackageFlaw, PackageTool, SecretFlaw } from './estate-model.js';
import { SeededRandom } from './seeded-random.js';

export interface EstateOptions {
  seed: number;
  assets: number;
}

const NPM_PACKAGES = ['lodash', 'express', 'jsonwebtoken', 'minimist', 'axios', 'moment', 'handlebars', 'qs', 'tar', 'ws'];
const DEB_PACKAGES = ['libc6', 'libssl1.1', 'libsystemd0', 'zlib1g', 'libgcrypt20', 'libxml2', 'curl', 'libgcc1'];

/**
 * Generates the flaws of an estate and which tools see each of them. The
 * estate includes near misses that must stay apart: the same CVE in another
 * package version, the same package with another CVE, and Debian revisions
 * that differ. An epoch that only one tool prints must not matter. Code has
 * another weakness on the same line and the same weakness 10 lines further
 * down, and some flaws are copied to another asset.
 */
export function generateFlaws(options: EstateOptions): Flaw[] {
  const random = new SeededRandom(options.seed);
  const flaws: Flaw[] = [];
  const ids = { next: 0 };
  const newId = (kind: string) => `${kind}-${String(ids.next++).padStart(5, '0')}`;

  for (let index = 0; index < options.assets; index++) {
    const asset = `service-${String(index).padStart(2, '0')}`;
    flaws.push(...packageFlaws(random, asset, newId));
    flaws.push(...codeFlaws(random, asset, newId));
    flaws.push(...iacFlaws(random, asset, newId));
    flaws.push(...secretFlaws(random, asset, newId));
    flaws.push(...dastFlaws(random, asset, newId));
  }
  flaws.push(...sameFlawOnAnotherAsset(flaws, newId));
  return flaws;
}

type NewId = (kind: string) => string;

function cve(random: SeededRandom): string {
  return `CVE-20${random.int(18, 24)}-${random.int(10000, 49999)}`;
}

function ghsa(random: SeededRandom): string {
  const alphabet = '23456789cfghjmpqrvwx';
  const part = () => Array.from({ length: 4 }, () => random.pick([...alphabet])).join('');
  return `GHSA-${part()}-${part()}-${part()}`;
}

function packageFlaws(random: SeededRandom, asset: string, newId: NewId): PackageFlaw[] {
  const flaws: PackageFlaw[] = [];
  for (const name of NPM_PACKAGES) {
    const version = `${random.int(1, 4)}.${random.int(0, 20)}.${random.int(0, 9)}`;
    const hasCve = random.chance(0.85);
    // npm audit names advisories by GHSA only; Grype and Snyk carry the GHSA
    // beside the CVE, so one of them is always there to bridge it to Trivy.
    const bridge: PackageTool = random.pick(['grype', 'snyk'] as const);
    const tools = [...new Set<PackageTool>([...random.subset<PackageTool>(['trivy', 'grype', 'snyk', 'npm-audit']), bridge])];
    const base: PackageFlaw = { kind: 'package', id: newId('pkg'), asset, ecosystem: 'npm', name, version, epoch: null, cve: hasCve ? cve(random) : null, ghsa: ghsa(random), tools };
    flaws.push(base);

    if (random.chance(0.3)) {
      // Same CVE, other installed version: a nested copy seen by Trivy only.
      flaws.push({ ...base, id: newId('pkg'), version: `${random.int(5, 9)}.0.0`, tools: ['trivy'] });
      flaws[flaws.length - 2] = { ...base, tools: base.tools.filter((tool) => tool !== 'npm-audit') };
    }
    if (random.chance(0.3)) {
      // Same package and version, another advisory, seen by one tool.
      flaws.push({ ...base, id: newId('pkg'), cve: cve(random), ghsa: ghsa(random), tools: [random.pick(['trivy', 'grype'] as const)] });
    }
  }

  for (const name of DEB_PACKAGES) {
    const revision = `${random.int(1, 9)}.${random.int(0, 9)}-${random.int(1, 9)}+deb10u${random.int(1, 5)}`;
    const epoch = random.chance(0.3) ? `${random.int(1, 2)}` : null;
    const base: PackageFlaw = { kind: 'package', id: newId('pkg'), asset, ecosystem: 'deb', name, version: revision, epoch, cve: cve(random), ghsa: null, tools: random.subset<PackageTool>(['trivy', 'grype']) };
    flaws.push(base);
    if (random.chance(0.3)) {
      // Another Debian revision of the package with the same CVE: a related
      // image, so a different installed package.
      const other = revision.replace(/deb10u(\d+)$/, (_match, n: string) => `deb10u${Number(n) + 2}`);
      flaws.push({ ...base, id: newId('pkg'), version: other, tools: ['grype'] });
      flaws[flaws.length - 2] = { ...base, tools: ['trivy'] };
    }
  }
  return flaws;
}

function codeFlaws(random: SeededRandom, asset: string, newId: NewId): CodeFlaw[] {
  const flaws: CodeFlaw[] = [];
  const files: Array<{ path: string; language: 'py' | 'js' }> = [
    { path: 'app/views/orders.py', language: 'py' },
    { path: 'app/views/users.py', language: 'py' },
    { path: 'app/tasks.py', language: 'py' },
    { path: 'web/routes/search.js', language: 'js' },
    { path: 'web/routes/upload.js', language: 'js' },
    { path: 'web/lib/auth.js', language: 'js' },
  ];
  for (const file of files) {
    let line = random.int(5, 20);
    const candidates = WEAKNESSES.filter((weakness) => weakness.languages.includes(file.language) && weakness.id !== 'broad-exception-catch');
    for (let n = 0; n < 4; n++) {
      const weakness = random.pick(candidates);
      const flaw = codeFlaw(random, newId, asset, file, weakness.id, line, toolsFor(weakness, file.language));
      flaws.push(flaw);

      if (weakness.id === 'swallowed-exception') {
        // CodeQL's broad-catch query on the same `except:` line: a related
        // but different weakness.
        flaws.push(codeFlaw(random, newId, asset, file, 'broad-exception-catch', line, ['codeql'], true));
      } else if (random.chance(0.35)) {
        // Another weakness on the same line, seen by a tool of its own.
        const other = random.pick(candidates.filter((candidate) => candidate.id !== weakness.id && candidate.id !== 'swallowed-exception'));
        const otherTools = toolsFor(other, file.language);
        flaws.push(codeFlaw(random, newId, asset, file, other.id, line, [random.pick(otherTools)], true));
      }
      if (random.chance(0.3)) {
        // The same weakness 10 lines further down, seen by one tool.
        flaws.push(codeFlaw(random, newId, asset, file, weakness.id, line + 10, [random.pick(toolsFor(weakness, file.language))], true));
      }
      line += random.int(25, 60);
    }
  }
  return flaws;
}

function codeFlaw(random: SeededRandom, newId: NewId, asset: string, file: { path: string; language: 'py' | 'js' }, weaknessId: string, line: number, available: CodeTool[], exact = false): CodeFlaw {
  const weakness = weaknessById(weaknessId);
  const tools = exact ? available : random.subset(available, Math.min(2, available.length));
  const id = newId('code');
  return {
    kind: 'code',
    id,
    asset,
    path: file.path,
    language: file.language,
    weakness: weakness.id,
    line,
    // A distinct statement per flaw, so snippets of different flaws differ.
    code: `${weakness.code[file.language]} ${file.language === 'py' ? '#' : '//'} ${id}`,
    sightings: tools.map((tool) => {
      // Tools point at different lines of one statement: up to one line off,
      // and some report the whole statement (two or three lines).
      const start = exact ? line : line + random.int(-1, 1);
      return { tool, startLine: start, endLine: start + (random.chance(0.2) ? random.int(1, 2) : 0), withCode: tool !== 'semgrep-json' || random.chance(0.8) };
    }),
  };
}

const IAC_RESOURCES: Record<string, { file: string; type: string }> = {
  s3: { file: 'infra/s3.tf', type: 'aws_s3_bucket' },
  rds: { file: 'infra/rds.tf', type: 'aws_db_instance' },
  ec2: { file: 'infra/ec2.tf', type: 'aws_instance' },
  ebs: { file: 'infra/ec2.tf', type: 'aws_ebs_volume' },
  cloudtrail: { file: 'infra/audit.tf', type: 'aws_cloudtrail' },
  kms: { file: 'infra/audit.tf', type: 'aws_kms_key' },
  eks: { file: 'infra/eks.tf', type: 'aws_eks_cluster' },
};

function resourceOf(controlId: string): { file: string; type: string } | null {
  const service = controlId.startsWith('s3-') ? 's3' : controlId.startsWith('rds-') ? 'rds' : controlId.startsWith('ec2-') ? 'ec2' : controlId.startsWith('ebs-') ? 'ebs' : controlId.startsWith('cloudtrail-') ? 'cloudtrail' : controlId.startsWith('kms-') ? 'kms' : controlId.startsWith('eks-') ? 'eks' : null;
  return service === null ? null : IAC_RESOURCES[service]!;
}

function iacToolsOf(controlId: string): IacTool[] {
  const control = IAC_CONTROLS.find((candidate) => candidate.id === controlId)!;
  const tools: IacTool[] = [];
  if (control.checkov.length > 0) tools.push('checkov');
  if (control.tfsec.length > 0) tools.push('tfsec');
  if (control.kics.length > 0) tools.push('kics');
  if (control.trivy.length > 0) tools.push('trivy-config');
  return tools;
}

function iacFlaws(random: SeededRandom, asset: string, newId: NewId): IacFlaw[] {
  const flaws: IacFlaw[] = [];
  const mapped = IAC_CONTROLS.filter((control) => iacToolsOf(control.id).length >= 2 && (control.scope === 'file' || resourceOf(control.id) !== null));
  const blockStart = new Map<string, number>();
  for (const control of mapped.filter(() => random.chance(0.6))) {
    const tools = random.subset(iacToolsOf(control.id), 2);
    if (control.scope === 'file') {
      flaws.push({ kind: 'iac', id: newId('iac'), asset, control: control.id, path: 'svc/Dockerfile', resourceType: null, resourceName: null, startLine: 1, endLine: 1, tools });
      continue;
    }
    const resource = resourceOf(control.id)!;
    const name = random.pick(['main', 'logs', 'data']);
    const key = `${resource.file}|${resource.type}.${name}`;
    const start = blockStart.get(key) ?? random.int(1, 40) * 10;
    blockStart.set(key, start);
    const flaw: IacFlaw = { kind: 'iac', id: newId('iac'), asset, control: control.id, path: resource.file, resourceType: resource.type, resourceName: name, startLine: start, endLine: start + 8, tools };
    flaws.push(flaw);
    if (random.chance(0.3)) {
      // The same control on another resource of the same type in the same file.
      flaws.push({ ...flaw, id: newId('iac'), resourceName: `${name}_replica`, startLine: start + 500, endLine: start + 508, tools: [random.pick(tools)] });
    }
    if (random.chance(0.2)) {
      // The same resource address and control in another module folder.
      flaws.push({ ...flaw, id: newId('iac'), path: 'modules/b/main.tf', tools: [random.pick(tools)] });
      flaws.push({ ...flaw, id: newId('iac'), path: 'modules/a/main.tf', tools: [random.pick(tools)] });
    }
  }
  return flaws;
}

function secretFlaws(random: SeededRandom, asset: string, newId: NewId): SecretFlaw[] {
  const value = `AKIA${random.hex(16).toUpperCase()}`;
  const other = `ghp_${random.hex(36)}`;
  return [
    { kind: 'secret', id: newId('secret'), asset, path: 'config/settings.py', line: random.int(3, 30), rule: 'aws-access-token', secret: value, tools: random.subset<SecretTool>(['gitleaks-json', 'gitleaks-sarif']) },
    // The same value committed in a second file is a second leak to rotate and remove.
    { kind: 'secret', id: newId('secret'), asset, path: 'deploy/env.sh', line: random.int(3, 30), rule: 'aws-access-token', secret: value, tools: ['gitleaks-json'] },
    { kind: 'secret', id: newId('secret'), asset, path: 'config/settings.py', line: random.int(31, 60), rule: 'github-pat', secret: other, tools: ['gitleaks-sarif'] },
  ];
}

type SecretTool = SecretFlaw['tools'][number];

function dastFlaws(random: SeededRandom, asset: string, newId: NewId): DastFlaw[] {
  const host = `https://${asset}.example.test`;
  const flaws: DastFlaw[] = [];
  const endpoints: Array<{ path: string; parameter: string | null; cwe: number }> = [
    { path: '/search', parameter: 'q', cwe: 79 },
    { path: '/api/orders/{id}', parameter: 'sort', cwe: 89 },
    { path: '/users/{id}/profile', parameter: 'name', cwe: 79 },
    { path: '/', parameter: null, cwe: 1021 },
  ];
  for (const endpoint of endpoints) {
    const urlFor = () => `${host}${endpoint.path.replace('{id}', String(random.int(1, 9999)))}${endpoint.parameter === null ? '' : `?${endpoint.parameter}=x`}`;
    const tools = random.subset<DastTool>(['zap', 'burp']);
    const urls: Partial<Record<DastTool, string>> = {};
    for (const tool of tools) urls[tool] = urlFor();
    flaws.push({ kind: 'dast', id: newId('dast'), asset, urls, method: 'GET', parameter: endpoint.parameter, cwe: endpoint.cwe, tools });
    if (endpoint.parameter !== null && random.chance(0.5)) {
      // Another parameter of the same endpoint with the same weakness.
      flaws.push({ kind: 'dast', id: newId('dast'), asset, urls: { burp: urlFor() }, method: 'GET', parameter: `${endpoint.parameter}2`, cwe: endpoint.cwe, tools: ['burp'] });
    }
  }
  return flaws;
}

/** Copies a few Debian flaws of the first asset to the last one, where they are different flaws. */
function sameFlawOnAnotherAsset(flaws: Flaw[], newId: NewId): Flaw[] {
  const first = flaws[0]?.asset;
  const last = flaws[flaws.length - 1]?.asset;
  if (first === undefined || last === undefined || first === last) {
    return [];
  }
  return flaws
    .filter((flaw) => flaw.asset === first && flaw.kind === 'package' && flaw.ecosystem === 'deb')
    .slice(0, 3)
    .map((flaw) => ({ ...flaw, id: newId(flaw.kind), asset: last }));
}
