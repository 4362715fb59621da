// Display formatting shared by the table and the recording view.

/** Whole seconds as h:mm:ss (hours always shown, as field recorders run for hours). */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return '—';
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

/** A playback position with tenths: m:ss.t, or h:mm:ss.t past an hour. */
export function formatClock(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) seconds = 0;
  const tenths = Math.floor(seconds * 10 + 1e-6);
  const t = tenths % 10;
  const whole = Math.floor(tenths / 10);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}.${t}` : `${m}:${ss}.${t}`;
}

/** Sample rate in kHz without needless decimals: 48000 -> "48", 22050 -> "22.05". */
export function formatKHz(hz: number | null): string {
  if (hz === null) return '—';
  return String(Math.round(hz / 10) / 100);
}

/** A frequency for an axis label: "500 Hz", "2 kHz", "12.5 kHz". */
export function formatHz(hz: number): string {
  if (Math.abs(hz) < 1000) return `${Math.round(hz)} Hz`;
  return `${Math.round(hz / 10) / 100} kHz`;
}

/**
 * A start time as the source gave it, "YYYY-MM-DD HH:MM:SS" plus the offset when there is one. Never
 * converted to this machine's zone: a recorder's local time is what the user knows the site by.
 */
export function formatStartTime(iso: string | null): string {
  if (!iso) return '—';
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(iso);
  if (!m) return iso;
  return m[3] ? `${m[1]} ${m[2]} ${m[3] === 'Z' ? 'UTC' : m[3]}` : `${m[1]} ${m[2]}`;
}
