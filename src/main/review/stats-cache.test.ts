import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../../test/helpers/temp-dir';
import { openProjectDatabase } from '../store/connection';
import { reviewStats } from './queue';
import { ReviewService } from './review-service';
import { reviewFixture } from './testing';

const temp = useTempDir();

function build() {
  const f = reviewFixture(join(temp(), 'stats.earmark'));
  const recs = [f.recording('a.wav'), f.recording('b.wav')];
  const labels = [f.label('bird'), f.label('dog')];
  const runs = [f.run(recs), f.run(recs)];
  const ids: number[] = [];
  for (let i = 0; i < 40; i++) ids.push(f.prediction(runs[i % 2], recs[i % 2], labels[Math.floor(i / 2) % 2], i * 1.5, i * 1.5 + 3, (i % 10) / 10));
  return { ...f, recs, labels, runs, ids, review: new ReviewService(f.db) };
}

describe('review stats kept between calls', () => {
  it('match a full recount after verdicts, relabels, a second reviewer, clear, undo and redo', () => {
    const t = build();
    const fresh = (run?: number) => reviewStats(t.review.repo, run);
    const check = () => {
      for (const run of [undefined, t.runs[0], t.runs[1]]) expect(t.review.stats(run)).toEqual(fresh(run));
    };
    check(); // fills the cache for all three keys
    expect(t.review.statsCache.recounts).toBe(3);
    const [a, b, c, d] = t.ids;
    t.review.verdicts.decide('ann', a, { verdict: 'positive' });
    check();
    t.review.verdicts.decide('ann', b, { verdict: 'positive', label_id: t.labels[1] });
    t.review.verdicts.decide('bob', b, { verdict: 'negative' });
    check();
    t.review.verdicts.decideMany('ann', [c, d, a], { verdict: 'uncertain' });
    check();
    expect(t.review.stats().reduce((n, s) => n + s.uncertain, 0)).toBe(3);
    t.review.verdicts.clear('ann', c);
    check();
    t.review.undo('ann'); // the clear
    t.review.undo('ann'); // the event verdict
    check();
    expect(t.review.stats().reduce((n, s) => n + s.uncertain, 0)).toBe(0);
    t.review.redo('ann');
    check();
    t.review.undo('bob');
    check();
    expect(t.review.stats().reduce((n, s) => n + s.reviewed, 0)).toBe(4);
    // Every figure above came from the kept counts, patched by the writes.
    expect(t.review.statsCache.recounts).toBe(3);
  });

  it('recount after writes that do not go through the change log: new predictions, another connection', () => {
    const t = build();
    const before = t.review.stats(t.runs[0]);
    const total = before.reduce((n, s) => n + s.total, 0);
    t.prediction(t.runs[0], t.recs[0], t.labels[0], 500, 503, 0.9);
    expect(t.review.stats(t.runs[0]).reduce((n, s) => n + s.total, 0)).toBe(total + 1);
    expect(t.review.statsCache.recounts).toBe(2);

    // A verdict written by another process (another connection to the same file).
    const other = openProjectDatabase(t.db.name);
    try {
      new ReviewService(other).verdicts.decide('carl', t.ids[0], { verdict: 'negative' });
    } finally {
      other.close();
    }
    expect(t.review.stats(t.runs[0])).toEqual(reviewStats(t.review.repo, t.runs[0]));
    expect(t.review.stats(t.runs[0]).reduce((n, s) => n + s.negative, 0)).toBe(1);
  });
});
