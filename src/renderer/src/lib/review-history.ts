import type { Annotation, HistoryEntry } from '../../../shared/domain';

// The history panel of the review view (issue 4, item 3: "a history per detection, who decided what,
// when"): each entry and each reviewer's current verdict as one line of text.

type LabelName = (id: number) => string | undefined;

/** "yes", "no", "uncertain", "relabel → dog", or "none". */
export function verdictWord(row: Pick<Annotation, 'status' | 'label_id'> | null, detectionLabel: number, labelName: LabelName): string {
  if (!row || row.status === null) return 'none';
  if (row.status === 'positive' && row.label_id !== null && row.label_id !== detectionLabel) {
    return `relabel → ${labelName(row.label_id) ?? `label #${row.label_id}`}`;
  }
  return { positive: 'yes', negative: 'no', uncertain: 'uncertain' }[row.status];
}

export interface HistoryLine {
  id: number;
  at: string;
  who: string;
  what: string;
}

/** Newest first; undo and redo say so, since the audit trail keeps them as steps of their own. */
export function historyLines(entries: readonly HistoryEntry[], detectionLabel: number, labelName: LabelName): HistoryLine[] {
  return entries
    .slice()
    .sort((a, b) => b.id - a.id)
    .map((e) => {
      const before = verdictWord(e.before, detectionLabel, labelName);
      const after = verdictWord(e.after, detectionLabel, labelName);
      const how = e.origin === 'undo' ? 'undo: ' : e.origin === 'redo' ? 'redo: ' : '';
      return { id: e.id, at: shortTime(e.at), who: e.actor ?? 'someone', what: `${how}${before} → ${after}` };
    });
}

/** "2026-11-26 06:01:07" from an ISO time, in local time. */
export function shortTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
