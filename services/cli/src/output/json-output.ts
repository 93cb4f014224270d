import type { RunOutput } from './run-output.js';

/** The public JSON contract of `sieve run --format json`: one object with findings and inputs. */
export function renderJson(output: RunOutput): string {
  return `${JSON.stringify({ findings: output.findings, inputs: output.inputs }, null, 2)}\n`;
}
