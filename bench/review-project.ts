import { linkSync } from 'node:fs';
import { RunsRepo } from '../src/main/store/runs-repo';
import { reviewFixture, type Fixture } from '../src/main/review/testing';

// The review benchmarks' project (issue 4: "a project with 1,000,000 predictions"), built with the
// run manager's own batched writes (RunsRepo.storeBatch): labels x recordings x windows predictions
// with squared-uniform scores, so high scores are rare as they are in real output.

export interface ReviewProjectOptions {
  total: number;
  labels?: number;
  recordings?: number;
  /** Window hop in seconds (windows are 3 s long). */
  hopS?: number;
  /** A real audio file every recording is (a hard link each: paths are unique), so the browser can play and draw the clips. */
  audio?: { path: string; durationS: number; sampleRate: number };
}

export interface ReviewProject {
  fixture: Fixture;
  labels: number[];
  recordings: number[];
  run: number;
  predictions: number;
  buildS: number;
}

export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 0x100000000;
  };
}

export function buildReviewProject(file: string, options: ReviewProjectOptions): ReviewProject {
  const { total, hopS = 1.5, audio } = options;
  const f = reviewFixture(file);
  const labels = Array.from({ length: options.labels ?? 10 }, (_, i) => f.label(`label_${i}`));
  const count = options.recordings ?? 100;
  const windows = Math.ceil(total / labels.length / count);
  const recordings = audio ? realRecordings(f, count, audio) : Array.from({ length: count }, (_, i) => f.recording(`rec_${i}.wav`, windows * hopS + 3));
  const runs = new RunsRepo(f.db);
  // Parameters shaped like a real run's, since the runs panel shows them.
  const params = { window_s: 3, hop_s: hopS, min_score: 0, channel: 'mix', labels: [] };
  const run = runs.create('test-model', JSON.stringify(params), recordings);
  const random = rng(1);
  const start = performance.now();
  for (const recording of recordings) {
    for (let first = 0; first < windows; first += 1000) {
      const batch = [];
      for (let w = first; w < Math.min(windows, first + 1000); w++) {
        for (const label of labels) batch.push({ window_index: w, start_s: w * hopS, end_s: w * hopS + 3, label_id: label, score: random() ** 2 });
      }
      runs.storeBatch(run, recording, batch, first + 1000, windows, first * hopS);
    }
  }
  runs.setStatus(run, 'done');
  return { fixture: f, labels, recordings, run, predictions: runs.predictionCount(), buildS: (performance.now() - start) / 1000 };
}

function realRecordings(f: Fixture, count: number, audio: NonNullable<ReviewProjectOptions['audio']>): number[] {
  return Array.from({ length: count }, (_, i) => {
    const path = i === 0 ? audio.path : audio.path.replace(/(\.\w+)$/, `-${i}$1`);
    if (i > 0) linkSync(audio.path, path);
    return f.recording(`rec_${i}.wav`, audio.durationS, { path, fingerprint: `bench-${i}`, sample_rate: audio.sampleRate });
  });
}
