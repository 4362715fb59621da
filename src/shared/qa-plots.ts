import type { TopLevelSpec } from 'vega-lite';
import type { Calibration, GroundTruth, LabelReport, ScoreBin, ThresholdPoint } from './qa';

// Vega-lite specs for the QA plots (issue 6). Pure data -> JSON: no DOM, no renderer, so the QA view
// (drawn with vega in the window) and the HTML report (drawn to SVG in Node) show the same plots.
// Each builder returns null when there is nothing to draw, so callers show a sentence instead.
// Specs carry no config: the view applies its dark theme, the report vega's default light one.

export interface PlotSize {
  width?: number;
  height?: number;
}

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const WIDTH = 360;
const HEIGHT = 200;
export const CORRECT_COLOR = '#3fae6f';
export const WRONG_COLOR = '#e0515e';
const BAND_COLOR = '#4f9cf7';

/** A 0..1 quantitative position channel (scores and probabilities); `percent` formats the axis as %. */
function unit(field: string, title: string, percent = false) {
  return {
    field,
    type: 'quantitative' as const,
    title,
    scale: { domain: [0, 1] },
    ...(percent ? { axis: { format: '.0%' } } : {}),
  };
}

function frame(title: string, size: PlotSize = {}) {
  return { $schema: SCHEMA, title, width: size.width ?? WIDTH, height: size.height ?? HEIGHT };
}

const scoreAxis = (title = 'score') => unit('score', title);

/** One bar pair per score bin: detections judged correct (positive, same label) against wrong. */
export function scoreHistogramSpec(label: Pick<LabelReport, 'label' | 'bins'>, size?: PlotSize): TopLevelSpec | null {
  const rows = label.bins.flatMap((b: ScoreBin) => {
    const bin = b.lo.toFixed(2);
    return [
      { bin, lo: b.lo, hi: b.hi, verdict: 'correct', count: b.positive },
      { bin, lo: b.lo, hi: b.hi, verdict: 'wrong', count: b.negative + b.relabelled },
    ];
  });
  if (!rows.some((r) => r.count > 0)) return null;
  return {
    ...frame(`${label.label}: scores of reviewed detections`, size),
    data: { values: rows },
    // Side by side per bin, not stacked: where the two distributions cross is where a threshold bites.
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'bin', type: 'ordinal', title: 'score bin (from)', sort: { field: 'lo' }, axis: { labelAngle: 0 } },
      xOffset: { field: 'verdict', type: 'nominal', sort: ['correct', 'wrong'] },
      y: { field: 'count', type: 'quantitative', title: 'reviewed detections' },
      color: {
        field: 'verdict',
        type: 'nominal',
        title: 'verdict',
        scale: { domain: ['correct', 'wrong'], range: [CORRECT_COLOR, WRONG_COLOR] },
      },
      tooltip: [
        { field: 'verdict', type: 'nominal' },
        { field: 'lo', type: 'quantitative', title: 'from', format: '.2f' },
        { field: 'hi', type: 'quantitative', title: 'to', format: '.2f' },
        { field: 'count', type: 'quantitative' },
      ],
    },
  };
}

/** Stratified precision of the detections scoring >= threshold, with its 95% interval as a band. */
export function precisionThresholdSpec(title: string, points: readonly ThresholdPoint[], size?: PlotSize): TopLevelSpec | null {
  const rows = points
    .filter((p) => p.value !== null)
    .map((p) => ({ score: p.threshold, precision: p.value, lo: p.lo ?? p.value, hi: p.hi ?? p.value, detections: p.detections, judged: p.judged }));
  if (rows.length === 0) return null;
  const precision = unit('precision', 'precision', true);
  return {
    ...frame(`${title}: precision above threshold`, size),
    data: { values: rows },
    encoding: { x: scoreAxis('threshold (score ≥)') },
    layer: [
      {
        mark: { type: 'area', color: BAND_COLOR, opacity: 0.25 },
        encoding: { y: { field: 'lo', type: 'quantitative', scale: { domain: [0, 1] }, title: 'precision' }, y2: { field: 'hi' } },
      },
      { mark: { type: 'line', color: BAND_COLOR, point: true }, encoding: {
        y: precision,
        tooltip: [
          { field: 'score', type: 'quantitative', title: 'threshold', format: '.2f' },
          { field: 'precision', type: 'quantitative', format: '.1%' },
          { field: 'lo', type: 'quantitative', title: '95% low', format: '.1%' },
          { field: 'hi', type: 'quantitative', title: '95% high', format: '.1%' },
          { field: 'judged', type: 'quantitative' },
          { field: 'detections', type: 'quantitative' },
        ],
      } },
    ],
  };
}

