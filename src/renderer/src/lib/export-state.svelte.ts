import type { DatasetPlanSummary, DatasetProgress } from '../../../shared/contract-dataset';
import type { Label, RunSummary, Threshold } from '../../../shared/domain';
import { call } from './api';
import { datasetOptions, defaultForm, formProblem, outputPath, tableExportInput, type ExportForm } from './export-form';

/** What the Export dialog shows when writing ended. */
export interface ExportOutcome {
  out_dir: string;
  text: string;
}

const POLL_MS = 250;

/**
 * The Export dialog (issue 5): the form, the dataset plan (re-asked whenever the options change, the
 * latest answer wins), per-label thresholds, and a running export followed by polling dataset.progress.
 */
export class ExportState {
  form = $state<ExportForm>(defaultForm());
  labels = $state.raw<Label[]>([]);
  runs = $state.raw<RunSummary[]>([]);
  thresholds = $state.raw<Threshold[]>([]);
  plan = $state.raw<DatasetPlanSummary | null>(null);
  planning = $state(false);
  planError = $state<string | null>(null);
  progress = $state.raw<DatasetProgress | null>(null);
  /** A table export is one call: no progress, just busy. */
  busy = $state(false);
  outcome = $state.raw<ExportOutcome | null>(null);
  error = $state<string | null>(null);
  /** The chosen folder is not empty: the user may replace it. */
  conflict = $state(false);

  private planSeq = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;

  constructor(projectName: string) {
    this.form = defaultForm(projectName.replace(/[^\w.-]+/g, '_'));
  }

  get running(): boolean {
    return this.busy || this.progress?.state === 'running';
  }

  get outDir(): string {
    return outputPath(this.form);
  }

  get problem(): string | null {
    if (!this.outDir) return 'Choose an output folder and a name';
    return formProblem(this.form);
  }

  /** Thresholds are per model: the chosen run's, or '' (every model) when all runs are exported. */
  get thresholdModel(): string {
    return this.runs.find((r) => r.id === this.form.runId)?.model_id ?? '';
  }

  async load(): Promise<void> {
    const [labels, runs] = await Promise.all([call('labels.list', {}), call('runs.list', {})]);
    if (labels.ok) this.labels = labels.value;
    if (runs.ok) this.runs = runs.value;
    await this.loadThresholds();
  }

  async loadThresholds(): Promise<void> {
    const res = await call('thresholds.list', { model_id: this.thresholdModel });
    if (res.ok) this.thresholds = res.value;
  }

  /** The threshold the export would use for a label, and whether it is the model's own or inherited. */
  thresholdOf(labelId: number): { value: number; own: boolean } | null {
    const own = this.thresholds.find((t) => t.label_id === labelId && t.model_id === this.thresholdModel);
    if (own) return { value: own.threshold, own: true };
    const all = this.thresholds.find((t) => t.label_id === labelId && t.model_id === '');
    return all ? { value: all.threshold, own: false } : null;
  }

  /** null removes the threshold. Returns an error message or null. */
  async setThreshold(labelId: number, value: number | null): Promise<string | null> {
    const model_id = this.thresholdModel;
    const res =
      value === null
        ? await call('thresholds.remove', { model_id, label_id: labelId })
        : await call('thresholds.set', { model_id, label_id: labelId, threshold: value, source: 'manual' });
    if (!res.ok) return res.message;
    await this.loadThresholds();
    if (this.form.format === 'dataset') void this.refreshPlan();
    return null;
  }

  async refreshPlan(): Promise<void> {
    if (this.form.format !== 'dataset') return;
    const problem = formProblem(this.form);
    if (problem) {
      this.plan = null;
      this.planError = problem;
      return;
    }
    const seq = ++this.planSeq;
    this.planning = true;
    const res = await call('dataset.plan', { options: datasetOptions(this.form) });
    if (seq !== this.planSeq) return; // a newer question was asked meanwhile
    this.planning = false;
    if (res.ok) {
      this.plan = res.value;
      this.planError = null;
    } else {
      this.plan = null;
      this.planError = res.message;
    }
  }

  async start(force = false): Promise<void> {
    if (this.running || this.problem) return;
    this.error = null;
    this.outcome = null;
    this.conflict = false;
    const out = this.outDir;
    if (this.form.format !== 'dataset') {
      this.busy = true;
      const res = await call('exchange.export', tableExportInput(this.form, out));
      this.busy = false;
      if (res.ok) {
        const n = res.value.files.length;
        this.outcome = { out_dir: out, text: `${res.value.rows} rows in ${n} file${n === 1 ? '' : 's'}` };
      } else this.error = res.message;
      return;
    }
    const res = await call('dataset.export', { options: datasetOptions(this.form), out_dir: out, force });
    if (!res.ok) {
      this.error = res.message;
      this.conflict = res.code === 'CONFLICT' && /not empty/.test(res.message);
      return;
    }
    this.plan = res.value.plan;
    this.progress = { export_id: res.value.export_id, state: 'running', done: 0, total: res.value.plan.total_clips, rate: 0, eta_s: null, out_dir: out, error: null };
    this.poll(res.value.export_id);
  }

  async cancel(): Promise<void> {
    if (this.progress?.state === 'running') await call('dataset.cancel', { export_id: this.progress.export_id });
  }

  /** Stops polling (the export itself goes on in the background if still running). */
  dispose(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private poll(id: string): void {
    this.timer = setTimeout(async () => {
      const res = await call('dataset.progress', { export_id: id });
      if (this.closed) return;
      if (!res.ok) {
        this.error = res.message;
        this.progress = null;
        return;
      }
      this.progress = res.value;
      const p = res.value;
      if (p.state === 'running') return this.poll(id);
      if (p.state === 'done') this.outcome = { out_dir: p.out_dir, text: `${p.done} clips written` };
      else if (p.state === 'cancelled') this.error = 'Export cancelled: nothing was written.';
      else this.error = `Export failed: ${p.error ?? 'unknown error'}. Nothing was written.`;
    }, POLL_MS);
  }
}
