import type { Package, ParsedFinding, Tool, TriageStatement } from '@sieve/contracts';
import { parsePurl } from '@sieve/domain';
import { buildFinding } from '../../finding-builder.js';
import { arr, field, isObject, str, strings } from '../../json-access.js';
import { pointer } from '../../json-pointer.js';
import { packageFromPurl } from '../../package-builder.js';
import type { ParseWarning } from '../../report-format.js';

// Purl types whose namespace is the distribution, which is no part of the package's name.
const OS_PURL_TYPES = new Set(['apk', 'deb', 'rpm', 'alpm']);
// The four statuses OpenVEX defines; they are Sieve's triage states too.
const STATUSES = new Set(['not_affected', 'affected', 'fixed', 'under_investigation']);

export interface OpenVexContext {
  tool: Tool;
  warnings: ParseWarning[];
}

/** A statement's vulnerability: its name (the id), aliases and description. */
interface VexVulnerability {
  name: string;
  aliases: string[];
  description: string | null;
}

/**
 * Builds one finding per product of a statement, which gives the
 * vulnerability's status in that product. The product's purl, from its @id
 * or identifiers.purl, names the package. A statement without a known
 * status, vulnerability or products is skipped with a warning.
 */
export function statementFindings(statement: unknown, location: string, context: OpenVexContext): ParsedFinding[] {
  const vulnerability = readVulnerability(field(statement, 'vulnerability'));
  const status = str(field(statement, 'status'))?.toLowerCase() ?? null;
  const products = arr(field(statement, 'products'));
  if (!isObject(statement) || vulnerability === null || status === null || !STATUSES.has(status) || products.length === 0) {
    context.warnings.push({ message: 'statement without a vulnerability name, a known status or products skipped', location });
    return [];
  }
  const triage: TriageStatement = {
    state: status,
    justification: str(field(statement, 'justification')),
    detail: str(field(statement, 'impact_statement')),
  };
  const notes = [str(field(statement, 'status_notes')), str(field(statement, 'action_statement')), vulnerability.description];
  return products.map((product, index) => {
    const at = pointer(location, 'products', index);
    const pkg = productPackage(product, at, context);
    const subject = pkg === null ? (productId(product) ?? 'an unnamed product') : `${pkg.name}${pkg.version === null ? '' : ` ${pkg.version}`}`;
    return buildFinding({
      tool: context.tool,
      category: 'sca',
      title: `${vulnerability.name} in ${subject}: ${status.replace('_', ' ')}`,
      description: describe(notes, product),
      vulnerabilityIds: [vulnerability.name],
      aliases: vulnerability.aliases,
      package: pkg,
      triage,
      sourcePointer: at,
    });
  });
}

/** OpenVEX 0.2 writes the vulnerability as an object; earlier drafts as the bare id. */
function readVulnerability(value: unknown): VexVulnerability | null {
  const bare = typeof value === 'string' ? str(value) : null;
  const name = bare ?? str(field(value, 'name')) ?? str(field(value, '@id'));
  if (name === null) {
    return null;
  }
  return { name, aliases: strings(field(value, 'aliases')), description: str(field(value, 'description')) };
}

/** Returns the product's @id; a product is an object with @id and identifiers, or (in early drafts) the bare purl. */
function productId(product: unknown): string | null {
  return typeof product === 'string' ? str(product) : str(field(product, '@id'));
}

function productPackage(product: unknown, location: string, context: OpenVexContext): Package | null {
  const id = productId(product);
  const purl = id?.startsWith('pkg:') === true ? id : str(field(field(product, 'identifiers'), 'purl'));
  const pkg = purl === null ? null : purlPackage(purl);
  if (pkg === null) {
    const problem = purl === null ? 'names no package URL' : `has an invalid package URL "${purl.slice(0, 200)}"`;
    context.warnings.push({ message: `product ${problem}; finding kept without a package`, location });
  }
  return pkg;
}

/** Builds the package a purl names. An OS package is named without its distribution ("busybox", not "alpine/busybox"). */
function purlPackage(purl: string): Package | null {
  const parts = parsePurl(purl);
  return parts !== null && OS_PURL_TYPES.has(parts.type) ? packageFromPurl(purl, { name: parts.name }) : packageFromPurl(purl);
}

/** Joins the statement's notes and names the subcomponents, which the finding's package does not cover. */
function describe(notes: Array<string | null>, product: unknown): string | null {
  const subcomponents = arr(field(product, 'subcomponents'))
    .map((subcomponent) => productId(subcomponent) ?? str(field(field(subcomponent, 'identifiers'), 'purl')))
    .filter((id): id is string => id !== null);
  const parts = [...notes, subcomponents.length === 0 ? null : `Subcomponents: ${subcomponents.join(', ')}.`];
  const text = parts.filter((part): part is string => part !== null).join('\n\n');
  return text.length > 0 ? text : null;
}
