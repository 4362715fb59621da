import { formatDuration } from './format';

// Display formatting for model runs: progress figures and run parameters (issue 3, "Progress in the app").

/** Speed as a multiple of realtime: "143x realtime", "2.5x realtime"; "—" before there is a rate. */
export function formatSpeed(x: number): string {
  if (!Number.isFinite(x) || x <= 0) return '—';
  return `${x >= 10 ? Math.round(x) : x.toFixed(1)}x realtime`;
}

/** Time left in words a glance can read: "45 s", "3 min 07 s", "2 h 05 min"; "—" while unknown. */
export function formatEta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return '—';
  const s = Math.ceil(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  const m = Math.round(s / 60);
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

/** "3 min 07 s left", or that it is still being estimated. */
export function formatTimeLeft(seconds: number | null): string {
  const eta = formatEta(seconds);
  return eta === '—' ? 'estimating time left' : `${eta} left`;
}

/** "0:12:30 / 1:40:00" of audio processed. */
export function formatAudioProgress(done: number, total: number): string {
  return `${formatDuration(done)} / ${formatDuration(total)}`;
}

/** Overlap of consecutive windows as a whole percentage (0 when the hop leaves gaps). */
export function overlapPercent(windowS: number, hopS: number): number {
  if (!(windowS > 0) || !(hopS > 0)) return 0;
  return Math.max(0, Math.round((1 - hopS / windowS) * 100));
}

/** Fraction done for a progress bar: audio seconds when known (files differ in length), else files. */
export function runFraction(p: { audio_s_done: number; audio_s_total: number; files_done: number; files_total: number }): number {
  if (p.audio_s_total > 0) return Math.min(1, p.audio_s_done / p.audio_s_total);
  if (p.files_total > 0) return Math.min(1, p.files_done / p.files_total);
  return 0;
}

/** A score as two decimals, the way the overlay and list show it. */
export function formatScore(score: number): string {
  return score.toFixed(2);
}
