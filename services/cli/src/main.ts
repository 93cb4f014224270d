import { UsageError } from '@sieve/domain';
import { contextCommand } from './context/context-push.command.js';
import { runCommand } from './run/run.command.js';
import { uploadCommand } from './upload/upload.command.js';
import { policyCommand } from './policy/what-if.command.js';
import { findingCommand } from './finding/finding.command.js';
import { USAGE } from './usage.js';

/** Runs one sieve command and returns the process exit code: 0 success, 1 some input rejected, 2 usage error. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'run':
        return await runCommand(rest);
      case 'upload':
        return await uploadCommand(rest);
      case 'policy':
        return await policyCommand(rest);
      case 'context':
        return await contextCommand(rest);
      case 'finding':
        return await findingCommand(rest);
      case '--version':
      case 'version':
        process.stdout.write(`sieve ${await cliVersion()}\n`);
        return 0;
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`sieve: ${error.message}\nRun "sieve help" for usage.\n`);
      return 2;
    }
    throw error;
  }
}

async function cliVersion(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const manifest = JSON.parse(await readFile(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  return manifest.version;
}
