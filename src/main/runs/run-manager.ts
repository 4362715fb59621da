import { setMaxListeners } from 'node:events';
import type { CallInput } from '../../shared/contract';
import type { RunParams, RunProgress, RunSummary } from '../../shared/domain';
import { EarmarkError } from '../../shared/errors';
import { paletteColour } from '../../shared/palette';
import type { Project } from '../app/project';
import { analyzeFiles, type FileOutcome } from '../inference/analyze-files';
import { createInferencePool } from '../inference/pool';
import { listModels, resolveModel } from '../inference/registry';
import type { ValidatedModel } from '../inference/validate';
import type { WorkerPool } from '../workers/pool';
import { analyzeOptions, canonicalParams, runParamsFor } from './run-params';
import { RunProgressTracker } from './run-progress';

// Runs models over a project's recordings in the background (issue 3). Every batch of predictions is
// committed together with its file's checkpoint (run_files.next_window), so a run killed at any point
// resumes exactly where it stopped — here via resume(), or by starting the same run again — and ends
// with the predictions an uninterrupted run would have stored.

interface ActiveRun {
  controller: AbortController;
  tracker: RunProgressTracker;
  done: Promise<void>;
}

export class RunManager {
  private pool: WorkerPool | null = null;
  private readonly active = new Map<number, ActiveRun>();

  constructor(
    private readonly project: Project,
    private readonly emit: (progress: RunProgress) => void,
    private readonly options: { workers?: number; registryDir?: string } = {},
  ) {}

  async start(input: CallInput<'runs.start'>): Promise<{ run_id: number; resumed: boolean }> {
    const model = await resolveModel(input.model, this.options.registryDir);
    const params = runParamsFor(model, input);
    const recordingIds = this.selectRecordings(input.recording_ids);
    const key = canonicalParams(params);
    const runs = this.project.runs;
    const existing = runs.findResumable(params.model_id, key);
    if (existing) {
      runs.addFiles(existing.id, recordingIds);
      if (!this.active.has(existing.id)) this.launch(existing.id, model, params);
      return { run_id: existing.id, resumed: true };
    }
    const runId = runs.create(params.model_id, key, recordingIds);
    this.launch(runId, model, params);
    return { run_id: runId, resumed: false };
  }

  async resume(runId: number): Promise<{ run_id: number; resumed: boolean }> {
    const row = this.project.runs.get(runId);
    if (!row) throw new EarmarkError('NOT_FOUND', `No run with id ${runId}`);
    if (this.active.has(runId)) return { run_id: runId, resumed: true };
    if (row.status === 'done' && this.project.runs.files(runId).every((f) => f.status === 'done')) {
      return { run_id: runId, resumed: false };
    }
    const params = JSON.parse(row.params) as RunParams;
    const model = await resolveModel(params.model_id, this.options.registryDir);
    if (model.manifest.version !== params.model_version) {
      throw new EarmarkError(
        'CONFLICT',
        `Run ${runId} used ${params.model_id} version ${params.model_version}; the installed model is version ${model.manifest.version}, so it cannot be resumed. Start a new run.`,
      );
    }
    this.launch(runId, model, params);
    return { run_id: runId, resumed: true };
  }

  cancel(runId: number): boolean {
    const run = this.active.get(runId);
    run?.controller.abort(new EarmarkError('BAD_INPUT', 'cancelled'));
    return Boolean(run);
  }

  /** Resolves when the run stops (finished, cancelled or failed); for the CLI and tests. */
  async wait(runId: number): Promise<void> {
    await this.active.get(runId)?.done;
  }

  activeProgress(): RunProgress[] {
    return [...this.active.values()].map((run) => run.tracker.snapshot());
  }

  summaries(): RunSummary[] {
    const names = new Map(listModels(this.options.registryDir).map((m) => [m.id, m.name]));
    return this.project.runs.list().map((row) => {
      // Runs written by an import or an older version may lack fields the window shows.
      const params = { labels: [], channel: 'mix', ...(JSON.parse(row.params) as Partial<RunParams>) } as RunParams;
      const files = this.project.runs.files(row.id);
      // A run marked running that is not running here was interrupted (crash, kill, window closed).
      const status = row.status === 'running' && !this.active.has(row.id) ? 'cancelled' : row.status;
      return {
        id: row.id,
        model_id: row.model_id,
        model_name: names.get(row.model_id) ?? row.model_id,
        params,
        status,
        created_at: row.created_at,
        finished_at: row.finished_at,
        files_total: files.length,
        files_done: files.filter((f) => f.status === 'done').length,
        files_failed: files.filter((f) => f.status === 'failed').length,
        predictions: this.project.runs.predictionCount(row.id),
        failures: files
          .filter((f) => f.status === 'failed')
          .map((f) => ({ recording_id: f.recording_id, path: this.project.recordings.get(f.recording_id)?.path ?? '?', error: f.error ?? '' })),
      };
    });
  }

