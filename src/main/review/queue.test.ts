import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../../test/helpers/temp-dir';
import { ThresholdsRepo } from '../store/thresholds-repo';
import { SHUFFLE_KEY_SQL, shuffleKeyOf, shuffleRank } from '../store/shuffle-key';
import type { QueueRequest } from './queue';
import { ReviewService } from './review-service';
import { reviewFixture } from './testing';

const temp = useTempDir();

interface P {
  id: number;
  run: number;
  recording: number;
  label: number;
  start: number;
  score: number;
}

/** 360 detections over 2 runs, 3 recordings and 3 labels, with scores spread over 0..1. */
function build() {
  const f = reviewFixture(join(temp(), 'queue.earmark'));
  const recs = [f.recording('a.wav'), f.recording('b.wav'), f.recording('c.wav')];
  const labels = [f.label('bird'), f.label('dog'), f.label('frog')];
  const runs = [f.run(recs), f.run(recs)];
  const all: P[] = [];
  for (let i = 0; i < 360; i++) {
    const p = { run: runs[i < 240 ? 0 : 1], recording: recs[i % 3], label: labels[Math.floor(i / 3) % 3], start: Math.floor(i / 9) * 1.5, score: ((i * 37) % 100) / 100 + 0.004 };
    all.push({ ...p, id: f.prediction(p.run, p.recording, p.label, p.start, p.start + 3, p.score) });
  }
  return { ...f, recs, labels, runs, all, review: new ReviewService(f.db) };
}

const base: QueueRequest = { status: 'any', order: 'score_desc', seed: 0, bins: 10, per_bin: 10, limit: 1000, offset: 0, count: false };
const ids = (page: { items: { prediction_id: number }[] }) => page.items.map((i) => i.prediction_id);

