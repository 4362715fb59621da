import type { Annotation } from '../../shared/domain';
import { EarmarkError } from '../../shared/errors';
import type { AnnotationsRepo } from '../store/annotations-repo';
import type { ChangeLog } from './change-log';
import { assertReviewer } from './verdicts';

export interface AnnotationDraft {
  recording_id: number;
  start_s: number;
  end_s: number;
  low_hz?: number | null;
  high_hz?: number | null;
  label_id?: number | null;
  note?: string | null;
}

export type AnnotationPatch = { id: number } & Partial<Omit<AnnotationDraft, 'recording_id'>>;

/** Boxes and regions a reviewer draws (issue 4, item 4); every change is in history and undoable. */
export class HumanAnnotations {
  constructor(
    private readonly annotations: AnnotationsRepo,
    private readonly log: ChangeLog,
  ) {}

  list(recordingId: number): Annotation[] {
    return this.annotations.forRecording(recordingId);
  }

  create(reviewer: string, draft: AnnotationDraft): Annotation {
    assertReviewer(reviewer);
    const now = new Date().toISOString();
    const row = {
      recording_id: draft.recording_id,
      start_s: draft.start_s,
      end_s: draft.end_s,
      low_hz: draft.low_hz ?? null,
      high_hz: draft.high_hz ?? null,
      label_id: draft.label_id ?? null,
      source: 'human' as const,
      status: null,
      reviewer,
      note: draft.note ?? null,
      prediction_id: null,
      created_at: now,
      updated_at: now,
    };
    this.validate(row);
    return this.log.commit(reviewer, () => [{ before: null, after: row }])[0];
  }

  update(reviewer: string, patch: AnnotationPatch): Annotation {
    assertReviewer(reviewer);
    let result: Annotation | undefined;
    const written = this.log.commit(reviewer, () => {
      const current = this.require(patch.id);
      const next: Annotation = { ...current };
      for (const key of ['start_s', 'end_s', 'low_hz', 'high_hz', 'label_id', 'note'] as const) {
        if (patch[key] !== undefined) (next as Record<string, unknown>)[key] = patch[key];
      }
      this.validate(next);
      result = current;
      next.updated_at = new Date().toISOString();
      return [{ before: current, after: next }];
    });
    return written[0] ?? result!;
  }

  delete(reviewer: string, id: number): boolean {
    assertReviewer(reviewer);
    this.log.commit(reviewer, () => [{ before: this.require(id), after: null }]);
    return true;
  }

  private require(id: number): Annotation {
    const row = this.annotations.get(id);
    if (!row) throw new EarmarkError('NOT_FOUND', `No annotation with id ${id}: it may have been deleted`);
    return row;
  }

  private validate(row: Omit<Annotation, 'id'>): void {
    const recording = this.annotations.recording(row.recording_id);
    if (!recording) throw new EarmarkError('NOT_FOUND', `No recording with id ${row.recording_id}`);
    if (!(row.start_s >= 0) || !(row.end_s > row.start_s)) {
      throw new EarmarkError('BAD_INPUT', `An annotation on ${recording.name} must end after it starts (got ${row.start_s} s to ${row.end_s} s)`);
    }
    if (recording.duration_s !== null && row.start_s >= recording.duration_s) {
      throw new EarmarkError('BAD_INPUT', `${recording.name} is ${recording.duration_s} s long: an annotation cannot start at ${row.start_s} s`);
    }
    if (row.low_hz !== null && row.high_hz !== null && !(row.high_hz > row.low_hz)) {
      throw new EarmarkError('BAD_INPUT', `The top of a box must be above its bottom (got ${row.low_hz} Hz to ${row.high_hz} Hz)`);
    }
    if ((row.low_hz ?? 0) < 0) throw new EarmarkError('BAD_INPUT', `A frequency cannot be negative (got ${row.low_hz} Hz)`);
    if (row.label_id !== null && !this.annotations.hasLabel(row.label_id)) {
      throw new EarmarkError('NOT_FOUND', `No label with id ${row.label_id}: it may have been deleted`);
    }
  }
}
