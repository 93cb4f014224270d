import { createReadStream, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { UsageError } from '@sieve/domain';
import { scanInputs } from '../run/input-files.js';

interface UploadOptions {
  inputs: string[];
  url: string;
  asset: string | null;
  scope: string | null;
  tool: string | null;
}

/**
 * `sieve upload`: sends reports to a running ingest service, one request per
 * file, and prints the report id of each. Returns 1 when any upload failed.
 */
export async function uploadCommand(argv: string[]): Promise<number> {
  const options = parseUploadOptions(argv);
  const scan = scanInputs(options.inputs);
  let failed = 0;
  for (const file of scan.reports) {
    const query = new URLSearchParams({ asset: options.asset ?? file.folderName, name: file.path });
    if (options.scope) query.set('scope', options.scope);
    if (options.tool) query.set('tool', options.tool);
    const target = `${options.url.replace(/\/+$/, '')}/v1/reports?${query.toString()}`;
    try {
      // Streamed from disk, so a report of a gigabyte is sent without being read into memory.
      const response = await fetch(target, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream', 'content-length': String(statSync(file.path).size) },
        body: Readable.toWeb(createReadStream(file.path)) as ReadableStream<Uint8Array>,
        duplex: 'half',
      } as RequestInit);
      const text = await response.text();
      if (response.status !== 202) {
        failed++;
        process.stderr.write(`sieve: upload of ${file.path} failed with HTTP ${response.status}: ${text.slice(0, 500)}\n`);
        continue;
      }
      const body = JSON.parse(text) as { reportId: string; duplicate: boolean };
      process.stdout.write(`${file.path}\t${body.reportId}${body.duplicate ? '\t(already ingested)' : ''}\n`);
    } catch (error) {
      failed++;
      process.stderr.write(`sieve: upload of ${file.path} to ${options.url} failed: ${(error as Error).message}\n`);
    }
  }
  return failed > 0 ? 1 : 0;
}

function parseUploadOptions(argv: string[]): UploadOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { url: { type: 'string' }, asset: { type: 'string' }, scope: { type: 'string' }, tool: { type: 'string' } },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const url = parsed.values.url;
  if (!url || !/^https?:\/\/[^/]+/.test(url)) {
    throw new UsageError('sieve upload needs --url <ingest service URL>, for example --url http://127.0.0.1:3101');
  }
  if (parsed.positionals.length === 0) {
    throw new UsageError('sieve upload needs at least one report file or folder');
  }
  for (const input of parsed.positionals) {
    try {
      statSync(input);
    } catch {
      throw new UsageError(`input not found: ${input}`);
    }
  }
  return { inputs: parsed.positionals, url, asset: parsed.values.asset ?? null, scope: parsed.values.scope ?? null, tool: parsed.values.tool ?? null };
}
