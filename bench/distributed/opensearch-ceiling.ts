// Ceiling for the search view. The run's own finding documents are read back
// from the view with a scroll. They are bulk-indexed into a fresh index with
// the same mappings, analyzers and shard count, one bulk request at a time,
// as the report service does.
import { performance } from 'node:perf_hooks';

export interface OpenSearchCeiling {
  documents: number;
  /** Seconds spent in the _bulk requests only. */
  bulkSeconds: number;
}

interface ScrollPage {
  _scroll_id: string;
  hits: { hits: Array<{ _id: string; _source: unknown }> };
}

async function request<T>(url: string, method: string, body?: unknown, contentType = 'application/json'): Promise<T> {
  let payload: string | undefined;
  if (typeof body === 'string') payload = body;
  else if (body !== undefined) payload = JSON.stringify(body);
  const response = await fetch(url, { method, headers: { 'content-type': contentType }, body: payload });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url} failed with HTTP ${response.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}

async function readAll(base: string, alias: string): Promise<Array<{ id: string; source: unknown }>> {
  const documents: Array<{ id: string; source: unknown }> = [];
  let page = await request<ScrollPage>(`${base}/${alias}/_search?scroll=2m`, 'POST', { size: 5000, sort: ['_doc'] });
  while (page.hits.hits.length > 0) {
    for (const hit of page.hits.hits) documents.push({ id: hit._id, source: hit._source });
    page = await request<ScrollPage>(`${base}/_search/scroll`, 'POST', { scroll: '2m', scroll_id: page._scroll_id });
  }
  await request(`${base}/_search/scroll`, 'DELETE', { scroll_id: page._scroll_id });
  return documents;
}

export async function measureOpenSearchCeiling(base: string, alias: string, target: string, batch: number): Promise<OpenSearchCeiling> {
  const documents = await readAll(base, alias);
  const mappings = Object.values(await request<Record<string, { mappings: unknown }>>(`${base}/${alias}/_mapping`, 'GET'))[0]!;
  const settings = Object.values(await request<Record<string, { settings: { index: { analysis?: unknown; number_of_shards: string } } }>>(`${base}/${alias}/_settings`, 'GET'))[0]!;
  const { analysis, number_of_shards } = settings.settings.index;
  await request(`${base}/${target}`, 'PUT', { settings: { number_of_shards, number_of_replicas: 0, analysis }, mappings: mappings.mappings });
  let bulkSeconds = 0;
  try {
    for (let start = 0; start < documents.length; start += batch) {
      const lines = documents
        .slice(start, start + batch)
        .flatMap((document) => [JSON.stringify({ index: { _index: target, _id: document.id } }), JSON.stringify(document.source)]);
      const started = performance.now();
      const result = await request<{ errors: boolean }>(`${base}/_bulk`, 'POST', `${lines.join('\n')}\n`, 'application/x-ndjson');
      bulkSeconds += (performance.now() - started) / 1000;
      if (result.errors) throw new Error(`bulk indexing into ${target} reported item errors`);
    }
    const started = performance.now();
    await request(`${base}/${target}/_refresh`, 'POST');
    bulkSeconds += (performance.now() - started) / 1000;
    const count = await request<{ count: number }>(`${base}/${target}/_count`, 'GET');
    if (count.count !== documents.length) throw new Error(`${target} contains ${count.count} documents, expected ${documents.length}`);
  } finally {
    await fetch(`${base}/${target}`, { method: 'DELETE' });
  }
  return { documents: documents.length, bulkSeconds };
}
