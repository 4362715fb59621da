import { basename } from 'node:path';
import { EarmarkError } from '../../shared/errors';
import type { DecodedText } from './text-input';
import { parseStatus, type ParsedTable, type TableRow } from './table-types';

// Reads back Earmark's own JSON export (export-tables.ts), so that export has a round trip too.

export function looksLikeEarmarkJson(text: string): boolean {
  return /^\s*\{\s*"earmark_export"/.test(text);
}

export function readEarmarkJson(path: string, input: DecodedText): ParsedTable {
  let doc: { rows?: unknown };
  try {
    doc = JSON.parse(input.text) as { rows?: unknown };
  } catch (error) {
    throw new EarmarkError('BAD_INPUT', `${basename(path)}: not valid JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(doc.rows)) throw new EarmarkError('BAD_INPUT', `${basename(path)}: no "rows" list`);
  const rows: TableRow[] = doc.rows.map((raw, i) => {
    const r = raw as Record<string, unknown>;
    const num = (key: string, required: boolean): number | null => {
      const v = r[key];
      if (v === null || v === undefined) {
        if (required) throw new EarmarkError('BAD_INPUT', `${basename(path)}, row ${i + 1}, field "${key}": missing`);
        return null;
      }
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new EarmarkError('BAD_INPUT', `${basename(path)}, row ${i + 1}, field "${key}": not a number`);
      return v;
    };
    const text = (key: string) => (typeof r[key] === 'string' && r[key] !== '' ? (r[key] as string) : null);
    const recording = r.recording as { path?: string } | undefined;
    return {
      line: i + 1,
      start_s: num('start_s', true)!,
      end_s: num('end_s', true)!,
      low_hz: num('low_hz', false),
      high_hz: num('high_hz', false),
      label: text('label'),
      score: num('score', false),
      file: recording?.path ?? text('recording_path'),
      time_basis: 'file',
      status: parseStatus(text('status') ?? ''),
      reviewer: text('reviewer'),
      note: text('note'),
    };
  });
  return { format: 'json', variant: 'earmark-json', path, encoding: input.encoding, header: [], rows, model: 'earmark', fullBandMeansNone: false, ignoreFrequencies: false };
}
