import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parse } from 'csv-parse/sync';
import { EarmarkError } from '../../shared/errors';

// Decoding and splitting of the text tables Earmark imports (docs/FORMATS.md). Tables come from
// Windows tools as often as not: a UTF-8 BOM, CRLF line ends and Latin-1 (windows-1252) text are
// all normal, so they are accepted rather than reported.

export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'windows-1252';
}

/** Decodes a table's bytes: UTF-8 (BOM stripped), UTF-16LE with BOM, else windows-1252. */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch {
    // Not valid UTF-8: Raven and Excel on Windows write the ANSI code page.
    return { text: decodeWindows1252(body), encoding: 'windows-1252' };
  }
}

/** 0x80-0x9F of windows-1252 (Node's TextDecoder decodes them as Latin-1 control characters). */
const CP1252_HIGH = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return latin1.replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]);
}

export async function readTableText(path: string): Promise<DecodedText> {
  try {
    return decodeText(await readFile(path));
  } catch (error) {
    throw new EarmarkError('IO', `Cannot read ${path}: ${(error as Error).message}`);
  }
}

/** One data line of a delimited table: its cells and its 1-based line number in the file. */
export interface TextRecord {
  cells: string[];
  line: number;
}

export interface SplitTable {
  header: string[];
  records: TextRecord[];
}

/**
 * Splits delimited text into cells. Tab-separated tables (Raven, Audacity) are read without quote
 * handling, because Raven writes quotes verbatim inside annotation text; CSV with quotes goes through
 * csv-parse, which knows quoted delimiters and line breaks.
 */
export function splitDelimited(text: string, delimiter: string, file: string, options: { header: boolean }): SplitTable {
  const records = delimiter === '\t' || !text.includes('"') ? splitPlain(text, delimiter) : splitQuoted(text, delimiter, file);
  if (!options.header) return { header: [], records };
  const first = records.shift();
  return { header: first ? first.cells : [], records };
}

/**
 * Without quotes a line is a record and a delimiter a cell boundary, so a plain split gives exactly
 * what csv-parse would, about ten times faster (a 100,000-row BirdNET CSV must import in < 5 s).
 */
function splitPlain(text: string, delimiter: string): TextRecord[] {
  const lines = text.split(/\r\n|\n|\r/);
  const records: TextRecord[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') continue;
    const cells = line.split(delimiter);
    for (let c = 0; c < cells.length; c++) cells[c] = cells[c].trim();
    if (cells.some((c) => c !== '')) records.push({ cells, line: i + 1 });
  }
  return records;
}

function splitQuoted(text: string, delimiter: string, file: string): TextRecord[] {
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text, {
      delimiter,
      quote: '"',
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      info: true,
      bom: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const e = error as Error & { lines?: number };
    throw new EarmarkError('BAD_INPUT', `${basename(file)}, line ${e.lines ?? '?'}: cannot be read as a table: ${e.message}`);
  }
  return rows.map((r) => ({ cells: r.record.map((c) => c.trim()), line: r.info.lines })).filter((r) => r.cells.some((c) => c !== ''));
}

/** Guesses a CSV's delimiter from its first line: tab, semicolon (European Excel) or comma. */
export function guessDelimiter(text: string): string {
  const first = text.slice(0, text.search(/\r?\n|$/));
  const counts = ['\t', ';', ','].map((d) => [d, first.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0][1] > 0 ? counts[0][0] : ',';
}

/** Finds columns by header name, case- and space-insensitively; never by position. */
export class Columns {
  private readonly index = new Map<string, number>();

  constructor(
    readonly header: string[],
    private readonly file: string,
  ) {
    header.forEach((name, i) => {
      const key = Columns.key(name);
      // An empty name is the stray trailing TAB some tools leave: not a column.
      if (key && !this.index.has(key)) this.index.set(key, i);
    });
  }

  static key(name: string): string {
    return name.trim().toLowerCase().replace(/\s+/g, ' ');
  }

  find(...names: string[]): number | undefined {
    for (const name of names) {
      const i = this.index.get(Columns.key(name));
      if (i !== undefined) return i;
    }
    return undefined;
  }

  require(...names: string[]): number {
    const i = this.find(...names);
    if (i === undefined) {
      throw new EarmarkError('BAD_INPUT', `${basename(this.file)}, line 1: missing column "${names[0]}" (the header has ${this.header.filter(Boolean).map((h) => `"${h}"`).join(', ')})`);
    }
    return i;
  }

  has(...names: string[]): boolean {
    return this.find(...names) !== undefined;
  }
}

/** A cell as text, '' when the row is short (tables in the wild leave trailing columns empty). */
export function cell(record: TextRecord, index: number | undefined): string {
  return index === undefined ? '' : (record.cells[index] ?? '');
}

/** Parses a number the way tables write them; a decimal comma (European locales) is accepted. */
export function parseNumber(raw: string): number | null {
  const text = raw.trim();
  if (text === '') return null;
  const normal = /^-?\d+,\d+$/.test(text) ? text.replace(',', '.') : text;
  const n = Number(normal);
  return Number.isFinite(n) ? n : null;
}

export function badInput(file: string, line: number, column: string, problem: string): EarmarkError {
  return new EarmarkError('BAD_INPUT', `${basename(file)}, line ${line}, column "${column}": ${problem}`);
}

/** A required number: a missing or malformed one names the file, line and column. */
export function requireNumber(file: string, record: TextRecord, index: number, column: string): number {
  const raw = cell(record, index);
  const n = parseNumber(raw);
  if (n === null) throw badInput(file, record.line, column, raw === '' ? 'empty, a number is needed' : `"${raw}" is not a number`);
  return n;
}

/** An optional number: empty is null, malformed is an error. */
export function optionalNumber(file: string, record: TextRecord, index: number | undefined, column: string): number | null {
  const raw = cell(record, index);
  if (raw === '') return null;
  const n = parseNumber(raw);
  if (n === null) throw badInput(file, record.line, column, `"${raw}" is not a number`);
  return n;
}

export function checkTimes(file: string, line: number, columns: { start: string; end: string }, start: number, end: number): void {
  if (start < 0) throw badInput(file, line, columns.start, `negative time ${start}`);
  if (end < start) throw badInput(file, line, columns.end, `ends (${end}) before it starts (${start})`);
}
