import { reviewFixture } from '../review/testing';
import { ReviewService } from '../review/review-service';
import { RecordingsRepo } from '../store/recordings-repo';
import { ThresholdsRepo } from '../store/thresholds-repo';

// A small project with a hand-checkable QA report (issue 6), built through the app's repositories and
// review service; the report test, the CLI test and the e2e helpers use it. The expected numbers are
// worked out by hand in report.test.ts.
//
// recordings: A dawn.wav (fully annotated, starts 2024-05-01T05:30:00), B night.wav (no start time),
//             C pond.wav (covered by an imported table, starts 2024-05-02T23:59:00+02:00)
// run 1 over A, B, C; run 2 over B (two detections, no verdicts).

export function buildQaFixture(path: string) {
  const f = reviewFixture(path);
  const recordings = new RecordingsRepo(f.db);
  const review = new ReviewService(f.db);
  const withStart = (name: string, start: string, durationS: number) => {
    const id = f.recording(name, durationS);
    const r = recordings.get(id)!;
    recordings.update(id, { ...r, start_time: start, start_time_source: 'filename' });
    return id;
  };
  const A = withStart('dawn.wav', '2024-05-01T05:30:00', 120);
  const B = f.recording('night.wav', 600);
  const C = withStart('pond.wav', '2024-05-02T23:59:00+02:00', 60);
  const bird = f.label('bird');
  const frog = f.label('frog');
  const dog = f.label('dog');
  const cricket = f.label('cricket');
  const run = f.run([A, B, C]);
  const p = (rec: number, label: number, start: number, score: number, len = 3) => f.prediction(run, rec, label, start, start + len, score);

  // bird on B (no reference there): bin 1 (>= 0.5) and bin 0 with bins = 2
  const [b90, b85, b80] = [0.9, 0.85, 0.8].map((s, i) => p(B, bird, i * 3, s));
  [0.75, 0.7, 0.6].forEach((s, i) => p(B, bird, 9 + i * 3, s));
  const [b40, b30, b20, b10] = [0.4, 0.3, 0.2, 0.1].map((s, i) => p(B, bird, 30 + i * 3, s));
  // bird on A (reference: human boxes at 0-3, 20-23, 40-43)
  const b95 = p(A, bird, 0, 0.95);
  p(A, bird, 10, 0.55);
  p(A, bird, 20, 0.45);
  // frog: on A (no frog reference there) and on C (imported reference at 5-8)
  p(A, frog, 50, 0.8);
  p(C, frog, 5.5, 0.7);
  p(C, frog, 30, 0.3);
  // cricket on B: 8 at 0.2 (2 right), 8 at 0.6 (6 right), for a calibration fit worked out by hand
  const low = Array.from({ length: 8 }, (_, i) => p(B, cricket, 100 + i * 3, 0.2));
  const high = Array.from({ length: 8 }, (_, i) => p(B, cricket, 200 + i * 3, 0.6));

  // bob first, then ann: ann's verdicts are the latest where both judged.
  review.verdicts.decide('bob', b90, { verdict: 'positive' });
  review.verdicts.decide('bob', b85, { verdict: 'negative' });
  review.verdicts.decide('bob', b80, { verdict: 'negative' });
  review.verdicts.decide('bob', b30, { verdict: 'positive', label_id: frog });
  review.verdicts.decide('ann', b90, { verdict: 'positive' });
  review.verdicts.decide('ann', b85, { verdict: 'positive' });
  review.verdicts.decide('ann', b80, { verdict: 'negative' });
  review.verdicts.decide('ann', b95, { verdict: 'positive' });
  review.verdicts.decide('ann', b40, { verdict: 'positive' });
  review.verdicts.decide('ann', b30, { verdict: 'positive', label_id: frog });
  review.verdicts.decide('ann', b20, { verdict: 'negative' });
  review.verdicts.decide('ann', b10, { verdict: 'uncertain' });
  low.forEach((id, i) => review.verdicts.decide('ann', id, { verdict: i < 2 ? 'positive' : 'negative' }));
  high.forEach((id, i) => review.verdicts.decide('ann', id, { verdict: i < 6 ? 'positive' : 'negative' }));

  // Reference: A fully annotated (human boxes; an unlabelled one is ignored); C covered by an import.
  for (const start of [0, 20, 40]) review.annotations.create('ann', { recording_id: A, start_s: start, end_s: start + 3, label_id: bird });
  review.annotations.create('ann', { recording_id: A, start_s: 60, end_s: 61, label_id: null });
  // A human box on C is not reference: C is not fully annotated.
  review.annotations.create('ann', { recording_id: C, start_s: 0, end_s: 1, label_id: bird });
  recordings.setFullyAnnotated([A], true);
  const importId = Number(
    f.db
      .prepare("INSERT INTO imports (format, path, imported_at, rows, matched, unmatched) VALUES ('raven', '/t/pond.txt', '2024-06-01T00:00:00Z', 2, 2, 0)")
      .run().lastInsertRowid,
  );
  f.db.prepare('INSERT INTO import_coverage (import_id, recording_id) VALUES (?, ?)').run(importId, C);
  const imported = f.db.prepare(
    `INSERT INTO annotations (recording_id, start_s, end_s, label_id, source, import_id, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'import', ?, '2024-06-01T00:00:00Z', '2024-06-01T00:00:00Z')`,
  );
  imported.run(C, 5, 8, frog, importId);
  imported.run(C, 10, 12, dog, importId);

  new ThresholdsRepo(f.db).set({ model_id: '', label_id: frog, threshold: 0.5, source: 'manual' });

  const run2 = f.run([B]);
  f.prediction(run2, B, bird, 0, 3, 0.9);
  f.prediction(run2, B, bird, 3, 6, 0.2);
  return { ...f, A, B, C, bird, frog, dog, cricket, run, run2 };
}
