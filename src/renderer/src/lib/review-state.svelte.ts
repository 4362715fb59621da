import type { Annotation, Label, LabelReviewStats, QueueItem, ReviewStatus } from '../../../shared/domain';
import { call } from './api';
import { eventItem, eventMatches, indexOfWindows, mergeGap, windowsOf, type ReviewItem } from './review-events';
import { defaultKeyMap, keyMapFrom, overridesOf, type KeyMap } from './review-keys';
import {
  mergeItems,
  needsMore,
  nextOffset,
  replaceItem,
  withVerdict,
  type QueueStatusFilter,
} from './review-session';

export type QueueOrderName = 'score_desc' | 'score_asc' | 'time' | 'random' | 'stratified';

export interface ReviewFilters {
  run_id: number | null;
  label_id: number | null;
  score_min: number | null;
  score_max: number | null;
  status: QueueStatusFilter;
  not_mine: boolean;
  above_threshold: boolean;
  order: QueueOrderName;
  /** Events mode: adjacent windows of the run's label reviewed as one (needs a run and a label). */
  mode: 'windows' | 'events';
  merge_gap_s: number;
}

const PAGE = 50;
const PREFETCH = 3;
/** review.queue takes up to this many ids to leave out. */
const MAX_EXCLUDE = 20000;
/** Stats cost a scan: refresh them at most this often while verdicts come in. */
const STATS_EVERY_MS = 3000;

function mine(a: Annotation): NonNullable<QueueItem['my_verdict']> {
  return { annotation_id: a.id, status: a.status ?? 'positive', label_id: a.label_id, at: a.updated_at };
}

/** The review loop: the session's items, the position in them, verdicts, undo/redo, stats, reviewer. */
export class ReviewState {
  filters = $state<ReviewFilters>({
    run_id: null,
    label_id: null,
    score_min: null,
    score_max: null,
    status: 'unreviewed',
    not_mine: false,
    above_threshold: false,
    order: 'score_desc',
    mode: 'windows',
    merge_gap_s: 0,
  });
  items = $state.raw<ReviewItem[]>([]);
  index = $state(0);
  total = $state<number | null>(null);
  exhausted = $state(false);
  loading = $state(false);
  error = $state<string | null>(null);
  reviewer = $state('');
  stats = $state.raw<LabelReviewStats[]>([]);
  keymap = $state.raw<KeyMap>(defaultKeyMap());
  /** Bumped by undo/redo, which change the detection shown, so its history panel reloads. */
  written = $state(0);
  /** The project's labels and runs, for events mode's items. */
  labels: Label[] = [];

  current = $derived<ReviewItem | null>(this.items[this.index] ?? null);
  next = $derived<ReviewItem | null>(this.items[this.index + 1] ?? null);
  /** The items after the current one whose clips are fetched ahead (a new recording costs most). */
  upcoming = $derived<ReviewItem[]>(this.items.slice(this.index + 1, this.index + 1 + PREFETCH));

  /** Verdict writes run one after another, so undo always sees the last of them. */
  private writes: Promise<unknown> = Promise.resolve();
  private generation = 0;
  private seed = Math.floor(Math.random() * 1e6);
  /** Verdict writes in flight per detection (plain data: nothing renders it). */
  private writing: Record<number, number> = {};
  private statsTimer: ReturnType<typeof setTimeout> | null = null;

  async loadSettings(): Promise<void> {
    const res = await call('settings.get', {});
    if (res.ok) {
      this.reviewer = res.value.reviewer;
      this.keymap = keyMapFrom(res.value.review_keys);
    } else this.error = res.message;
  }

  /** Saves rebound keys; the message of a refusal, or null once saved. */
  async saveKeys(map: KeyMap): Promise<string | null> {
    const res = await call('settings.set', { review_keys: overridesOf(map) });
    if (!res.ok) return res.message;
    this.keymap = keyMapFrom(res.value.review_keys);
    return null;
  }

  async setReviewer(name: string): Promise<void> {
    const trimmed = name.trim();
    if (!trimmed || trimmed === this.reviewer) return;
    const res = await call('settings.set', { reviewer: trimmed });
    if (res.ok) {
      this.reviewer = res.value.reviewer;
      // "Not yet reviewed by me" means someone else now.
      if (this.filters.not_mine) await this.start();
    } else this.error = res.message;
  }

  private query(offset: number, count: boolean) {
    const f = this.filters;
    return {
      run_id: f.run_id ?? undefined,
      label_id: f.label_id ?? undefined,
      score_min: f.score_min ?? undefined,
      score_max: f.score_max ?? undefined,
      status: f.status,
      not_reviewed_by: f.not_mine && this.reviewer ? this.reviewer : undefined,
      above_threshold: f.above_threshold,
      order: f.order,
      seed: this.seed,
      limit: PAGE,
      offset,
      count,
    };
  }

  /** A new session for the current filters. */
  async start(): Promise<void> {
    if (this.filters.mode === 'events') return this.startEvents();
    const gen = ++this.generation;
    this.loading = true;
    const res = await call('review.queue', this.query(0, true));
    if (gen !== this.generation) return;
    this.loading = false;
    if (!res.ok) {
      this.error = res.message;
      return;
    }
    this.error = null;
    this.items = res.value.items;
    this.total = res.value.total;
    this.index = 0;
    // A stratified sample is one fixed draw: there is no next page of it.
    this.exhausted = res.value.items.length < PAGE || this.filters.order === 'stratified';
    void this.refreshStats();
  }

