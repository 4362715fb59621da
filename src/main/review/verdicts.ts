import type { Annotation, ReviewStatus } from '../../shared/domain';
import { EarmarkError } from '../../shared/errors';
import type { AnnotationsRepo } from '../store/annotations-repo';
import type { Change, ChangeLog } from './change-log';

export interface VerdictInput {
  verdict: ReviewStatus;
  /** A relabel: positive with another label. Defaults to the detection's own label. */
  label_id?: number;
}

/**
 * Verdicts on model detections (issue 4): an annotation row with source 'model' and prediction_id
 * set, one per (detection, reviewer) — a second decision by the same reviewer updates that row, and
 * another reviewer's verdict is a row of its own.
 */
export class Verdicts {
  constructor(
    private readonly annotations: AnnotationsRepo,
    private readonly log: ChangeLog,
  ) {}

  /** One detection. Returns the verdict row (unchanged when the same verdict is repeated). */
  decide(reviewer: string, predictionId: number, input: VerdictInput): Annotation {
    return this.decideMany(reviewer, [predictionId], input)[0];
  }

  /** Several detections (an event) in one transaction and one undo step. */
  decideMany(reviewer: string, predictionIds: number[], input: VerdictInput): Annotation[] {
    assertReviewer(reviewer);
    if (input.label_id !== undefined && !this.annotations.hasLabel(input.label_id)) {
      throw new EarmarkError('NOT_FOUND', `No label with id ${input.label_id}: it may have been deleted`);
    }
    const ids = [...new Set(predictionIds)];
    let unchanged: Annotation[] = [];
    const written = this.log.commit(reviewer, () => {
      const changes: Change[] = [];
      unchanged = [];
      const now = new Date().toISOString();
      for (const id of ids) {
        const prediction = this.annotations.predictionRef(id);
        if (!prediction) throw new EarmarkError('NOT_FOUND', `No detection with id ${id}: its run may have been deleted`);
        const label = input.label_id ?? prediction.label_id;
        const existing = this.annotations.verdict(id, reviewer) ?? null;
        if (existing && existing.status === input.verdict && existing.label_id === label) {
          unchanged.push(existing);
          continue;
        }
        const after = existing
          ? { ...existing, status: input.verdict, label_id: label, updated_at: now }
          : {
              recording_id: prediction.recording_id,
              start_s: prediction.start_s,
              end_s: prediction.end_s,
              low_hz: null,
              high_hz: null,
              label_id: label,
              source: 'model' as const,
              status: input.verdict,
              reviewer,
              note: null,
              prediction_id: id,
              created_at: now,
              updated_at: now,
            };
        changes.push({ before: existing, after });
      }
      return changes;
    });
    const byPrediction = new Map([...unchanged, ...written].map((row) => [row.prediction_id, row]));
    return ids.map((id) => byPrediction.get(id)!);
  }

  /** Withdraws the reviewer's verdict (the detection is unreviewed by them again); undoable. */
  clear(reviewer: string, predictionId: number): boolean {
    assertReviewer(reviewer);
    let cleared = false;
    this.log.commit(reviewer, () => {
      const existing = this.annotations.verdict(predictionId, reviewer);
      cleared = Boolean(existing);
      return existing ? [{ before: existing, after: null }] : [];
    });
    return cleared;
  }
}

export function assertReviewer(reviewer: string): void {
  if (!reviewer.trim()) throw new EarmarkError('BAD_INPUT', 'Set a reviewer name in the settings first: every decision records who made it');
}
