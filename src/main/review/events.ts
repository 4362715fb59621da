import type { ReviewEvent } from '../../shared/domain';
import type { AnnotationsRepo } from '../store/annotations-repo';
import type { ReviewRepo, WindowRow } from '../store/review-repo';

export interface WindowGroup {
  recording_id: number;
  start_s: number;
  end_s: number;
  max_score: number;
  prediction_ids: number[];
}

/**
 * Groups windows (sorted by recording, then start) into events: a window joins the current event
 * when it is in the same recording and starts at most `mergeGapS` after the event ends (overlapping
 * windows have a negative gap, so they always join).
 */
export function groupWindows(windows: WindowRow[], mergeGapS: number): WindowGroup[] {
  const groups: WindowGroup[] = [];
  let current: WindowGroup | null = null;
  for (const w of windows) {
    if (current && current.recording_id === w.recording_id && w.start_s - current.end_s <= mergeGapS + 1e-9) {
      current.end_s = Math.max(current.end_s, w.end_s);
      current.max_score = Math.max(current.max_score, w.score);
      current.prediction_ids.push(w.id);
      continue;
    }
    current = { recording_id: w.recording_id, start_s: w.start_s, end_s: w.end_s, max_score: w.score, prediction_ids: [w.id] };
    groups.push(current);
  }
  return groups;
}

export interface EventsRequest {
  run_id: number;
  label_id: number;
  min_score: number;
  merge_gap_s: number;
  recording_ids?: number[];
}

/** Events of one label in one run (issue 4, item 5), with the reviewer's verdict on them. */
export function reviewEvents(repo: ReviewRepo, annotations: AnnotationsRepo, request: EventsRequest, reviewer: string): ReviewEvent[] {
  const groups = groupWindows(repo.windows(request.run_id, request.label_id, request.min_score, request.recording_ids), request.merge_gap_s);
  const names = repo.recordingNames([...new Set(groups.map((g) => g.recording_id))]);
  const mine = annotations.verdictStatuses(reviewer, groups.flatMap((g) => g.prediction_ids));
  return groups.map((g) => {
    const statuses = new Set(g.prediction_ids.map((id) => mine.get(id) ?? null));
    const only = statuses.size === 1 ? [...statuses][0] : 'mixed';
    return {
      ...g,
      recording: names.get(g.recording_id) ?? '?',
      label_id: request.label_id,
      my_status: only as ReviewEvent['my_status'],
    };
  });
}
