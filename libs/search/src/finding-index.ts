import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@opensearch-project/opensearch';
import type { FindingDocument } from './finding-document.js';

const TEMPLATE_FILE = join(dirname(fileURLToPath(import.meta.url)), '../templates/sieve-findings.template.json');

export interface FindingSearch {
  asset?: string;
  owner?: string;
  priority?: string;
  severity?: string;
  status?: string;
  category?: string;
  vulnerabilityId?: string;
  /** Free text over title, reasons, ids and package. */
  text?: string;
  from?: number;
  size?: number;
}

export interface FindingIndexOptions {
  url: string;
  /** Alias readers use; the versioned indices behind it are `<alias>-v<n>`. */
  alias?: string;
  maxRetries?: number;
}

/**
 * The findings read model in OpenSearch: an index template kept in the
 * repository, versioned indices behind an alias, bulk writes with retry, and
 * a rebuild that fills a new version and swaps the alias in one step.
 */
export class FindingIndex {
  readonly client: Client;
  readonly alias: string;
  private readonly maxRetries: number;

  constructor(options: FindingIndexOptions) {
    this.client = new Client({ node: options.url });
    this.alias = options.alias ?? 'sieve-findings';
    this.maxRetries = options.maxRetries ?? 5;
  }

  /** Installs the template and creates version 1 behind the alias when the alias does not exist. */
  async ensure(): Promise<void> {
    const template = JSON.parse(readFileSync(TEMPLATE_FILE, 'utf8')) as { index_patterns: string[]; template: Record<string, unknown> };
    await this.client.indices.putIndexTemplate({
      name: `${this.alias}-template`,
      body: { ...template, index_patterns: [`${this.alias}-v*`] },
    });
    const exists = await this.client.indices.existsAlias({ name: this.alias });
    if (!exists.body) {
      await this.client.indices.create({ index: `${this.alias}-v1`, body: { aliases: { [this.alias]: {} } } });
    }
  }

  /** Indexes documents by id; retries the items of a bulk request that failed with 429 or 5xx. */
  async indexMany(documents: FindingDocument[], index: string = this.alias, refresh = false): Promise<void> {
    let pending = documents;
    for (let attempt = 1; pending.length > 0; attempt++) {
      const body = pending.flatMap((document) => [{ index: { _index: index, _id: document.id } }, document]);
      const response = await this.client.bulk({ body, refresh: refresh ? 'wait_for' : false });
      const items = response.body.items as Array<{ index?: { status: number; error?: { reason?: string } } }>;
      const retry: FindingDocument[] = [];
      pending.forEach((document, i) => {
        const result = items[i]?.index;
        const status = result?.status ?? 500;
        if (status < 300) return;
        if (status !== 429 && status < 500) {
          throw new Error(`OpenSearch rejected finding ${document.id}: ${result?.error?.reason ?? `status ${status}`}`);
        }
        retry.push(document);
      });
      if (retry.length > 0 && attempt >= this.maxRetries) {
        throw new Error(`OpenSearch bulk indexing still failing for ${retry.length} documents after ${attempt} attempts`);
      }
      if (retry.length > 0) await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
      pending = retry;
    }
  }

  /**
   * Fills a new index version with the given pages of documents, then points
   * the alias at it and deletes the old versions. Readers see either the old
   * or the new view, never a partial one.
   */
  async rebuild(pages: AsyncIterable<FindingDocument[]>): Promise<{ index: string; documents: number }> {
    await this.ensure();
    const current = await this.currentIndices();
    const version = Math.max(0, ...current.map((name) => Number(name.slice(this.alias.length + 2)) || 0)) + 1;
    const index = `${this.alias}-v${version}`;
    await this.client.indices.create({ index });
    let documents = 0;
    for await (const page of pages) {
      await this.indexMany(page, index);
      documents += page.length;
    }
    await this.client.indices.refresh({ index });
    await this.client.indices.updateAliases({
      body: { actions: [...current.map((old) => ({ remove: { index: old, alias: this.alias } })), { add: { index, alias: this.alias } }] },
    });
    for (const old of current) {
      await this.client.indices.delete({ index: old });
    }
    return { index, documents };
  }

  async refresh(): Promise<void> {
    await this.client.indices.refresh({ index: this.alias });
  }

  /** Searches the ranked queue: active findings first, then by score and severity. */
  async search(query: FindingSearch): Promise<{ total: number; ids: string[] }> {
    const filters: unknown[] = [];
    const term = (field: string, value: string | undefined) => {
      if (value) filters.push({ term: { [field]: value } });
    };
    term('asset', query.asset);
    term('owner', query.owner);
    term('priority', query.priority);
    term('severity', query.severity);
    term('status', query.status);
    term('category', query.category);
    term('vulnerabilityIds', query.vulnerabilityId);
    const must = query.text
      ? [{ multi_match: { query: query.text, fields: ['title^3', 'reasons', 'vulnerabilityIds', 'package', 'path', 'asset'], lenient: true } }]
      : [{ match_all: {} }];
    const response = await this.client.search({
      index: this.alias,
      body: <Record<string, unknown>>{
        from: query.from ?? 0,
        size: query.size ?? 50,
        track_total_hits: true,
        _source: false,
        query: { bool: { must, filter: filters } },
        sort: [{ active: 'desc' }, { score: { order: 'desc', missing: '_last' } }, { severityRank: 'desc' }, { id: 'asc' }],
      },
    });
    const hits = response.body.hits as { total: { value: number } | number; hits: Array<{ _id: string }> };
    return { total: typeof hits.total === 'number' ? hits.total : hits.total.value, ids: hits.hits.map((hit) => hit._id) };
  }

  private async currentIndices(): Promise<string[]> {
    const response = await this.client.indices.getAlias({ name: this.alias }).catch(() => ({ body: {} }));
    return Object.keys(response.body as Record<string, unknown>);
  }
}
