// What every table reader returns (docs/FORMATS.md): rows in one shape, times in seconds, so the
// import service attaches them to recordings the same way whatever the source tool was.

import type { IMPORT_FORMATS, ColumnMapping } from '../../shared/contract-exchange';

export type ImportFormat = (typeof IMPORT_FORMATS)[number];
export type { ColumnMapping };

export type RowStatus = 'positive' | 'negative' | 'uncertain';

export interface TableRow {
  /** 1-based line of the row in the file (for JSON: the row's position). */
  line: number;
  start_s: number;
  end_s: number;
  low_hz: number | null;
  high_hz: number | null;
  label: string | null;
  /** A row with a score is a model's detection; without one it is an annotation. */
  score: number | null;
  /** Path or file name the row names; null = the recording the table itself is named after. */
  file: string | null;
  /** 'cumulative': times run on across the table's files (Raven multi-file tables without File Offset). */
  time_basis: 'file' | 'cumulative';
  status: RowStatus | null;
  reviewer: string | null;
  note: string | null;
}

export interface ParsedTable {
  format: ImportFormat;
  /** Which shape of the format: 'raven', 'birdnet-raven', 'birdnet-csv', 'birdnet-audacity', ... */
  variant: string;
  path: string;
  encoding: string;
  header: string[];
  rows: TableRow[];
  /** Where scores came from, for the imported run's model id ('imported:<model>'). */
  model: string;
  /** A box spanning 0 Hz to the recording's Nyquist frequency means "no frequency bounds" (our own Raven export). */
  fullBandMeansNone: boolean;
  /** BirdNET writes a fixed 0-15000 Hz band that says nothing about the sound. */
  ignoreFrequencies: boolean;
}


const STATUSES = new Set(['positive', 'negative', 'uncertain']);

/** A Status cell: Earmark's own values, and the yes/no words reviewers type. */
export function parseStatus(raw: string): RowStatus | null {
  const text = raw.trim().toLowerCase();
  if (STATUSES.has(text)) return text as RowStatus;
  if (['yes', 'y', 'true', 'tp', 'correct'].includes(text)) return 'positive';
  if (['no', 'n', 'false', 'fp', 'wrong'].includes(text)) return 'negative';
  if (['?', 'maybe', 'unsure'].includes(text)) return 'uncertain';
  return null;
}

export const emptyToNull = (text: string): string | null => (text.trim() === '' ? null : text.trim());
