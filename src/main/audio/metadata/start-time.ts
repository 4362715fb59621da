// Turning the several ways recorders write a start time into ISO 8601 (FORMATS.md "Recording metadata").
// Rule: with an offset only when the source states one, else local time without offset; never invent.

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function validParts(y: number, mo: number, d: number, h: number, mi: number, s: number): boolean {
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 60) return false;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= days && y >= 1970 && y <= 2200;
}

function iso(y: number, mo: number, d: number, h: number, mi: number, s: number, zone = ''): string {
  return `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${zone}`;
}

/** "+1" / "-3" / "+5:30" / "" -> "+01:00" / "-03:00" / "+05:30" / "Z". */
function zoneSuffix(sign: string | undefined, hours: string | undefined, minutes: string | undefined): string {
  if (!sign || !hours) return 'Z';
  const h = Number(hours);
  const m = Number(minutes ?? 0);
  if (h === 0 && m === 0) return 'Z';
  return `${sign}${pad(h)}:${pad(m)}`;
}

/** GUANO `Timestamp`: ISO 8601, sometimes with a space instead of 'T'; offset kept as written. */
export function guanoStart(value: string | undefined): string | null {
  if (!value) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(\.\d+)?\s*(Z|[+-]\d{2}:?\d{2}|[+-]\d{2})?$/.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
  if (!validParts(y, mo, d, h, mi, s)) return null;
  let zone = m[8] ?? '';
  if (/^[+-]\d{4}$/.test(zone)) zone = `${zone.slice(0, 3)}:${zone.slice(3)}`;
  else if (/^[+-]\d{2}$/.test(zone)) zone = `${zone}:00`;
  if (zone === '+00:00' || zone === '-00:00') zone = 'Z';
  return iso(y, mo, d, h, mi, s, m[7] ?? '') + zone;
}

export interface AudioMothComment {
  start: string;
  id: string | null;
  gain: string | null;
  battery: string | null;
  temperature: string | null;
}

/**
 * "Recorded at 05:30:00 01/05/2024 (UTC) by AudioMoth 24F319055FDF2F5B at gain setting 2 while battery
 * state was 4.7V." (older firmware) or "... at medium gain while battery was 3.8V and temperature was
 * 12.8C." (1.4+); the zone may be "(UTC+1)", "(UTC-3)", "(UTC+5:30)". Dates are DD/MM/YYYY.
 */
export function parseAudioMothComment(comment: string | undefined): AudioMothComment | null {
  if (!comment) return null;
  const m = /Recorded at (\d{2}):(\d{2}):(\d{2}) (\d{2})\/(\d{2})\/(\d{4}) \(UTC(?:([+-])(\d{1,2})(?::(\d{2}))?)?\)/.exec(comment);
  if (!m) return null;
  const [h, mi, s, d, mo, y] = m.slice(1, 7).map(Number);
  if (!validParts(y, mo, d, h, mi, s)) return null;
  const gain = /gain setting (\d+)/.exec(comment)?.[1] ?? /at ([a-z-]+) gain/i.exec(comment)?.[1] ?? null;
  const battery = /battery (?:state )?was ((?:less than |greater than )?[\d.]+ ?V)/i.exec(comment)?.[1] ?? null;
  const temperature = /temperature was (-?[\d.]+ ?C)/i.exec(comment)?.[1] ?? null;
  return {
    start: iso(y, mo, d, h, mi, s, zoneSuffix(m[7], m[8], m[9])),
    id: /by AudioMoth ([0-9A-Fa-f]{16})/.exec(comment)?.[1] ?? null,
    gain,
    battery,
    temperature,
  };
}

/** BWF OriginationDate "yyyy-mm-dd" + OriginationTime "hh:mm:ss" (any separators, per EBU 3285); no zone. */
export function bextStart(date: string | undefined, time: string | undefined): string | null {
  const dm = /^(\d{4})\D(\d{2})\D(\d{2})$/.exec(date?.trim() ?? '');
  if (!dm) return null;
  const tm = /^(\d{2})\D(\d{2})\D(\d{2})$/.exec(time?.trim() ?? '') ?? ['', '00', '00', '00'];
  const [y, mo, d] = dm.slice(1, 4).map(Number);
  const [h, mi, s] = tm.slice(1, 4).map(Number);
  if (!validParts(y, mo, d, h, mi, s)) return null;
  return iso(y, mo, d, h, mi, s);
}

/**
 * `YYYYMMDD_HHMMSS` anywhere in the file name ("SITE1_20240501_053000.WAV"), not inside a longer run
 * of digits. AudioMoth names its files in UTC, so an AudioMoth file gets 'Z'; others are local time.
 */
export function filenameStart(fileName: string, isAudioMoth: boolean): string | null {
  const m = /(?<!\d)(\d{4})(\d{2})(\d{2})[_T-](\d{2})(\d{2})(\d{2})(?!\d)/.exec(fileName);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
  if (!validParts(y, mo, d, h, mi, s)) return null;
  return iso(y, mo, d, h, mi, s, isAudioMoth ? 'Z' : '');
}
