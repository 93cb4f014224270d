import type { ParsedFinding } from '@sieve/contracts';
import { imageName, ReportRejectedError } from '@sieve/domain';
import { field, isObject, str, strings, type JsonObject } from '../../json-access.js';
import type { ParseResult, ReportFormat } from '../../report-format.js';
import type { ReportInput } from '../../report-input.js';
import type { GrypeScan } from './grype.context.js';
import { matchFinding } from './grype.match.js';

export const grypeFormat: ReportFormat = {
  id: 'grype',
  displayName: 'Grype JSON (0.7 and later)',
  detect: detectGrype,
  parse: parseGrype,
};

function detectGrype(input: ReportInput): boolean {
  if (!input.isJson()) {
    return false;
  }
  const report = input.json();
  return Array.isArray(field(report, 'matches')) && (isObject(field(report, 'source')) || isObject(field(report, 'descriptor')));
}

function parseGrype(input: ReportInput): ParseResult {
  const report = input.json();
  const matches = field(report, 'matches');
  if (!isObject(report) || !Array.isArray(matches)) {
    throw new ReportRejectedError('invalid_report', 'Grype report is not a JSON object with a "matches" array', '');
  }

  const scan = newScan(report);
  const findings = matches.map((match, index) => matchFinding(match, index, scan)).filter((finding): finding is ParsedFinding => finding !== null);
  return { tool: scan.tool, findings, warnings: scan.warnings, assetName: assetName(report), complete: true, components: [], secretValues: [] };
}

function newScan(report: JsonObject): GrypeScan {
  const source = field(report, 'source');
  const isImage = str(field(source, 'type')) === 'image';
  const target = field(source, 'target');
  const distroName = str(field(field(report, 'distro'), 'name'));
  return {
    tool: { name: 'grype', version: str(field(field(report, 'descriptor'), 'version')) },
    isImage,
    image: isImage ? assetName(report) : null,
    imageDigest: isImage ? (str(field(target, 'manifestDigest')) ?? str(field(target, 'imageID'))) : null,
    distro: distroName === null ? null : { name: distroName.toLowerCase(), version: str(field(field(report, 'distro'), 'version')) },
    warnings: [],
  };
}

// Source schemes Grype accepts in front of an image reference ("registry:alpine:3.12").
const IMAGE_SCHEME = /^(docker|podman|registry|containerd|docker-archive|oci-archive|oci-dir|singularity):/;
const ARCHIVE_SCHEMES = new Set(['docker-archive', 'oci-archive', 'oci-dir', 'singularity']);

/**
 * Returns the scanned asset. For an image that is the name the user gave
 * (source.target.userInput) without scheme and tag, or the image's first tag
 * when the user gave an archive file. For a directory or file scan it is the
 * path Grype was given, except the bare working directory ".".
 */
function assetName(report: JsonObject): string | null {
  const source = field(report, 'source');
  const target = field(source, 'target');
  const userInput = typeof target === 'string' ? str(target) : str(field(target, 'userInput'));
  if (userInput === null) {
    return null;
  }
  if (str(field(source, 'type')) === 'image') {
    const scheme = IMAGE_SCHEME.exec(userInput)?.[1] ?? null;
    const firstTag = strings(field(target, 'tags'))[0] ?? null;
    if (scheme !== null && ARCHIVE_SCHEMES.has(scheme)) {
      return firstTag === null ? userInput.slice(scheme.length + 1) : imageName(firstTag);
    }
    return imageName(scheme === null ? userInput : userInput.slice(scheme.length + 1));
  }
  const path = userInput.replace(/\/+$/, '');
  return path === '' || path === '.' ? null : path;
}
