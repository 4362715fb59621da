import type { QueueItem, ReviewStatus } from '../../../shared/domain';

// The items of one review session, as pure functions over a plain array. The server's queue is a
// moving target (with status 'unreviewed' a judged item drops out of it), so the view keeps its own
// list of what it loaded: back, forward and undo walk this list, and more is fetched near its end.

export type QueueStatusFilter = 'unreviewed' | 'positive' | 'negative' | 'uncertain' | 'any';

/** Fetch more when fewer than this many items are left ahead of the current one. */
export const LOOKAHEAD = 5;

/** Appends the items not yet in the list (a refetch overlaps what was loaded). */
export function mergeItems(items: readonly QueueItem[], incoming: readonly QueueItem[]): QueueItem[] {
  const seen = new Set(items.map((i) => i.prediction_id));
  const out = items.slice();
  for (const item of incoming) {
    if (seen.has(item.prediction_id)) continue;
    seen.add(item.prediction_id);
    out.push(item);
  }
  return out;
}

/** Whether the server would still list the item under this status filter. */
export function stillMatches(item: QueueItem, status: QueueStatusFilter): boolean {
  if (status === 'any') return true;
  if (status === 'unreviewed') return item.verdicts === 0;
  // Other reviewers' verdicts are unknown here; mine is what changes during the session.
  return item.my_verdict?.status === status;
}

/**
 * The offset of the next page: the loaded items the server still lists come first in its order, so
 * skipping that many lands right after them. Duplicates that slip through are merged away.
 */
export function nextOffset(items: readonly QueueItem[], status: QueueStatusFilter, writing: (predictionId: number) => boolean = () => false): number {
  // An item whose verdict is still being written may or may not be listed by the time the server
  // answers: leaving it out can only make the offset too small, which gives back duplicates (merged
  // away), never a gap. So the next page need not wait for the writes (issue 4: next clip < 100 ms).
  return items.filter((i) => stillMatches(i, status) && (status === 'any' || !writing(i.prediction_id))).length;
}

export function needsMore(index: number, length: number, exhausted: boolean): boolean {
  return !exhausted && index >= length - LOOKAHEAD;
}

/** The item with my verdict set (or withdrawn with null), keeping the reviewer count right. */
export function withVerdict(
  item: QueueItem,
  verdict: { annotation_id: number; status: ReviewStatus; label_id: number | null; at: string } | null,
): QueueItem {
  const had = item.my_verdict !== null;
  const has = verdict !== null;
  return { ...item, my_verdict: verdict, verdicts: Math.max(0, item.verdicts + (has ? 1 : 0) - (had ? 1 : 0)) };
}

export function replaceItem(items: readonly QueueItem[], next: QueueItem): QueueItem[] {
  return items.map((i) => (i.prediction_id === next.prediction_id ? next : i));
}

/** Where undo/redo should take the view: the first changed detection that is in the list, else -1. */
export function indexOfAny(items: readonly QueueItem[], predictionIds: readonly number[]): number {
  for (const id of predictionIds) {
    const at = items.findIndex((i) => i.prediction_id === id);
    if (at >= 0) return at;
  }
  return -1;
}

/** "3 / 120": the known total grows when more was loaded than first counted. */
export function positionText(index: number, length: number, total: number | null): string {
  if (length === 0) return '0 / 0';
  return `${Math.min(index + 1, length)} / ${Math.max(length, total ?? 0)}`;
}

/** A short word for the item's verdict by me. */
export function verdictText(item: QueueItem, labelName: (id: number) => string | undefined): string {
  const v = item.my_verdict;
  if (!v) return 'not judged';
  if (v.status === 'positive' && v.label_id !== null && v.label_id !== item.label_id) {
    return `relabelled: ${labelName(v.label_id) ?? `label #${v.label_id}`}`;
  }
  return { positive: 'yes', negative: 'no', uncertain: 'uncertain' }[v.status];
}

/** The clip to show: the detection with context either side, clamped to the recording. */
export function clipRange(item: { start_s: number; end_s: number }, contextS: number, duration: number): [number, number] {
  const start = Math.max(0, item.start_s - contextS);
  const end = Math.min(duration > 0 ? duration : Infinity, item.end_s + contextS);
  return [start, Math.max(end, start + 0.01)];
}
