import { stringify } from 'csv-stringify/sync';
import type { ExportItem } from './export-selection';

// Line builders of the table exports (issue 5, docs/FORMATS.md). Pure functions of export items, so
// the formats can be tested without a project; export-tables.ts decides files and order.

const t = (n: number) => n.toFixed(6);
const hz = (n: number) => String(Math.round(n * 1000) / 1000);
/** Raven and Audacity cells are tab-separated lines: a tab or newline inside text would break the row. */
const flat = (text: string | null) => (text ?? '').replace(/[\t\r\n]+/g, ' ');

// ---- Raven selection table ----

export const RAVEN_SINGLE_HEADER = ['Selection', 'View', 'Channel', 'Begin Time (s)', 'End Time (s)', 'Low Freq (Hz)', 'High Freq (Hz)', 'Label', 'Score', 'Status', 'Reviewer', 'Source', 'Note'];
export const RAVEN_COMBINED_HEADER = [...RAVEN_SINGLE_HEADER.slice(0, 7), 'Begin File', 'Begin Path', 'File Offset (s)', ...RAVEN_SINGLE_HEADER.slice(7)];

/**
 * One row per selection, written once with View "Spectrogram 1" (Raven's duplicate Waveform rows add
 * nothing). Real frequency bounds where the annotation has them, else 0 to half the sample rate.
 * `offset_s` is where the recording starts in a combined table's cumulative time (0 otherwise).
 */
export function ravenLine(item: ExportItem, selection: number, combined: { offset_s: number } | null): string {
  const nyquist = (item.recording.sample_rate ?? 48000) / 2;
  const low = item.low_hz ?? 0;
  const high = item.high_hz ?? nyquist;
  const shift = combined?.offset_s ?? 0;
  const cells = [String(selection), 'Spectrogram 1', '1', t(item.start_s + shift), t(item.end_s + shift), hz(low), hz(high)];
  if (combined) cells.push(flat(item.recording.name), flat(item.recording.path), t(item.start_s));
  cells.push(flat(item.label), item.score === null ? '' : t(item.score), item.status, flat(item.reviewer), item.source, flat(item.note));
  return cells.join('\t') + '\n';
}

// ---- Audacity label track ----

/** `start<TAB>end<TAB>label`, six decimals; a spectral line follows when the annotation is a box. */
export function audacityLines(item: ExportItem): string {
  let out = `${t(item.start_s)}\t${t(item.end_s)}\t${flat(item.label)}\n`;
  if (item.low_hz !== null || item.high_hz !== null) {
    out += `\\\t${t(item.low_hz ?? -1)}\t${t(item.high_hz ?? -1)}\n`;
  }
  return out;
}

// ---- CSV and JSON with provenance ----

export interface ProvenanceRow {
  kind: 'prediction' | 'annotation';
  id: number;
  recording_path: string;
  recording_name: string;
  recording_fingerprint: string;
  recording_duration_s: number | null;
  recording_sample_rate: number | null;
  start_s: number;
  end_s: number;
  low_hz: number | null;
  high_hz: number | null;
  label: string;
  model_label: string | null;
  score: number | null;
  status: string;
  source: string;
  reviewer: string | null;
  decided_at: string | null;
  note: string | null;
  run_id: number | null;
  model_id: string | null;
  model_version: string | null;
  run_params: Record<string, unknown> | null;
}

export const PROVENANCE_COLUMNS: (keyof ProvenanceRow)[] = [
  'kind', 'id', 'recording_path', 'recording_name', 'recording_fingerprint', 'recording_duration_s', 'recording_sample_rate',
  'start_s', 'end_s', 'low_hz', 'high_hz', 'label', 'model_label', 'score', 'status', 'source', 'reviewer', 'decided_at', 'note',
  'run_id', 'model_id', 'model_version', 'run_params',
];

export function provenance(item: ExportItem): ProvenanceRow {
  const version = item.run?.params.model_version;
  return {
    kind: item.kind,
    id: item.id,
    recording_path: item.recording.path,
    recording_name: item.recording.name,
    recording_fingerprint: item.recording.fingerprint,
    recording_duration_s: item.recording.duration_s,
    recording_sample_rate: item.recording.sample_rate,
    start_s: item.start_s,
    end_s: item.end_s,
    low_hz: item.low_hz,
    high_hz: item.high_hz,
    label: item.label,
    model_label: item.model_label,
    score: item.score,
    status: item.status,
    source: item.source,
    reviewer: item.reviewer,
    decided_at: item.decided_at,
    note: item.note,
    run_id: item.run?.id ?? null,
    model_id: item.run?.model_id ?? null,
    model_version: typeof version === 'string' ? version : null,
    run_params: item.run?.params ?? null,
  };
}

export function csvHeader(): string {
  return stringify([PROVENANCE_COLUMNS]);
}

export function csvLines(rows: ProvenanceRow[]): string {
  return stringify(
    rows.map((r) => PROVENANCE_COLUMNS.map((c) => (c === 'run_params' ? (r.run_params ? JSON.stringify(r.run_params) : '') : (r[c] ?? '')))),
  );
}
