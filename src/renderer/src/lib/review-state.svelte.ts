import type { Annotation, LabelReviewStats, QueueItem, ReviewStatus } from '../../../shared/domain';
import { call } from './api';
import {
  indexOfAny,
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
  order: QueueOrderName;
}

const PAGE = 50;
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
    order: 'score_desc',
  });
  items = $state.raw<QueueItem[]>([]);
  index = $state(0);
  total = $state<number | null>(null);
  exhausted = $state(false);
  loading = $state(false);
  error = $state<string | null>(null);
  reviewer = $state('');
  stats = $state.raw<LabelReviewStats[]>([]);

  current = $derived<QueueItem | null>(this.items[this.index] ?? null);
  next = $derived<QueueItem | null>(this.items[this.index + 1] ?? null);

  /** Verdict writes run one after another, so undo always sees the last of them. */
  private writes: Promise<unknown> = Promise.resolve();
  private generation = 0;
  private seed = Math.floor(Math.random() * 1e6);
  private statsTimer: ReturnType<typeof setTimeout> | null = null;

  async loadSettings(): Promise<void> {
    const res = await call('settings.get', {});
    if (res.ok) this.reviewer = res.value.reviewer;
    else this.error = res.message;
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
      order: f.order,
      seed: this.seed,
      limit: PAGE,
      offset,
      count,
    };
  }

  /** A new session for the current filters. */
  async start(): Promise<void> {
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

  /**
   * The next page. It runs in the same line as verdict writes: the offset counts which loaded items
   * the server still lists, which is only right once every earlier verdict is written and known here.
   */
  private more(): Promise<void> {
    if (this.loading || this.exhausted) return Promise.resolve();
    const gen = this.generation;
    this.loading = true;
    const run = this.writes.then(async () => {
      if (gen !== this.generation) return;
      const res = await call('review.queue', this.query(nextOffset(this.items, this.filters.status), false));
      if (gen !== this.generation) return;
      this.loading = false;
      if (!res.ok) {
        this.error = res.message;
        return;
      }
      const before = this.items.length;
      this.items = mergeItems(this.items, res.value.items);
      if (res.value.items.length < PAGE || this.items.length === before) this.exhausted = true;
    });
    this.writes = run;
    return run;
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
    this.skip();
    this.writes = this.writes.then(async () => {
      const res = await call('review.decide', { prediction_id: item.prediction_id, verdict, label_id: labelId });
      if (!res.ok) {
        this.error = `The verdict on detection #${item.prediction_id} was not saved: ${res.message}`;
        return;
      }
      this.patch(item.prediction_id, mine(res.value));
      this.scheduleStats();
    });
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
    for (const id of res.value.prediction_ids) {
      const v = await call('review.verdicts', { prediction_id: id });
      if (!v.ok) continue;
      const my = v.value.find((a) => a.reviewer === this.reviewer);
      this.patch(id, my ? mine(my) : null);
    }
    const at = indexOfAny(this.items, res.value.prediction_ids);
    if (at >= 0) this.index = at;
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
