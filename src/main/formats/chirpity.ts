import { Columns, badInput, cell, checkTimes, guessDelimiter, parseNumber, splitDelimited, type DecodedText, type TextRecord } from './text-input';
import { emptyToNull, type ParsedTable } from './table-types';

// Chirpity's CSV (docs/FORMATS.md "Chirpity CSV"): File, Detection start, Detection end, Common name,
// Latin name, Confidence, Label, Comment, Call count, File offset, Start (s), Latitude, Longitude,
// Place, Model. `Start (s)` is the time inside the file; Detection start/end are wall-clock times
// (or seconds), used only for the length. Confidence may be a percentage.

const DEFAULT_LENGTH_S = 3; // Chirpity's analysis window when the length cannot be worked out

export function looksLikeChirpity(header: string[]): boolean {
  const columns = new Columns(header, '');
  return columns.has('Detection start') && columns.has('Common name') && columns.has('Confidence');
}

export function readChirpity(path: string, input: DecodedText): ParsedTable {
  const { header, records } = splitDelimited(input.text, guessDelimiter(input.text), path, { header: true });
  const columns = new Columns(header, path);
  const at = {
    file: columns.find('File'),
    detectionStart: columns.require('Detection start'),
    detectionEnd: columns.find('Detection end'),
    label: columns.require('Common name'),
    latin: columns.find('Latin name'),
    score: columns.require('Confidence'),
    comment: columns.find('Comment'),
    start: columns.find('Start (s)'),
    model: columns.find('Model'),
  };
  let model = 'chirpity';
  const rows = records.map((record) => {
    const start = startSeconds(path, record, at.start, at.detectionStart);
    const end = start + lengthSeconds(record, at.detectionStart, at.detectionEnd);
    checkTimes(path, record.line, { start: 'Start (s)', end: 'Detection end' }, start, end);
    const modelName = cell(record, at.model);
    if (modelName) model = `chirpity-${modelName.toLowerCase().replace(/[^a-z0-9.-]+/g, '-')}`;
    return {
      line: record.line,
      start_s: start,
      end_s: end,
      low_hz: null,
      high_hz: null,
      label: emptyToNull(cell(record, at.label)) ?? emptyToNull(cell(record, at.latin)),
      score: confidence(path, record, at.score),
      file: emptyToNull(cell(record, at.file)),
      time_basis: 'file' as const,
      status: null,
      reviewer: null,
      note: emptyToNull(cell(record, at.comment)),
    };
  });
  return { format: 'chirpity', variant: 'chirpity', path, encoding: input.encoding, header, rows, model, fullBandMeansNone: false, ignoreFrequencies: true };
}

function startSeconds(path: string, record: TextRecord, start: number | undefined, detectionStart: number): number {
  const seconds = parseNumber(cell(record, start));
  if (seconds !== null) return seconds;
  const fallback = parseNumber(cell(record, detectionStart));
  if (fallback !== null) return fallback;
  const column = start === undefined ? 'Detection start' : 'Start (s)';
  const raw = cell(record, start ?? detectionStart);
  throw badInput(path, record.line, column, raw === '' ? 'empty, a time in seconds is needed' : `"${raw}" is not a time in seconds`);
}

function lengthSeconds(record: TextRecord, from: number, to: number | undefined): number {
  const a = cell(record, from);
  const b = cell(record, to);
  const numeric = [parseNumber(a), parseNumber(b)];
  if (numeric[0] !== null && numeric[1] !== null) return Math.max(0, numeric[1] - numeric[0]);
  const clock = [Date.parse(a.replace(' ', 'T')), Date.parse(b.replace(' ', 'T'))];
  if (Number.isFinite(clock[0]) && Number.isFinite(clock[1]) && clock[1] >= clock[0]) return (clock[1] - clock[0]) / 1000;
  return DEFAULT_LENGTH_S;
}

function confidence(path: string, record: TextRecord, index: number): number {
  const raw = cell(record, index);
  const percent = raw.endsWith('%');
  const n = parseNumber(percent ? raw.slice(0, -1) : raw);
  if (n === null) throw badInput(path, record.line, 'Confidence', raw === '' ? 'empty, a number is needed' : `"${raw}" is not a number`);
  return percent || n > 1 ? n / 100 : n;
}
