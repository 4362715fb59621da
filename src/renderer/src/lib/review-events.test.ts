import { describe, expect, it } from 'vitest';
import type { ReviewEvent } from '../../../shared/domain';
import { eventItem, eventMatches, indexOfWindows, mergeGap, windowsOf } from './review-events';

const ev = (ids: number[], my: ReviewEvent['my_status'], score = 0.9): ReviewEvent => ({
  recording_id: 3,
  recording: 'a.wav',
  label_id: 7,
  start_s: 10,
  end_s: 19,
  max_score: score,
  prediction_ids: ids,
  my_status: my,
});

describe('events as review items', () => {
  it('span the whole event and carry every window', () => {
    const item = eventItem(ev([5, 6, 8], null), { id: 2 }, { name: 'bird', color: '#fff' });
    expect(item).toMatchObject({ prediction_id: 5, start_s: 10, end_s: 19, score: 0.9, run_id: 2, label: 'bird', my_verdict: null });
    expect(windowsOf(item)).toEqual([5, 6, 8]);
    expect(eventItem(ev([5], 'negative'), { id: 2 }, { name: 'bird', color: '#fff' }).my_verdict?.status).toBe('negative');
    expect(eventItem(ev([5, 6], 'mixed'), { id: 2 }, { name: 'bird', color: '#fff' }).my_verdict).toBeNull();
  });

  it('filter by my status and the upper score bound, and undo finds the event holding a window', () => {
    expect(eventMatches(ev([1], null), 'unreviewed', null)).toBe(true);
    expect(eventMatches(ev([1], 'mixed'), 'unreviewed', null)).toBe(false);
    expect(eventMatches(ev([1], 'positive'), 'positive', null)).toBe(true);
    expect(eventMatches(ev([1], 'positive', 0.95), 'any', 0.9)).toBe(false);
    const items = [ev([1, 2], null), ev([3, 4, 5], null)].map((e) => eventItem(e, { id: 1 }, { name: 'b', color: '#000' }));
    expect(indexOfWindows(items, [4])).toBe(1);
    expect(indexOfWindows(items, [9])).toBe(-1);
    expect(mergeGap('1.5')).toBe(1.5);
    expect(mergeGap('')).toBe(0);
    expect(mergeGap(-2)).toBe(0);
  });
});