describe('review queue', () => {
  it('filters by run, label, score range and recordings, and orders by score both ways with stable paging', () => {
    const t = build();
    const match = (p: P) => p.run === t.runs[0] && p.label === t.labels[1] && p.score >= 0.2 && p.score <= 0.8 && p.recording !== t.recs[2];
    const filter = { run_id: t.runs[0], label_id: t.labels[1], score_min: 0.2, score_max: 0.8, recording_ids: [t.recs[0], t.recs[1]] };
    const expected = t.all.filter(match).sort((a, b) => b.score - a.score || b.id - a.id).map((p) => p.id);
    expect(expected.length).toBeGreaterThan(10);

    const desc = t.review.queue({ ...base, ...filter, count: true }, 'ann');
    expect(ids(desc)).toEqual(expected);
    expect(desc.total).toBe(expected.length);
    expect(desc.items[0]).toMatchObject({ label: 'dog', run_id: t.runs[0], my_verdict: null, verdicts: 0, bin: null });
    expect(ids(t.review.queue({ ...base, ...filter, order: 'score_asc' }, 'ann'))).toEqual([...expected].reverse());

    const pages = [0, 5, 10, 15].flatMap((offset) => ids(t.review.queue({ ...base, ...filter, limit: 5, offset }, 'ann')));
    expect(pages).toEqual(expected.slice(0, 20));
  });

  it('orders by time: recording, then start', () => {
    const t = build();
    const expected = t.all
      .filter((p) => p.label === t.labels[0])
      .sort((a, b) => a.recording - b.recording || a.start - b.start || a.id - b.id)
      .map((p) => p.id);
    expect(ids(t.review.queue({ ...base, label_id: t.labels[0], order: 'time' }, 'ann'))).toEqual(expected);
  });

  it('shuffles reproducibly from a seed: same seed, same order; another seed, another order; nothing lost', () => {
    const t = build();
    const request = { ...base, run_id: t.runs[0], order: 'random' as const, seed: 42 };
    const first = ids(t.review.queue(request, 'ann'));
    expect(ids(t.review.queue(request, 'ann'))).toEqual(first);
    const expected = t.all.filter((p) => p.run === t.runs[0]).map((p) => p.id);
    expect([...first].sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
    expect(first).toEqual([...first].sort((a, b) => shuffleRank(a, 42) - shuffleRank(b, 42) || a - b));
    // Paging walks the same order, across the point where the seed's rotation wraps round.
    const paged = Array.from({ length: 35 }, (_, i) => ids(t.review.queue({ ...request, limit: 7, offset: i * 7 }, 'ann'))).flat();
    expect(paged).toEqual(first);
    expect(ids(t.review.queue({ ...request, limit: 5, offset: first.length - 2 }, 'ann'))).toEqual(first.slice(-2));
    // The indexed SQL key and its JS twin agree.
    const keys = t.db.prepare(`SELECT id, ${SHUFFLE_KEY_SQL} AS k FROM predictions`).all() as { id: number; k: number }[];
    for (const { id, k } of keys) expect(k).toBe(shuffleKeyOf(id));
    const other = ids(t.review.queue({ ...request, seed: 7 }, 'ann'));
    expect(other).not.toEqual(first);
    // Not just the score order in disguise.
    expect(first).not.toEqual(ids(t.review.queue({ ...request, order: 'score_desc' }, 'ann')));
  });

  it('draws a stratified sample: per_bin from every score bin, with each bin population, reproducible from the seed', () => {
    const t = build();
    const request = { ...base, label_id: t.labels[2], order: 'stratified' as const, bins: 4, per_bin: 6, seed: 3 };
    const page = t.review.queue(request, 'ann');
    const pool = t.all.filter((p) => p.label === t.labels[2]);
    const binOf = (score: number) => Math.min(3, Math.floor(score / 0.25));
    const populations = [0, 1, 2, 3].map((b) => pool.filter((p) => binOf(p.score) === b).length);
    expect(page.bins!.map((b) => b.population)).toEqual(populations);
    expect(page.bins!.map((b) => b.sampled)).toEqual(populations.map((n) => Math.min(6, n)));
    expect(page.total).toBe(pool.length);
    for (const item of page.items) {
      expect(item.bin).toBe(binOf(item.score));
      expect(item.label_id).toBe(t.labels[2]);
    }
    const perBin = [0, 1, 2, 3].map((b) => page.items.filter((i) => i.bin === b).length);
    expect(perBin).toEqual([6, 6, 6, 6]);
    expect(ids(t.review.queue(request, 'ann'))).toEqual(ids(page));
    expect(ids(t.review.queue({ ...request, seed: 4 }, 'ann'))).not.toEqual(ids(page));
    // per_bin 1 takes the index-walk path for these populous bins; it must draw the same order.
    const single = t.review.queue({ ...request, per_bin: 1 }, 'ann');
    expect(ids(single)).toEqual([0, 1, 2, 3].map((b) => page.items.find((i) => i.bin === b)!.prediction_id));
    // A bigger sample from the same seed extends the smaller one, bin by bin.
    const bigger = t.review.queue({ ...request, per_bin: 9 }, 'ann');
    for (const b of [0, 1, 2, 3]) {
      const small = page.items.filter((i) => i.bin === b).map((i) => i.prediction_id);
      expect(bigger.items.filter((i) => i.bin === b).map((i) => i.prediction_id).slice(0, small.length)).toEqual(small);
    }
  });

  it('stratifies over a score range with a bin smaller than per_bin, and puts edge scores in exactly one bin', () => {
    const t = build();
    const edge = t.prediction(t.runs[1], t.recs[0], t.labels[0], 500, 503, 0.7);
    const top = t.prediction(t.runs[1], t.recs[0], t.labels[0], 510, 513, 0.9);
    t.all.push({ id: edge, run: t.runs[1], recording: t.recs[0], label: t.labels[0], start: 500, score: 0.7 });
    t.all.push({ id: top, run: t.runs[1], recording: t.recs[0], label: t.labels[0], start: 510, score: 0.9 });
    const page = t.review.queue({ ...base, order: 'stratified', score_min: 0.5, score_max: 0.9, bins: 2, per_bin: 1000 }, 'ann');
    expect(page.items.find((i) => i.prediction_id === edge)?.bin).toBe(1);
    expect(page.items.find((i) => i.prediction_id === top)?.bin).toBe(1);
    const inRange = t.all.filter((p) => p.score >= 0.5 && p.score <= 0.9);
    expect(page.items.length).toBe(inRange.length);
    expect(new Set(ids(page)).size).toBe(inRange.length);
    expect(page.bins!.map((b) => [b.score_min, b.score_max])).toEqual([
      [0.5, 0.7],
      [0.7, 0.9],
    ]);
  });

  it('filters by status, by "not reviewed by me", and shows my verdict and everyone\'s count', () => {
    const t = build();
    const [a, b, c] = t.all.filter((p) => p.label === t.labels[0]).map((p) => p.id);
    t.review.verdicts.decide('ann', a, { verdict: 'positive' });
    t.review.verdicts.decide('ann', b, { verdict: 'negative' });
    t.review.verdicts.decide('bob', b, { verdict: 'positive' });
    t.review.verdicts.decide('bob', c, { verdict: 'uncertain' });
    const q = (extra: Partial<QueueRequest>) => ids(t.review.queue({ ...base, label_id: t.labels[0], order: 'time', ...extra }, 'ann'));

    const all = q({});
    expect(q({ status: 'unreviewed' })).toEqual(all.filter((id) => ![a, b, c].includes(id)));
    expect(q({ status: 'positive' })).toEqual([a, b]);
    expect(q({ status: 'negative' })).toEqual([b]);
    expect(q({ status: 'uncertain' })).toEqual([c]);
    expect(q({ not_reviewed_by: 'ann' })).toEqual(all.filter((id) => id !== a && id !== b));
    expect(q({ not_reviewed_by: 'bob', status: 'positive' })).toEqual([a]);

    const items = t.review.queue({ ...base, label_id: t.labels[0], order: 'time', status: 'positive' }, 'ann').items;
    expect(items.map((i) => [i.my_verdict?.status, i.verdicts])).toEqual([
      ['positive', 1],
      ['negative', 2],
    ]);
  });

  it('counts per label: total, reviewed, positive, relabeled, negative, uncertain, for one run or all', () => {
    const t = build();
    const birds = t.all.filter((p) => p.label === t.labels[0] && p.run === t.runs[0]).map((p) => p.id);
    t.review.verdicts.decide('ann', birds[0], { verdict: 'positive' });
    t.review.verdicts.decide('ann', birds[1], { verdict: 'positive', label_id: t.labels[1] });
    t.review.verdicts.decide('ann', birds[2], { verdict: 'negative' });
    t.review.verdicts.decide('bob', birds[2], { verdict: 'negative' });
    t.review.verdicts.decide('ann', birds[3], { verdict: 'uncertain' });
    const stats = t.review.stats(t.runs[0]);
    expect(stats.map((s) => s.label)).toEqual(['bird', 'dog', 'frog']);
    expect(stats[0]).toMatchObject({ total: birds.length, reviewed: 4, positive: 1, relabeled: 1, negative: 1, uncertain: 1 });
    expect(stats[1]).toMatchObject({ reviewed: 0, positive: 0 });
    expect(t.review.stats().reduce((n, s) => n + s.total, 0)).toBe(360);
    expect(t.review.stats(t.runs[1])[0]).toMatchObject({ reviewed: 0 });
  });

  it("keeps only detections at or above their label's threshold: the model's own, else every model's, else all", () => {
    const t = build();
    const thresholds = new ThresholdsRepo(t.db);
    thresholds.set({ model_id: '', label_id: t.labels[0], threshold: 0.5, source: 'manual' });
    thresholds.set({ model_id: 'test-model', label_id: t.labels[0], threshold: 0.7, source: 'manual' });
    thresholds.set({ model_id: '', label_id: t.labels[1], threshold: 0.3, source: 'manual' });
    const min = (label: number) => (label === t.labels[0] ? 0.7 : label === t.labels[1] ? 0.3 : 0);
    const want = (keep: (p: P) => boolean) =>
      t.all
        .filter((p) => keep(p) && p.score >= min(p.label))
        .sort((a, b) => b.score - a.score || b.id - a.id)
        .map((p) => p.id);
    const q = (extra: Partial<QueueRequest>) => ids(t.review.queue({ ...base, above_threshold: true, ...extra }, 'ann'));
    // All labels and runs: checked per detection; frog has no threshold, so all its detections stay.
    expect(q({})).toEqual(want(() => true));
    // One run and label: folded into the lower score bound, combined with the user's own.
    expect(q({ run_id: t.runs[0], label_id: t.labels[0] })).toEqual(want((p) => p.run === t.runs[0] && p.label === t.labels[0]));
    expect(q({ run_id: t.runs[0], label_id: t.labels[1], score_min: 0.6 })).toEqual(
      want((p) => p.run === t.runs[0] && p.label === t.labels[1] && p.score >= 0.6),
    );
    expect(q({ label_id: t.labels[2] })).toEqual(want((p) => p.label === t.labels[2]));
    expect(t.review.queue({ ...base, above_threshold: true, label_id: t.labels[0], count: true }, 'ann').total).toBe(
      want((p) => p.label === t.labels[0]).length,
    );
    // Off: every detection.
    expect(ids(t.review.queue({ ...base, label_id: t.labels[0] }, 'ann'))).toHaveLength(t.all.filter((p) => p.label === t.labels[0]).length);
  });

  it('leaves out the ids a session already loaded, keeping the order of the rest', () => {
    const t = build();
    const all = ids(t.review.queue({ ...base, label_id: t.labels[1] }, 'ann'));
    const loaded = all.slice(0, 7);
    expect(ids(t.review.queue({ ...base, label_id: t.labels[1], exclude_ids: loaded, limit: 5 }, 'ann'))).toEqual(all.slice(7, 12));
    const shuffled = ids(t.review.queue({ ...base, order: 'random', seed: 3 }, 'ann'));
    expect(ids(t.review.queue({ ...base, order: 'random', seed: 3, exclude_ids: shuffled.slice(0, 50) }, 'ann'))).toEqual(shuffled.slice(50));
  });
});