  async close(): Promise<void> {
    for (const run of this.active.values()) run.controller.abort(new EarmarkError('BAD_INPUT', 'closing'));
    await Promise.all([...this.active.values()].map((run) => run.done));
    await this.pool?.close();
    this.pool = null;
  }

  private selectRecordings(ids: number[] | undefined): number[] {
    const all = this.project.recordings.list();
    if (!ids) {
      const ok = all.filter((r) => r.status === 'ok').map((r) => r.id);
      if (!ok.length) throw new EarmarkError('BAD_INPUT', 'The project has no readable recordings to analyse: import some first');
      return ok;
    }
    const known = new Set(all.map((r) => r.id));
    const unknown = ids.filter((id) => !known.has(id));
    if (unknown.length) throw new EarmarkError('NOT_FOUND', `No recording with id ${unknown.join(', ')}`);
    return [...new Set(ids)];
  }

  private launch(runId: number, model: ValidatedModel, params: RunParams): void {
    const controller = new AbortController();
    // Every batch in flight listens for cancellation: more than Node's default of 10 listeners.
    setMaxListeners(0, controller.signal);
    const tracker = new RunProgressTracker(runId, this.project, this.emit);
    const entry: ActiveRun = { controller, tracker, done: Promise.resolve() };
    this.active.set(runId, entry);
    entry.done = this.execute(runId, model, params, controller.signal, tracker)
      .catch((error: unknown) => {
        console.error(`[earmark] run ${runId} failed`, error);
        this.project.runs.setStatus(runId, 'failed');
        tracker.finish('failed');
      })
      .finally(() => this.active.delete(runId));
  }

  private async execute(runId: number, model: ValidatedModel, params: RunParams, signal: AbortSignal, tracker: RunProgressTracker): Promise<void> {
    const { runs, recordings } = this.project;
    runs.setStatus(runId, 'running');
    const labelIds = this.ensureLabels(params.labels.length ? params.labels : model.labels);
    const pending = runs.files(runId).filter((f) => f.status !== 'done');
    const byPath = new Map<string, number>();
    const jobs: { path: string; start_window: number }[] = [];
    for (const file of pending) {
      const recording = recordings.get(file.recording_id);
      if (!recording || recording.status !== 'ok') {
        runs.finishFile(runId, file.recording_id, 'failed', recording ? `${recording.name}: ${recording.error ?? recording.status}` : 'recording was removed');
        continue;
      }
      byPath.set(recording.path, recording.id);
      jobs.push({ path: recording.path, start_window: file.next_window });
    }
    tracker.begin();

    this.pool ??= createInferencePool(this.options.workers ?? 2);
    await analyzeFiles(
      jobs,
      model,
      {
        ...analyzeOptions(params),
        signal,
        onFileStart: (path) => tracker.current(path),
        onFileDone: (outcome: FileOutcome) => {
          const id = byPath.get(outcome.path)!;
          runs.finishFile(runId, id, outcome.ok ? 'done' : 'failed', outcome.error?.message ?? null);
          tracker.fileDone(id, outcome.ok);
        },
      },
      this.pool,
      (path, batch) => {
        const id = byPath.get(path)!;
        const last = batch.windows.at(-1);
        if (!last) return;
        const predictions = batch.predictions.map((p) => ({
          window_index: p.window,
          start_s: p.start_s,
          end_s: p.end_s,
          label_id: labelIds.get(p.label)!,
          score: p.score,
        }));
        runs.storeBatch(runId, id, predictions, last.index + 1, batch.total_windows, batch.done_s);
        tracker.batch(id, batch.done_s, predictions.length);
      },
    ).catch((error: unknown) => {
      if (!signal.aborted) throw error;
    });

    const status = signal.aborted ? 'cancelled' : 'done';
    runs.setStatus(runId, status);
    tracker.finish(status);
  }

  /** Model labels become project labels (matched by name, created with palette colours when new). */
  private ensureLabels(names: string[]): Map<string, number> {
    const labels = this.project.labels;
    const ids = new Map<string, number>();
    for (const name of names) {
      const existing = labels.findByName(name);
      ids.set(name, existing ? existing.id : labels.create({ name, color: paletteColour(labels.list().length) }).id);
    }
    return ids;
  }
}
