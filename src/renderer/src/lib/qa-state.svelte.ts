import type { Threshold } from '../../../shared/domain';
import type { LabelReport, MatchMode, QaReport, QaRequestInput, RunReport } from '../../../shared/qa';
import { call } from './api';
import { downloadText } from './qa-download';

export interface QaOptions {
  /** null = every run. */
  run_id: number | null;
  mode: MatchMode;
  iou: number;
  tolerance_s: number;
  bins: number;
}

/** The QA view's state (issue 6): the report for the chosen options, saved thresholds, exports. */
export class QaState {
  options = $state<QaOptions>({ run_id: null, mode: 'overlap', iou: 0.5, tolerance_s: 1, bins: 10 });
  report = $state.raw<QaReport | null>(null);
  thresholds = $state.raw<Threshold[]>([]);
  loading = $state(false);
  error = $state<string | null>(null);
  /** What the last save or export did, for a short note. */
  note = $state<string | null>(null);
  exporting = $state<'csv' | 'html' | null>(null);

  private generation = 0;

  request(): QaRequestInput {
    const o = this.options;
    return {
      run_id: o.run_id ?? undefined,
      match: { mode: o.mode, iou: Number(o.iou) || 0.5, tolerance_s: Math.max(0, Number(o.tolerance_s) || 0) },
      bins: o.bins,
    };
  }

  /** Loads the report for the current options; a newer load wins over an older one still running. */
  async load(): Promise<void> {
    const gen = ++this.generation;
    this.loading = true;
    const [res] = await Promise.all([call('qa.report', this.request()), this.loadThresholds()]);
    if (gen !== this.generation) return;
    this.loading = false;
    if (res.ok) {
      this.report = res.value;
      this.error = null;
    } else this.error = res.message;
  }

  async loadThresholds(): Promise<void> {
    const res = await call('thresholds.list', {});
    if (res.ok) this.thresholds = res.value;
    else this.error = res.message;
  }

  /** The saved threshold for a run's model and label: the model's own, else the every-model one. */
  savedFor(run: RunReport, labelId: number): Threshold | undefined {
    const of = (model: string) => this.thresholds.find((t) => t.model_id === model && t.label_id === labelId);
    return of(run.model_id) ?? of('');
  }

  /** Saves the calibrated score for `probability` as the label's threshold for the run's model. */
  async useThreshold(run: RunReport, label: LabelReport, probability: number): Promise<void> {
    const t = label.calibration.thresholds.find((x) => x.probability === probability);
    if (!t || t.score === null) return;
    const score = Math.min(1, Math.max(0, t.score));
    const res = await call('thresholds.set', {
      model_id: run.model_id,
      label_id: label.label_id,
      threshold: score,
      source: 'calibration',
      probability,
    });
    if (!res.ok) {
      this.error = res.message;
      return;
    }
    this.note = `Saved: ${label.label} detections of ${run.model_id} count from score ${score.toFixed(3)} (${Math.round(probability * 100)}% right).`;
    // The report counts detections by time above the saved thresholds: reload it whole.
    await this.load();
  }

  /** Exports the report for the current options as a file the browser (or Electron) saves. */
  async export(kind: 'csv' | 'html'): Promise<void> {
    this.exporting = kind;
    try {
      const res = kind === 'csv' ? await call('qa.csv', this.request()) : await call('qa.html', this.request());
      if (!res.ok) {
        this.error = res.message;
        return;
      }
      const text = 'csv' in res.value ? res.value.csv : res.value.html;
      downloadText(text, res.value.file_name, kind === 'csv' ? 'text/csv' : 'text/html');
      this.note = `Exported ${res.value.file_name}.`;
    } finally {
      this.exporting = null;
    }
  }

  dispose(): void {
    this.generation++;
  }
}
