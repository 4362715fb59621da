import type { GtPoint, Interval } from '../../shared/qa';

// Small formatting helpers of the HTML report.

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

export function pct(v: number | null | undefined, digits = 1): string {
  return v === null || v === undefined ? '–' : `${(v * 100).toFixed(digits)}%`;
}

export function num(v: number | null | undefined, digits = 3): string {
  return v === null || v === undefined ? '–' : Number.isInteger(v) ? String(v) : v.toFixed(digits);
}

export function interval(i: Interval): string {
  return i.value === null ? '–' : `${pct(i.value)} <span class="ci">(${pct(i.lo)}–${pct(i.hi)})</span>`;
}

/** A table; cells are HTML already (escape text with esc). */
export function table(headers: string[], rows: string[][], caption?: string): string {
  if (!rows.length) return caption ? `<p class="empty">${esc(caption)}: none.</p>` : '';
  const head = headers.map((h) => `<th>${esc(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('\n');
  return `<table>${caption ? `<caption>${esc(caption)}</caption>` : ''}<thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

export function gtRows(points: readonly GtPoint[]): string[][] {
  return points.map((p) => [num(p.threshold, 2), String(p.tp), String(p.fp), String(p.fn), pct(p.precision), pct(p.recall), num(p.f1)]);
}

export const GT_HEADERS = ['score ≥', 'TP', 'FP', 'FN', 'precision', 'recall', 'F1'];

export const STYLE = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d2330; margin: 2rem auto; max-width: 1100px; padding: 0 1rem; }
h1 { font-size: 1.6rem; } h2 { margin-top: 2.5rem; border-bottom: 2px solid #d6dae2; } h3 { margin-top: 2rem; }
table { border-collapse: collapse; margin: 0.75rem 0; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid #d6dae2; padding: 0.2rem 0.55rem; text-align: right; }
th { background: #f1f3f7; } td:first-child, th:first-child { text-align: left; }
caption { text-align: left; font-weight: 600; padding: 0.3rem 0; }
.ci { color: #667085; font-size: 0.9em; } .empty, .note { color: #667085; }
.plots { display: flex; flex-wrap: wrap; gap: 1rem; } .plots figure { margin: 0; }
.swatch { display: inline-block; width: 0.8em; height: 0.8em; border-radius: 2px; margin-right: 0.35em; vertical-align: -0.05em; }
`;
