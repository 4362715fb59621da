import { badInput, cell, checkTimes, parseNumber, requireNumber, splitDelimited, type DecodedText } from './text-input';
import type { ParsedTable, TableRow } from './table-types';

// Audacity label tracks (docs/FORMATS.md "Audacity label track"): `start<TAB>end<TAB>text`, with an
// optional spectral line `\<TAB>low<TAB>high` (-1 = undefined) right after its label. BirdNET's
// Audacity-style output is the same with a fourth column, the confidence, and "Scientific_Common" text.

const START = 'start';
const END = 'end';

/** No header; first line is two numbers and text (BirdNET: plus a confidence). */
export function looksLikeAudacity(firstLine: string): boolean {
  const cells = firstLine.split('\t');
  return cells.length >= 2 && cells.length <= 4 && parseNumber(cells[0]) !== null && parseNumber(cells[1]) !== null;
}

export function looksLikeBirdnetAudacity(firstLine: string): boolean {
  const cells = firstLine.split('\t');
  const score = parseNumber(cells[3] ?? '');
  return looksLikeAudacity(firstLine) && cells.length === 4 && score !== null && score >= 0 && score <= 1;
}

export function readAudacity(path: string, input: DecodedText): ParsedTable {
  const { records } = splitDelimited(input.text, '\t', path, { header: false });
  const rows: TableRow[] = [];
  let scored = 0;
  for (const record of records) {
    if (record.cells[0] === '\\') {
      const previous = rows[rows.length - 1];
      if (!previous) throw badInput(path, record.line, 'low', 'a spectral line (\\) before any label');
      previous.low_hz = frequency(path, record.line, cell(record, 1), 'low');
      previous.high_hz = frequency(path, record.line, cell(record, 2), 'high');
      continue;
    }
    const start = requireNumber(path, record, 0, START);
    const end = requireNumber(path, record, 1, END);
    checkTimes(path, record.line, { start: START, end: END }, start, end);
    const text = cell(record, 2);
    const rawScore = cell(record, 3);
    const score = rawScore === '' ? null : parseNumber(rawScore);
    if (rawScore !== '' && score === null) throw badInput(path, record.line, 'confidence', `"${rawScore}" is not a number`);
    if (score !== null) scored++;
    rows.push({
      line: record.line,
      start_s: start,
      end_s: end,
      low_hz: null,
      high_hz: null,
      // BirdNET writes "Scientific name_Common name": the common name is the label, as in its other outputs.
      label: (score !== null ? birdnetCommonName(text) : text.trim()) || null,
      score,
      file: null,
      time_basis: 'file',
      status: null,
      reviewer: null,
      note: null,
    });
  }
  const birdnet = scored > 0;
  return {
    format: birdnet ? 'birdnet' : 'audacity',
    variant: birdnet ? 'birdnet-audacity' : 'audacity',
    path,
    encoding: input.encoding,
    header: birdnet ? ['start', 'end', 'label', 'confidence'] : ['start', 'end', 'label'],
    rows,
    model: birdnet ? 'birdnet' : 'audacity',
    fullBandMeansNone: false,
    ignoreFrequencies: false,
  };
}

export function birdnetCommonName(text: string): string {
  const cut = text.indexOf('_');
  return (cut >= 0 ? text.slice(cut + 1) : text).trim();
}

function frequency(path: string, line: number, raw: string, column: string): number | null {
  const n = parseNumber(raw);
  if (n === null) throw badInput(path, line, column, raw === '' ? 'empty, a frequency is needed' : `"${raw}" is not a number`);
  return n < 0 ? null : n;
}
