import type { ConfusionCell, Interval } from '../../../shared/qa';

// Display of QA numbers (issue 6): rates as percentages, intervals as ranges, "—" for undefined.

export function pct(x: number | null | undefined, digits = 0): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  return `${(x * 100).toFixed(digits)}%`;
}

/** "62% (41–83%)": the estimate and its 95% interval. */
export function interval(i: Pick<Interval, 'value' | 'lo' | 'hi'>): string {
  if (i.value === null) return '—';
  if (i.lo === null || i.hi === null) return pct(i.value);
  return `${pct(i.value)} (${(i.lo * 100).toFixed(0)}–${pct(i.hi)})`;
}

export function score(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  return x.toFixed(3);
}

export function kappa(x: number | null): string {
  return x === null ? '—' : x.toFixed(2);
}

export interface ConfusionMatrix {
  predicted: string[];
  actual: string[];
  count(predicted: string, actual: string): number;
}

/**
 * The relabel confusion as a matrix: one row per predicted label, one column per label reviewers said
 * it was (the same label first when present, "none" for negatives last).
 */
export function confusionMatrix(cells: readonly ConfusionCell[]): ConfusionMatrix {
  const predicted = [...new Set(cells.map((c) => c.predicted))];
  const named = [...new Set(cells.filter((c) => c.actual_label_id !== null).map((c) => c.actual))];
  const none = cells.find((c) => c.actual_label_id === null)?.actual;
  const actual = [...predicted.filter((p) => named.includes(p)), ...named.filter((a) => !predicted.includes(a))];
  if (none !== undefined) actual.push(none);
  const key = (p: string, a: string) => `${p}\u0000${a}`;
  const counts = new Map<string, number>();
  for (const c of cells) counts.set(key(c.predicted, c.actual), (counts.get(key(c.predicted, c.actual)) ?? 0) + c.count);
  return { predicted, actual, count: (p, a) => counts.get(key(p, a)) ?? 0 };
}
