import { EarmarkError } from '../../shared/errors';
import { Columns, cell, checkTimes, guessDelimiter, optionalNumber, requireNumber, splitDelimited, type DecodedText } from './text-input';
import { emptyToNull, parseStatus, type ColumnMapping, type ParsedTable } from './table-types';

// Any CSV through a column mapping (issue 5: "any CSV through a column-mapping dialog"). Status,
// reviewer and note columns are picked up by name, so Earmark's own CSV export reads back whole.

const FIELDS = ['start', 'end', 'label', 'score', 'low_hz', 'high_hz', 'file'] as const;
type Field = (typeof FIELDS)[number];

/** Header names each field is usually found under, best first (ours, Raven's, BirdNET's, common ones). */
const CANDIDATES: Record<Field, string[]> = {
  start: ['start_s', 'start', 'start (s)', 'begin time (s)', 'begin', 'onset', 'start time', 'start_time', 'begin_time', 'tmin'],
  end: ['end_s', 'end', 'end (s)', 'end time (s)', 'stop', 'offset', 'end time', 'end_time', 'tmax'],
  label: ['label', 'species', 'common name', 'common_name', 'class', 'annotation', 'scientific name', 'name', 'category'],
  score: ['score', 'confidence', 'probability', 'prob', 'conf'],
  low_hz: ['low_hz', 'low freq (hz)', 'low', 'fmin', 'freq_min', 'min_freq', 'low_freq'],
  high_hz: ['high_hz', 'high freq (hz)', 'high', 'fmax', 'freq_max', 'max_freq', 'high_freq'],
  file: ['recording_path', 'path', 'file', 'filename', 'file name', 'file_name', 'sound_file', 'audio_file', 'begin path', 'recording', 'begin file', 'recording_name', 'audio'],
};

/** Second chance: a word inside the header name ("onset_sec", "max_freq_hz"). */
const WORDS: Record<Field, RegExp> = {
  start: /start|onset|begin/i,
  end: /\bend|offset|stop/i,
  label: /label|species|class|name/i,
  score: /score|conf|prob/i,
  low_hz: /low|min.*(freq|hz)|(freq|hz).*min/i,
  high_hz: /high|max.*(freq|hz)|(freq|hz).*max/i,
  file: /file|path|recording|audio|wav/i,
};

/** The mapping a user most likely wants; fields with no plausible column are left out. */
export function suggestMapping(header: string[]): Partial<ColumnMapping> {
  const columns = new Columns(header, '');
  const mapping: Partial<ColumnMapping> = {};
  const used = new Set<number>();
  for (const field of FIELDS) {
    const index = columns.find(...CANDIDATES[field]);
    if (index !== undefined && !used.has(index)) {
      mapping[field] = header[index];
      used.add(index);
    }
  }
  for (const field of FIELDS) {
    if (mapping[field]) continue;
    const index = header.findIndex((name, i) => name.trim() !== '' && !used.has(i) && WORDS[field].test(name));
    if (index >= 0) {
      mapping[field] = header[index];
      used.add(index);
    }
  }
  return mapping;
}

export function readGenericCsv(path: string, input: DecodedText, mapping: ColumnMapping | undefined): ParsedTable {
  const { header, records } = splitDelimited(input.text, guessDelimiter(input.text), path, { header: true });
  const columns = new Columns(header, path);
  const suggested = suggestMapping(header);
  const map = mapping ?? suggested;
  for (const field of ['start', 'end', 'label'] as const) {
    if (!map[field]) {
      throw new EarmarkError('BAD_INPUT', `${path}: say which column holds "${field}" (a column mapping is needed for a generic CSV)`);
    }
  }
  const at = {
    start: columns.require(map.start!),
    end: columns.require(map.end!),
    label: columns.require(map.label!),
    score: map.score ? columns.require(map.score) : undefined,
    low: map.low_hz ? columns.require(map.low_hz) : undefined,
    high: map.high_hz ? columns.require(map.high_hz) : undefined,
    file: map.file ? columns.require(map.file) : undefined,
    status: columns.find('status'),
    reviewer: columns.find('reviewer'),
    note: columns.find('note', 'comment', 'comments'),
  };
  const rows = records.map((record) => {
    const start = requireNumber(path, record, at.start, map.start!);
    const end = requireNumber(path, record, at.end, map.end!);
    checkTimes(path, record.line, { start: map.start!, end: map.end! }, start, end);
    return {
      line: record.line,
      start_s: start,
      end_s: end,
      low_hz: optionalNumber(path, record, at.low, map.low_hz ?? ''),
      high_hz: optionalNumber(path, record, at.high, map.high_hz ?? ''),
      label: emptyToNull(cell(record, at.label)),
      score: optionalNumber(path, record, at.score, map.score ?? ''),
      file: emptyToNull(cell(record, at.file)),
      time_basis: 'file' as const,
      status: parseStatus(cell(record, at.status)),
      reviewer: emptyToNull(cell(record, at.reviewer)),
      note: emptyToNull(cell(record, at.note)),
    };
  });
  return { format: 'csv', variant: 'csv', path, encoding: input.encoding, header, rows, model: 'csv', fullBandMeansNone: false, ignoreFrequencies: false };
}
