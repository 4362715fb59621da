import type { NaivePrecision, ReviewCounts, ScoreBin, StratifiedPrecision, ThresholdPoint } from '../../shared/qa';
import { stratifiedPrecision, type StratifiedEstimate, type Stratum } from './stratified-precision';
import type { JudgedDetection } from './verdicts';
import { binOf } from '../store/qa-repo';
import { wilson } from './wilson';

// Section 1 of the report: counts, stratified and naive precision, precision against threshold.

/** A label's score bins: population from SQL, verdicts binned here. */
export function labelBins(bins: number, population: ReadonlyMap<number, number>, judged: readonly JudgedDetection[]): ScoreBin[] {
  const out: ScoreBin[] = Array.from({ length: bins }, (_, index) => ({
    index,
    lo: index / bins,
    hi: (index + 1) / bins,
    detections: population.get(index) ?? 0,
    positive: 0,
    negative: 0,
    uncertain: 0,
    relabelled: 0,
  }));
  for (const j of judged) {
    const bin = out[binOf(j.score, bins)];
    if (j.outcome === 'correct') bin.positive++;
    else if (j.outcome === 'wrong') bin.negative++;
    else if (j.outcome === 'relabelled') bin.relabelled++;
    else bin.uncertain++;
  }
  return out;
}

export function countsOf(bins: readonly ScoreBin[]): ReviewCounts {
  const c: ReviewCounts = { detections: 0, reviewed: 0, positive: 0, negative: 0, uncertain: 0, relabelled: 0 };
  for (const b of bins) {
    c.detections += b.detections;
    c.positive += b.positive;
    c.negative += b.negative;
    c.uncertain += b.uncertain;
    c.relabelled += b.relabelled;
  }
  c.reviewed = c.positive + c.negative + c.uncertain + c.relabelled;
  return c;
}

const stratumOf = (b: ScoreBin): Stratum => ({ population: b.detections, correct: b.positive, wrong: b.negative + b.relabelled });

/** bins_without_reviews lists score-bin indices; with label × bin strata, a bin index once if any label's is unreviewed. */
function toStratified(e: StratifiedEstimate, binIndex: (stratum: number) => number): StratifiedPrecision {
  return {
    value: e.value,
    lo: e.lo,
    hi: e.hi,
    se: e.se,
    coverage: e.coverage,
    bins_without_reviews: [...new Set(e.unreviewed.map(binIndex))].sort((a, b) => a - b),
    single_review_strata: e.singleReview,
  };
}

export function naiveOf(counts: ReviewCounts): NaivePrecision {
  const judged = counts.positive + counts.negative + counts.relabelled;
  return { ...wilson(counts.positive, judged), correct: counts.positive, judged };
}

/**
 * Stratified precision over one or more labels' bins (strata = label × bin), and the same at each
 * bin's lower edge as a threshold (strata: bins at or above it).
 */
export function precisionOf(perLabelBins: readonly (readonly ScoreBin[])[], bins: number): { stratified: StratifiedPrecision; by_threshold: ThresholdPoint[] } {
  const flat = perLabelBins.flat();
  const stratified = toStratified(stratifiedPrecision(flat.map(stratumOf)), (i) => flat[i].index);
  const by_threshold: ThresholdPoint[] = [];
  for (let h = 0; h < bins; h++) {
    const above = flat.filter((b) => b.index >= h);
    const e = stratifiedPrecision(above.map(stratumOf));
    by_threshold.push({ threshold: h / bins, value: e.value, lo: e.lo, hi: e.hi, detections: e.population, judged: e.judged, coverage: e.coverage });
  }
  return { stratified, by_threshold };
}
