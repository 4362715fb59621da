import type { Recording } from '../../shared/domain';
import { EarmarkError } from '../../shared/errors';
import { paletteColour } from '../../shared/palette';
import type { Project } from '../app/project';
import { ImportsRepo } from '../store/imports-repo';
import { readTable, type FormatChoice } from './read-table';
import { RecordingMatcher } from './recording-match';
import { badInput } from './text-input';
import type { ColumnMapping, ImportFormat, ParsedTable, TableRow } from './table-types';

// Import of annotation tables (issue 5): rows with a score become predictions of an "imported" run,
// rows without become annotations (source 'import'). Rows are attached to recordings by path, then
// by file name; rows that fit none are reported with their line, never silently dropped. Each file
// is one transaction: a file that fails changes nothing.

export interface UnmatchedRow {
  line: number;
  file: string | null;
  reason: string;
}

export interface ImportFileReport {
  path: string;
  format: ImportFormat | null;
  variant: string | null;
  rows: number;
  matched: number;
  unmatched: UnmatchedRow[];
  predictions: number;
  annotations: number;
  /** Verdicts carried by scored rows (a Status column), stored as reviews of the imported detections. */
  verdicts: number;
  run_id: number | null;
  import_id: number | null;
  /** Recordings the table covers (its annotations are the reference there). */
  recordings: number;
  /** Set when the file could not be imported at all; then nothing of it was stored. */
  error: string | null;
}

export interface ImportTablesOptions {
  format: FormatChoice;
  mapping?: ColumnMapping;
}

interface Placed {
  row: TableRow;
  recording: Recording;
  start_s: number;
  end_s: number;
  low_hz: number | null;
  high_hz: number | null;
}

/** Imports each file on its own; one file's failure is reported and does not stop the others. */
export async function importTables(project: Project, paths: string[], options: ImportTablesOptions): Promise<ImportFileReport[]> {
  const reports: ImportFileReport[] = [];
  for (const path of paths) {
    try {
      reports.push(await importTableFile(project, path, options));
    } catch (error) {
      if (!(error instanceof EarmarkError)) throw error;
      reports.push({ path, format: null, variant: null, rows: 0, matched: 0, unmatched: [], predictions: 0, annotations: 0, verdicts: 0, run_id: null, import_id: null, recordings: 0, error: error.message });
    }
  }
  return reports;
}

export async function importTableFile(project: Project, path: string, options: ImportTablesOptions): Promise<ImportFileReport> {
  const table = await readTable(path, options.format, options.mapping);
  const matcher = new RecordingMatcher(project.recordings.list());
  const { placed, unmatched, tableRecording } = place(table, matcher);
  return store(project, table, placed, unmatched, tableRecording, options.mapping);
}

function place(table: ParsedTable, matcher: RecordingMatcher) {
  const unmatched: UnmatchedRow[] = [];
  const placed: Placed[] = [];
  const namesNoFile = table.rows.length === 0 || table.rows.some((r) => r.file === null);
  const tableMatch = namesNoFile ? matcher.forTable(table.path) : null;
  const offsets = cumulativeOffsets(table.rows, matcher);

  for (const row of table.rows) {
    const match = row.file === null ? tableMatch! : matcher.match(row.file);
    if (!match.recording) {
      unmatched.push({ line: row.line, file: row.file, reason: match.reason });
      continue;
    }
    const recording = match.recording;
    let start = row.start_s;
    let end = row.end_s;
    if (row.time_basis === 'cumulative') {
      const offset = offsets.get(row.file!);
      if (offset === undefined || !Number.isFinite(offset)) {
        unmatched.push({ line: row.line, file: row.file, reason: 'cumulative table time cannot be placed: an earlier file of the table is not in the project or has no known length' });
        continue;
      }
      start -= offset;
      end -= offset;
    }
    if (recording.duration_s !== null && start >= recording.duration_s) {
      unmatched.push({ line: row.line, file: row.file, reason: `starts at ${start} s, after the end of ${recording.name} (${recording.duration_s} s)` });
      continue;
    }
    if (row.label === null && row.score !== null) {
      unmatched.push({ line: row.line, file: row.file, reason: 'a scored row without a label' });
      continue;
    }
    placed.push({ row, recording, start_s: start, end_s: end, ...bounds(table, row, recording) });
  }
  return { placed, unmatched, tableRecording: tableMatch?.recording ?? null };
}

