import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../../test/helpers/temp-dir';
import { ReviewService } from './review-service';
import { reviewFixture } from './testing';

const temp = useTempDir();

function build() {
  const f = reviewFixture(join(temp(), 'boxes.earmark'));
  const rec = f.recording('night.wav', 60);
  const bat = f.label('bat');
  const owl = f.label('owl');
  return { ...f, rec, bat, owl, review: new ReviewService(f.db) };
}

describe('human annotations', () => {
  it('creates a time-frequency box, moves, resizes, relabels and deletes it, each undoable and in history', () => {
    const t = build();
    const list = () => t.review.annotations.list(t.rec).map((a) => [a.start_s, a.end_s, a.low_hz, a.high_hz, a.label_id, a.note]);
    const box = t.review.annotations.create('ann', { recording_id: t.rec, start_s: 1.25, end_s: 2.5, low_hz: 20000, high_hz: 45000, label_id: t.bat, note: 'faint' });
    expect(box).toMatchObject({ source: 'human', reviewer: 'ann', status: null, prediction_id: null });
    t.review.annotations.update('ann', { id: box.id, start_s: 2, end_s: 3.5 });
    t.review.annotations.update('ann', { id: box.id, label_id: t.owl, note: null, low_hz: null, high_hz: null });
    expect(list()).toEqual([[2, 3.5, null, null, t.owl, null]]);
    t.review.annotations.delete('ann', box.id);
    expect(list()).toEqual([]);

    t.review.undo('ann');
    expect(list()).toEqual([[2, 3.5, null, null, t.owl, null]]);
    t.review.undo('ann');
    expect(list()).toEqual([[2, 3.5, 20000, 45000, t.bat, 'faint']]);
    t.review.undo('ann');
    expect(list()).toEqual([[1.25, 2.5, 20000, 45000, t.bat, 'faint']]);
    t.review.undo('ann');
    expect(list()).toEqual([]);
    t.review.redo('ann');
    expect(t.review.annotations.list(t.rec)[0].id).toBe(box.id);

    const history = t.db.prepare("SELECT action, origin FROM history WHERE entity = 'annotation' AND entity_id = ? ORDER BY id").all(box.id);
    expect(history.map((h) => Object.values(h as object).join(':'))).toEqual([
      'create:do', 'update:do', 'update:do', 'delete:do', 'create:undo', 'update:undo', 'update:undo', 'delete:undo', 'create:redo',
    ]);
  });

  it('refuses boxes that end before they start, upside-down boxes, unknown recordings and labels', () => {
    const t = build();
    const make = (extra: object) => () => t.review.annotations.create('ann', { recording_id: t.rec, start_s: 1, end_s: 2, ...extra });
    expect(make({ end_s: 1 })).toThrow(/must end after it starts/);
    expect(make({ low_hz: 5000, high_hz: 1000 })).toThrow(/top of a box must be above/);
    expect(make({ start_s: 61, end_s: 62 })).toThrow(/60 s long/);
    expect(make({ recording_id: 99 })).toThrow(/No recording with id 99/);
    expect(make({ label_id: 99 })).toThrow(/No label with id 99/);
    const box = make({})();
    expect(() => t.review.annotations.update('ann', { id: box.id, end_s: 0.5 })).toThrow(/must end after it starts/);
    expect(() => t.review.annotations.delete('ann', 999)).toThrow(/No annotation with id 999/);
    expect(t.review.annotations.list(t.rec)).toHaveLength(1);
  });
});