  /** Events of the chosen run and label at or above the lower score (0.5 when none is set). */
  private async startEvents(): Promise<void> {
    const gen = ++this.generation;
    const f = this.filters;
    const label = this.labels.find((l) => l.id === f.label_id);
    if (f.run_id === null || !label) {
      this.items = [];
      this.total = 0;
      this.error = 'Events mode reviews one label of one run: choose a run and a label.';
      return;
    }
    this.loading = true;
    const res = await call('review.events', { run_id: f.run_id, label_id: label.id, min_score: f.score_min ?? 0.5, merge_gap_s: mergeGap(f.merge_gap_s) });
    if (gen !== this.generation) return;
    this.loading = false;
    if (!res.ok) {
      this.error = res.message;
      return;
    }
    this.error = null;
    const run = { id: f.run_id };
    this.items = res.value.filter((ev) => eventMatches(ev, f.status, f.score_max)).map((ev) => eventItem(ev, run, label));
    this.total = this.items.length;
    this.index = 0;
    this.exhausted = true;
    void this.refreshStats();
  }

  /**
   * The next page, asked for at once rather than after the verdicts in flight, so a backlog of
   * writes never holds up the next clips.
   */
  private async more(): Promise<void> {
    if (this.loading || this.exhausted) return;
    const gen = this.generation;
    this.loading = true;
    // Leaving out what is loaded needs no offset, so pending writes cannot skew it; a very long
    // session falls back to counting (which may give back duplicates while writes are behind).
    const loaded = this.items.map((i) => i.prediction_id);
    const res =
      loaded.length <= MAX_EXCLUDE
        ? await call('review.queue', { ...this.query(0, false), exclude_ids: loaded })
        : await call('review.queue', this.query(nextOffset(this.items, this.filters.status, (id) => (this.writing[id] ?? 0) > 0), false));
    if (gen !== this.generation) return;
    this.loading = false;
    if (!res.ok) {
      this.error = res.message;
      return;
    }
    this.items = mergeItems(this.items, res.value.items);
    // A page of only loaded items (writes behind) is not the end: the next move asks again.
    if (res.value.items.length < PAGE) this.exhausted = true;
  }

  go(index: number): void {
    this.index = Math.max(0, Math.min(index, this.items.length));
    if (needsMore(this.index, this.items.length, this.exhausted)) void this.more();
  }

  skip(): void {
    this.go(this.index + 1);
  }

  back(): void {
    this.go(this.index - 1);
  }

  /** Commits a verdict on the current item and moves on at once; the write follows in order. */
  decide(verdict: ReviewStatus, labelId?: number): void {
    const item = this.current;
    if (!item) return;
    const id = item.prediction_id;
    // Marked before moving on, which may ask for the next page.
    this.writing[id] = (this.writing[id] ?? 0) + 1;
    this.skip();
    this.writes = this.writes.then(async () => {
      try {
        await this.write(item, verdict, labelId);
      } catch (err) {
        // Never break the line of writes: the ones after this still go.
        this.error = `The verdict on detection #${id} was not saved: ${err instanceof Error ? err.message : String(err)}`;
      } finally {
        this.writing[id]--;
      }
    });
  }

  private async write(item: ReviewItem, verdict: ReviewStatus, labelId?: number): Promise<void> {
    // An event: one verdict on all its windows, one transaction, one undo step.
    const res = item.prediction_ids
      ? await call('review.decideEvent', { prediction_ids: item.prediction_ids, verdict, label_id: labelId })
      : await call('review.decide', { prediction_id: item.prediction_id, verdict, label_id: labelId });
    if (!res.ok) {
      this.error = `The verdict on detection #${item.prediction_id} was not saved: ${res.message}`;
      return;
    }
    const row = Array.isArray(res.value) ? res.value[0] : res.value;
    // No history reload here: the view has moved on, and a detection's history is read when shown.
    this.patch(item.prediction_id, mine(row));
    this.scheduleStats();
  }

  private patch(predictionId: number, verdict: NonNullable<QueueItem['my_verdict']> | null): void {
    const old = this.items.find((i) => i.prediction_id === predictionId);
    if (old) this.items = replaceItem(this.items, withVerdict(old, verdict));
  }

  async undo(): Promise<void> {
    await this.step('review.undo');
  }

  async redo(): Promise<void> {
    await this.step('review.redo');
  }

  /** Undo or redo, then reread the changed detections' verdicts and jump to the first of them. */
  private async step(name: 'review.undo' | 'review.redo'): Promise<void> {
    await this.writes;
    const res = await call(name, {});
    if (!res.ok) {
      this.error = res.message;
      return;
    }
    if (!res.value.applied) return;
    // One read per item touched (an event's windows share one verdict).
    const changed = res.value.prediction_ids;
    for (const item of this.items.filter((i) => windowsOf(i).some((id) => changed.includes(id)))) {
      const id = windowsOf(item).find((w) => changed.includes(w))!;
      const v = await call('review.verdicts', { prediction_id: id });
      if (!v.ok) continue;
      const my = v.value.find((a) => a.reviewer === this.reviewer);
      this.patch(item.prediction_id, my ? mine(my) : null);
    }
    const at = indexOfWindows(this.items, res.value.prediction_ids);
    if (at >= 0) this.index = at;
    this.written++;
    this.scheduleStats();
  }

  async refreshStats(): Promise<void> {
    const res = await call('review.stats', { run_id: this.filters.run_id ?? undefined });
    if (res.ok) this.stats = res.value;
  }

  private scheduleStats(): void {
    this.statsTimer ??= setTimeout(() => {
      this.statsTimer = null;
      void this.refreshStats();
    }, STATS_EVERY_MS);
  }

  dispose(): void {
    if (this.statsTimer) clearTimeout(this.statsTimer);
    this.generation++;
  }
}
