import { stringify } from 'csv-stringify/sync';
import type { DatasetPlan, PlannedClip } from './plan';

// The manifest of a training-set export (issue 5, FORMATS.md "Dataset export"): one CSV row per clip
// that traces it to its source, and a JSON file with everything needed to reproduce the export —
// options, the filter as applied (thresholds resolved per label), seed and counts.

export const MANIFEST_CSV = 'manifest.csv';
export const MANIFEST_JSON = 'manifest.json';
export const MANIFEST_VERSION = 1;

export const MANIFEST_COLUMNS = [
  'clip', // path relative to the dataset folder, '/'-separated
  'split',
  'label',
  'status',
  'source_path',
  'source_fingerprint',
  'source_name',
  'site',
  'recording_start_time',
  'start_s', // clip start in the source recording
  'end_s',
  'event_start_s', // the detection or annotation the clip was cut for
  'event_end_s',
  'sample_rate',
  'channel',
  'reviewer',
  'decided_at',
  'score',
  'model_label',
  'source', // model, human or import
  'model_id',
  'run_id',
  'item', // prediction:<id> or annotation:<id> in the project
] as const;

export type ManifestRow = Record<(typeof MANIFEST_COLUMNS)[number], string | number | null>;

export function manifestRow(clip: PlannedClip, path: string, sampleRate: number, channel: string | number): ManifestRow {
  const { item, recording } = clip;
  return {
    clip: path,
    split: clip.split,
    label: clip.label,
    status: item.status,
    source_path: recording.path,
    source_fingerprint: recording.fingerprint,
    source_name: recording.name,
    site: recording.site,
    recording_start_time: recording.start_time,
    start_s: clip.start_s.toFixed(3),
    end_s: clip.end_s.toFixed(3),
    event_start_s: item.start_s,
    event_end_s: item.end_s,
    sample_rate: sampleRate,
    channel,
    reviewer: item.reviewer,
    decided_at: item.decided_at,
    score: item.score,
    model_label: item.model_label,
    source: item.source,
    model_id: item.run?.model_id ?? null,
    run_id: item.run?.id ?? null,
    item: `${item.kind}:${item.id}`,
  };
}

export function manifestCsv(rows: ManifestRow[]): string {
  return stringify(rows, { header: true, columns: [...MANIFEST_COLUMNS], cast: { number: (n) => String(n) } });
}

export function manifestJson(plan: DatasetPlan, extra: { project: string; created_at: string; earmark: string }): string {
  return (
    JSON.stringify(
      {
        format: 'earmark-dataset',
        version: MANIFEST_VERSION,
        created_at: extra.created_at,
        earmark: extra.earmark,
        project: extra.project,
        layout: '<split>/<label>/<recording>_<start s>_<label>.wav; manifest.csv lists every clip',
        audio: { encoding: 'pcm_s16le', channels: 1, channel: plan.options.channel, sample_rate: plan.options.sample_rate ?? 'source' },
        seed: plan.options.seed,
        split_by: plan.options.split_by,
        fractions: { train: plan.options.fractions[0], validation: plan.options.fractions[1], test: plan.options.fractions[2] },
        options: plan.options,
        filter: plan.applied,
        totals: { clips: plan.summary.total_clips, seconds: plan.summary.total_s, groups: plan.summary.groups },
        counts: plan.summary.counts,
        labels: plan.summary.labels,
        warnings: plan.summary.warnings,
      },
      null,
      2,
    ) + '\n'
  );
}
