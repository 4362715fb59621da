import type { Threshold } from '../../shared/domain';
import type { Db } from './connection';

/** All SQL touching `thresholds`: per-label score thresholds of a model (issues 5 and 6). */
export class ThresholdsRepo {
  constructor(private readonly db: Db) {}

  /** model_id given: that model's thresholds plus the ones for every model (''). */
  list(modelId?: string): Threshold[] {
    const rows = (
      modelId === undefined
        ? this.db.prepare('SELECT * FROM thresholds ORDER BY model_id, label_id').all()
        : this.db.prepare("SELECT * FROM thresholds WHERE model_id IN (?, '') ORDER BY model_id, label_id").all(modelId)
    ) as Threshold[];
    return rows;
  }

  /** The threshold that applies to a model's label: the model's own, else the one for every model. */
  effective(modelId: string, labelId: number): number | null {
    const row = this.db
      .prepare("SELECT threshold FROM thresholds WHERE model_id IN (?, '') AND label_id = ? ORDER BY model_id = '' LIMIT 1")
      .get(modelId, labelId) as { threshold: number } | undefined;
    return row?.threshold ?? null;
  }

  set(input: Omit<Threshold, 'updated_at' | 'probability'> & { probability?: number | null }): Threshold {
    const row = { ...input, probability: input.probability ?? null, updated_at: new Date().toISOString() };
    this.db
      .prepare(
        `INSERT INTO thresholds (model_id, label_id, threshold, source, probability, updated_at)
         VALUES (@model_id, @label_id, @threshold, @source, @probability, @updated_at)
         ON CONFLICT (model_id, label_id) DO UPDATE SET threshold = excluded.threshold, source = excluded.source,
           probability = excluded.probability, updated_at = excluded.updated_at`,
      )
      .run(row);
    return row;
  }

  remove(modelId: string, labelId: number): boolean {
    return this.db.prepare('DELETE FROM thresholds WHERE model_id = ? AND label_id = ?').run(modelId, labelId).changes > 0;
  }
}
