import type { Annotation, UndoResult } from '../../shared/domain';
import { EarmarkError } from '../../shared/errors';
import { canonicalAnnotation, type AnnotationsRepo } from '../store/annotations-repo';
import type { Db } from '../store/connection';
import type { HistoryOrigin, HistoryRepo } from '../store/history-repo';
import type { StatsCache, StatsWrite } from './stats-cache';

export type NewAnnotation = Omit<Annotation, 'id'> & { id?: number };

/** One row's transition: create (before null), update, or delete (after null). */
export interface Change {
  before: Annotation | null;
  after: NewAnnotation | null;
}

interface Stacks {
  undo: number[];
  redo: number[];
}

const MAX_UNDO = 1000;

const same = (a: Annotation | null | undefined, b: Annotation | null | undefined) =>
  JSON.stringify(a ? canonicalAnnotation(a) : null) === JSON.stringify(b ? canonicalAnnotation(b) : null);

/**
 * Every change to annotations goes through here: the row write and its history row commit in one
 * transaction (synchronous=FULL: durable on return). A user action is one history step; undo and
 * redo replay a step's before/after images as a new step, so the audit trail keeps them too. The
 * stacks are per reviewer and live as long as the open project (issue 4: undo across the session).
 */
export class ChangeLog {
  private readonly stacks = new Map<string, Stacks>();
  /** Patched by every write here, so review.stats need not recount (see StatsCache). */
  stats: StatsCache | null = null;

  constructor(
    private readonly db: Db,
    private readonly annotations: AnnotationsRepo,
    private readonly history: HistoryRepo,
  ) {}

  /** Runs build inside the transaction (so its reads are current), applies its changes as one step. */
  commit(actor: string, build: () => Change[]): Annotation[] {
    let tracked: StatsWrite | null = null;
    const result = this.db.transaction(() => {
      const changes = build().filter((c) => !same(c.before, c.after as Annotation | null));
      if (!changes.length) return { step: null, rows: [] as Annotation[] };
      tracked = this.track(changes.flatMap((c) => [c.before?.prediction_id, c.after?.prediction_id]));
      const step = this.history.nextStep();
      const at = new Date().toISOString();
      const rows = changes.map((c) => this.apply(step, actor, 'do', at, c)).filter((r): r is Annotation => r !== null);
      (tracked as StatsWrite | null)?.after();
      return { step, rows };
    })();
    (tracked as StatsWrite | null)?.done();
    if (result.step !== null) {
      const stacks = this.stacksOf(actor);
      stacks.undo.push(result.step);
      if (stacks.undo.length > MAX_UNDO) stacks.undo.shift();
      stacks.redo.length = 0; // a new action ends the redo branch
    }
    return result.rows;
  }

  undo(actor: string): UndoResult {
    return this.replay(actor, 'undo');
  }

  redo(actor: string): UndoResult {
    return this.replay(actor, 'redo');
  }

  canUndo(actor: string): boolean {
    return this.stacksOf(actor).undo.length > 0;
  }

  private replay(actor: string, origin: 'undo' | 'redo'): UndoResult {
    const stacks = this.stacksOf(actor);
    const from = origin === 'undo' ? stacks.undo : stacks.redo;
    const to = origin === 'undo' ? stacks.redo : stacks.undo;
    const step = from.pop();
    if (step === undefined) return { applied: false, step: null, annotation_ids: [], prediction_ids: [], recording_ids: [] };

    let tracked: StatsWrite | null = null;
    const touched = this.db.transaction(() => {
      const entries = this.history.step(step);
      if (origin === 'undo') entries.reverse();
      tracked = this.track(entries.flatMap((e) => [e.before?.prediction_id, e.after?.prediction_id]));
      const newStep = this.history.nextStep();
      const at = new Date().toISOString();
      const rows = entries.map((entry) => {
        const expected = origin === 'undo' ? entry.after : entry.before;
        const target = origin === 'undo' ? entry.before : entry.after;
        const current = this.annotations.get(entry.entity_id) ?? null;
        if (!same(current, expected)) {
          const who = this.history.lastActor('annotation', entry.entity_id) ?? 'someone';
          throw new EarmarkError('CONFLICT', `Cannot ${origin} the change to annotation ${entry.entity_id}: ${who} changed it since. Nothing was changed.`);
        }
        this.apply(newStep, actor, origin, at, { before: current, after: target });
        return (target ?? expected)!;
      });
      (tracked as StatsWrite | null)?.after();
      return rows;
    })();
    (tracked as StatsWrite | null)?.done();
    to.push(step);
    return {
      applied: true,
      step,
      annotation_ids: unique(touched.map((r) => r.id)),
      prediction_ids: unique(touched.map((r) => r.prediction_id).filter((id): id is number => id !== null)),
      recording_ids: unique(touched.map((r) => r.recording_id)),
    };
  }

  private apply(step: number, actor: string, origin: HistoryOrigin, at: string, change: Change): Annotation | null {
    const { before, after } = change;
    let row: Annotation | null = null;
    try {
      if (before === null && after !== null) {
        const id = this.annotations.insert(after);
        row = canonicalAnnotation({ ...after, id } as Annotation);
      } else if (before !== null && after !== null) {
        row = canonicalAnnotation({ ...after, id: before.id } as Annotation);
        this.annotations.update(row);
      } else if (before !== null) {
        this.annotations.delete(before.id);
      } else {
        return null;
      }
    } catch (error) {
      const message = (error as Error).message;
      if (/constraint/i.test(message)) throw new EarmarkError('CONFLICT', `Cannot save the annotation: ${message}`);
      throw error;
    }
    const image = row ?? before!;
    this.history.append(
      {
        step,
        origin,
        actor,
        entity: 'annotation',
        entity_id: image.id,
        action: before === null ? 'create' : after === null ? 'delete' : 'update',
        prediction_id: image.prediction_id,
        before,
        after: row,
      },
      at,
    );
    return row;
  }

  private track(predictionIds: Array<number | null | undefined>): StatsWrite | null {
    return this.stats?.begin(predictionIds.filter((id): id is number => typeof id === 'number')) ?? null;
  }

  private stacksOf(actor: string): Stacks {
    let stacks = this.stacks.get(actor);
    if (!stacks) {
      stacks = { undo: [], redo: [] };
      this.stacks.set(actor, stacks);
    }
    return stacks;
  }
}

function unique(values: number[]): number[] {
  return [...new Set(values)];
}
