import { SvelteSet } from 'svelte/reactivity';
import type { Prediction } from '../../../shared/domain';
import { call } from './api';
import { compareByTime, maxDuration } from './prediction-layout';
import { summariseLabels, summariseRuns } from './prediction-summary';

/**
 * The predictions of one recording and how they are filtered. Legend toggles (labels, runs) and the
 * minimum score apply to the overlay and the list alike, so what is drawn is what is listed; the
 * list's label filter narrows the list only.
 */
export class PredictionsState {
  /** Sorted by time (then best score): the order the overlay's binary search and the list need. */
  all = $state.raw<Prediction[]>([]);
  loaded = $state(false);
  error = $state<string | null>(null);
  readonly hiddenLabels = new SvelteSet<number>();
  readonly hiddenRuns = new SvelteSet<number>();
  minScore = $state(0);
  /** The list's label filter; null lists every shown label. */
  listLabel = $state<number | null>(null);
  selectedId = $state<number | null>(null);

  /** An upper bound for every filtered subset too, so it is computed once per load. */
  maxDur = $derived(maxDuration(this.all));

  shown = $derived(
    this.all.filter(
      (p) => p.score >= this.minScore && !this.hiddenLabels.has(p.label_id) && !this.hiddenRuns.has(p.run),
    ),
  );

  listed = $derived(this.listLabel === null ? this.shown : this.shown.filter((p) => p.label_id === this.listLabel));

  legendLabels = $derived(summariseLabels(this.all));
  legendRuns = $derived(summariseRuns(this.all));

  selected = $derived(this.selectedId === null ? null : (this.all.find((p) => p.id === this.selectedId) ?? null));

  async load(recordingId: number): Promise<void> {
    const res = await call('predictions.list', { recording_id: recordingId });
    if (res.ok) {
      this.all = [...res.value].sort(compareByTime);
      this.error = null;
      // A run may have removed a label the list filtered by.
      if (this.listLabel !== null && !this.all.some((p) => p.label_id === this.listLabel)) this.listLabel = null;
    } else this.error = res.message;
    this.loaded = true;
  }

  toggleLabel(id: number): void {
    if (!this.hiddenLabels.delete(id)) this.hiddenLabels.add(id);
  }

  toggleRun(id: number): void {
    if (!this.hiddenRuns.delete(id)) this.hiddenRuns.add(id);
  }
}
