import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { TOPIC_NAMES } from '@sieve/contracts';
import { REPO_ROOT } from '@sieve/testing';
import { parse } from 'yaml';

// No helm binary is available here, so the chart is checked against the code
// it deploys: the stages, their ports, consumer groups, topics and settings.

const CHART = join(REPO_ROOT, 'helm/sieve');
const templates = readdirSync(join(CHART, 'templates')).map((file) => ({ file, text: readFileSync(join(CHART, 'templates', file), 'utf8') }));
const values = parse(readFileSync(join(CHART, 'values.yaml'), 'utf8')) as Record<string, unknown>;
const services = values['services'] as Record<string, { port: number; consumerGroup?: string; lagTopic?: string }>;

const stageFolders = readdirSync(join(REPO_ROOT, 'services')).filter((name) => name !== 'cli');
const sourceOf = (stage: string) => readFileSync(join(REPO_ROOT, 'services', stage, 'src', `${stage}.service.ts`), 'utf8');

/** Collects every SIEVE_* name the libraries and services read, from their source. */
function knownSettings(): Set<string> {
  const names = new Set<string>();
  const visit = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules') visit(path);
      else if (entry.name.endsWith('.ts') && !entry.name.includes('spec')) {
        for (const match of readFileSync(path, 'utf8').matchAll(/SIEVE_[A-Z_]+/g)) names.add(match[0]);
      }
    }
  };
  visit(join(REPO_ROOT, 'libs'));
  visit(join(REPO_ROOT, 'services'));
  return names;
}

/** Follows a dotted path such as `config.kafkaBrokers` into the values. */
function lookup(path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), values);
}

describe('Helm chart', () => {
  it('has one entry per stage with its default port', () => {
    assert.deepEqual(Object.keys(services).sort(), stageFolders.sort());
    for (const stage of stageFolders) {
      const port = /defaultPort: (\d+)/.exec(sourceOf(stage))?.[1];
      assert.equal(services[stage]!.port, Number(port), `${stage} port`);
    }
  });

  it('scales consuming stages on their real groups and topics', () => {
    for (const [stage, service] of Object.entries(services)) {
      if (service.consumerGroup === undefined) continue;
      assert.ok(sourceOf(stage).includes(`group: '${service.consumerGroup}'`), `${stage} has no consumer group ${service.consumerGroup}`);
      assert.ok((TOPIC_NAMES as string[]).includes(service.lagTopic ?? ''), `${stage} lag topic ${service.lagTopic} is not in the catalogue`);
      assert.ok(sourceOf(stage).includes(`'${service.lagTopic}'`), `${stage} does not consume ${service.lagTopic}`);
    }
  });

  it('refers only to values that exist', () => {
    for (const { file, text } of templates) {
      for (const [, path] of text.matchAll(/\$?\.Values\.([A-Za-z0-9_.]+)/g)) {
        assert.notEqual(lookup(path!), undefined, `${file} reads .Values.${path}, which values.yaml does not define`);
      }
      for (const [, key] of text.matchAll(/\$service\.([A-Za-z]+)/g)) {
        assert.ok(Object.values(services).some((service) => key! in service), `${file} reads $service.${key}, which no service entry has`);
      }
    }
  });

  it('sets only settings the services read', () => {
    const known = knownSettings();
    for (const { file, text } of templates) {
      for (const [name] of text.matchAll(/SIEVE_[A-Z_]+/g)) {
        assert.ok(known.has(name), `${file} sets ${name}, which no service reads`);
      }
    }
  });

  it('closes every template block', () => {
    for (const { file, text } of templates) {
      const opened = [...text.matchAll(/\{\{-?\s*(if|range|define|with)\b/g)].length;
      const closed = [...text.matchAll(/\{\{-?\s*end\s*-?\}\}/g)].length;
      assert.equal(closed, opened, `${file}: ${opened} blocks opened, ${closed} closed`);
      assert.equal([...text.matchAll(/\{\{/g)].length, [...text.matchAll(/\}\}/g)].length, `${file}: unbalanced braces`);
    }
  });

  it('starts entry points that exist in the image', () => {
    const dockerfile = readFileSync(join(REPO_ROOT, 'deploy/container/Dockerfile'), 'utf8');
    for (const { text } of templates) {
      for (const [, entry] of text.matchAll(/args: \["([^"]+)"\]/g)) {
        const paths = entry!.includes('{{') ? stageFolders.map((stage) => entry!.replace(/\{\{[^}]*\}\}/, stage)) : [entry!];
        for (const path of paths) {
          assert.ok(existsSync(join(REPO_ROOT, path)), `${path} does not exist`);
          assert.ok(dockerfile.split('\n').some((line) => line.startsWith('COPY') && path.startsWith(line.split(/\s+/)[1]!)), `the image does not copy ${path}`);
        }
      }
    }
  });

  it('runs containers as non-root with a read-only root file system', () => {
    assert.equal((values['podSecurityContext'] as Record<string, unknown>)['runAsNonRoot'], true);
    assert.equal((values['containerSecurityContext'] as Record<string, unknown>)['readOnlyRootFilesystem'], true);
    assert.equal(parse(readFileSync(join(CHART, 'Chart.yaml'), 'utf8')).appVersion, JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).version);
  });
});
