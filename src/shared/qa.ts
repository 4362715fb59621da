import { z } from 'zod';

// The QA report of a model's output (issue 6): the one shape the QA view, the HTML/CSV export and
// `earmark report --json` share. Pure: imports only zod.
//
// Conventions used throughout:
// - Score bins are equal-width over 0..1 (`bins` of them); bin h covers [h/bins, (h+1)/bins), the last
//   one includes 1. Thresholds are the bins' lower edges, so "score >= threshold" is a union of bins.
// - A detection's verdict is its most recent verdict (any reviewer). Positive with the detection's own
//   label = correct; positive with another label (a relabel) or negative = wrong for the predicted label;
//   uncertain is counted but excluded from every rate.
// - Every rate is null when there is nothing to compute it from; nothing is ever invented.

export const MatchMode = z.enum(['overlap', 'iou', 'onset']);
export type MatchMode = z.infer<typeof MatchMode>;

export const QaMatch = z.object({
  /**
   * overlap (for window classifiers, whose fixed windows are shorter or longer than the sounds): a
   * detection is right when its window overlaps a reference of its label, and a reference is found when
   * any detection overlaps it — many windows may hit one sound. iou: one-to-one, time
   * intersection-over-union >= iou; onset: one-to-one, |detection start - reference start| <= tolerance_s.
   */
  mode: MatchMode.default('overlap'),
  iou: z.number().gt(0).max(1).default(0.5),
  tolerance_s: z.number().min(0).default(1),
});
export type QaMatch = z.output<typeof QaMatch>;

export const QaRequest = z.object({
  /** Omit for every run of the project (one section per run). */
  run_id: z.number().int().positive().optional(),
  match: QaMatch.default({ mode: 'overlap', iou: 0.5, tolerance_s: 1 }),
  bins: z.number().int().min(1).max(100).default(10),
});
export type QaRequest = z.output<typeof QaRequest>;
export type QaRequestInput = z.input<typeof QaRequest>;

const Rate = z.number().min(0).max(1).nullable();
const Count = z.number().int().min(0);

/** A proportion with its 95% interval (all null when undefined). */
export const Interval = z.object({ value: Rate, lo: Rate, hi: Rate });
export type Interval = z.infer<typeof Interval>;

export const ReviewCounts = z.object({
  detections: Count,
  /** Detections with a verdict (any kind). */
  reviewed: Count,
  /** Verdict positive with the predicted label. */
  positive: Count,
  /** Verdict negative. */
  negative: Count,
  uncertain: Count,
  /** Verdict positive with another label: wrong for the predicted label. */
  relabelled: Count,
});
export type ReviewCounts = z.infer<typeof ReviewCounts>;

/** One score bin: its population and what reviewers said about it (the histogram data). */
export const ScoreBin = z.object({
  index: z.number().int(),
  lo: z.number(),
  hi: z.number(),
  detections: Count,
  positive: Count,
  negative: Count,
  uncertain: Count,
  relabelled: Count,
});
export type ScoreBin = z.infer<typeof ScoreBin>;

/**
 * Precision weighted by score stratum: P = sum_h (N_h/N') p_h/n_h over strata with reviews, where N' is
 * the detections in reviewed strata; 95% interval P ± 1.96·se (clipped to 0..1) with a finite
 * population correction. Strata are score bins (per label), or label × score bin (overall).
 */
export const StratifiedPrecision = Interval.extend({
  se: z.number().nullable(),
  /** Share of the detections in strata that have at least one positive/negative verdict. */
  coverage: z.number().min(0).max(1),
  /** Indices of score bins with detections but no positive/negative verdict (their weight is excluded). */
  bins_without_reviews: z.array(z.number().int()),
  /** Reviewed strata with a single verdict: their variance is taken as the Bernoulli worst case 1/4. */
  single_review_strata: Count,
});
export type StratifiedPrecision = z.infer<typeof StratifiedPrecision>;

export const NaivePrecision = Interval.extend({ correct: Count, judged: Count });
export type NaivePrecision = z.infer<typeof NaivePrecision>;

/** Precision of the detections scoring >= threshold (stratified over the bins above it). */
export const ThresholdPoint = Interval.extend({
  threshold: z.number(),
  detections: Count,
  judged: Count,
  coverage: z.number().min(0).max(1),
});
export type ThresholdPoint = z.infer<typeof ThresholdPoint>;

/** Against the reference (ground truth) at one threshold. */
export const GtPoint = z.object({
  threshold: z.number(),
  tp: Count,
  fp: Count,
  fn: Count,
  precision: Rate,
  recall: Rate,
  f1: Rate,
});
export type GtPoint = z.infer<typeof GtPoint>;

export const PrPoint = z.object({ score: z.number(), precision: z.number(), recall: z.number() });
export type PrPoint = z.infer<typeof PrPoint>;

