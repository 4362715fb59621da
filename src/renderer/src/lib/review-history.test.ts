import { describe, expect, it } from 'vitest';
import type { Annotation, HistoryEntry } from '../../../shared/domain';
import { historyLines, verdictWord } from './review-history';

const row = (status: Annotation['status'], label_id: number): Annotation => ({
  id: 1, recording_id: 1, start_s: 0, end_s: 3, low_hz: null, high_hz: null, label_id, source: 'model', status,
  reviewer: 'ann', note: null, prediction_id: 9, created_at: '', updated_at: '',
});
const entry = (id: number, origin: HistoryEntry['origin'], before: Annotation | null, after: Annotation | null, actor = 'ann'): HistoryEntry => ({
  id, at: '2026-01-02T03:04:05Z', actor, step: id, origin, entity: 'annotation', entity_id: 1,
  action: before === null ? 'create' : after === null ? 'delete' : 'update', prediction_id: 9, before, after,
});
const names = (id: number) => ({ 1: 'bird', 2: 'dog' })[id];

describe('review history lines', () => {
  it('say who changed what, newest first, with undo and relabels spelled out', () => {
    const lines = historyLines(
      [entry(1, 'do', null, row('positive', 1)), entry(2, 'do', row('positive', 1), row('positive', 2), 'bob'), entry(3, 'undo', row('positive', 2), row('positive', 1), 'bob')],
      1,
      names,
    );
    expect(lines.map((l) => [l.who, l.what])).toEqual([
      ['bob', 'undo: relabel → dog → yes'],
      ['bob', 'yes → relabel → dog'],
      ['ann', 'none → yes'],
    ]);
    expect(verdictWord(row('negative', 1), 1, names)).toBe('no');
    expect(verdictWord(null, 1, names)).toBe('none');
  });
});
