import { stringify } from 'csv-stringify/sync';
import type { QaReport } from '../../shared/qa';

// The QA report as CSV (issue 6): one table per section, each with its own header row whose first
// column is `section`, separated by an empty line, so a spreadsheet shows them one under another and
// a script can split on the section column.

type Cell = string | number | boolean | null;

interface Section {
  name: string;
  columns: string[];
  rows: Cell[][];
}

function sections(report: QaReport): Section[] {
  const s = (name: string, columns: string[]): Section => ({ name, columns: ['section', 'run_id', ...columns], rows: [] });
  const summary = s('summary', ['label', 'detections', 'reviewed', 'positive', 'negative', 'relabelled', 'uncertain', 'precision', 'precision_lo', 'precision_hi', 'precision_se', 'coverage', 'bins_without_reviews', 'naive_precision', 'naive_lo', 'naive_hi', 'average_precision', 'reference', 'matched']);
  const bins = s('score_bins', ['label', 'bin', 'score_from', 'score_to', 'detections', 'positive', 'negative', 'relabelled', 'uncertain']);
  const byThreshold = s('precision_by_threshold', ['label', 'threshold', 'detections', 'judged', 'precision', 'lo', 'hi', 'coverage']);
  const gt = s('ground_truth_by_threshold', ['label', 'threshold', 'tp', 'fp', 'fn', 'precision', 'recall', 'f1']);
  const pr = s('pr_curve', ['label', 'score', 'precision', 'recall']);
  const calibration = s('calibration', ['label', 'status', 'reviews', 'positives', 'negatives', 'intercept', 'slope', 'score_p90', 'score_p95', 'score_p99', 'message']);
  const calBins = s('calibration_bins', ['label', 'score_from', 'score_to', 'reviews', 'mean_score', 'observed', 'fitted']);
  const confusion = s('confusion', ['predicted', 'actual', 'count']);
  const agreement = s('agreement', ['reviewer_a', 'reviewer_b', 'shared', 'observed_agreement', 'expected_agreement', 'kappa']);
  const byHour = s('detections_by_hour', ['label', 'hour', 'count', 'min_score']);
  const byDate = s('detections_by_date', ['label', 'date', 'count', 'min_score']);
  const unknown = s('detections_unknown_time', ['label', 'count']);
  const reference = s('reference', ['recordings', 'fully_annotated', 'imported', 'annotations']);
  const notes = s('notes', ['note']);
  for (const run of report.runs) {
    const r = (section: Section, cells: Cell[]) => section.rows.push([section.name, run.run_id, ...cells]);
    reference.rows.push(['reference', run.run_id, run.reference.recordings, run.reference.fully_annotated, run.reference.imported, run.reference.annotations]);
    for (const note of run.notes) r(notes, [note]);
    const all = { label: '(all labels)', ...run.overall, ground_truth: null };
    for (const l of [...run.labels, all]) {
      const g = l.ground_truth;
      const ap = 'label_id' in l ? (g?.average_precision ?? null) : (run.overall.ground_truth?.mean_average_precision ?? null);
      r(summary, [l.label, l.counts.detections, l.counts.reviewed, l.counts.positive, l.counts.negative, l.counts.relabelled, l.counts.uncertain,
        l.stratified.value, l.stratified.lo, l.stratified.hi, l.stratified.se, l.stratified.coverage, l.stratified.bins_without_reviews.join(' '),
        l.naive.value, l.naive.lo, l.naive.hi, ap, g?.reference ?? null, g?.matched ?? null]);
      for (const t of l.by_threshold) r(byThreshold, [l.label, t.threshold, t.detections, t.judged, t.value, t.lo, t.hi, t.coverage]);
    }
    for (const p of run.overall.ground_truth?.by_threshold ?? []) r(gt, ['(all labels)', p.threshold, p.tp, p.fp, p.fn, p.precision, p.recall, p.f1]);
    for (const l of run.labels) {
      for (const b of l.bins) r(bins, [l.label, b.index, b.lo, b.hi, b.detections, b.positive, b.negative, b.relabelled, b.uncertain]);
      for (const p of l.ground_truth?.by_threshold ?? []) r(gt, [l.label, p.threshold, p.tp, p.fp, p.fn, p.precision, p.recall, p.f1]);
      for (const p of l.ground_truth?.pr_curve ?? []) r(pr, [l.label, p.score, p.precision, p.recall]);
      const c = l.calibration;
      const at = (p: number) => c.thresholds.find((t) => t.probability === p)?.score ?? null;
      r(calibration, [l.label, c.status, c.n, c.positives, c.negatives, c.intercept, c.slope, at(0.9), at(0.95), at(0.99), c.message]);
      for (const b of c.bins) r(calBins, [l.label, b.lo, b.hi, b.n, b.mean_score, b.observed, b.fitted]);
      for (const h of l.time.by_hour) r(byHour, [l.label, h.hour, h.count, l.time.threshold]);
      for (const d of l.time.by_date) r(byDate, [l.label, d.date, d.count, l.time.threshold]);
      r(unknown, [l.label, l.time.unknown_time]);
    }
    for (const c of run.confusion) r(confusion, [c.predicted, c.actual, c.count]);
    for (const k of run.agreement) r(agreement, [k.reviewer_a, k.reviewer_b, k.n, k.observed_agreement, k.expected_agreement, k.kappa]);
  }
  return [summary, reference, bins, byThreshold, gt, pr, calibration, calBins, confusion, agreement, byHour, byDate, unknown, notes];
}

export function renderQaCsv(report: QaReport): string {
  return sections(report)
    .map((section) => stringify([section.columns, ...section.rows], { cast: { boolean: (b) => (b ? 'true' : 'false') } }))
    .join('\n');
}
