import { basename, extname } from 'node:path';
import { EarmarkError } from '../../shared/errors';
import { looksLikeAudacity, looksLikeBirdnetAudacity, readAudacity } from './audacity';
import { looksLikeBirdnetCsv, readBirdnetCsv } from './birdnet';
import { looksLikeChirpity, readChirpity } from './chirpity';
import { looksLikeEarmarkJson, readEarmarkJson } from './earmark-json';
import { readGenericCsv, suggestMapping } from './generic-csv';
import { looksLikeBirdnetRaven, looksLikeRaven, readRaven } from './raven';
import { guessDelimiter, readTableText, splitDelimited, type DecodedText } from './text-input';
import type { ColumnMapping, ImportFormat, ParsedTable } from './table-types';

// Which reader a file needs: the user's choice, or detected from the header (and extension).

export type FormatChoice = ImportFormat | 'auto';

export interface Detected {
  format: ImportFormat;
  variant: string;
}

export function detectFormat(path: string, text: string): Detected {
  if (looksLikeEarmarkJson(text)) return { format: 'json', variant: 'earmark-json' };
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const tabHeader = firstLine.split('\t').map((c) => c.trim());
  if (looksLikeBirdnetRaven(tabHeader)) return { format: 'birdnet', variant: 'birdnet-raven' };
  if (looksLikeRaven(tabHeader)) return { format: 'raven', variant: 'raven' };
  if (looksLikeBirdnetAudacity(firstLine)) return { format: 'birdnet', variant: 'birdnet-audacity' };
  if (looksLikeAudacity(firstLine)) return { format: 'audacity', variant: 'audacity' };
  const csvHeader = splitDelimited(firstLine, guessDelimiter(firstLine), path, { header: true }).header;
  if (looksLikeBirdnetCsv(csvHeader)) return { format: 'birdnet', variant: 'birdnet-csv' };
  if (looksLikeChirpity(csvHeader)) return { format: 'chirpity', variant: 'chirpity' };
  // An empty .txt is an Audacity track with no labels (Audacity writes exactly that).
  if (text.trim() === '' && extname(path).toLowerCase() === '.txt') return { format: 'audacity', variant: 'audacity' };
  return { format: 'csv', variant: 'csv' };
}

/** Reads a table with the chosen reader; 'birdnet' covers its three shapes, told apart by content. */
export function parseTable(path: string, input: DecodedText, choice: FormatChoice, mapping?: ColumnMapping): ParsedTable {
  const detected = detectFormat(path, input.text);
  const format = choice === 'auto' ? detected.format : choice;
  switch (format) {
    case 'raven':
      return readRaven(path, input);
    case 'audacity':
      return readAudacity(path, input);
    case 'birdnet':
      if (detected.variant === 'birdnet-raven' || detected.format === 'raven') return readRaven(path, input);
      if (detected.variant === 'birdnet-audacity' || detected.format === 'audacity') return readAudacity(path, input);
      return readBirdnetCsv(path, input);
    case 'chirpity':
      return readChirpity(path, input);
    case 'json':
      return readEarmarkJson(path, input);
    case 'csv':
      return readGenericCsv(path, input, mapping);
    default:
      throw new EarmarkError('BAD_INPUT', `${basename(path)}: unknown format ${String(format)}`);
  }
}

export async function readTable(path: string, choice: FormatChoice, mapping?: ColumnMapping): Promise<ParsedTable> {
  return parseTable(path, await readTableText(path), choice, mapping);
}

export interface TablePreview {
  path: string;
  format: ImportFormat;
  variant: string;
  encoding: string;
  header: string[];
  /** The first rows as the file holds them (cells), so a mapping can be chosen by eye. */
  rows: string[][];
  suggested_mapping: Partial<ColumnMapping>;
}

const PREVIEW_ROWS = 20;

export async function previewTable(path: string, choice: FormatChoice = 'auto'): Promise<TablePreview> {
  const input = await readTableText(path);
  const detected = detectFormat(path, input.text);
  const format = choice === 'auto' ? detected.format : choice;
  if (format === 'json') {
    const table = readEarmarkJson(path, input);
    const header = ['start_s', 'end_s', 'label', 'score', 'low_hz', 'high_hz', 'recording_path'];
    const rows = table.rows.slice(0, PREVIEW_ROWS).map((r) => [r.start_s, r.end_s, r.label, r.score, r.low_hz, r.high_hz, r.file].map((v) => (v === null ? '' : String(v))));
    return { path, format, variant: table.variant, encoding: input.encoding, header, rows, suggested_mapping: {} };
  }
  const tabbed = ['raven', 'audacity'].includes(detected.format) || (detected.format === 'birdnet' && detected.variant !== 'birdnet-csv');
  const hasHeader = !(detected.format === 'audacity' || detected.variant === 'birdnet-audacity');
  // Only the head of the file: a 100,000-row table previews as fast as a short one.
  const head = input.text.split('\n', PREVIEW_ROWS * 3 + 2).join('\n');
  const split = splitDelimited(head, tabbed ? '\t' : guessDelimiter(input.text), path, { header: hasHeader });
  const header = hasHeader ? split.header : ['start', 'end', 'label', ...(detected.variant === 'birdnet-audacity' ? ['confidence'] : [])];
  return {
    path,
    format,
    variant: choice === 'auto' || choice === detected.format ? detected.variant : format,
    encoding: input.encoding,
    header,
    rows: split.records.slice(0, PREVIEW_ROWS).map((r) => r.cells),
    suggested_mapping: hasHeader ? suggestMapping(header) : {},
  };
}
