import type { TopLevelSpec } from 'vega-lite';
import type { LabelReport, QaReport, RunReport } from '../../shared/qa';
import { byDateSpec, byHourSpec, labelPlots, precisionThresholdSpec } from '../../shared/qa-plots';
import { esc, GT_HEADERS, gtRows, interval, num, pct, STYLE, table } from './html-format';
import { renderSvg } from './svg';

// The QA report as one self-contained HTML file (issue 6): tables, and the QA view's plots drawn to
// inline SVG. Nothing is loaded from anywhere, so it opens offline and can be mailed as is.

async function figure(spec: TopLevelSpec | null): Promise<string> {
  return spec ? `<figure>${await renderSvg(spec)}</figure>` : '';
}

async function plots(specs: (TopLevelSpec | null)[]): Promise<string> {
  const figures: string[] = [];
  for (const spec of specs) figures.push(await figure(spec));
  const body = figures.filter(Boolean).join('\n');
  return body ? `<div class="plots">${body}</div>` : '';
}

const swatch = (color: string) => `<span class="swatch" style="background:${esc(color)}"></span>`;

function summaryTable(run: RunReport): string {
  const row = (name: string, l: Pick<LabelReport, 'counts' | 'stratified' | 'naive'>, ap: number | null | undefined) => [
    name,
    String(l.counts.detections),
    String(l.counts.reviewed),
    String(l.counts.positive),
    String(l.counts.negative),
    String(l.counts.relabelled),
    String(l.counts.uncertain),
    interval(l.stratified),
    pct(l.stratified.coverage),
    interval(l.naive),
    ap === undefined ? '–' : pct(ap),
  ];
  const rows = run.labels.map((l) => row(`${swatch(l.color)}${esc(l.label)}`, l, l.ground_truth?.average_precision));
  rows.push(row('<strong>all labels</strong>', run.overall, run.overall.ground_truth?.mean_average_precision));
  return table(
    ['label', 'detections', 'reviewed', 'correct', 'wrong', 'relabelled', 'uncertain', 'precision (stratified, 95% CI)', 'coverage', 'precision (naive, Wilson)', 'AP (all: mAP)'],
    rows,
    'Precision from reviews',
  );
}

function referenceText(run: RunReport): string {
  const r = run.reference;
  if (!r.recordings) return '<p class="note">No reference: no recording of this run is fully annotated or covered by an imported table, so there is no recall.</p>';
  return `<p>Reference: ${r.recordings} recording(s) (${r.fully_annotated} fully annotated, ${r.imported} covered by an imported table) with ${r.annotations} annotation(s).</p>`;
}

async function labelSection(l: LabelReport): Promise<string> {
  const p = labelPlots(l);
  const parts = [`<h3>${swatch(l.color)}${esc(l.label)}</h3>`];
  parts.push(await plots([p.histogram, p.precision, p.pr, p.calibration, p.byHour, p.byDate]));
  if (l.stratified.bins_without_reviews.length) {
    parts.push(`<p class="note">Score bins without reviews (their detections are left out of the estimate): ${l.stratified.bins_without_reviews.map((i) => esc(`${num(l.bins[i].lo, 2)}–${num(l.bins[i].hi, 2)}`)).join(', ')}.</p>`);
  }
  parts.push(
    table(
      ['score ≥', 'detections', 'judged', 'precision (95% CI)', 'coverage'],
      l.by_threshold.map((t) => [num(t.threshold, 2), String(t.detections), String(t.judged), interval(t), pct(t.coverage)]),
      'Precision above threshold',
    ),
  );
  if (l.ground_truth) {
    const g = l.ground_truth;
    parts.push(`<p>Against the reference: ${g.reference} annotation(s), ${g.detections} detection(s), ${g.matched} matched; AP ${pct(g.average_precision)}${g.best_f1 ? `; best F1 ${num(g.best_f1.f1)} at score ≥ ${num(g.best_f1.threshold)}` : ''}.</p>`);
    parts.push(table(GT_HEADERS, gtRows(g.by_threshold), 'Recall and precision against the reference'));
  }
  const c = l.calibration;
  if (c.status === 'ok') {
    parts.push(
      table(
        ['probability of being right', 'score needed'],
        c.thresholds.map((t) => [pct(t.probability, 0), t.reachable ? num(t.score) : 'not reached below 1']),
        `Calibration (logistic fit on ${c.n} reviews: intercept ${num(c.intercept)}, slope ${num(c.slope)})`,
      ),
    );
  } else parts.push(`<p class="note">Calibration: ${esc(c.message ?? c.status)}.</p>`);
  if (l.time.unknown_time) parts.push(`<p class="note">${l.time.unknown_time} detection(s) on recordings without a start time (unknown time).</p>`);
  if (l.time.threshold !== null) parts.push(`<p class="note">Time plots count detections scoring ≥ ${num(l.time.threshold)} (the saved threshold).</p>`);
  return parts.join('\n');
}

async function runSection(run: RunReport): Promise<string> {
  const parts = [`<h2>Run ${run.run_id} — ${esc(run.model_id)}</h2>`, `<p class="note">Started ${esc(run.created_at)}.</p>`];
  for (const note of run.notes) parts.push(`<p class="note">${esc(note)}</p>`);
  parts.push(summaryTable(run), referenceText(run));
  if (run.overall.ground_truth) parts.push(table(GT_HEADERS, gtRows(run.overall.ground_truth.by_threshold), 'All labels against the reference (summed over labels)'));
  parts.push(await plots([precisionThresholdSpec('All labels', run.overall.by_threshold), byHourSpec('All labels', run.labels), byDateSpec('All labels', run.labels)]));
  parts.push(
    table(
      ['model said', 'reviewer said', 'detections'],
      run.confusion.map((c) => [esc(c.predicted), c.actual_label_id === null ? `<em>not ${esc(c.predicted)} (none)</em>` : esc(c.actual), String(c.count)]),
      'Confusion (most recent verdicts; uncertain left out)',
    ),
  );
  parts.push(
    table(
      ['reviewer', 'reviewer', 'shared detections', 'observed agreement', 'chance agreement', "Cohen's kappa"],
      run.agreement.map((k) => [esc(k.reviewer_a), esc(k.reviewer_b), String(k.n), pct(k.observed_agreement), pct(k.expected_agreement), num(k.kappa)]),
      'Agreement between reviewers',
    ),
  );
  for (const l of run.labels) parts.push(await labelSection(l));
  return parts.join('\n');
}

export async function renderQaHtml(report: QaReport): Promise<string> {
  const sections: string[] = [];
  for (const run of report.runs) sections.push(await runSection(run));
  const m = report.params.match;
  const rule = m.mode === 'iou' ? `time IoU ≥ ${m.iou}` : `onset within ${m.tolerance_s} s`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>QA report — ${esc(report.project)}</title>
<meta name="generator" content="Earmark"><style>${STYLE}</style></head>
<body>
<h1>QA report — ${esc(report.project)}</h1>
<p class="note">Generated ${esc(report.generated_at)}. Score bins: ${report.params.bins}; matching to the reference: ${esc(rule)}, one-to-one, highest score first.
Precision is weighted by score bin (stratified), so a score-stratified review sample gives an unbiased estimate; a relabelled detection is wrong for the label the model gave.</p>
${sections.length ? sections.join('\n') : '<p class="empty">This project has no runs.</p>'}
</body></html>
`;
}
