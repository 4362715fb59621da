import { Columns, cell, checkTimes, optionalNumber, requireNumber, splitDelimited, type DecodedText, type TextRecord } from './text-input';
import { emptyToNull, parseStatus, type ParsedTable, type TableRow } from './table-types';

// Raven selection tables, single- and multi-file (docs/FORMATS.md "Raven selection table"), and
// BirdNET's Raven-style tables, which are the same format with Confidence and species columns.

export const RAVEN_BEGIN = 'Begin Time (s)';
export const RAVEN_END = 'End Time (s)';
const LOW = 'Low Freq (Hz)';
const HIGH = 'High Freq (Hz)';
const OFFSET = 'File Offset (s)';

/** Annotation columns that name the sound, in order of preference. */
const LABEL_COLUMNS = ['Label', 'Annotation', 'Species', 'Common Name', 'Class', 'Sound Type', 'Call Type', 'Type', 'Tag', 'ID'];
/** Raven's own measurement and bookkeeping columns: never a label. */
const RAVEN_COLUMNS = new Set(
  ['Selection', 'View', 'Channel', RAVEN_BEGIN, RAVEN_END, LOW, HIGH, 'Delta Time (s)', 'Delta Freq (Hz)', 'Begin File', 'Begin Path', OFFSET,
    'End File', 'End Path', 'Begin Date', 'Begin Clock Time', 'End Clock Time', 'Score', 'Confidence', 'Status', 'Reviewer', 'Note', 'Source',
    'Species Code', 'Scientific Name', 'Rank'].map(Columns.key),
);

export function looksLikeRaven(header: string[]): boolean {
  const columns = new Columns(header, '');
  return columns.has(RAVEN_BEGIN) && columns.has(RAVEN_END);
}

export function looksLikeBirdnetRaven(header: string[]): boolean {
  const columns = new Columns(header, '');
  return looksLikeRaven(header) && columns.has('Confidence') && columns.has('Common Name', 'Scientific Name');
}

export function readRaven(path: string, input: DecodedText): ParsedTable {
  const { header, records } = splitDelimited(input.text, '\t', path, { header: true });
  const columns = new Columns(header, path);
  const birdnet = looksLikeBirdnetRaven(header);
  const at = {
    selection: columns.find('Selection'),
    view: columns.find('View'),
    begin: columns.require(RAVEN_BEGIN),
    end: columns.require(RAVEN_END),
    low: columns.find(LOW),
    high: columns.find(HIGH),
    path: columns.find('Begin Path'),
    file: columns.find('Begin File'),
    offset: columns.find(OFFSET),
    label: birdnet ? columns.find('Common Name', 'Scientific Name') : labelColumn(columns),
    score: columns.find('Score', 'Confidence'),
    status: columns.find('Status'),
    reviewer: columns.find('Reviewer'),
    note: columns.find('Note', 'Comments', 'Comment'),
  };

  const kept = collapseViews(records, at.selection, at.view);
  const files = new Set(kept.map((r) => cell(r, at.path) || cell(r, at.file)).filter(Boolean));
  const cumulative = files.size > 1;
  const rows: TableRow[] = kept.map((record) => {
    const begin = requireNumber(path, record, at.begin, RAVEN_BEGIN);
    const end = requireNumber(path, record, at.end, RAVEN_END);
    checkTimes(path, record.line, { start: RAVEN_BEGIN, end: RAVEN_END }, begin, end);
    const file = emptyToNull(cell(record, at.path)) ?? emptyToNull(cell(record, at.file));
    // Prefer the time inside the file when the table gives it (FORMATS.md: Begin Path + File Offset).
    const offset = file ? optionalNumber(path, record, at.offset, OFFSET) : null;
    const start = offset ?? begin;
    return {
      line: record.line,
      start_s: start,
      end_s: start + (end - begin),
      low_hz: optionalNumber(path, record, at.low, LOW),
      high_hz: optionalNumber(path, record, at.high, HIGH),
      label: emptyToNull(cell(record, at.label)),
      score: optionalNumber(path, record, at.score, header[at.score ?? -1] ?? 'Score'),
      file,
      time_basis: offset === null && cumulative ? 'cumulative' : 'file',
      status: parseStatus(cell(record, at.status)),
      reviewer: emptyToNull(cell(record, at.reviewer)),
      note: emptyToNull(cell(record, at.note)),
    };
  });
  return {
    format: birdnet ? 'birdnet' : 'raven',
    variant: birdnet ? 'birdnet-raven' : files.size > 1 ? 'raven-multi' : 'raven',
    path,
    encoding: input.encoding,
    header,
    rows,
    model: birdnet ? 'birdnet' : 'raven',
    fullBandMeansNone: !birdnet,
    ignoreFrequencies: birdnet,
  };
}

function labelColumn(columns: Columns): number | undefined {
  const named = columns.find(...LABEL_COLUMNS);
  if (named !== undefined) return named;
  // Any other annotation column the user added in Raven.
  const other = columns.header.findIndex((name) => name.trim() !== '' && !RAVEN_COLUMNS.has(Columns.key(name)));
  return other >= 0 ? other : undefined;
}

/**
 * Raven writes one row per view of a selection (Waveform 1, Spectrogram 1): keep one per Selection,
 * the spectrogram's, which carries the frequency bounds.
 */
function collapseViews(records: TextRecord[], selection: number | undefined, view: number | undefined): TextRecord[] {
  if (selection === undefined) return records;
  const chosen = new Map<string, TextRecord>();
  const order: string[] = [];
  let anonymous = 0;
  for (const record of records) {
    const key = cell(record, selection) || `#${anonymous++}`;
    const current = chosen.get(key);
    if (!current) {
      chosen.set(key, record);
      order.push(key);
    } else if (!isSpectrogram(cell(current, view)) && isSpectrogram(cell(record, view))) {
      chosen.set(key, record);
    }
  }
  return order.map((key) => chosen.get(key)!);
}

const isSpectrogram = (view: string) => view.toLowerCase().startsWith('spectrogram');
