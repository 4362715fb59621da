import { describe, expect, it } from 'vitest';
import type { Recording } from '../../../shared/domain';
import { assignSplits, groupKey } from './splits';

const rec = (id: number, site: string | null, start_time: string | null) => ({ id, site, start_time }) as Recording;

describe('grouped splits', () => {
  it('groups by recording, site or recorder-local date; unknown site or date is a group per recording', () => {
    expect(groupKey(rec(1, 'A', null), 'recording')).toEqual({ key: 'recording:1', known: true });
    expect(groupKey(rec(1, 'A', null), 'site').key).toBe('site:A');
    expect(groupKey(rec(2, 'A', null), 'site').key).toBe('site:A');
    expect(groupKey(rec(3, null, null), 'site')).toEqual({ key: 'unknown-site:3', known: false });
    // 23:30 with an offset stays on the recorder's date, not UTC's.
    expect(groupKey(rec(4, null, '2024-05-01T23:30:00+02:00'), 'date').key).toBe('date:2024-05-01');
    expect(groupKey(rec(5, null, null), 'date')).toEqual({ key: 'unknown-date:5', known: false });
  });

  it('is reproducible from the seed, differs between seeds, and follows the fractions', () => {
    const sizes = new Map(Array.from({ length: 100 }, (_, i) => [`g${i}`, 10] as [string, number]));
    const a = assignSplits(sizes, [0.8, 0.1, 0.1], 7);
    const b = assignSplits(new Map([...sizes].reverse()), [0.8, 0.1, 0.1], 7);
    expect([...a].sort()).toEqual([...b].sort());
    const c = assignSplits(sizes, [0.8, 0.1, 0.1], 8);
    expect([...c].sort()).not.toEqual([...a].sort());
    const count = (m: Map<string, string>, s: string) => [...m.values()].filter((v) => v === s).length;
    expect([count(a, 'train'), count(a, 'validation'), count(a, 'test')]).toEqual([80, 10, 10]);
  });

  it('gives a split with fraction 0 nothing', () => {
    const sizes = new Map([['a', 5], ['b', 50], ['c', 1], ['d', 3]]);
    const m = assignSplits(sizes, [0.7, 0.3, 0], 1);
    expect([...m.values()]).not.toContain('test');
    expect(new Set(m.values())).toEqual(new Set(['train', 'validation']));
  });
});