/** Precision against recall over every distinct score, with the best-F1 point marked. */
export function prCurveSpec(title: string, gt: Pick<GroundTruth, 'pr_curve' | 'best_f1'> | null, size?: PlotSize): TopLevelSpec | null {
  if (!gt || gt.pr_curve.length === 0) return null;
  const rows = gt.pr_curve.map((p) => ({ recall: p.recall, precision: p.precision, score: p.score }));
  const best = gt.best_f1 && gt.best_f1.recall !== null && gt.best_f1.precision !== null ? [gt.best_f1] : [];
  const x = unit('recall', 'recall', true);
  const y = unit('precision', 'precision', true);
  return {
    ...frame(`${title}: precision–recall`, size),
    layer: [
      {
        data: { values: rows },
        // Ordered by recall so the curve does not zig-zag back on equal scores.
        mark: { type: 'line', color: BAND_COLOR, interpolate: 'step-after', point: { size: 12 } },
        encoding: {
          x,
          y,
          order: { field: 'recall', type: 'quantitative' },
          tooltip: [
            { field: 'score', type: 'quantitative', title: 'score ≥', format: '.3f' },
            { field: 'precision', type: 'quantitative', format: '.1%' },
            { field: 'recall', type: 'quantitative', format: '.1%' },
          ],
        },
      },
      {
        data: { values: best.map((b) => ({ recall: b.recall, precision: b.precision, threshold: b.threshold, f1: b.f1 })) },
        mark: { type: 'point', shape: 'diamond', size: 90, filled: true, color: '#e8b34a' },
        encoding: {
          x,
          y,
          tooltip: [
            { field: 'threshold', type: 'quantitative', title: 'best F1 at score ≥', format: '.2f' },
            { field: 'f1', type: 'quantitative', title: 'F1', format: '.3f' },
          ],
        },
      },
    ],
  };
}

/** Observed share correct per score bin (dots sized by reviews) against the fitted logistic curve. */
export function calibrationSpec(title: string, cal: Pick<Calibration, 'bins' | 'curve' | 'thresholds'>, size?: PlotSize): TopLevelSpec | null {
  const observed = cal.bins.filter((b) => b.n > 0).map((b) => ({ score: b.mean_score, probability: b.observed, n: b.n }));
  if (observed.length === 0 && cal.curve.length === 0) return null;
  const fitted = cal.curve.map((c) => ({ score: c.score, probability: c.probability }));
  // Labels sit low and staggered: the 90/95/99% scores are often close together near the top right.
  const marks = cal.thresholds
    .filter((t) => t.reachable && t.score !== null)
    .map((t, i) => ({ score: t.score, probability: t.probability, text: `${Math.round(t.probability * 100)}%`, at: 0.06 + 0.09 * i }));
  const y = unit('probability', 'P(correct)', true);
  return {
    ...frame(`${title}: calibration`, size),
    layer: [
      {
        data: { values: fitted },
        mark: { type: 'line', color: BAND_COLOR },
        encoding: { x: scoreAxis(), y },
      },
      {
        data: { values: observed },
        mark: { type: 'point', filled: true, color: '#d8a24a', opacity: 0.9 },
        encoding: {
          x: scoreAxis(),
          y,
          size: { field: 'n', type: 'quantitative', title: 'reviews', scale: { range: [20, 200] } },
          tooltip: [
            { field: 'score', type: 'quantitative', title: 'mean score', format: '.2f' },
            { field: 'probability', type: 'quantitative', title: 'observed', format: '.1%' },
            { field: 'n', type: 'quantitative', title: 'reviews' },
          ],
        },
      },
      {
        data: { values: marks },
        mark: { type: 'rule', strokeDash: [4, 3], color: '#8a929e' },
        encoding: { x: scoreAxis() },
      },
      {
        data: { values: marks },
        mark: { type: 'text', align: 'left', dx: 3, dy: -4, color: '#8a929e', fontSize: 10 },
        encoding: {
          x: scoreAxis(),
          y: { field: 'at', type: 'quantitative', scale: { domain: [0, 1] } },
          text: { field: 'text', type: 'nominal' },
          tooltip: [
            { field: 'text', type: 'nominal', title: 'probability right' },
            { field: 'score', type: 'quantitative', title: 'score ≥', format: '.3f' },
          ],
        },
      },
    ],
  };
}

