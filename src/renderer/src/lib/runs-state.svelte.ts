import { SvelteSet } from 'svelte/reactivity';
import type { CallInput } from '../../../shared/contract';
import type { RunProgress, RunSummary } from '../../../shared/domain';
import { applyProgress, placeholderProgress } from './active-runs';
import { call, subscribe } from './api';

type StartInput = CallInput<'runs.start'>;

/**
 * The project's model runs: the list (`runs.list`) and the live progress of the ones going on now
 * (`runs.active` once, then `run.progress` events). When a run stops, `finished` is bumped and
 * `onFinished` runs, so views reload what runs create (predictions, labels).
 */
export class RunsState {
  list = $state.raw<RunSummary[]>([]);
  active = $state.raw<RunProgress[]>([]);
  error = $state<string | null>(null);
  /** Bumped each time a run stops (done, cancelled, failed). */
  finished = $state(0);
  /** The last run that stopped, for a short note; cleared by the view. */
  lastStopped = $state<RunProgress | null>(null);
  /** Bumped when a running run finishes a file: open views may reload its predictions. */
  progressTick = $state(0);
  /** Runs whose Cancel was pressed and which have not stopped yet. */
  readonly cancelling = new SvelteSet<number>();

  /** Run ids already looked up once; not shown, so plain (the lint wants reactive sets here). */
  private unknownAsked: number[] = [];
  /** Until `runs.active` answered, a run stored as running cannot be told from an interrupted one. */
  private activeLoaded = $state(false);

  constructor(private onFinished: () => void | Promise<void> = () => {}) {}

  /** Loads the list and the active runs and follows progress; returns the disposer. */
  connect(): () => void {
    // Subscribe first, or a run that ends between the two calls would be missed.
    const stop = subscribe('run.progress', (p) => this.onProgress(p));
    void this.refresh();
    void this.loadActive();
    return stop;
  }

  async refresh(): Promise<void> {
    const res = await call('runs.list', {});
    if (res.ok) {
      this.list = res.value;
      this.error = null;
    } else this.error = res.message;
  }

  async loadActive(): Promise<void> {
    const res = await call('runs.active', {});
    if (!res.ok) {
      this.error = res.message;
      return;
    }
    // An event may have arrived meanwhile and be newer: keep those.
    const seen = this.active.map((p) => p.run_id);
    this.active = [...this.active, ...res.value.filter((p) => p.state === 'running' && !seen.includes(p.run_id))];
    this.activeLoaded = true;
  }

  onProgress(p: RunProgress): void {
    const wasActive = this.active.some((a) => a.run_id === p.run_id);
    const update = applyProgress(this.active, p);
    this.active = update.active;
    if (update.advanced) this.progressTick++;
    if (!update.stopped) {
      if (!this.list.some((r) => r.id === p.run_id) && !this.unknownAsked.includes(p.run_id)) {
        // A run started elsewhere (CLI resume, another window): learn its model name once.
        this.unknownAsked.push(p.run_id);
        void this.refresh();
      }
      return;
    }
    this.cancelling.delete(p.run_id);
    this.lastStopped = p;
    this.finished++;
    void this.refresh();
    if (wasActive || p.predictions > 0) void this.onFinished();
  }

  /** Starts (or resumes an identical unfinished) run; returns an error message, or null. */
  async start(input: StartInput): Promise<string | null> {
    const res = await call('runs.start', input);
    if (!res.ok) return res.message;
    await this.afterStart(res.value.run_id);
    return null;
  }

  async resume(runId: number): Promise<string | null> {
    const res = await call('runs.resume', { run_id: runId });
    if (!res.ok) {
      this.error = res.message;
      return res.message;
    }
    await this.afterStart(res.value.run_id);
    return null;
  }

  async cancel(runId: number): Promise<void> {
    this.cancelling.add(runId);
    const res = await call('runs.cancel', { run_id: runId });
    if (!res.ok) {
      this.error = res.message;
      this.cancelling.delete(runId);
    }
  }

  /** Cancelled, failed, or left "running" by a crash or closed window while nothing runs it now. */
  canResume(run: RunSummary): boolean {
    if (!this.activeLoaded || this.active.some((a) => a.run_id === run.id)) return false;
    return run.status === 'cancelled' || run.status === 'failed' || run.status === 'running';
  }

  /** True for a run stored as running that this host is not running: it was interrupted. */
  interrupted(run: RunSummary): boolean {
    return this.activeLoaded && run.status === 'running' && !this.active.some((a) => a.run_id === run.id);
  }

  modelName(runId: number): string {
    const run = this.list.find((r) => r.id === runId);
    return run ? run.model_name : `Run ${runId}`;
  }

  private async afterStart(runId: number): Promise<void> {
    // Show the panel at once; the first event replaces this placeholder.
    if (!this.active.some((a) => a.run_id === runId)) this.active = [...this.active, placeholderProgress(runId)];
    await this.refresh();
    // A run that finished before we subscribed-and-looked would stay as a placeholder forever.
    await this.reconcile(runId);
  }

  private async reconcile(runId: number): Promise<void> {
    const res = await call('runs.active', {});
    if (!res.ok) return;
    if (res.value.some((p) => p.run_id === runId)) return;
    const run = this.list.find((r) => r.id === runId);
    if (run && run.status !== 'running' && this.active.some((a) => a.run_id === runId)) {
      this.active = this.active.filter((a) => a.run_id !== runId);
      this.finished++;
      void this.onFinished();
    }
  }
}
