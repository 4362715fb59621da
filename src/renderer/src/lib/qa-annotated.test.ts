import { describe, expect, it } from 'vitest';
import type { Recording } from '../../../shared/domain';
import { mergeRecordings } from './qa-annotated';

function rec(id: number, fully_annotated = false): Recording {
  return { id, name: `r${id}.wav`, fully_annotated } as Recording;
}

describe('mergeRecordings', () => {
  it('replaces the updated rows by id and keeps the order and the rest', () => {
    const all = [rec(3), rec(1), rec(2)];
    const merged = mergeRecordings(all, [rec(1, true), rec(9, true)]);
    expect(merged.map((r) => [r.id, r.fully_annotated])).toEqual([[3, false], [1, true], [2, false]]);
    expect(merged[0]).toBe(all[0]);
  });
});
