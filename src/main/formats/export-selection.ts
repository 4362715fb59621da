import type { Recording } from '../../shared/domain';
import { ExportRepo } from '../store/export-repo';
import type { Project } from '../app/project';

// What an export writes (issue 5): detections with the verdict that counts, plus human-drawn and
// imported annotations, filtered by label, review status and per-label score thresholds. Every table
// writer and the dataset export read this one selection, so they agree on what "positive" means.

export const EXPORT_STATUSES = ['positive', 'negative', 'uncertain', 'unreviewed'] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];
export const EXPORT_SOURCES = ['model', 'human', 'import'] as const;
export type ExportSource = (typeof EXPORT_SOURCES)[number];

export interface ExportFilter {
  /** Final label names (after a reviewer's relabel), case-insensitive; omitted = all. */
  labels?: string[];
  /** Omitted = all statuses. Human-drawn and imported annotations count as positive unless they carry a status. */
  statuses?: ExportStatus[];
  /** Omitted = all sources. 'model' = the run's detections. */
  sources?: ExportSource[];
  /** Only detections of this run. */
  runId?: number;
  /** Whose verdict counts; omitted = the most recent verdict of any reviewer. */
  reviewer?: string;
  /** Drop detections scoring below their label's threshold (thresholds table; model's own, else ''). */
  applyThresholds?: boolean;
}

export interface ExportItem {
  kind: 'prediction' | 'annotation';
  /** Prediction id or annotation id. */
  id: number;
  recording: Recording;
  start_s: number;
  end_s: number;
  low_hz: number | null;
  high_hz: number | null;
  /** The final label: the reviewer's relabel wins over the model's label. */
  label: string;
  /** What the model said (detections only). */
  model_label: string | null;
  score: number | null;
  status: ExportStatus;
  reviewer: string | null;
  decided_at: string | null;
  note: string | null;
  source: ExportSource;
  run: { id: number; model_id: string; params: Record<string, unknown> } | null;
}

/** The filter as it was applied, for an export's manifest: thresholds resolved to numbers per label. */
export interface AppliedFilter {
  labels: string[] | 'all';
  statuses: ExportStatus[] | 'all';
  sources: ExportSource[] | 'all';
  run_id: number | null;
  reviewer: string | null;
  thresholds: { model_id: string; label: string; threshold: number }[] | 'none';
}

export interface ExportSelection {
  items: () => Generator<ExportItem>;
  applied: () => AppliedFilter;
}

export function selectForExport(project: Project, filter: ExportFilter = {}): ExportSelection {
  const repo = new ExportRepo(project.db);
  const recordings = new Map(project.recordings.list().map((r) => [r.id, r]));
  const labels = filter.labels && new Set(filter.labels.map((l) => l.toLowerCase()));
  const statuses = filter.statuses && new Set(filter.statuses);
  const sources = new Set(filter.sources ?? EXPORT_SOURCES);
  const usedThresholds = new Map<string, { model_id: string; label: string; threshold: number }>();
  const thresholdCache = new Map<string, number | null>();

  const threshold = (modelId: string, labelId: number, labelName: string): number | null => {
    const key = `${modelId}\u0000${labelId}`;
    if (!thresholdCache.has(key)) {
      const value = project.thresholds.effective(modelId, labelId);
      thresholdCache.set(key, value);
      if (value !== null) usedThresholds.set(key, { model_id: modelId, label: labelName, threshold: value });
    }
    return thresholdCache.get(key)!;
  };
  const keep = (label: string, status: ExportStatus) =>
    (!labels || labels.has(label.toLowerCase())) && (!statuses || statuses.has(status));

  function* detections(): Generator<ExportItem> {
    const reviewedOnly = statuses !== undefined && !statuses.has('unreviewed');
    const runParams = new Map<number, Record<string, unknown>>();
    for (const row of repo.predictions({ runId: filter.runId, reviewer: filter.reviewer, reviewedOnly })) {
      const recording = recordings.get(row.recording_id);
      if (!recording) continue;
      if (filter.applyThresholds) {
        const min = threshold(row.model_id, row.label_id, row.model_label);
        if (min !== null && row.score < min) continue;
      }
      const status: ExportStatus = row.status ?? 'unreviewed';
      const label = row.verdict_label ?? row.model_label;
      if (!keep(label, status)) continue;
      if (!runParams.has(row.run_id)) runParams.set(row.run_id, JSON.parse(row.run_params) as Record<string, unknown>);
      yield {
        kind: 'prediction',
        id: row.id,
        recording,
        start_s: row.start_s,
        end_s: row.end_s,
        low_hz: null,
        high_hz: null,
        label,
        model_label: row.model_label,
        score: row.score,
        status,
        reviewer: row.reviewer,
        decided_at: row.decided_at,
        note: row.note,
        source: 'model',
        run: { id: row.run_id, model_id: row.model_id, params: runParams.get(row.run_id)! },
      };
    }
  }

  function* annotations(): Generator<ExportItem> {
    const wanted = (['human', 'import'] as const).filter((s) => sources.has(s));
    if (wanted.length === 0) return;
    for (const row of repo.annotations(wanted)) {
      const recording = recordings.get(row.recording_id);
      if (!recording || row.label === null) continue;
      const status: ExportStatus = row.status ?? 'positive';
      if (!keep(row.label, status)) continue;
      yield {
        kind: 'annotation',
        id: row.id,
        recording,
        start_s: row.start_s,
        end_s: row.end_s,
        low_hz: row.low_hz,
        high_hz: row.high_hz,
        label: row.label,
        model_label: null,
        score: null,
        status,
        reviewer: row.reviewer,
        decided_at: row.updated_at,
        note: row.note,
        source: row.source,
        run: null,
      };
    }
  }

  return {
    *items() {
      if (sources.has('model')) yield* detections();
      yield* annotations();
    },
    applied: () => ({
      labels: filter.labels ?? 'all',
      statuses: filter.statuses ?? 'all',
      sources: filter.sources ?? 'all',
      run_id: filter.runId ?? null,
      reviewer: filter.reviewer ?? null,
      thresholds: filter.applyThresholds ? [...usedThresholds.values()] : 'none',
    }),
  };
}
