import type { Prediction } from '../../../shared/domain';

// What the prediction legend lists: the labels and runs of a recording's predictions, with counts.

export interface LegendLabel {
  id: number;
  name: string;
  color: string;
  count: number;
}

export interface LegendRun {
  id: number;
  count: number;
}

export function summariseLabels(all: readonly Prediction[]): LegendLabel[] {
  const byId = new Map<number, LegendLabel>();
  for (const p of all) {
    const l = byId.get(p.label_id);
    if (l) l.count++;
    else byId.set(p.label_id, { id: p.label_id, name: p.label, color: p.color, count: 1 });
  }
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export function summariseRuns(all: readonly Prediction[]): LegendRun[] {
  const byId = new Map<number, number>();
  for (const p of all) byId.set(p.run, (byId.get(p.run) ?? 0) + 1);
  return [...byId.entries()].map(([id, count]) => ({ id, count })).sort((a, b) => a.id - b.id);
}