export const GroundTruth = z.object({
  /** Reference annotations of this label on the reference recordings. */
  reference: Count,
  /** Detections of this label on the reference recordings. */
  detections: Count,
  /** Detections matched to a reference annotation (at any score; one-to-one unless the mode is overlap). */
  matched: Count,
  /** At each bin's lower edge. */
  by_threshold: z.array(GtPoint),
  /** At every distinct score (at most ~500 points, thinned evenly in recall when longer). */
  pr_curve: z.array(PrPoint),
  /** All-points interpolated (VOC 2010+); null without reference annotations. */
  average_precision: Rate,
  best_f1: GtPoint.nullable(),
});
export type GroundTruth = z.infer<typeof GroundTruth>;

export const CalibrationBin = z.object({
  lo: z.number(),
  hi: z.number(),
  n: Count,
  mean_score: z.number(),
  /** Share of positive verdicts among the bin's judged detections. */
  observed: z.number(),
  /** The fitted probability at mean_score (null when the fit failed). */
  fitted: z.number().nullable(),
});

export const Calibration = z.object({
  status: z.enum(['ok', 'not_enough_reviews', 'separated']),
  /** Human-readable: why there is no fit, with the counts. */
  message: z.string().nullable(),
  n: Count,
  positives: Count,
  negatives: Count,
  /** P(correct | score) = 1 / (1 + exp(-(intercept + slope·score))). */
  intercept: z.number().nullable(),
  slope: z.number().nullable(),
  /**
   * The score needed for each probability of being right; null when the fit says it is never reached
   * within 0..1 (reachable false) or there is no fit.
   */
  thresholds: z.array(z.object({ probability: z.number(), score: z.number().nullable(), reachable: z.boolean() })),
  bins: z.array(CalibrationBin),
  /** The fitted curve sampled over 0..1 (empty without a fit). */
  curve: z.array(z.object({ score: z.number(), probability: z.number() })),
});
export type Calibration = z.infer<typeof Calibration>;

export const TimeCounts = z.object({
  /** Only detections scoring >= the label's saved threshold (thresholds table) count; null = all. */
  threshold: z.number().nullable(),
  /** 24 entries, hour of day of the detection's start in the recorder's local clock time. */
  by_hour: z.array(z.object({ hour: z.number().int(), count: Count })),
  /** YYYY-MM-DD, ascending, only dates with detections. */
  by_date: z.array(z.object({ date: z.string(), count: Count })),
  /** Detections on recordings without a start time. */
  unknown_time: Count,
});
export type TimeCounts = z.infer<typeof TimeCounts>;

export const LabelReport = z.object({
  label_id: z.number().int(),
  label: z.string(),
  color: z.string(),
  counts: ReviewCounts,
  stratified: StratifiedPrecision,
  naive: NaivePrecision,
  bins: z.array(ScoreBin),
  by_threshold: z.array(ThresholdPoint),
  /** Null when the run has no reference recordings. */
  ground_truth: GroundTruth.nullable(),
  calibration: Calibration,
  time: TimeCounts,
});
export type LabelReport = z.infer<typeof LabelReport>;

export const ConfusionCell = z.object({
  predicted_label_id: z.number().int(),
  predicted: z.string(),
  /** null = the reviewer said it is not the label (negative): "none". */
  actual_label_id: z.number().int().nullable(),
  actual: z.string(),
  count: Count,
});
export type ConfusionCell = z.infer<typeof ConfusionCell>;

export const KappaPair = z.object({
  reviewer_a: z.string(),
  reviewer_b: z.string(),
  /** Detections both judged. */
  n: Count,
  observed_agreement: Rate,
  expected_agreement: Rate,
  /** Null when undefined (n = 0, or expected agreement 1). */
  kappa: z.number().nullable(),
});
export type KappaPair = z.infer<typeof KappaPair>;

export const ReferenceSummary = z.object({
  /** Reference recordings this run covers (fully annotated, or covered by an imported table). */
  recordings: Count,
  fully_annotated: Count,
  imported: Count,
  annotations: Count,
});
export type ReferenceSummary = z.infer<typeof ReferenceSummary>;

export const RunReport = z.object({
  run_id: z.number().int(),
  model_id: z.string(),
  created_at: z.string(),
  /** All labels together: strata are label × score bin; ground truth summed over labels (micro). */
  overall: z.object({
    counts: ReviewCounts,
    stratified: StratifiedPrecision,
    naive: NaivePrecision,
    by_threshold: z.array(ThresholdPoint),
    ground_truth: z
      .object({ by_threshold: z.array(GtPoint), mean_average_precision: Rate, labels_with_reference: Count })
      .nullable(),
  }),
  reference: ReferenceSummary,
  labels: z.array(LabelReport),
  confusion: z.array(ConfusionCell),
  agreement: z.array(KappaPair),
  /** What the reader should know about the numbers (e.g. reviews ignored, no start times). */
  notes: z.array(z.string()),
});
export type RunReport = z.infer<typeof RunReport>;

export const QaReport = z.object({
  generated_at: z.string(),
  project: z.string(),
  params: z.object({ match: QaMatch, bins: z.number().int() }),
  runs: z.array(RunReport),
});
export type QaReport = z.infer<typeof QaReport>;

