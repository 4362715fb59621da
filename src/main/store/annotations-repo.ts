import type { Annotation } from '../../shared/domain';
import type { Db } from './connection';

export const ANNOTATION_COLUMNS = [
  'id',
  'recording_id',
  'start_s',
  'end_s',
  'low_hz',
  'high_hz',
  'label_id',
  'source',
  'status',
  'reviewer',
  'note',
  'prediction_id',
  'created_at',
  'updated_at',
] as const;

const LIST = ANNOTATION_COLUMNS.join(', ');
const PARAMS = ANNOTATION_COLUMNS.map((c) => `@${c}`).join(', ');
const SETS = ANNOTATION_COLUMNS.filter((c) => c !== 'id')
  .map((c) => `${c} = @${c}`)
  .join(', ');

/** The row in a fixed key order, so two images of one row compare equal as JSON. */
export function canonicalAnnotation(row: Annotation): Annotation {
  const out: Record<string, unknown> = {};
  for (const column of ANNOTATION_COLUMNS) out[column] = row[column] ?? null;
  return out as Annotation;
}

export interface PredictionRef {
  id: number;
  run_id: number;
  recording_id: number;
  start_s: number;
  end_s: number;
  label_id: number;
}

/**
 * All SQL touching `annotations`. Writes are raw row images: the review service decides what
 * changes and records each in history within the same transaction.
 */
export class AnnotationsRepo {
  private readonly byId;
  private readonly byVerdict;
  private readonly byRecording;
  private readonly byPrediction;
  private readonly insertNew;
  private readonly insertWithId;
  private readonly updateRow;
  private readonly deleteRow;
  private readonly prediction;
  private readonly recordingDuration;
  private readonly labelExists;
  private readonly myVerdicts;

  constructor(db: Db) {
    this.byId = db.prepare(`SELECT ${LIST} FROM annotations WHERE id = ?`);
    this.byVerdict = db.prepare(`SELECT ${LIST} FROM annotations WHERE prediction_id = ? AND reviewer = ?`);
    this.byRecording = db.prepare(`SELECT ${LIST} FROM annotations WHERE recording_id = ? ORDER BY start_s, id`);
    this.byPrediction = db.prepare(`SELECT ${LIST} FROM annotations WHERE prediction_id = ? ORDER BY reviewer, id`);
    const withoutId = ANNOTATION_COLUMNS.filter((c) => c !== 'id');
    this.insertNew = db.prepare(`INSERT INTO annotations (${withoutId.join(', ')}) VALUES (${withoutId.map((c) => `@${c}`).join(', ')})`);
    this.insertWithId = db.prepare(`INSERT INTO annotations (${LIST}) VALUES (${PARAMS})`);
    this.updateRow = db.prepare(`UPDATE annotations SET ${SETS} WHERE id = @id`);
    this.deleteRow = db.prepare('DELETE FROM annotations WHERE id = ?');
    this.prediction = db.prepare('SELECT id, run_id, recording_id, start_s, end_s, label_id FROM predictions WHERE id = ?');
    this.recordingDuration = db.prepare('SELECT id, duration_s, name FROM recordings WHERE id = ?');
    this.labelExists = db.prepare('SELECT 1 FROM labels WHERE id = ?').pluck();
    this.myVerdicts = db.prepare(`SELECT prediction_id, status FROM annotations
      WHERE reviewer = ? AND prediction_id IN (SELECT value FROM json_each(?))`);
  }

  get(id: number): Annotation | undefined {
    const row = this.byId.get(id) as Annotation | undefined;
    return row && canonicalAnnotation(row);
  }

  verdict(predictionId: number, reviewer: string): Annotation | undefined {
    const row = this.byVerdict.get(predictionId, reviewer) as Annotation | undefined;
    return row && canonicalAnnotation(row);
  }

  /** The reviewer's verdict status per prediction, for the given predictions. */
  verdictStatuses(reviewer: string, predictionIds: number[]): Map<number, string> {
    const rows = this.myVerdicts.all(reviewer, JSON.stringify(predictionIds)) as { prediction_id: number; status: string }[];
    return new Map(rows.map((r) => [r.prediction_id, r.status]));
  }

  forRecording(recordingId: number): Annotation[] {
    return (this.byRecording.all(recordingId) as Annotation[]).map(canonicalAnnotation);
  }

  /** Every reviewer's verdict on a detection. */
  forPrediction(predictionId: number): Annotation[] {
    return (this.byPrediction.all(predictionId) as Annotation[]).map(canonicalAnnotation);
  }

  /** Inserts the row; a row image that carries an id (redo, undo of a delete) keeps it. */
  insert(row: Omit<Annotation, 'id'> & { id?: number | null }): number {
    if (row.id != null) {
      this.insertWithId.run(row);
      return row.id;
    }
    return Number(this.insertNew.run(row).lastInsertRowid);
  }

  update(row: Annotation): void {
    this.updateRow.run(row);
  }

  delete(id: number): void {
    this.deleteRow.run(id);
  }

  predictionRef(id: number): PredictionRef | undefined {
    return this.prediction.get(id) as PredictionRef | undefined;
  }

  recording(id: number): { id: number; duration_s: number | null; name: string } | undefined {
    return this.recordingDuration.get(id) as { id: number; duration_s: number | null; name: string } | undefined;
  }

  hasLabel(id: number): boolean {
    return this.labelExists.get(id) !== undefined;
  }
}
