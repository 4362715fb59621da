import type { Annotation, HistoryEntry } from '../../shared/domain';
import type { Db } from './connection';

export type HistoryOrigin = 'do' | 'undo' | 'redo';
export type HistoryAction = 'create' | 'update' | 'delete';

export interface HistoryRecord {
  step: number;
  origin: HistoryOrigin;
  actor: string;
  entity: string;
  entity_id: number;
  action: HistoryAction;
  prediction_id: number | null;
  before: Annotation | null;
  after: Annotation | null;
}

interface Row extends Omit<HistoryEntry, 'before' | 'after'> {
  before: string | null;
  after: string | null;
}

const toEntry = (row: Row): HistoryEntry => ({
  ...row,
  before: row.before === null ? null : (JSON.parse(row.before) as Annotation),
  after: row.after === null ? null : (JSON.parse(row.after) as Annotation),
});

const COLUMNS = 'id, at, actor, step, origin, entity, entity_id, action, prediction_id, before, after';

/** All SQL touching `history`: the append-only log of every change, which undo/redo and audit read. */
export class HistoryRepo {
  private readonly insert;
  private readonly maxStep;
  private readonly byStep;
  private readonly byPrediction;
  private readonly lastActorOf;

  constructor(db: Db) {
    this.insert = db.prepare(`INSERT INTO history (at, actor, step, origin, entity, entity_id, action, prediction_id, before, after)
      VALUES (@at, @actor, @step, @origin, @entity, @entity_id, @action, @prediction_id, @before, @after)`);
    this.maxStep = db.prepare('SELECT coalesce(max(step), 0) FROM history').pluck();
    this.byStep = db.prepare(`SELECT ${COLUMNS} FROM history WHERE step = ? ORDER BY id`);
    this.lastActorOf = db.prepare('SELECT actor FROM history WHERE entity = ? AND entity_id = ? ORDER BY id DESC LIMIT 1').pluck();
    this.byPrediction = db.prepare(`SELECT ${COLUMNS} FROM history WHERE prediction_id = ? ORDER BY id`);
  }

  /** A fresh step number; call inside the transaction that writes the step's rows. */
  nextStep(): number {
    return (this.maxStep.get() as number) + 1;
  }

  append(record: HistoryRecord, at: string): void {
    this.insert.run({
      ...record,
      at,
      before: record.before === null ? null : JSON.stringify(record.before),
      after: record.after === null ? null : JSON.stringify(record.after),
    });
  }

  step(step: number): HistoryEntry[] {
    return (this.byStep.all(step) as Row[]).map(toEntry);
  }

  /** Who changed the entity last (to name them when their change blocks an undo). */
  lastActor(entity: string, entityId: number): string | null {
    return (this.lastActorOf.get(entity, entityId) as string | null | undefined) ?? null;
  }

  forPrediction(predictionId: number): HistoryEntry[] {
    return (this.byPrediction.all(predictionId) as Row[]).map(toEntry);
  }
}
