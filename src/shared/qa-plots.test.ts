// The test (not the module) spawns a Node that refuses eval, to stand in for the renderer's CSP.
// eslint-disable-next-line no-restricted-imports
import { execFileSync } from 'node:child_process';
import * as vega from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { compile, type TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import type { LabelReport } from './qa';
import {
  byDateSpec,
  byHourSpec,
  calibrationSpec,
  labelPlots,
  prCurveSpec,
  precisionThresholdSpec,
  scoreHistogramSpec,
} from './qa-plots';

// A hand-made label report with few, distinct numbers, so each can be found again in the spec.
function bin(index: number, positive: number, negative: number, relabelled = 0) {
  return { index, lo: index / 4, hi: (index + 1) / 4, detections: 10 + index, positive, negative, uncertain: 1, relabelled };
}

const bird: LabelReport = {
  label_id: 7,
  label: 'bird',
  color: '#123456',
  counts: { detections: 46, reviewed: 20, positive: 11, negative: 6, uncertain: 1, relabelled: 2 },
  stratified: { value: 0.6, lo: 0.4, hi: 0.8, se: 0.1, coverage: 1, bins_without_reviews: [], single_review_strata: 0 },
  naive: { value: 0.55, lo: 0.3, hi: 0.8, correct: 11, judged: 19 },
  bins: [bin(0, 0, 0), bin(1, 1, 4), bin(2, 3, 2, 2), bin(3, 7, 0)],
  by_threshold: [
    { threshold: 0, value: 0.55, lo: 0.35, hi: 0.75, detections: 46, judged: 19, coverage: 1 },
    { threshold: 0.25, value: 0.62, lo: 0.41, hi: 0.83, detections: 36, judged: 19, coverage: 1 },
    { threshold: 0.5, value: 0.8, lo: 0.6, hi: 1, detections: 25, judged: 14, coverage: 1 },
    { threshold: 0.75, value: null, lo: null, hi: null, detections: 0, judged: 0, coverage: 0 },
  ],
  ground_truth: {
    reference: 9,
    detections: 12,
    matched: 7,
    by_threshold: [],
    pr_curve: [
      { score: 0.9, precision: 1, recall: 0.25 },
      { score: 0.6, precision: 0.75, recall: 0.5 },
      { score: 0.3, precision: 0.5, recall: 0.75 },
    ],
    average_precision: 0.7,
    best_f1: { threshold: 0.6, tp: 4, fp: 1, fn: 4, precision: 0.75, recall: 0.5, f1: 0.6 },
  },
  calibration: {
    status: 'ok',
    message: null,
    n: 19,
    positives: 11,
    negatives: 8,
    intercept: -3,
    slope: 8,
    thresholds: [
      { probability: 0.9, score: 0.65, reachable: true },
      { probability: 0.95, score: 0.74, reachable: true },
      { probability: 0.99, score: null, reachable: false },
    ],
    bins: [
      { lo: 0, hi: 0.5, n: 0, mean_score: 0.25, observed: 0, fitted: 0.05 },
      { lo: 0.5, hi: 1, n: 12, mean_score: 0.8, observed: 0.83, fitted: 0.96 },
      { lo: 0.25, hi: 0.5, n: 5, mean_score: 0.4, observed: 0.2, fitted: 0.6 },
    ],
    curve: [
      { score: 0, probability: 0.05 },
      { score: 0.5, probability: 0.73 },
      { score: 1, probability: 0.99 },
    ],
  },
  time: {
    threshold: null,
    by_hour: Array.from({ length: 24 }, (_, hour) => ({ hour, count: hour === 5 ? 4 : hour === 6 ? 9 : 0 })),
    by_date: [
      { date: '2024-05-01', count: 6 },
      { date: '2024-05-03', count: 7 },
    ],
    unknown_time: 0,
  },
};

const dog: Pick<LabelReport, 'label' | 'color' | 'time'> = {
  label: 'dog',
  color: '#abcdef',
  time: { threshold: 0.5, by_hour: [{ hour: 22, count: 3 }], by_date: [{ date: '2024-05-02', count: 3 }], unknown_time: 0 },
};

type Json = Record<string, unknown>;
const asJson = (spec: TopLevelSpec | null) => spec as unknown as Json;
function layers(spec: TopLevelSpec | null): Json[] {
  return (asJson(spec).layer as Json[]) ?? [];
}
function values(part: Json): Json[] {
  return (part.data as { values: Json[] }).values;
}

/** Renders with vega as the view does (AST + interpreter) and counts items of data marks. */
async function dataMarks(spec: TopLevelSpec): Promise<number> {
  const view = new vega.View(vega.parse(compile(spec).spec, undefined, { ast: true }), { renderer: 'none', expr: expressionInterpreter });
  await view.runAsync();
  const svg = await view.toSVG();
  expect(svg).toContain('<svg');
  type Node = { marktype?: string; role?: string; items?: Node[] };
  const count = (n: Node): number =>
    (n.marktype && n.role === 'mark' && n.marktype !== 'group' ? (n.items?.length ?? 0) : 0) +
    (n.items ?? []).reduce((s, c) => s + count(c), 0);
  const total = count((view.scenegraph() as unknown as { root: Node }).root);
  view.finalize();
  return total;
}

describe('scoreHistogramSpec', () => {
  it('has one correct and one wrong bar per bin; relabels count as wrong', () => {
    const spec = asJson(scoreHistogramSpec(bird));
    const rows = values(spec);
    expect(rows).toHaveLength(8);
    expect(rows.filter((r) => r.lo === 0.5)).toEqual([
      { bin: '0.50', lo: 0.5, hi: 0.75, verdict: 'correct', count: 3 },
      { bin: '0.50', lo: 0.5, hi: 0.75, verdict: 'wrong', count: 4 },
    ]);
    const enc = spec.encoding as Json;
    expect(enc.x).toMatchObject({ field: 'bin', type: 'ordinal', sort: { field: 'lo' } });
    expect(enc.xOffset).toMatchObject({ field: 'verdict' });
    expect(enc.y).toMatchObject({ field: 'count', type: 'quantitative' });
    expect(enc.color).toMatchObject({ field: 'verdict', scale: { domain: ['correct', 'wrong'] } });
  });

  it('is null without any verdict', () => {
    expect(scoreHistogramSpec({ label: 'x', bins: [bin(0, 0, 0), bin(1, 0, 0)] })).toBeNull();
  });
});

describe('precisionThresholdSpec', () => {
  it('plots the defined points with their interval as a band, skipping null precision', () => {
    const spec = precisionThresholdSpec('bird', bird.by_threshold);
    const rows = values(asJson(spec));
    expect(rows.map((r) => [r.score, r.precision, r.lo, r.hi])).toEqual([
      [0, 0.55, 0.35, 0.75],
      [0.25, 0.62, 0.41, 0.83],
      [0.5, 0.8, 0.6, 1],
    ]);
    const [band, line] = layers(spec);
    expect(band.mark).toMatchObject({ type: 'area' });
    expect(band.encoding).toMatchObject({ y: { field: 'lo' }, y2: { field: 'hi' } });
    expect(line.encoding).toMatchObject({ y: { field: 'precision' } });
    expect(asJson(spec).encoding).toMatchObject({ x: { field: 'score' } });
  });

  it('is null when no threshold has a precision', () => {
    expect(precisionThresholdSpec('bird', [bird.by_threshold[3]])).toBeNull();
  });
});

describe('prCurveSpec', () => {
  it('draws the curve in recall order and marks the best F1', () => {
    const spec = prCurveSpec('bird', bird.ground_truth);
    const [curve, best] = layers(spec);
    expect(values(curve).map((r) => [r.recall, r.precision])).toEqual([
      [0.25, 1],
      [0.5, 0.75],
      [0.75, 0.5],
    ]);
    expect(curve.encoding).toMatchObject({ x: { field: 'recall' }, y: { field: 'precision' }, order: { field: 'recall' } });
    expect(values(best)).toEqual([{ recall: 0.5, precision: 0.75, threshold: 0.6, f1: 0.6 }]);
  });

  it('is null without ground truth', () => {
    expect(prCurveSpec('bird', null)).toBeNull();
    expect(prCurveSpec('bird', { pr_curve: [], best_f1: null })).toBeNull();
  });
});

describe('calibrationSpec', () => {
  it('has the fitted curve, the observed bins with reviews, and rules at the reachable thresholds', () => {
    const [fitted, observed, rules, text] = layers(calibrationSpec('bird', bird.calibration));
    expect(values(fitted)).toEqual(bird.calibration.curve);
    expect(fitted.mark).toMatchObject({ type: 'line' });
    expect(values(observed)).toEqual([
      { score: 0.8, probability: 0.83, n: 12 },
      { score: 0.4, probability: 0.2, n: 5 },
    ]);
    expect(observed.encoding).toMatchObject({ x: { field: 'score' }, y: { field: 'probability' }, size: { field: 'n' } });
    expect(values(rules)).toEqual([
      { score: 0.65, probability: 0.9, text: '90%', at: 0.06 },
      { score: 0.74, probability: 0.95, text: '95%', at: 0.15 },
    ]);
    expect(rules.mark).toMatchObject({ type: 'rule' });
    expect(text.encoding).toMatchObject({ text: { field: 'text' } });
  });

  it('still shows the observed shares when the fit failed', () => {
    const spec = calibrationSpec('bird', { ...bird.calibration, curve: [], thresholds: [] });
    expect(values(layers(spec)[1])).toHaveLength(2);
    expect(calibrationSpec('bird', { bins: [], curve: [], thresholds: [] })).toBeNull();
  });
});

describe('time plots', () => {
  it('counts by hour per label, coloured with the labels own colours', () => {
    const spec = asJson(byHourSpec('run 1', [bird, dog]));
    expect(values(spec)).toEqual([
      { label: 'bird', hour: 5, count: 4 },
      { label: 'bird', hour: 6, count: 9 },
      { label: 'dog', hour: 22, count: 3 },
    ]);
    expect(spec.encoding).toMatchObject({
      x: { field: 'hour', type: 'ordinal' },
      y: { field: 'count' },
      color: { field: 'label', scale: { domain: ['bird', 'dog'], range: ['#123456', '#abcdef'] } },
    });
    expect((spec.encoding as { x: { scale: { domain: number[] } } }).x.scale.domain).toHaveLength(24);
  });

  it('counts by date on a UTC day axis', () => {
    const spec = asJson(byDateSpec('run 1', [bird, dog]));
    expect(values(spec).map((r) => [r.label, r.date, r.count])).toEqual([
      ['bird', '2024-05-01', 6],
      ['bird', '2024-05-03', 7],
      ['dog', '2024-05-02', 3],
    ]);
    expect(spec.encoding).toMatchObject({
      x: { field: 'date', type: 'temporal', timeUnit: 'utcyearmonthdate', axis: { tickCount: { interval: 'day', step: 1 } } },
    });
  });

  it('is null with no detections at a known time', () => {
    const none = { ...dog, time: { ...dog.time, by_hour: [{ hour: 1, count: 0 }], by_date: [] } };
    expect(byHourSpec('x', [none])).toBeNull();
    expect(byDateSpec('x', [none])).toBeNull();
  });
});

describe('rendering', () => {
  it('every plot of a label renders with vega to SVG with as many data marks as it has data', async () => {
    const plots = labelPlots(bird);
    expect(await dataMarks(plots.histogram!)).toBe(8);
    // 3 band vertices + 3 line vertices + 3 points.
    expect(await dataMarks(plots.precision!)).toBe(9);
    expect(await dataMarks(plots.pr!)).toBeGreaterThanOrEqual(4);
    // 3 curve vertices + 2 observed + 2 rules + 2 texts.
    expect(await dataMarks(plots.calibration!)).toBe(9);
    expect(await dataMarks(plots.byHour!)).toBe(2);
    expect(await dataMarks(plots.byDate!)).toBe(2);
  });

  it('compiles and renders without generating code from strings (the CSP has no unsafe-eval)', () => {
    const specs = Object.values(labelPlots(bird)).filter((s) => s !== null);
    // A child Node that refuses eval/new Function, as the renderer's CSP does.
    const script = `
      import * as vl from 'vega-lite'; import * as vega from 'vega'; import { expressionInterpreter } from 'vega-interpreter';
      const specs = JSON.parse(process.env.SPECS); let n = 0;
      for (const s of specs) {
        const view = new vega.View(vega.parse(vl.compile(s).spec, undefined, { ast: true }), { renderer: 'none', expr: expressionInterpreter });
        if ((await view.toSVG()).includes('<svg')) n++;
        view.finalize();
      }
      console.log(n);`;
    const out = execFileSync(process.execPath, ['--disallow-code-generation-from-strings', '--input-type=module', '-e', script], {
      env: { ...process.env, SPECS: JSON.stringify(specs) },
      encoding: 'utf8',
    });
    expect(Number(out.trim())).toBe(specs.length);
  });
});
