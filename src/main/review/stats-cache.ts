import type { LabelReviewStats } from '../../shared/domain';
import type { ChangeMarks, ReviewRepo, VerdictFact } from '../store/review-repo';

type Counter = 'reviewed' | 'positive' | 'relabeled' | 'negative' | 'uncertain';
const COUNTERS: Counter[] = ['reviewed', 'positive', 'relabeled', 'negative', 'uncertain'];

/** What one detection adds to its label's counts (each counter 0 or 1: counts are of detections). */
interface Contribution {
  run_id: number;
  label_id: number;
  flags: Record<Counter, number>;
}

interface Entry {
  /** total_changes minus the changes made by tracked commits, and data_version, when computed. */
  changes: number;
  version: number;
  stats: LabelReviewStats[];
}

/** A tracked commit in progress: the touched detections' contributions before it. */
export interface StatsWrite {
  after(): void;
  done(): void;
}

/**
 * review.stats at a million predictions (issue 4): counting a run's detections per label scans
 * the whole run (~350 ms), and they change only when predictions do. So the per-run result is kept
 * and verdict writes made through the ChangeLog patch it in place (the touched detections'
 * contributions before and after); any other write (a run storing predictions, an import, a label
 * edit, another process) moves total_changes or data_version past the mark and the next call
 * recomputes. Without a schema change this is the cheap way; a counts table kept by triggers would
 * make even the first call fast.
 */
export class StatsCache {
  private readonly entries = new Map<string, Entry>();
  /** Changes made by tracked commits since the connection opened: they never invalidate. */
  private own = 0;
  /** Full recounts so far (tests check the verdict path does not need one). */
  recounts = 0;

  constructor(
    private readonly repo: ReviewRepo,
    private readonly compute: (runId?: number) => LabelReviewStats[],
  ) {}

  get(runId?: number): LabelReviewStats[] {
    const key = keyOf(runId);
    const marks = this.repo.changeMarks();
    const entry = this.entries.get(key);
    if (entry && this.valid(entry, marks)) return entry.stats.map((s) => ({ ...s }));
    const stats = this.compute(runId);
    this.recounts++;
    this.entries.set(key, { changes: marks.changes - this.own, version: marks.version, stats });
    return stats.map((s) => ({ ...s }));
  }

  /**
   * Call inside the write transaction before the rows change, `after()` once they did (still
   * inside), and `done()` after the commit: the patch lands only for a committed write.
   */
  begin(predictionIds: number[]): StatsWrite {
    const startMarks = this.repo.changeMarks();
    const live = [...this.entries.values()].filter((e) => this.valid(e, startMarks));
    const ids = [...new Set(predictionIds)];
    const before = live.length && ids.length ? contributions(this.repo.verdictFacts(ids)) : [];
    let afterContribs: Contribution[] = [];
    let endChanges = startMarks.changes;
    return {
      after: () => {
        afterContribs = live.length && ids.length ? contributions(this.repo.verdictFacts(ids)) : [];
        endChanges = this.repo.changeMarks().changes;
      },
      done: () => {
        this.own += endChanges - startMarks.changes;
        for (const [key, entry] of this.entries) {
          if (!live.includes(entry)) continue;
          const run = key === 'all' ? undefined : Number(key);
          patch(entry.stats, before, run, -1);
          patch(entry.stats, afterContribs, run, 1);
        }
      },
    };
  }

  private valid(entry: Entry, marks: ChangeMarks): boolean {
    return entry.version === marks.version && entry.changes === marks.changes - this.own;
  }
}

const keyOf = (runId?: number) => (runId === undefined ? 'all' : String(runId));

/** Folds verdict rows into one contribution per detection, as verdictCounts counts them. */
function contributions(facts: VerdictFact[]): Contribution[] {
  const byId = new Map<number, Contribution>();
  for (const f of facts) {
    let c = byId.get(f.prediction_id);
    if (!c) {
      c = { run_id: f.run_id, label_id: f.label_id, flags: { reviewed: 0, positive: 0, relabeled: 0, negative: 0, uncertain: 0 } };
      byId.set(f.prediction_id, c);
    }
    if (f.annotation_id === null) continue; // the LEFT JOIN's empty row: no verdict
    c.flags.reviewed = 1;
    if (f.status === 'positive') c.flags[f.same_label ? 'positive' : 'relabeled'] = 1;
    else if (f.status === 'negative' || f.status === 'uncertain') c.flags[f.status] = 1;
  }
  return [...byId.values()];
}

function patch(stats: LabelReviewStats[], contribs: Contribution[], runId: number | undefined, sign: 1 | -1): void {
  for (const c of contribs) {
    if (runId !== undefined && c.run_id !== runId) continue;
    const row = stats.find((s) => s.label_id === c.label_id);
    if (!row) continue; // a label with no detections in this run cannot gain verdicts in it
    for (const k of COUNTERS) row[k] += sign * c.flags[k];
  }
}
