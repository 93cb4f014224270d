import { parseArgs } from 'node:util';
import { UsageError } from '@sieve/domain';
import { CONTEXT_ARGUMENTS, loadContextFiles, type ContextOptions } from '../run/context-files.js';

interface PushOptions extends ContextOptions {
  url: string;
}

/**
 * `sieve context push`: reads the same context files as `sieve run` and sends
 * them to a running ingest service, which publishes them on the compacted
 * context and intel topics. Enrich then re-scores every finding they affect.
 */
export async function contextCommand(argv: string[]): Promise<number> {
  const [subcommand, ...rest] = argv;
  if (subcommand !== 'push') {
    throw new UsageError(subcommand === undefined ? 'sieve context needs a subcommand: push' : `unknown context subcommand "${subcommand}"; use push`);
  }
  const options = parsePushOptions(rest);
  const context = loadContextFiles(options, { catalogFiles: [], codeownersFiles: [] }, new Date());
  for (const warning of context.warnings) {
    process.stderr.write(`warning: ${warning.message}${warning.location ? ` (${warning.location})` : ''}\n`);
  }

  const target = `${options.url.replace(/\/+$/, '')}/v1/context`;
  let response: Response;
  try {
    response = await fetch(target, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ assets: context.assets, intel: context.intel }),
    });
  } catch (error) {
    process.stderr.write(`sieve: context push to ${options.url} failed: ${(error as Error).message}\n`);
    return 1;
  }
  const text = await response.text();
  if (response.status !== 202) {
    process.stderr.write(`sieve: context push failed with HTTP ${response.status}: ${text.slice(0, 500)}\n`);
    return 1;
  }
  process.stdout.write(`published ${context.assets.length} asset contexts and ${context.intel.length} intel records\n`);
  return 0;
}

function parsePushOptions(argv: string[]): PushOptions {
  let values: Record<string, string | string[] | undefined>;
  try {
    values = parseArgs({
      args: argv,
      strict: true,
      options: { url: { type: 'string' }, ...CONTEXT_ARGUMENTS },
    }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }

  const url = values['url'] as string | undefined;
  if (!url || !/^https?:\/\/[^/]+/.test(url)) {
    throw new UsageError('sieve context push needs --url <ingest service URL>, for example --url http://127.0.0.1:3101');
  }
  const options: PushOptions = {
    url,
    catalog: (values['catalog'] as string[] | undefined) ?? [],
    codeowners: (values['codeowners'] as string | undefined) ?? null,
    k8s: (values['k8s'] as string[] | undefined) ?? [],
    runtime: (values['runtime'] as string[] | undefined) ?? [],
    kev: (values['kev'] as string | undefined) ?? null,
    epss: (values['epss'] as string | undefined) ?? null,
    osv: (values['osv'] as string[] | undefined) ?? [],
  };
  const named = options.catalog.length + options.k8s.length + options.runtime.length + options.osv.length + [options.codeowners, options.kev, options.epss].filter(Boolean).length;
  if (named === 0) {
    throw new UsageError('sieve context push needs at least one of --catalog, --codeowners, --k8s, --runtime, --kev, --epss, --osv');
  }
  return options;
}
