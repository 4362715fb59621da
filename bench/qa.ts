import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QaRequest } from '../src/shared/qa';
import { renderQaCsv } from '../src/main/qa/csv';
import { renderQaHtml } from '../src/main/qa/html';
import { buildQaReport } from '../src/main/qa/report';
import { ReviewService } from '../src/main/review/review-service';
import { RecordingsRepo } from '../src/main/store/recordings-repo';
import { buildReviewProject, rng } from './review-project';

// Issue 6: the QA report of a run with 1,000,000 predictions and ~2,000 verdicts, with start times
// on half the recordings and 5 fully annotated recordings (the matching's reference).

function timed<T>(fn: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = fn();
  return { ms: performance.now() - start, value };
}

export async function runQaBench(total = 1_000_000): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'earmark-bench-qa-'));
  try {
    const path = join(dir, 'qa.earmark');
    const { fixture: f, labels, recordings, run, predictions, buildS } = buildReviewProject(path, { total });
    const repo = new RecordingsRepo(f.db);
    recordings.forEach((id, i) => {
      if (i % 2) return;
      const r = repo.get(id)!;
      repo.update(id, { ...r, start_time: new Date(Date.UTC(2024, 4, 1 + (i % 20), 4 + (i % 6))).toISOString().slice(0, 19), start_time_source: 'filename' });
    });
    const review = new ReviewService(f.db);
    const random = rng(7);
    // ~2,000 verdicts: every 500th detection, right with probability = score; a second reviewer on a fifth.
    const sample = f.db.prepare('SELECT id, score FROM predictions WHERE id % 500 = 0').all() as { id: number; score: number }[];
    for (const [i, p] of sample.entries()) {
      const verdict = random() < p.score ? 'positive' : 'negative';
      review.verdicts.decide('ann', p.id, { verdict });
      if (i % 5 === 0) review.verdicts.decide('bob', p.id, { verdict: random() < 0.85 ? verdict : 'uncertain' });
    }
    // Reference: 5 recordings fully annotated, a box near wherever a label scored > 0.8.
    const reference = recordings.slice(0, 5);
    const boxes = f.db
      .prepare(`SELECT recording_id, label_id, start_s, end_s FROM predictions WHERE run_id = ? AND score > 0.8 AND recording_id IN (${reference.join(',')})`)
      .all(run) as { recording_id: number; label_id: number; start_s: number; end_s: number }[];
    // Not too easy: a quarter of the boxes are missed by the model (moved 30 s away from any detection of theirs).
    for (const [i, b] of boxes.entries()) {
      const shift = (i % 4 === 0 ? 30.5 : 0.5) * (b.start_s >= 31 ? -1 : 1);
      review.annotations.create('ann', { recording_id: b.recording_id, start_s: b.start_s + shift, end_s: b.end_s + shift, label_id: b.label_id });
    }
    repo.setFullyAnnotated(reference, true);

    const request = QaRequest.parse({ run_id: run });
    const cold = timed(() => buildQaReport(f.db, path, request));
    const warm = timed(() => buildQaReport(f.db, path, request));
    const r = warm.value.runs[0];
    const start = performance.now();
    const html = await renderQaHtml(warm.value);
    const htmlMs = performance.now() - start;
    const csv = timed(() => renderQaCsv(warm.value));
    console.log(`project: ${predictions} predictions, ${labels.length} labels, ${recordings.length} recordings (built in ${buildS.toFixed(1)} s)`);
    console.log(`verdicts: ${r.overall.counts.reviewed} detections judged; reference: ${r.reference.recordings} recordings, ${r.reference.annotations} annotations`);
    console.log(`qa.report: ${cold.ms.toFixed(0)} ms cold, ${warm.ms.toFixed(0)} ms warm (target: well under a few seconds)`);
    console.log(`html: ${htmlMs.toFixed(0)} ms, ${(html.length / 1024).toFixed(0)} KiB; csv: ${csv.ms.toFixed(0)} ms, ${(csv.value.length / 1024).toFixed(0)} KiB`);
    console.log(`overall precision ${(r.overall.stratified.value! * 100).toFixed(1)}% (naive ${(r.overall.naive.value! * 100).toFixed(1)}%), mAP ${r.overall.ground_truth?.mean_average_precision?.toFixed(3)}`);
    f.db.close();
    return { report_cold_ms: cold.ms, report_warm_ms: warm.ms, html_ms: htmlMs, csv_ms: csv.ms };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
