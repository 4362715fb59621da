import { DATASET_SPLITS, type DatasetOptionsInput, type DatasetPlanSummary, type DatasetSplit, type SplitBy } from '../../../shared/contract-dataset';

// The Export dialog's form, as plain data and pure functions (tested without a DOM): what the user
// chose, turned into the dataset.plan / dataset.export / exchange.export inputs.

export const EXPORT_FORMATS = [
  { id: 'dataset', name: 'Training set (clips per label)' },
  { id: 'raven', name: 'Raven selection tables (one per recording)' },
  { id: 'raven-combined', name: 'Raven selection table (one, multi-file)' },
  { id: 'audacity', name: 'Audacity label tracks' },
  { id: 'csv', name: 'CSV with provenance' },
  { id: 'json', name: 'JSON with provenance' },
] as const;
export type ExportFormatId = (typeof EXPORT_FORMATS)[number]['id'];

export const STATUSES = ['positive', 'negative', 'uncertain', 'unreviewed'] as const;
export type Status = (typeof STATUSES)[number];

export interface ExportForm {
  format: ExportFormatId;
  /** Empty = all labels. */
  labels: string[];
  statuses: Status[];
  /** null = every run. */
  runId: number | null;
  applyThresholds: boolean;
  clipMode: 'fixed' | 'event';
  clipLength: number;
  padding: number;
  /** null = each recording's own rate. */
  sampleRate: number | null;
  /** Mix of all channels, or one (0-based). */
  channel: 'mix' | number;
  negatives: boolean;
  negativesLabel: string;
  splitBy: SplitBy;
  fractions: [number, number, number];
  seed: number;
  /** The folder chosen in the browser, and the new folder's name inside it. */
  parent: string;
  name: string;
}

export function defaultForm(projectName = 'earmark'): ExportForm {
  return {
    format: 'dataset',
    labels: [],
    statuses: ['positive'],
    runId: null,
    applyThresholds: false,
    clipMode: 'fixed',
    clipLength: 3,
    padding: 0.5,
    sampleRate: null,
    channel: 'mix',
    negatives: false,
    negativesLabel: 'negative',
    splitBy: 'recording',
    fractions: [0.8, 0.1, 0.1],
    seed: 0,
    parent: '',
    name: `${projectName}-export`,
  };
}

/**
 * A training set wants verdicts (positive by default); a table wants everything. Switching between the
 * two moves the statuses to the other's default only while they are still at this one's default.
 */
export function switchFormat(form: ExportForm, to: ExportFormatId): ExportForm {
  const isDefault = (want: readonly Status[]) => form.statuses.length === want.length && want.every((s) => form.statuses.includes(s));
  let statuses = form.statuses;
  if (form.format === 'dataset' && to !== 'dataset' && isDefault(['positive'])) statuses = [...STATUSES];
  if (form.format !== 'dataset' && to === 'dataset' && isDefault(STATUSES)) statuses = ['positive'];
  return { ...form, format: to, statuses };
}

/** parent + name with the parent's own separator (the Node side may run on Windows). */
export function outputPath(form: Pick<ExportForm, 'parent' | 'name'>): string {
  const name = form.name.trim();
  if (!form.parent || !name) return '';
  const sep = form.parent.includes('\\') && !form.parent.includes('/') ? '\\' : '/';
  return form.parent.endsWith(sep) ? form.parent + name : form.parent + sep + name;
}

/** A message for what the Node side would refuse anyway, shown before asking it. */
export function formProblem(form: ExportForm): string | null {
  if (form.statuses.length === 0) return 'Choose at least one review status';
  if (form.format !== 'dataset') return null;
  const sum = form.fractions[0] + form.fractions[1] + form.fractions[2];
  if (form.fractions.some((f) => !(f >= 0)) || Math.abs(sum - 1) > 1e-6) return `Split fractions must add up to 1 (now ${+sum.toFixed(3)})`;
  if (form.clipMode === 'fixed' && !(form.clipLength > 0)) return 'Clip length must be more than 0 s';
  if (form.clipMode === 'event' && !(form.padding >= 0)) return 'Padding must be 0 s or more';
  if (form.sampleRate !== null && !(form.sampleRate >= 1000 && form.sampleRate <= 384000)) return 'Sample rate must be 1,000 to 384,000 Hz';
  if (!Number.isInteger(form.seed)) return 'The seed must be a whole number';
  if (form.negatives && !/^[^/\\:*?"<>|]+$/.test(form.negativesLabel.trim())) return 'The negatives folder needs a plain name';
  return null;
}

export function datasetOptions(form: ExportForm): DatasetOptionsInput {
  // Negative verdicts are only wanted as the negatives class: asking for them otherwise would only skip them.
  const statuses = form.statuses.filter((s) => s !== 'negative' || form.negatives);
  return {
    labels: form.labels.length ? form.labels : undefined,
    statuses: form.negatives && !statuses.includes('negative') ? [...statuses, 'negative'] : statuses.length ? statuses : undefined,
    run_id: form.runId ?? undefined,
    apply_thresholds: form.applyThresholds,
    clip_mode: form.clipMode,
    clip_length_s: form.clipLength,
    padding_s: form.padding,
    sample_rate: form.sampleRate,
    channel: form.channel,
    negatives: form.negatives,
    negatives_label: form.negativesLabel.trim() || 'negative',
    split_by: form.splitBy,
    fractions: form.fractions,
    seed: form.seed,
  };
}

export function tableExportInput(form: ExportForm, outDir: string) {
  return {
    format: form.format as Exclude<ExportFormatId, 'dataset'>,
    out_dir: outDir,
    labels: form.labels.length ? form.labels : undefined,
    statuses: form.statuses,
    run_id: form.runId ?? undefined,
    apply_thresholds: form.applyThresholds,
  };
}

export interface PlanGrid {
  labels: string[];
  /** clips[label][split] */
  clips: Record<string, Record<DatasetSplit, number>>;
  totals: Record<DatasetSplit, number>;
}

/** The plan's counts as a label x split grid for the dialog's table. */
export function planGrid(plan: DatasetPlanSummary): PlanGrid {
  const zero = (): Record<DatasetSplit, number> => ({ train: 0, validation: 0, test: 0 });
  const clips: Record<string, Record<DatasetSplit, number>> = {};
  const totals = zero();
  for (const label of plan.labels) clips[label] = zero();
  for (const c of plan.counts) {
    (clips[c.label] ??= zero())[c.split] += c.clips;
    totals[c.split] += c.clips;
  }
  return { labels: plan.labels, clips, totals };
}

export const SPLIT_NAMES: Record<DatasetSplit, string> = { train: 'Train', validation: 'Validation', test: 'Test' };
export { DATASET_SPLITS };
