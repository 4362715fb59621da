import type { Statement } from 'better-sqlite3';
import type { Db } from './connection';

// The read side of the QA report (issue 6). Everything over all predictions of a run is aggregated
// in SQL (by label and score bin, by label and hour); rows come back only where they are needed:
// verdicts (a few thousand) and the detections on reference recordings (for matching).

export interface QaRunRow {
  id: number;
  model_id: string;
  created_at: string;
}

export interface QaLabelRow {
  id: number;
  name: string;
  color: string;
}

export interface BinCountRow {
  label_id: number;
  bin: number;
  n: number;
}

export interface VerdictRow {
  prediction_id: number;
  label_id: number;
  score: number;
  reviewer: string | null;
  status: 'positive' | 'negative' | 'uncertain';
  verdict_label_id: number | null;
  updated_at: string;
  id: number;
}

export interface ReferenceRecordingRow {
  id: number;
  fully_annotated: number;
  imported: number;
}

export interface ReferenceRow {
  recording_id: number;
  label_id: number;
  start_s: number;
  end_s: number;
}

export interface DetectionRow extends ReferenceRow {
  score: number;
}

export interface HourCountRow {
  label_id: number;
  /** Whole hours since 1970-01-01 00:00 of the recorder's clock; null: recording without a start time. */
  hour: number | null;
  n: number;
}

/** The score bin of a score, as SQL computes it (the epsilon keeps 0.3·10 = 2.9999… in bin 3). */
export function binSql(column: string): string {
  return `MAX(0, MIN(CAST(${column} * @bins + 1e-9 AS INTEGER), @bins - 1))`;
}

/** Same as binSql, in JS. */
export function binOf(score: number, bins: number): number {
  return Math.max(0, Math.min(Math.trunc(score * bins + 1e-9), bins - 1));
}

export class QaRepo {
  private readonly statements: Record<string, Statement>;

  constructor(private readonly db: Db) {
    const thresholdCte = `thr AS (
      SELECT label_id, threshold FROM thresholds WHERE model_id = @model
      UNION ALL
      SELECT label_id, threshold FROM thresholds
       WHERE model_id = '' AND label_id NOT IN (SELECT label_id FROM thresholds WHERE model_id = @model))`;
    this.statements = {
      runs: db.prepare('SELECT id, model_id, created_at FROM runs ORDER BY id'),
      run: db.prepare('SELECT id, model_id, created_at FROM runs WHERE id = ?'),
      labels: db.prepare('SELECT id, name, color FROM labels ORDER BY name'),
      // Walks the covering index (run_id, label_id, score).
      bins: db.prepare(
        `SELECT label_id, ${binSql('score')} AS bin, COUNT(*) AS n
           FROM predictions WHERE run_id = @run GROUP BY label_id, bin`,
      ),
      // Every reviewer's verdict on the run's detections. CROSS JOIN keeps annotations the outer loop
      // (thousands of rows, each finding its prediction by primary key) instead of walking the run's million.
      verdicts: db.prepare(
        `SELECT a.prediction_id, p.label_id, p.score, a.reviewer, a.status, a.label_id AS verdict_label_id, a.updated_at, a.id
           FROM annotations a CROSS JOIN predictions p ON p.id = a.prediction_id
          WHERE a.prediction_id IS NOT NULL AND a.status IS NOT NULL AND p.run_id = ?
          ORDER BY a.prediction_id, a.updated_at, a.id`,
      ),
      // Recordings the run covers that have a reference: fully annotated, or covered by an imported table.
      referenceRecordings: db.prepare(
        `SELECT r.id, r.fully_annotated,
                EXISTS (SELECT 1 FROM import_coverage c WHERE c.recording_id = r.id) AS imported
           FROM recordings r
          WHERE (r.fully_annotated = 1 OR EXISTS (SELECT 1 FROM import_coverage c WHERE c.recording_id = r.id))
            AND (EXISTS (SELECT 1 FROM run_files f WHERE f.run_id = @run AND f.recording_id = r.id)
                 OR EXISTS (SELECT 1 FROM predictions p WHERE p.run_id = @run AND p.recording_id = r.id))
          ORDER BY r.id`,
      ),
      // A fully annotated recording's reference is its human boxes; otherwise the imported table's rows.
      references: db.prepare(
        `SELECT a.recording_id, a.label_id, a.start_s, a.end_s
           FROM annotations a JOIN recordings r ON r.id = a.recording_id
          WHERE a.recording_id IN (SELECT value FROM json_each(@ids))
            AND a.label_id IS NOT NULL AND a.prediction_id IS NULL
            AND ((r.fully_annotated = 1 AND a.source = 'human')
                 OR (r.fully_annotated = 0 AND (a.import_id IS NOT NULL OR a.source = 'import')))`,
      ),
      detections: db.prepare(
        `SELECT recording_id, label_id, start_s, end_s, score FROM predictions
          WHERE run_id = @run AND recording_id IN (SELECT value FROM json_each(@ids))`,
      ),
      thresholds: db.prepare(`WITH ${thresholdCte} SELECT label_id, threshold FROM thr`),
      startTimes: db.prepare('SELECT id, start_time FROM recordings WHERE start_time IS NOT NULL'),
    };
  }

