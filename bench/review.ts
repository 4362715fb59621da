import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReviewService } from '../src/main/review/review-service';
import type { QueueRequest } from '../src/main/review/queue';
import { reviewFixture } from '../src/main/review/testing';
import { RunsRepo } from '../src/main/store/runs-repo';

// Issue 4 targets on a project with 1,000,000 predictions: review queue < 50 ms, verdict write < 5 ms.
// The project is built with the run manager's own batched writes (RunsRepo.storeBatch).

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 0x100000000;
  };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

function time<T>(fn: () => T, reps = 7): { ms: number; value: T } {
  let value = fn(); // warm: statement prepared, pages cached
  const runs: number[] = [];
  for (let i = 0; i < reps; i++) {
    const start = performance.now();
    value = fn();
    runs.push(performance.now() - start);
  }
  return { ms: runs.sort((a, b) => a - b)[Math.floor(reps / 2)], value };
}

export async function runReviewBench(total = 1_000_000): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'earmark-bench-review-'));
  try {
    const f = reviewFixture(join(dir, 'review.earmark'));
    const labels = Array.from({ length: 10 }, (_, i) => f.label(`label_${i}`));
    const recordings = Array.from({ length: 100 }, (_, i) => f.recording(`rec_${i}.wav`, 3600));
    const run = f.run(recordings);
    const runs = new RunsRepo(f.db);
    const random = rng(1);
    const windows = total / labels.length / recordings.length;
    const buildStart = performance.now();
    for (const recording of recordings) {
      for (let start = 0; start < windows; start += 1000) {
        const batch = [];
        for (let w = start; w < Math.min(windows, start + 1000); w++) {
          for (const label of labels) batch.push({ window_index: w, start_s: w * 1.5, end_s: w * 1.5 + 3, label_id: label, score: random() ** 2 });
        }
        runs.storeBatch(run, recording, batch, start + 1000, windows, start * 1.5);
      }
    }
    const buildS = (performance.now() - buildStart) / 1000;
    const review = new ReviewService(f.db);
    const count = runs.predictionCount();

    // 20,000 earlier verdicts (every 47th detection) by two reviewers, so status filters have something to find.
    const decided = f.db.prepare('SELECT id FROM predictions WHERE id % 47 = 0').pluck().all() as number[];
    for (let i = 0; i < decided.length; i += 1000) {
      review.verdicts.decideMany(i % 2000 ? 'bob' : 'ann', decided.slice(i, i + 1000), { verdict: i % 3000 ? 'positive' : 'negative' });
    }

    const base: QueueRequest = { status: 'unreviewed', order: 'score_desc', seed: 1, bins: 10, per_bin: 10, limit: 50, offset: 0, count: false };
    const label = labels[3];
    const cases: [string, Partial<QueueRequest>][] = [
      ['run+label, unreviewed, score desc', { run_id: run, label_id: label }],
      ['label, unreviewed, score asc', { label_id: label, order: 'score_asc' }],
      ['all labels, unreviewed, score desc', {}],
      ['label, score 0.4-0.6, offset 1000', { label_id: label, score_min: 0.4, score_max: 0.6, offset: 1000 }],
      ['label, 5 recordings, score desc', { label_id: label, recording_ids: recordings.slice(0, 5) }],
      ['label, not reviewed by ann', { label_id: label, status: 'any', not_reviewed_by: 'ann' }],
      ['label, positive', { label_id: label, status: 'positive' }],
      ['label, time', { label_id: label, order: 'time' }],
      ['label, random', { label_id: label, order: 'random' }],
      ['all labels, random', { order: 'random' }],
      ['label, stratified 10x10', { label_id: label, status: 'any', order: 'stratified' }],
      ['all labels, stratified 10x10', { status: 'any', order: 'stratified' }],
      ['label, score desc + count', { label_id: label, count: true }],
    ];
    const figures: Record<string, number> = { review_predictions: count, review_build_s: buildS };
    console.log(`review: built ${count.toLocaleString()} predictions in ${buildS.toFixed(1)} s; ${decided.length} earlier verdicts`);
    for (const [name, extra] of cases) {
      const { ms, value } = time(() => review.queue({ ...base, ...extra }, 'ann'));
      figures[`queue ${name} ms`] = ms;
      console.log(`  queue ${name}: ${ms.toFixed(1)} ms (${value.items.length} items; target < 50 ms, ratio ${(ms / 50).toFixed(2)})`);
    }
    const stats = time(() => review.stats(run), 3);
    figures.stats_ms = stats.ms;
    console.log(`  stats (per label, one run): ${stats.ms.toFixed(1)} ms`);
    const events = time(() => review.events({ run_id: run, label_id: label, min_score: 0.8, merge_gap_s: 1.5 }, 'ann'), 3);
    figures.events_ms = events.ms;
    console.log(`  events (label, score >= 0.8, gap 1.5 s): ${events.ms.toFixed(1)} ms (${events.value.length} events)`);

    // 500 consecutive verdicts as a reviewer gives them (the queue's next item each time), then undo.
    const writes: number[] = [];
    const queueAfter: number[] = [];
    const verdicts = ['positive', 'negative', 'uncertain'] as const;
    for (let i = 0; i < 500; i++) {
      const next = review.queue({ ...base, label_id: labels[5], limit: 1 }, 'carol').items[0];
      const start = performance.now();
      if (i % 10 === 9) review.verdicts.decide('carol', next.prediction_id, { verdict: 'positive', label_id: labels[6] });
      else review.verdicts.decide('carol', next.prediction_id, { verdict: verdicts[i % 3] });
      const written = performance.now();
      review.queue({ ...base, label_id: labels[5], limit: 1 }, 'carol');
      queueAfter.push(performance.now() - written);
      writes.push(written - start);
    }
    const undo: number[] = [];
    for (let i = 0; i < 100; i++) {
      const start = performance.now();
      review.undo('carol');
      undo.push(performance.now() - start);
    }
    writes.sort((a, b) => a - b);
    queueAfter.sort((a, b) => a - b);
    undo.sort((a, b) => a - b);
    Object.assign(figures, {
      verdict_write_p50_ms: percentile(writes, 50),
      verdict_write_p95_ms: percentile(writes, 95),
      next_queue_p95_ms: percentile(queueAfter, 95),
      undo_p95_ms: percentile(undo, 95),
    });
    console.log(
      `  verdict write (synchronous=FULL, with history): p50 ${percentile(writes, 50).toFixed(2)} ms, p95 ${percentile(writes, 95).toFixed(2)} ms ` +
        `(target < 5 ms, ratio ${(percentile(writes, 95) / 5).toFixed(2)}); next queue item after a verdict p95 ${percentile(queueAfter, 95).toFixed(1)} ms; ` +
        `undo p95 ${percentile(undo, 95).toFixed(2)} ms`,
    );
    f.db.close();
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runReviewBench(Number(process.env.BENCH_PREDICTIONS ?? 1_000_000));
