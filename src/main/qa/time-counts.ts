import type { TimeCounts } from '../../shared/qa';
import type { HourCountRow } from '../store/qa-repo';

// Section 5: detections by hour of day and by date, from SQL counts per whole hour of the recorder's
// clock (hours since 1970-01-01 00:00 in that clock). Recordings without a start time stay "unknown".

/**
 * Seconds since 1970-01-01 00:00 of the recorder's own clock at a start time: the written date and
 * time as they stand, any UTC offset ignored, so a local time stays local (dawn is dawn). Null when
 * the text is not an ISO 8601 date(-time).
 */
export function clockSeconds(startTime: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?)?/.exec(startTime);
  if (!m) return null;
  const [year, month, day, hour = 0, minute = 0] = m.slice(1, 6).map((v) => (v === undefined ? 0 : Number(v)));
  const ms = Date.UTC(year, month - 1, day, hour, minute, 0);
  return Number.isFinite(ms) ? ms / 1000 + (m[6] === undefined ? 0 : Number(m[6])) : null;
}

export function timeCountsByLabel(rows: readonly HourCountRow[], thresholds: ReadonlyMap<number, number>): Map<number, TimeCounts> {
  const out = new Map<number, { hours: number[]; dates: Map<string, number>; unknown: number }>();
  for (const row of rows) {
    let t = out.get(row.label_id);
    if (!t) out.set(row.label_id, (t = { hours: new Array<number>(24).fill(0), dates: new Map(), unknown: 0 }));
    if (row.hour === null) {
      t.unknown += row.n;
      continue;
    }
    const at = new Date(row.hour * 3_600_000);
    t.hours[at.getUTCHours()] += row.n;
    const date = at.toISOString().slice(0, 10);
    t.dates.set(date, (t.dates.get(date) ?? 0) + row.n);
  }
  const result = new Map<number, TimeCounts>();
  for (const [label, t] of out) result.set(label, toCounts(t.hours, t.dates, t.unknown, thresholds.get(label) ?? null));
  return result;
}

export function emptyTimeCounts(threshold: number | null): TimeCounts {
  return toCounts(new Array<number>(24).fill(0), new Map(), 0, threshold);
}

function toCounts(hours: number[], dates: Map<string, number>, unknown: number, threshold: number | null): TimeCounts {
  return {
    threshold,
    by_hour: hours.map((count, hour) => ({ hour, count })),
    by_date: [...dates].sort((a, b) => a[0].localeCompare(b[0])).map(([date, count]) => ({ date, count })),
    unknown_time: unknown,
  };
}
