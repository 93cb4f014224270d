import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * The shared sample corpus of real scanner reports. It sits beside the
 * repository (../shared/samples) on development and CI machines and is never
 * copied into the repository; SIEVE_SAMPLES_DIR points elsewhere.
 */
export function samplesDir(): string {
  const dir = process.env['SIEVE_SAMPLES_DIR'] ?? join(repoRoot, '..', 'shared', 'samples');
  if (!existsSync(dir)) {
    throw new Error(`sample reports not found at ${dir}; set SIEVE_SAMPLES_DIR to the folder of scanner samples`);
  }
  return dir;
}

/** Absolute path of one sample, for example samplePath('trivy-json', 'x.json'). */
export function samplePath(folder: string, file: string): string {
  return join(samplesDir(), folder, file);
}

export function readSample(folder: string, file: string): Buffer {
  return readFileSync(samplePath(folder, file));
}

export function readSampleJson(folder: string, file: string): unknown {
  return JSON.parse(readSample(folder, file).toString('utf8').replace(/^\uFEFF/, ''));
}

/** File names in one sample folder, sorted. */
export function sampleFiles(folder: string): string[] {
  return readdirSync(join(samplesDir(), folder)).sort();
}

/** The CISA KEV catalogue kept beside the samples. */
export function kevCataloguePath(): string {
  const path = join(samplesDir(), '..', 'intel', 'kev', 'known_exploited_vulnerabilities.json');
  if (!existsSync(path)) {
    throw new Error(`KEV catalogue not found at ${path}`);
  }
  return path;
}

export const REPO_ROOT = repoRoot;