type TimeLabel = Pick<LabelReport, 'label' | 'color' | 'time'>;

function labelColor(labels: readonly TimeLabel[]) {
  return {
    field: 'label',
    type: 'nominal',
    title: 'label',
    scale: { domain: labels.map((l) => l.label), range: labels.map((l) => l.color) },
  } as const;
}

/** Detections by hour of day (recorder's clock), stacked by label. */
export function byHourSpec(title: string, labels: readonly TimeLabel[], size?: PlotSize): TopLevelSpec | null {
  const rows = labels.flatMap((l) => l.time.by_hour.filter((h) => h.count > 0).map((h) => ({ label: l.label, hour: h.hour, count: h.count })));
  if (rows.length === 0) return null;
  return {
    ...frame(`${title}: detections by hour of day`, size),
    data: { values: rows },
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'hour', type: 'ordinal', title: 'hour of day', scale: { domain: Array.from({ length: 24 }, (_, h) => h) }, axis: { labelAngle: 0 } },
      y: { field: 'count', type: 'quantitative', title: 'detections', stack: 'zero' },
      color: labelColor(labels),
      tooltip: [
        { field: 'label', type: 'nominal' },
        { field: 'hour', type: 'ordinal' },
        { field: 'count', type: 'quantitative' },
      ],
    },
  };
}

/** Detections per calendar day (YYYY-MM-DD of the recorder's clock), stacked by label. */
export function byDateSpec(title: string, labels: readonly TimeLabel[], size?: PlotSize): TopLevelSpec | null {
  const rows = labels.flatMap((l) => l.time.by_date.filter((d) => d.count > 0).map((d) => ({ label: l.label, date: d.date, count: d.count })));
  if (rows.length === 0) return null;
  // Ticks on whole days (about eight at most), not the half days a short range would get.
  const dates = rows.map((r) => Date.parse(`${r.date}T00:00:00Z`));
  const days = Math.round((Math.max(...dates) - Math.min(...dates)) / 86_400_000) + 1;
  return {
    ...frame(`${title}: detections by date`, size),
    data: { values: rows },
    mark: { type: 'bar' },
    encoding: {
      // A bare date parses as UTC midnight: read and show it in UTC so no day shifts with the time zone.
      x: { field: 'date', type: 'temporal', timeUnit: 'utcyearmonthdate', title: 'date', axis: { format: '%Y-%m-%d', labelAngle: -30, tickCount: { interval: 'day', step: Math.max(1, Math.ceil(days / 8)) } } },
      y: { field: 'count', type: 'quantitative', title: 'detections', stack: 'zero' },
      color: labelColor(labels),
      tooltip: [
        { field: 'label', type: 'nominal' },
        { field: 'date', type: 'nominal' },
        { field: 'count', type: 'quantitative' },
      ],
    },
  };
}

export interface LabelPlots {
  histogram: TopLevelSpec | null;
  precision: TopLevelSpec | null;
  pr: TopLevelSpec | null;
  calibration: TopLevelSpec | null;
  byHour: TopLevelSpec | null;
  byDate: TopLevelSpec | null;
}

/** Every plot of one label, in the order the view and the report show them. */
export function labelPlots(label: LabelReport, size?: PlotSize): LabelPlots {
  return {
    histogram: scoreHistogramSpec(label, size),
    precision: precisionThresholdSpec(label.label, label.by_threshold, size),
    pr: prCurveSpec(label.label, label.ground_truth, size),
    calibration: calibrationSpec(label.label, label.calibration, size),
    byHour: byHourSpec(label.label, [label], size),
    byDate: byDateSpec(label.label, [label], size),
  };
}
