// One measurement of the parser benchmark, run in its own process so that
// GNU time reports the peak RSS of that measurement alone. Prints one JSON
// line: {"mode", "format", "bytes", "seconds", "cpuSeconds", "count"}. Usage:
//   node --import tsx bench/parsers/parse-worker.ts <noop|json-parse|scan|stream|parse> <sarif|trivy> <file>
// Modes: noop loads the modules only (the RSS floor); json-parse is
// JSON.parse(readFileSync(file, 'utf8')); scan is the streaming scanner
// alone (elements parsed, no mapping); stream is the format's parseStream;
// parse is the format's whole-document parse.
import { readFileSync, statSync } from 'node:fs';
import { formatById, ReportInput, streamJsonBatches, type JsonSelection } from '@sieve/parsers';

// The element selections of the two stream parsers, without their mapping, to time the scanner alone.
const SELECTIONS: Record<string, JsonSelection> = {
  sarif: { members: { runs: { elements: { members: { results: { elements: 'whole' } }, order: 'rest-first' } } } },
  trivy: {
    members: { Results: { elements: { members: { Vulnerabilities: { elements: 'whole' } }, order: 'rest-first', needs: ['Target', 'Class', 'Type'] } } },
    order: 'rest-first',
    needs: ['Trivy', 'ArtifactName', 'ArtifactType', 'Metadata'],
  },
};

const [mode, formatId, file] = process.argv.slice(2);
if (mode === undefined || formatId === undefined || file === undefined || SELECTIONS[formatId] === undefined) {
  console.error('usage: parse-worker.ts <noop|json-parse|scan|stream|parse> <sarif|trivy> <file>');
  process.exit(2);
}

const started = performance.now();
const cpuBefore = process.cpuUsage();
const count = await measure(mode, formatId, file);
const cpu = process.cpuUsage(cpuBefore);
const seconds = (performance.now() - started) / 1000;
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
console.log(JSON.stringify({ mode, format: formatId, bytes: statSync(file).size, seconds, cpuSeconds, count }));

async function measure(name: string, id: string, path: string): Promise<number> {
  const format = formatById(id);
  switch (name) {
    case 'noop':
      return format === undefined ? 0 : 1;
    case 'json-parse': {
      const document = JSON.parse(readFileSync(path, 'utf8')) as unknown;
      return document === null ? 0 : 1;
    }
    case 'scan': {
      let events = 0;
      for await (const batch of streamJsonBatches(path, SELECTIONS[id] as JsonSelection)) {
        events += batch.length;
      }
      return events;
    }
    case 'stream': {
      const stream = format?.parseStream?.(path);
      if (stream === undefined) {
        throw new Error(`format ${id} has no stream parser`);
      }
      let findings = 0;
      for await (const finding of stream) {
        findings += finding === null ? 0 : 1;
      }
      return findings;
    }
    case 'parse':
      return format?.parse(new ReportInput(readFileSync(path))).findings.length ?? 0;
    default:
      throw new Error(`unknown mode ${name}`);
  }
}
