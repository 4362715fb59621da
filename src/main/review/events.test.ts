import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../../test/helpers/temp-dir';
import { groupWindows } from './events';
import { ReviewService } from './review-service';
import { reviewFixture } from './testing';

const temp = useTempDir();

const w = (id: number, recording_id: number, start_s: number, end_s: number, score = 0.9) => ({ id, recording_id, start_s, end_s, score });

describe('groupWindows', () => {
  it('merges overlapping and touching windows, splits on a gap wider than merge_gap_s and on a new recording', () => {
    const groups = groupWindows(
      [w(1, 1, 0, 3, 0.6), w(2, 1, 1.5, 4.5, 0.8), w(3, 1, 4.5, 7.5), w(4, 1, 9, 12), w(5, 1, 13, 16, 0.7), w(6, 2, 16.5, 19)],
      1,
    );
    expect(groups).toEqual([
      { recording_id: 1, start_s: 0, end_s: 7.5, max_score: 0.9, prediction_ids: [1, 2, 3] },
      { recording_id: 1, start_s: 9, end_s: 16, max_score: 0.9, prediction_ids: [4, 5] },
      { recording_id: 2, start_s: 16.5, end_s: 19, max_score: 0.9, prediction_ids: [6] },
    ]);
    // A wider merge gap joins the first two events; zero gap keeps only touching windows together.
    expect(groupWindows([w(1, 1, 0, 3), w(2, 1, 4.5, 7.5), w(3, 1, 9, 12)], 1.5).map((g) => g.prediction_ids)).toEqual([[1, 2, 3]]);
    expect(groupWindows([w(1, 1, 0, 3), w(2, 1, 3, 6), w(3, 1, 6.01, 9)], 0).map((g) => g.prediction_ids)).toEqual([[1, 2], [3]]);
    expect(groupWindows([], 1)).toEqual([]);
  });
});

describe('review events', () => {
  function build() {
    const f = reviewFixture(join(temp(), 'events.earmark'));
    const a = f.recording('a.wav');
    const b = f.recording('b.wav');
    const bird = f.label('bird');
    const dog = f.label('dog');
    const run = f.run([a, b]);
    const other = f.run([a]);
    // bird in a: 0-6 high, 6-9 below threshold, 9-15 high; dog overlapping in a; bird in b; bird in another run.
    const ids = {
      a0: f.prediction(run, a, bird, 0, 3, 0.9),
      a3: f.prediction(run, a, bird, 3, 6, 0.7),
      a6: f.prediction(run, a, bird, 6, 9, 0.2),
      a9: f.prediction(run, a, bird, 9, 12, 0.8),
      a12: f.prediction(run, a, bird, 12, 15, 0.95),
      dog3: f.prediction(run, a, dog, 3, 6, 0.99),
      b0: f.prediction(run, b, bird, 0, 3, 0.6),
      o0: f.prediction(other, a, bird, 0, 3, 0.99),
    };
    return { ...f, a, b, bird, dog, run, ids, review: new ReviewService(f.db) };
  }

  it('groups one run and label above the threshold; windows below it split events', () => {
    const t = build();
    const events = t.review.events({ run_id: t.run, label_id: t.bird, min_score: 0.5, merge_gap_s: 0 }, 'ann');
    expect(events.map((e) => [e.recording, e.start_s, e.end_s, e.max_score, e.prediction_ids])).toEqual([
      ['a.wav', 0, 6, 0.9, [t.ids.a0, t.ids.a3]],
      ['a.wav', 9, 15, 0.95, [t.ids.a9, t.ids.a12]],
      ['b.wav', 0, 3, 0.6, [t.ids.b0]],
    ]);
    expect(t.review.events({ run_id: t.run, label_id: t.bird, min_score: 0.1, merge_gap_s: 0 }, 'ann')[0].prediction_ids).toHaveLength(5);
    expect(t.review.events({ run_id: t.run, label_id: t.bird, min_score: 0.5, merge_gap_s: 3 }, 'ann')).toHaveLength(2);
    expect(t.review.events({ run_id: t.run, label_id: t.bird, min_score: 0.5, merge_gap_s: 0, recording_ids: [t.b] }, 'ann')).toHaveLength(1);
  });

  it('applies one verdict to every window of an event as one undo step, and reports my status on it', () => {
    const t = build();
    const [first, second] = t.review.events({ run_id: t.run, label_id: t.bird, min_score: 0.5, merge_gap_s: 0 }, 'ann');
    t.review.verdicts.decide('ann', t.ids.a0, { verdict: 'uncertain' });
    const rows = t.review.verdicts.decideMany('ann', first.prediction_ids, { verdict: 'positive', label_id: t.dog });
    expect(rows.map((r) => [r.prediction_id, r.status, r.label_id, r.reviewer])).toEqual([
      [t.ids.a0, 'positive', t.dog, 'ann'],
      [t.ids.a3, 'positive', t.dog, 'ann'],
    ]);
    const steps = t.db.prepare('SELECT DISTINCT step FROM history WHERE prediction_id IN (?, ?) ORDER BY step').pluck().all(t.ids.a0, t.ids.a3);
    expect(steps).toHaveLength(2); // the single uncertain verdict, then the event
    t.review.verdicts.decide('ann', second.prediction_ids[0], { verdict: 'negative' });
    const mine = t.review.events({ run_id: t.run, label_id: t.bird, min_score: 0.5, merge_gap_s: 0 }, 'ann').map((e) => e.my_status);
    expect(mine).toEqual(['positive', 'mixed', null]);
    expect(t.review.events({ run_id: t.run, label_id: t.bird, min_score: 0.5, merge_gap_s: 0 }, 'bob').map((e) => e.my_status)).toEqual([null, null, null]);

    t.review.undo('ann'); // the negative on the second event
    t.review.undo('ann'); // the whole first event at once, back to the earlier uncertain verdict
    const statuses = t.db.prepare('SELECT prediction_id, status FROM annotations ORDER BY prediction_id').all();
    expect(statuses).toEqual([{ prediction_id: t.ids.a0, status: 'uncertain' }]);
  });
});
