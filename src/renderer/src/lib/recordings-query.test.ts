import { describe, expect, it } from 'vitest';
import type { Recording } from '../../../shared/domain';
import { applyQuery, type Query } from './recordings-query';

function rec(id: number, name: string, extra: Partial<Recording> = {}): Recording {
  return {
    id,
    path: `/data/${name}`,
    name,
    fingerprint: `f${id}`,
    format: 'wav',
    duration_s: 10,
    sample_rate: 48000,
    channels: 1,
    bit_depth: 16,
    size_bytes: 1000,
    start_time: null,
    start_time_source: null,
    site: null,
    status: 'ok',
    error: null,
    metadata: {},
    imported_at: '2024-01-01T00:00:00Z',
    fully_annotated: false,
    ...extra,
  };
}

const rows = [
  rec(1, 'rec10.wav', { duration_s: 30, site: 'North' }),
  rec(2, 'rec2.wav', { duration_s: 5, start_time: '2024-05-01T04:00:00' }),
  rec(3, 'broken.wav', { duration_s: null, status: 'error', error: 'bad header' }),
  rec(4, 'rec1.flac', { duration_s: 12, site: 'south', start_time: '2024-04-01T04:00:00' }),
];
const q = (over: Partial<Query>): Query => ({ search: '', status: 'all', sortKey: 'name', sortDir: 'asc', ...over });
const ids = (r: Recording[]) => r.map((x) => x.id);

describe('applyQuery', () => {
  it('sorts names naturally, both ways', () => {
    expect(ids(applyQuery(rows, q({})))).toEqual([3, 4, 2, 1]);
    expect(ids(applyQuery(rows, q({ sortDir: 'desc' })))).toEqual([1, 2, 4, 3]);
  });
  it('sorts numbers numerically with unknown values last in both directions', () => {
    expect(ids(applyQuery(rows, q({ sortKey: 'duration_s' })))).toEqual([2, 4, 1, 3]);
    expect(ids(applyQuery(rows, q({ sortKey: 'duration_s', sortDir: 'desc' })))).toEqual([1, 4, 2, 3]);
    expect(ids(applyQuery(rows, q({ sortKey: 'start_time' })))).toEqual([4, 2, 3, 1]);
  });
  it('searches name, path and site case-insensitively', () => {
    expect(ids(applyQuery(rows, q({ search: 'SOUTH' })))).toEqual([4]);
    expect(ids(applyQuery(rows, q({ search: '/data/rec1' })))).toEqual([4, 1]);
  });
  it('filters by status', () => {
    expect(ids(applyQuery(rows, q({ status: 'error' })))).toEqual([3]);
  });
  it('does not reorder the input array', () => {
    const copy = [...rows];
    applyQuery(rows, q({ sortKey: 'duration_s' }));
    expect(rows).toEqual(copy);
  });
});