  runs(runId?: number): QaRunRow[] {
    if (runId === undefined) return this.statements.runs.all() as QaRunRow[];
    const row = this.statements.run.get(runId) as QaRunRow | undefined;
    return row ? [row] : [];
  }

  labels(): QaLabelRow[] {
    return this.statements.labels.all() as QaLabelRow[];
  }

  binCounts(runId: number, bins: number): BinCountRow[] {
    return this.statements.bins.all({ run: runId, bins }) as BinCountRow[];
  }

  verdicts(runId: number): VerdictRow[] {
    return this.statements.verdicts.all(runId) as VerdictRow[];
  }

  referenceRecordings(runId: number): ReferenceRecordingRow[] {
    return this.statements.referenceRecordings.all({ run: runId }) as ReferenceRecordingRow[];
  }

  references(recordingIds: number[]): ReferenceRow[] {
    if (!recordingIds.length) return [];
    return this.statements.references.all({ ids: JSON.stringify(recordingIds) }) as ReferenceRow[];
  }

  detections(runId: number, recordingIds: number[]): DetectionRow[] {
    if (!recordingIds.length) return [];
    return this.statements.detections.all({ run: runId, ids: JSON.stringify(recordingIds) }) as DetectionRow[];
  }

  /** The threshold that applies to each label for the model (its own, else the one for every model). */
  thresholds(modelId: string): Map<number, number> {
    const rows = this.statements.thresholds.all({ model: modelId }) as { label_id: number; threshold: number }[];
    return new Map(rows.map((r) => [r.label_id, r.threshold]));
  }

  /** Recordings' start times as written (ISO 8601, maybe with an offset). */
  startTimes(): { id: number; start_time: string }[] {
    return this.statements.startTimes.all() as { id: number; start_time: string }[];
  }

  /**
   * Detections per label and whole hour of the recorder's clock. clock: seconds since 1970-01-01 00:00
   * of that clock at each recording's start (missing = unknown time); minScore: per-label threshold.
   */
  hourCounts(runId: number, clock: ReadonlyMap<number, number>, minScore: ReadonlyMap<number, number>): HourCountRow[] {
    // One pass over the run's rows; the recording's clock and the label's threshold come from
    // application functions so the plan stays a plain range scan — joining recordings or thresholds
    // here makes SQLite pick a per-row search many times slower. Registered (and the statement prepared)
    // per call, so the functions see this call's maps even when several repos share the connection.
    this.db.function('qa_clock_s', { deterministic: true }, (id: unknown) => clock.get(Number(id)) ?? null);
    this.db.function('qa_min_score', { deterministic: true }, (id: unknown) => minScore.get(Number(id)) ?? -1);
    return this.db
      .prepare(
        `SELECT label_id, CAST((qa_clock_s(recording_id) + start_s) / 3600 AS INTEGER) AS hour, COUNT(*) AS n
           FROM predictions INDEXED BY predictions_unique
          WHERE run_id = ? AND score >= qa_min_score(label_id)
          GROUP BY label_id, hour`,
      )
      .all(runId) as HourCountRow[];
  }
}
