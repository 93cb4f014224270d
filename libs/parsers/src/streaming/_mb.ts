import { readFileSync } from 'node:fs';
import { streamJsonBatches } from './json-value-stream.js';
import { RawValueScan } from './raw-value-scan.js';
const buf = readFileSync(process.argv[2] as string);
const SEL = { members: { runs: { elements: { members: { results: { elements: 'whole' as const } }, order: 'rest-first' as const } } } };
async function scan() { let n = 0; for await (const b of streamJsonBatches(buf, SEL)) n += b.length; return n; }
function skip() { const raw = new RawValueScan(1 << 24, 256, null); const CH = 1 << 20; let i = buf.indexOf(0x7b); let first = true; for (let at = 0; at < buf.length; at += CH) { const chunk = buf.subarray(at, Math.min(buf.length, at + CH)); if (first) { raw.begin(chunk, i, at + i, 'skip', 256); first = false; } else i = 0; const end = raw.scan(chunk, i, at); if (end < 0) raw.suspend(chunk, at); } }
function parse() { return JSON.parse(buf.toString('utf8')) ? 1 : 0; }
const cpu = async (f: () => unknown) => { const c0 = process.cpuUsage(); await f(); const c = process.cpuUsage(c0); return Math.round((c.user + c.system) / 1000); };
for (let r = 0; r < 4; r++) console.log('parse', await cpu(parse), 'scan', await cpu(scan), 'skip', await cpu(skip));
