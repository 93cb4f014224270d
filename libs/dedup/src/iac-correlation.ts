import type { NormalizedFinding, ParsedFinding } from '@sieve/contracts';
import { normalizeRepoPath } from '@sieve/domain';
import { noMatch, sameTool, type Correlation } from './correlation.js';
import { lineGap } from './code-correlation.js';
import { IAC_CONTROLS, type IacControl } from './iac-controls.js';
import { stripVolatile } from './volatile-values.js';

const CONTROL_INDEX = new Map<string, IacControl>(
  IAC_CONTROLS.flatMap((control) => [...control.checkov, ...control.tfsec, ...control.trivy, ...control.kics].map((id) => [id.toLowerCase(), control] as [string, IacControl])),
);

const MAX_ADDRESS_CHARS = 1000;
const TERRAFORM_NAME = /^[A-Za-z_][\w-]{0,200}$/;
const KICS_SEARCH_KEY = /^(?:resource\.)?([A-Za-z][\w-]{0,200})\[([^\]]{1,200})\]/;

/** Returns the control a rule id of Checkov, tfsec, Trivy or KICS maps to (ids compared without case), or null. */
export function iacControlOf(ruleId: string | null): IacControl | null {
  return ruleId === null ? null : (CONTROL_INDEX.get(ruleId.trim().toLowerCase()) ?? null);
}

/**
 * The control part of an IaC key: `iac:<control>` for a mapped rule, so that
 * every tool's id of one check gives the same text, else the tool and its
 * own rule.
 */
export function iacControlKey(finding: ParsedFinding): string {
  const control = iacControlOf(finding.ruleId);
  if (control !== null) {
    return `iac:${control.id}`;
  }
  return `tool:${finding.tool.name.toLowerCase()}:${finding.ruleId ?? stripVolatile(finding.title)}`;
}

/**
 * A Terraform resource as every tool can be made to write it:
 * `[module.<name>.]*<type>.<name>`, with count and for_each indexes and
 * attribute paths removed. Reads Checkov and Trivy addresses
 * (`module.vpc.aws_subnet.a[0]`), tfsec's `module.vpc:aws_subnet.a`, KICS
 * search keys (`aws_s3_bucket[logs].acl`) and KICS' separate resource type and
 * name. Anything else (a Dockerfile "resource") comes back with only volatile
 * values removed; null stays null.
 */
export function canonicalResource(resourceName: string | null, resourceType: string | null = null): string | null {
  if (resourceName === null) {
    return null;
  }
  const raw = resourceName.trim().slice(0, MAX_ADDRESS_CHARS);
  const searchKey = KICS_SEARCH_KEY.exec(raw);
  if (searchKey !== null) {
    return `${searchKey[1]}.${searchKey[2]}`;
  }
  if (resourceType !== null && TERRAFORM_NAME.test(raw) && resourceType.includes('_')) {
    return `${resourceType}.${raw}`;
  }
  return terraformAddress(raw) ?? stripVolatile(raw);
}

function terraformAddress(raw: string): string | null {
  const parts = withoutIndexes(raw.replace(/:/g, '.')).split('.').filter((part) => part.length > 0);
  const kept: string[] = [];
  let index = 0;
  while (parts[index] === 'module' && index + 1 < parts.length) {
    kept.push('module', parts[index + 1]!);
    index += 2;
  }
  if (parts[index] === 'data') {
    kept.push('data');
    index += 1;
  }
  const type = parts[index];
  const name = parts[index + 1];
  if (type === undefined || name === undefined || !type.includes('_') || !TERRAFORM_NAME.test(type) || !TERRAFORM_NAME.test(name)) {
    return null;
  }
  return [...kept, type, name].join('.');
}

function withoutIndexes(address: string): string {
  let result = '';
  let depth = 0;
  for (const char of address) {
    if (char === '[') {
      depth += 1;
    } else if (char === ']') {
      depth = Math.max(0, depth - 1);
    } else if (depth === 0) {
      result += char;
    }
  }
  return result;
}

/**
 * The resource part of an IaC key: `*` for a file-scoped control (tools
 * report Dockerfile checks with different resource names or none), else the
 * canonical Terraform address, else `-`.
 */
export function iacTarget(finding: ParsedFinding): string {
  const control = iacControlOf(finding.ruleId);
  if (control?.scope === 'file') {
    return '*';
  }
  return canonicalResource(finding.location.resourceName, finding.location.resourceType) ?? '-';
}

/**
 * True when two report paths name the same file: equal after normalising, or
 * the shorter one is the whole tail of the longer one at a "/" boundary and
 * has at least two segments. Tools print paths relative to different roots
 * (tfsec the absolute path it was given, Checkov the scanned folder), and the
 * two-segment floor keeps a bare "main.tf" from matching every module's
 * main.tf.
 */
export function sameIacFile(a: string, b: string): boolean {
  const x = normalizeRepoPath(a);
  const y = normalizeRepoPath(b);
  if (x === y) {
    return true;
  }
  const [shorter, longer] = x.length <= y.length ? [x, y] : [y, x];
  return shorter.split('/').length >= 2 && longer.endsWith(`/${shorter}`);
}

/**
 * Decides whether two IaC findings of different tools on one asset are the
 * same misconfiguration: the same mapped control, the same file (see
 * sameIacFile), and for a resource-scoped control the same canonical
 * resource. When one tool names no resource that can be read as a Terraform
 * address, overlapping line ranges stand in for it.
 */
export function correlateIac(a: NormalizedFinding, b: NormalizedFinding): Correlation {
  const x = a.finding;
  const y = b.finding;
  if (x.category !== 'iac' || y.category !== 'iac') {
    return noMatch('not both IaC findings');
  }
  if (a.asset !== b.asset) {
    return noMatch('different assets');
  }
  if (sameTool(x.tool, y.tool)) {
    return noMatch('same tool: its own findings stay apart');
  }
  const control = iacControlOf(x.ruleId);
  if (control === null || control !== iacControlOf(y.ruleId)) {
    return noMatch('not the same mapped control');
  }
  if (x.location.path === null || y.location.path === null || !sameIacFile(x.location.path, y.location.path)) {
    return noMatch('different files');
  }
  if (control.scope === 'file') {
    return { match: true, rule: 'iac-control', reason: `control ${control.id} on the same file`, distance: 0 };
  }
  return compareResources(x, y, control);
}

function compareResources(x: ParsedFinding, y: ParsedFinding, control: IacControl): Correlation {
  const resourceX = canonicalResource(x.location.resourceName, x.location.resourceType);
  const resourceY = canonicalResource(y.location.resourceName, y.location.resourceType);
  const addressX = resourceX !== null && terraformAddress(resourceX) !== null;
  const addressY = resourceY !== null && terraformAddress(resourceY) !== null;
  if (addressX && addressY) {
    return resourceX === resourceY
      ? { match: true, rule: 'iac-control', reason: `control ${control.id} on ${resourceX}`, distance: 0 }
      : noMatch(`different resources (${resourceX}, ${resourceY})`);
  }
  const gap = lineGap(x, y);
  if (gap === 0) {
    return { match: true, rule: 'iac-control', reason: `control ${control.id}, a resource unnamed, overlapping lines`, distance: 1 };
  }
  return noMatch('no resource name to compare and no overlapping lines');
}
