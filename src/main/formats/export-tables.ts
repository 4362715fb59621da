import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Project } from '../app/project';
import { writeAtomically } from './atomic-file';
import { selectForExport, type AppliedFilter, type ExportFilter, type ExportItem } from './export-selection';
import { RAVEN_COMBINED_HEADER, RAVEN_SINGLE_HEADER, audacityLines, csvHeader, csvLines, provenance, ravenLine, type ProvenanceRow } from './table-writers';
import { EarmarkError } from '../../shared/errors';

// Table exports (issue 5): Raven selection tables (per recording or one combined multi-file table),
// Audacity label tracks, and CSV / JSON with full provenance. Every file is written atomically.

export type TableFormat = 'raven' | 'raven-combined' | 'audacity' | 'csv' | 'json';
export const TABLE_FORMATS: TableFormat[] = ['raven', 'raven-combined', 'audacity', 'csv', 'json'];

export interface TableExportOptions {
  format: TableFormat;
  outDir: string;
  filter: ExportFilter;
}

export interface TableExportResult {
  files: string[];
  rows: number;
  applied: AppliedFilter;
}

const BATCH = 2000;

export async function exportTables(project: Project, options: TableExportOptions): Promise<TableExportResult> {
  if (!TABLE_FORMATS.includes(options.format)) throw new EarmarkError('BAD_INPUT', `Unknown table format ${options.format}: one of ${TABLE_FORMATS.join(', ')}`);
  try {
    await mkdir(options.outDir, { recursive: true });
  } catch (error) {
    throw new EarmarkError('IO', `Cannot create ${options.outDir}: ${(error as Error).message}`);
  }
  const selection = selectForExport(project, options.filter);
  let result: { files: string[]; rows: number };
  switch (options.format) {
    case 'raven':
    case 'audacity':
      result = await perRecording(options.format, options.outDir, selection.items());
      break;
    case 'raven-combined':
      result = await ravenCombined(project, options.outDir, selection.items());
      break;
    case 'csv':
      result = await provenanceCsv(project, options.outDir, selection.items());
      break;
    case 'json':
      result = await provenanceJson(project, options.outDir, selection.items(), () => selection.applied());
      break;
  }
  // applied() after the items were read: the thresholds it lists are the ones actually used.
  return { ...result, applied: selection.applied() };
}

/** Items grouped per recording (in path order, as a folder lists them), each group in time order. */
function byRecording(items: Iterable<ExportItem>): ExportItem[][] {
  const groups = new Map<number, ExportItem[]>();
  for (const item of items) {
    const list = groups.get(item.recording.id);
    if (list) list.push(item);
    else groups.set(item.recording.id, [item]);
  }
  return [...groups.values()]
    .sort((a, b) => (a[0].recording.path < b[0].recording.path ? -1 : a[0].recording.path > b[0].recording.path ? 1 : a[0].recording.id - b[0].recording.id))
    .map((list) => list.sort((a, b) => a.start_s - b.start_s || a.end_s - b.end_s || a.id - b.id));
}

const stem = (name: string) => name.replace(/\.[^.]*$/, '');

/** File names from recording names; two recordings with one name (different folders) get their id added. */
function uniqueName(used: Set<string>, base: string, id: number, suffix: string): string {
  let name = `${base}${suffix}`;
  if (used.has(name.toLowerCase())) name = `${base}-${id}${suffix}`;
  used.add(name.toLowerCase());
  return name;
}

async function perRecording(format: 'raven' | 'audacity', outDir: string, items: Iterable<ExportItem>) {
  const files: string[] = [];
  const used = new Set<string>();
  let rows = 0;
  for (const group of byRecording(items)) {
    const recording = group[0].recording;
    const suffix = format === 'raven' ? '.Table.1.selections.txt' : '.txt';
    const path = join(outDir, uniqueName(used, stem(recording.name), recording.id, suffix));
    await writeAtomically(path, async (file) => {
      if (format === 'raven') await file.write(RAVEN_SINGLE_HEADER.join('\t') + '\n');
      let selection = 0;
      for (const item of group) await file.write(format === 'raven' ? ravenLine(item, ++selection, null) : audacityLines(item));
    });
    files.push(path);
    rows += group.length;
  }
  return { files, rows };
}

/** One multi-file table: Begin/End Time run on across the recordings in order; File Offset is the time inside each. */
async function ravenCombined(project: Project, outDir: string, items: Iterable<ExportItem>) {
  const path = join(outDir, `${project.name}.combined.selections.txt`);
  let rows = 0;
  await writeAtomically(path, async (file) => {
    await file.write(RAVEN_COMBINED_HEADER.join('\t') + '\n');
    let offset = 0;
    for (const group of byRecording(items)) {
      for (const item of group) await file.write(ravenLine(item, ++rows, { offset_s: offset }));
      const recording = group[0].recording;
      // Without a known length the next file could not be placed: fall back to its last event's end.
      offset += recording.duration_s ?? Math.max(...group.map((i) => i.end_s));
    }
  });
  return { files: [path], rows };
}

async function provenanceCsv(project: Project, outDir: string, items: Iterable<ExportItem>) {
  const path = join(outDir, `${project.name}.annotations.csv`);
  let rows = 0;
  await writeAtomically(path, async (file) => {
    await file.write(csvHeader());
    let batch: ProvenanceRow[] = [];
    for (const item of items) {
      batch.push(provenance(item));
      rows++;
      if (batch.length >= BATCH) {
        await file.write(csvLines(batch));
        batch = [];
      }
    }
    if (batch.length) await file.write(csvLines(batch));
  });
  return { files: [path], rows };
}

async function provenanceJson(project: Project, outDir: string, items: Iterable<ExportItem>, applied: () => AppliedFilter) {
  const path = join(outDir, `${project.name}.annotations.json`);
  let rows = 0;
  await writeAtomically(path, async (file) => {
    await file.write(`{"earmark_export": 1, "exported_at": ${JSON.stringify(new Date().toISOString())}, "project": ${JSON.stringify(project.path)},\n"rows": [`);
    for (const item of items) {
      const row = provenance(item);
      const { recording_path, recording_name, recording_fingerprint, recording_duration_s, recording_sample_rate, run_id, model_id, model_version, run_params, ...rest } = row;
      const out = {
        ...rest,
        recording: { path: recording_path, name: recording_name, fingerprint: recording_fingerprint, duration_s: recording_duration_s, sample_rate: recording_sample_rate },
        run: run_id === null ? null : { id: run_id, model_id, model_version, params: run_params },
      };
      await file.write(`${rows++ ? ',' : ''}\n  ${JSON.stringify(out)}`);
    }
    // The filter goes last: the thresholds it lists are those met while reading the rows.
    await file.write(`\n],\n"filter": ${JSON.stringify(applied())}\n}\n`);
  });
  return { files: [path], rows };
}
