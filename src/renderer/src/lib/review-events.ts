import type { QueueItem, ReviewEvent } from '../../../shared/domain';
import type { QueueStatusFilter } from './review-session';

// Events mode of the review loop (issue 4, item 5): adjacent windows of one label become one item
// whose clip spans the whole event and whose one verdict applies to every window (review.decideEvent,
// one undo step). The items keep the QueueItem shape so the clip, bar and history work unchanged.

export type ReviewItem = QueueItem & { prediction_ids?: number[] };

export function eventItem(ev: ReviewEvent, run: { id: number }, label: { name: string; color: string }): ReviewItem {
  const status = ev.my_status === 'mixed' ? null : ev.my_status;
  return {
    prediction_id: ev.prediction_ids[0],
    prediction_ids: ev.prediction_ids,
    run_id: run.id,
    recording_id: ev.recording_id,
    recording: ev.recording,
    start_s: ev.start_s,
    end_s: ev.end_s,
    label_id: ev.label_id,
    label: label.name,
    color: label.color,
    score: ev.max_score,
    bin: null,
    // The event's own verdict has no single row: -1 marks it as the event's.
    my_verdict: status ? { annotation_id: -1, status, label_id: ev.label_id, at: '' } : null,
    verdicts: status ? 1 : 0,
  };
}

/** Client-side status filter: the events call knows only my verdicts, so "unreviewed" means by me. */
export function eventMatches(ev: ReviewEvent, status: QueueStatusFilter, scoreMax: number | null): boolean {
  if (scoreMax !== null && ev.max_score > scoreMax) return false;
  if (status === 'any') return true;
  if (status === 'unreviewed') return ev.my_status === null;
  return ev.my_status === status;
}

/** The windows a verdict on the item covers. */
export function windowsOf(item: ReviewItem): number[] {
  return item.prediction_ids ?? [item.prediction_id];
}

/** Where undo/redo should take the view: the first item holding a changed window, else -1. */
export function indexOfWindows(items: readonly ReviewItem[], predictionIds: readonly number[]): number {
  const wanted = new Set(predictionIds);
  return items.findIndex((i) => windowsOf(i).some((id) => wanted.has(id)));
}

/** "1.5 s" as the merge gap input reads it; negative or blank is no gap. */
export function mergeGap(value: unknown): number {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : 0;
}
