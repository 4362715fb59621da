import { describe, expect, it } from 'vitest';
import type { QueueItem } from '../../../shared/domain';
import { clipRange, indexOfAny, mergeItems, needsMore, nextOffset, positionText, replaceItem, stillMatches, verdictText, withVerdict } from './review-session';

function item(id: number, extra: Partial<QueueItem> = {}): QueueItem {
  return {
    prediction_id: id,
    run_id: 1,
    recording_id: 1,
    recording: 'a.wav',
    start_s: id,
    end_s: id + 3,
    label_id: 7,
    label: 'bird',
    color: '#1f77b4',
    score: 0.9,
    bin: null,
    my_verdict: null,
    verdicts: 0,
    ...extra,
  };
}
const yes = { annotation_id: 1, status: 'positive' as const, label_id: 7, at: 'now' };

describe('review session list', () => {
  it('merges a refetched page without duplicates, keeping order', () => {
    const merged = mergeItems([item(1), item(2)], [item(2), item(3), item(3), item(4)]);
    expect(merged.map((i) => i.prediction_id)).toEqual([1, 2, 3, 4]);
  });

  it('counts the offset of the next page from the items the server still lists', () => {
    const judged = withVerdict(item(1), yes);
    const items = [judged, item(2), item(3)];
    expect(nextOffset(items, 'unreviewed')).toBe(2);
    expect(nextOffset(items, 'any')).toBe(3);
    // Verdicts still being written: left out (too small an offset only gives duplicates), except under 'any'.
    expect(nextOffset(items, 'unreviewed', (id) => id === items[0].prediction_id)).toBe(nextOffset(items, 'unreviewed') - (items[0].verdicts === 0 ? 1 : 0));
    expect(nextOffset(items, 'any', () => true)).toBe(3);
    expect(nextOffset(items, 'positive')).toBe(1);
    expect(stillMatches(judged, 'negative')).toBe(false);
  });

  it('keeps the reviewer count right when a verdict is given, changed and withdrawn', () => {
    const a = withVerdict(item(1, { verdicts: 1 }), yes);
    expect(a.verdicts).toBe(2);
    const b = withVerdict(a, { ...yes, status: 'negative' });
    expect(b.verdicts).toBe(2);
    expect(withVerdict(b, null).verdicts).toBe(1);
  });

  it('replaces an item in place and finds where undo should go', () => {
    const items = replaceItem([item(1), item(2), item(3)], withVerdict(item(2), yes));
    expect(items[1].my_verdict?.status).toBe('positive');
    expect(indexOfAny(items, [99, 3, 2])).toBe(2);
    expect(indexOfAny(items, [99])).toBe(-1);
  });

  it('asks for more near the end unless the queue is exhausted', () => {
    expect(needsMore(0, 50, false)).toBe(false);
    expect(needsMore(46, 50, false)).toBe(true);
    expect(needsMore(46, 50, true)).toBe(false);
  });

  it('describes position and verdict', () => {
    expect(positionText(2, 50, 120)).toBe('3 / 120');
    expect(positionText(60, 61, 50)).toBe('61 / 61');
    expect(positionText(0, 0, null)).toBe('0 / 0');
    const names = (id: number) => (id === 8 ? 'frog' : undefined);
    expect(verdictText(item(1), names)).toBe('not judged');
    expect(verdictText(withVerdict(item(1), yes), names)).toBe('yes');
    expect(verdictText(withVerdict(item(1), { ...yes, label_id: 8 }), names)).toBe('relabelled: frog');
  });

  it('clamps the clip with context to the recording', () => {
    expect(clipRange({ start_s: 1, end_s: 4 }, 2, 60)).toEqual([0, 6]);
    expect(clipRange({ start_s: 55, end_s: 58 }, 2, 59)).toEqual([53, 59]);
  });
});
