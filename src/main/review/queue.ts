import type { LabelReviewStats, QueueItem, QueuePage, ReviewStatus } from '../../shared/domain';
import { EarmarkError } from '../../shared/errors';
import type { QueueFilter, QueueRow, ReviewRepo } from '../store/review-repo';

export interface QueueRequest extends Omit<QueueFilter, 'score_max_exclusive'> {
  order: 'score_desc' | 'score_asc' | 'time' | 'random' | 'stratified';
  seed: number;
  bins: number;
  per_bin: number;
  limit: number;
  offset: number;
  count: boolean;
}

/**
 * The review queue (issue 4, item 1). Stratified: the score range (score_min..score_max, default
 * 0..1) is cut into `bins` equal-width bins and `per_bin` detections are drawn from each by the seeded
 * shuffle; each bin's population comes back too, so precision can be estimated without bias by
 * weighting each bin's observed precision by its population. With status 'unreviewed' the sample
 * shrinks as it is reviewed: for an estimate use status 'any' and read my_verdict.
 */
export function reviewQueue(repo: ReviewRepo, request: QueueRequest, reviewer: string): QueuePage {
  request = foldThreshold(repo, request);
  const filter: QueueFilter = {
    run_id: request.run_id,
    label_id: request.label_id,
    score_min: request.score_min,
    score_max: request.score_max,
    recording_ids: request.recording_ids,
    status: request.status,
    not_reviewed_by: request.not_reviewed_by,
    above_threshold: request.above_threshold,
    exclude_ids: request.exclude_ids,
  };
  if (request.order !== 'stratified') {
    const ids = repo.queueIds(filter, request.order, request.limit, request.offset, request.seed);
    return {
      items: repo.queueRows(ids, reviewer).map((row) => toItem(row, null)),
      total: request.count ? repo.count(filter) : null,
      bins: null,
    };
  }

  const low = request.score_min ?? 0;
  const high = request.score_max ?? 1;
  if (!(high > low)) throw new EarmarkError('BAD_INPUT', `A stratified sample needs score_max above score_min (got ${low} to ${high})`);
  const width = (high - low) / request.bins;
  // Rows a walk of the shuffle index would pass over: everything the filter keeps, whatever the score.
  const scope = repo.count({ ...filter, score_min: undefined, score_max: undefined });
  const bins: QueuePage['bins'] = [];
  const sampled: { id: number; bin: number }[] = [];
  for (let index = 0; index < request.bins; index++) {
    const last = index === request.bins - 1;
    const binMin = low + index * width;
    const binMax = last ? high : low + (index + 1) * width;
    // Half-open bins [min, max) so a score on an edge is in exactly one bin; the last one is closed.
    const binFilter: QueueFilter = { ...filter, score_min: binMin, score_max: binMax, score_max_exclusive: !last };
    const population = repo.count(binFilter);
    // Same order either way (the seed's rotation of the shuffle key). Walking the shuffle index reads
    // about per_bin * scope / population rows; sorting the bin reads population rows at a higher cost
    // per row (the key is computed) — walk only when the bin is populous enough to win.
    const walk = population * population > 4 * request.per_bin * scope;
    const ids = walk ? repo.walkIds(binFilter, request.per_bin, request.seed) : repo.queueIds(binFilter, 'random_sorted', request.per_bin, 0, request.seed);
    bins.push({ index, score_min: binMin, score_max: binMax, population, sampled: ids.length });
    for (const id of ids) sampled.push({ id, bin: index });
  }
  const page = sampled.slice(request.offset, request.offset + request.limit);
  const binOf = new Map(page.map((s) => [s.id, s.bin]));
  return {
    items: repo.queueRows(page.map((s) => s.id), reviewer).map((row) => toItem(row, binOf.get(row.prediction_id) ?? null)),
    total: bins.reduce((sum, bin) => sum + bin.population, 0),
    bins,
  };
}

/**
 * "At or above the label's threshold" (issue 4, item 7) for one run and label is a plain lower score
 * bound, which walks the score index like any other; otherwise each detection is checked in SQL.
 * A stratified sample's bins then span the raised range.
 */
function foldThreshold(repo: ReviewRepo, request: QueueRequest): QueueRequest {
  if (!request.above_threshold) return request;
  if (request.run_id === undefined || request.label_id === undefined) {
    // Several thresholds: still checked per detection, but the index walk starts at the lowest.
    const floor = repo.thresholdFloor(request.run_id, request.label_id);
    return floor > (request.score_min ?? 0) ? { ...request, score_min: floor } : request;
  }
  const threshold = repo.threshold(request.run_id, request.label_id);
  const folded = { ...request, above_threshold: false };
  if (threshold !== null) folded.score_min = Math.max(request.score_min ?? threshold, threshold);
  return folded;
}

function toItem(row: QueueRow, bin: number | null): QueueItem {
  return {
    prediction_id: row.prediction_id,
    run_id: row.run_id,
    recording_id: row.recording_id,
    recording: row.recording,
    start_s: row.start_s,
    end_s: row.end_s,
    label_id: row.label_id,
    label: row.label,
    color: row.color,
    score: row.score,
    bin,
    my_verdict:
      row.my_id === null
        ? null
        : { annotation_id: row.my_id, status: row.my_status as ReviewStatus, label_id: row.my_label_id, at: row.my_at ?? '' },
    verdicts: row.verdicts,
  };
}

/** Per label of the run (or all runs): total detections and how many were reviewed, and how. */
export function reviewStats(repo: ReviewRepo, runId?: number): LabelReviewStats[] {
  const verdicts = new Map(repo.verdictCounts(runId).map((v) => [v.label_id, v]));
  return repo.labelTotals(runId).map((t) => {
    const v = verdicts.get(t.label_id);
    return {
      ...t,
      reviewed: v?.reviewed ?? 0,
      positive: v?.positive ?? 0,
      relabeled: v?.relabeled ?? 0,
      negative: v?.negative ?? 0,
      uncertain: v?.uncertain ?? 0,
    };
  });
}