function bounds(table: ParsedTable, row: TableRow, recording: Recording): { low_hz: number | null; high_hz: number | null } {
  if (table.ignoreFrequencies) return { low_hz: null, high_hz: null };
  const { low_hz, high_hz } = row;
  if (low_hz !== null && high_hz !== null && high_hz < low_hz) {
    throw badInput(table.path, row.line, 'High Freq (Hz)', `high frequency ${high_hz} is below low frequency ${low_hz}`);
  }
  const nyquist = recording.sample_rate ? recording.sample_rate / 2 : null;
  // Our own Raven export writes 0 to Nyquist for "no bounds" (FORMATS.md): read that back as none.
  if (table.fullBandMeansNone && nyquist !== null && (low_hz ?? 0) <= 0 && (high_hz ?? nyquist) >= nyquist - 0.5) return { low_hz: null, high_hz: null };
  return { low_hz, high_hz };
}

/** Raven multi-file tables without File Offset: each file starts where the previous ones end. */
function cumulativeOffsets(rows: TableRow[], matcher: RecordingMatcher): Map<string, number> {
  const offsets = new Map<string, number>();
  let at = 0;
  for (const row of rows) {
    if (row.time_basis !== 'cumulative' || row.file === null || offsets.has(row.file)) continue;
    offsets.set(row.file, at);
    const match = matcher.match(row.file);
    at += match.recording?.duration_s ?? Number.NaN;
  }
  return offsets;
}

function store(project: Project, table: ParsedTable, placed: Placed[], unmatched: UnmatchedRow[], tableRecording: Recording | null, mapping?: ColumnMapping): ImportFileReport {
  const repo = new ImportsRepo(project.db);
  const scored = placed.filter((p) => p.row.score !== null);
  const covered = new Set(placed.map((p) => p.recording.id));
  if (tableRecording && table.rows.every((r) => r.file === null)) covered.add(tableRecording.id);
  const now = new Date().toISOString();

  return repo.transaction(() => {
    const labelId = labelResolver(project);
    let runId: number | null = null;
    if (scored.length) {
      const lengths = scored.map((p) => p.end_s - p.start_s).filter((l) => l > 0).sort((a, b) => a - b);
      const window = lengths.length ? lengths[Math.floor(lengths.length / 2)] : 1;
      // Shaped like a model run's parameters so run lists read it; `imported` says where it came from.
      const params = { model_id: `imported:${table.model}`, model_version: 'imported', window_s: window, hop_s: window, min_score: 0, labels: [], channel: 'mix', imported: { file: table.path, format: table.format, variant: table.variant, imported_at: now } };
      runId = repo.createRun(params.model_id, JSON.stringify(params), [...new Set(scored.map((p) => p.recording.id))]);
    }
    const importId = repo.insertImport({
      format: table.format,
      path: table.path,
      run_id: runId,
      rows: table.rows.length,
      matched: placed.length,
      unmatched: unmatched.length,
      report: JSON.stringify({ variant: table.variant, encoding: table.encoding, mapping: mapping ?? null, unmatched }),
    });
    let predictions = 0;
    let annotations = 0;
    let verdicts = 0;
    for (const p of placed) {
      const label = p.row.label === null ? null : labelId(p.row.label);
      let predictionId: number | null = null;
      if (p.row.score !== null) {
        predictionId = repo.insertPrediction(runId!, p.recording.id, p.start_s, p.end_s, label!, p.row.score, p.row.line);
        predictions++;
        if (p.row.status === null) continue;
        verdicts++;
      } else {
        annotations++;
      }
      repo.insertAnnotation(
        { recording_id: p.recording.id, start_s: p.start_s, end_s: p.end_s, low_hz: p.low_hz, high_hz: p.high_hz, label_id: label, status: p.row.status, reviewer: p.row.reviewer, note: p.row.note, prediction_id: predictionId, import_id: importId },
        now,
      );
    }
    for (const id of covered) repo.cover(importId, id);
    return { path: table.path, format: table.format, variant: table.variant, rows: table.rows.length, matched: placed.length, unmatched, predictions, annotations, verdicts, run_id: runId, import_id: importId, recordings: covered.size, error: null };
  });
}

/** Label ids by name (case-insensitive), creating missing labels with the next palette colour. */
function labelResolver(project: Project): (name: string) => number {
  const known = new Map<string, number>();
  let count = project.labels.list().length;
  return (name) => {
    const key = name.toLowerCase();
    let id = known.get(key);
    if (id === undefined) {
      id = project.labels.findByName(name)?.id ?? project.labels.create({ name, color: paletteColour(count++) }).id;
      known.set(key, id);
    }
    return id;
  };
}
