// Writes docs/topics.md from the topic catalogue; a test fails when it is stale.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderTopicsPage } from '../libs/contracts/src/codegen/render-topics.js';

const target = join(import.meta.dirname, '..', 'docs', 'topics.md');
writeFileSync(target, renderTopicsPage());
console.log(`wrote ${target}`);
