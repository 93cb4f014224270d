import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ReportRejectedError } from '@sieve/domain';
import { csvHeader, readCsvTable } from './csv-table.js';

describe('readCsvTable', () => {
  it('numbers rows by their first line', () => {
    const table = readCsvTable('a,b\n1,"two\nlines"\n\n3,x\n');
    assert.deepEqual(
      table.rows.map((row) => row.line),
      [2, 5],
    );
  });

  it('reads multi-line cells', () => {
    const table = readCsvTable('a,b\n1,"two\nlines"\n');
    assert.equal(table.cell(table.rows[0]!, 'B'), 'two\nlines');
  });

  it('returns the first non-empty named cell', () => {
    const table = readCsvTable('Host,IP Address\n,10.0.0.1\n');
    assert.equal(table.cell(table.rows[0]!, 'Host', 'IP Address'), '10.0.0.1');
  });

  it('keeps rows of the wrong width', () => {
    const table = readCsvTable('a,b\n1\n');
    assert.deepEqual(table.rows[0]?.cells, ['1']);
  });

  it('rejects an unclosed quote', () => {
    assert.throws(
      () => readCsvTable('a,b\n1,"open\n2,3\n'),
      (error: unknown) => error instanceof ReportRejectedError && error.code === 'invalid_csv' && error.location === 'line 3',
    );
  });
});

describe('csvHeader', () => {
  it('reads the first record', () => {
    assert.deepEqual(csvHeader('"Plugin ID",Name\n1,x\n'), ['Plugin ID', 'Name']);
  });
});
