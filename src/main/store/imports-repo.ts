import type { Db } from './connection';

// All SQL of table imports (issue 5): the `imports` and `import_coverage` rows, the "imported" run
// that holds rows with a score, and the imported predictions and annotations themselves.

export interface ImportRow {
  id: number;
  format: string;
  path: string;
  imported_at: string;
  run_id: number | null;
  rows: number;
  matched: number;
  unmatched: number;
  report: string;
}

export interface NewImport {
  format: string;
  path: string;
  run_id: number | null;
  rows: number;
  matched: number;
  unmatched: number;
  report: string;
}

export interface ImportedAnnotation {
  recording_id: number;
  start_s: number;
  end_s: number;
  low_hz: number | null;
  high_hz: number | null;
  label_id: number | null;
  status: string | null;
  reviewer: string | null;
  note: string | null;
  prediction_id: number | null;
  import_id: number;
}

export class ImportsRepo {
  private readonly insertPredictionStmt;
  private readonly insertAnnotationStmt;
  private readonly coverStmt;

  constructor(private readonly db: Db) {
    this.insertPredictionStmt = db.prepare(`INSERT INTO predictions (run_id, recording_id, start_s, end_s, label_id, score, window_index)
      VALUES (?, ?, ?, ?, ?, ?, ?)`);
    this.insertAnnotationStmt = db.prepare(`INSERT INTO annotations
      (recording_id, start_s, end_s, low_hz, high_hz, label_id, source, status, reviewer, note, prediction_id, import_id, created_at, updated_at)
      VALUES (@recording_id, @start_s, @end_s, @low_hz, @high_hz, @label_id, 'import', @status, @reviewer, @note, @prediction_id, @import_id, @at, @at)`);
    this.coverStmt = db.prepare('INSERT OR IGNORE INTO import_coverage (import_id, recording_id) VALUES (?, ?)');
  }

  /** Runs fn in one transaction: a file that fails half-way changes nothing. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /** An "imported" run: finished at once, every covered recording done, so run summaries read it like any other. */
  createRun(modelId: string, params: string, recordingIds: number[]): number {
    const now = new Date().toISOString();
    const info = this.db.prepare("INSERT INTO runs (model_id, params, status, created_at, finished_at) VALUES (?, ?, 'done', ?, ?)").run(modelId, params, now, now);
    const runId = Number(info.lastInsertRowid);
    const file = this.db.prepare("INSERT INTO run_files (run_id, recording_id, status, next_window, done_s) VALUES (?, ?, 'done', 0, 0)");
    for (const id of recordingIds) file.run(runId, id);
    return runId;
  }

  insertImport(row: NewImport): number {
    const info = this.db
      .prepare(`INSERT INTO imports (format, path, imported_at, run_id, rows, matched, unmatched, report)
        VALUES (@format, @path, @imported_at, @run_id, @rows, @matched, @unmatched, @report)`)
      .run({ ...row, imported_at: new Date().toISOString() });
    return Number(info.lastInsertRowid);
  }

  /** window_index is the row's line: unique within the file, so the run's unique index holds. */
  insertPrediction(runId: number, recordingId: number, startS: number, endS: number, labelId: number, score: number, windowIndex: number): number {
    return Number(this.insertPredictionStmt.run(runId, recordingId, startS, endS, labelId, score, windowIndex).lastInsertRowid);
  }

  insertAnnotation(row: ImportedAnnotation, at: string): number {
    return Number(this.insertAnnotationStmt.run({ ...row, at }).lastInsertRowid);
  }

  cover(importId: number, recordingId: number): void {
    this.coverStmt.run(importId, recordingId);
  }

  list(): (ImportRow & { recordings: number })[] {
    return this.db
      .prepare('SELECT i.*, (SELECT count(*) FROM import_coverage c WHERE c.import_id = i.id) AS recordings FROM imports i ORDER BY i.id')
      .all() as (ImportRow & { recordings: number })[];
  }

  coverage(importId: number): number[] {
    return this.db.prepare('SELECT recording_id FROM import_coverage WHERE import_id = ? ORDER BY recording_id').pluck().all(importId) as number[];
  }
}
