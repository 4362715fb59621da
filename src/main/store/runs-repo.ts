import type { Db } from './connection';

export type RunStatus = 'running' | 'done' | 'cancelled' | 'failed';
export type RunFileStatus = 'pending' | 'running' | 'done' | 'failed';

export interface RunRow {
  id: number;
  model_id: string;
  params: string;
  status: RunStatus;
  created_at: string;
  finished_at: string | null;
}

export interface RunFileRow {
  run_id: number;
  recording_id: number;
  status: RunFileStatus;
  next_window: number;
  total_windows: number | null;
  done_s: number;
  error: string | null;
}

export interface StoredPrediction {
  window_index: number;
  start_s: number;
  end_s: number;
  label_id: number;
  score: number;
}

/** All SQL touching `runs`, `run_files` and `predictions`. */
export class RunsRepo {
  private readonly insertPrediction;
  private readonly advanceFile;

  constructor(private readonly db: Db) {
    // OR IGNORE: a batch re-run after a crash between two statements can never duplicate a row
    // (the unique index is the last line of defence; the checkpoint normally prevents re-runs).
    this.insertPrediction = db.prepare(`INSERT OR IGNORE INTO predictions
      (run_id, recording_id, start_s, end_s, label_id, score, window_index) VALUES (?, ?, ?, ?, ?, ?, ?)`);
    this.advanceFile = db.prepare(`UPDATE run_files SET next_window = ?, total_windows = ?, done_s = ?, status = 'running'
      WHERE run_id = ? AND recording_id = ?`);
  }

  create(modelId: string, params: string, recordingIds: number[]): number {
    return this.db.transaction(() => {
      const info = this.db
        .prepare("INSERT INTO runs (model_id, params, status, created_at) VALUES (?, ?, 'running', ?)")
        .run(modelId, params, new Date().toISOString());
      const runId = Number(info.lastInsertRowid);
      const add = this.db.prepare("INSERT INTO run_files (run_id, recording_id, status) VALUES (?, ?, 'pending')");
      for (const id of recordingIds) add.run(runId, id);
      return runId;
    })();
  }

  get(id: number): RunRow | undefined {
    return this.db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as RunRow | undefined;
  }

  list(): RunRow[] {
    return this.db.prepare('SELECT * FROM runs ORDER BY id').all() as RunRow[];
  }

  /**
   * The newest run with exactly these parameters: what "run the same command again" continues. An
   * interrupted one resumes; a finished one only gains the recordings it did not cover yet, so
   * repeating a command never duplicates predictions.
   */
  findResumable(modelId: string, params: string): RunRow | undefined {
    return this.db
      .prepare("SELECT * FROM runs WHERE model_id = ? AND params = ? AND status != 'failed' ORDER BY id DESC LIMIT 1")
      .get(modelId, params) as RunRow | undefined;
  }

  files(runId: number): RunFileRow[] {
    return this.db.prepare('SELECT * FROM run_files WHERE run_id = ? ORDER BY recording_id').all(runId) as RunFileRow[];
  }

  addFiles(runId: number, recordingIds: number[]): void {
    const add = this.db.prepare("INSERT OR IGNORE INTO run_files (run_id, recording_id, status) VALUES (?, ?, 'pending')");
    this.db.transaction(() => recordingIds.forEach((id) => add.run(runId, id)))();
  }

  /** One batch: its predictions and the file's checkpoint commit together (resume is exact). */
  storeBatch(runId: number, recordingId: number, predictions: StoredPrediction[], nextWindow: number, totalWindows: number, doneS: number): void {
    this.db.transaction(() => {
      for (const p of predictions) this.insertPrediction.run(runId, recordingId, p.start_s, p.end_s, p.label_id, p.score, p.window_index);
      this.advanceFile.run(nextWindow, totalWindows, doneS, runId, recordingId);
    })();
  }

  finishFile(runId: number, recordingId: number, status: 'done' | 'failed', error: string | null = null): void {
    this.db.prepare('UPDATE run_files SET status = ?, error = ? WHERE run_id = ? AND recording_id = ?').run(status, error, runId, recordingId);
  }

  setStatus(runId: number, status: RunStatus): void {
    const finished = status === 'running' ? null : new Date().toISOString();
    this.db.prepare('UPDATE runs SET status = ?, finished_at = ? WHERE id = ?').run(status, finished, runId);
  }

  predictionCount(runId?: number): number {
    const sql = runId === undefined ? 'SELECT count(*) FROM predictions' : 'SELECT count(*) FROM predictions WHERE run_id = ?';
    const stmt = this.db.prepare(sql).pluck();
    return (runId === undefined ? stmt.get() : stmt.get(runId)) as number;
  }

  predictions(runId?: number): { id: number; run: number; recording_id: number; recording: string; start_s: number; end_s: number; label: string; score: number }[] {
    const where = runId === undefined ? '' : 'WHERE p.run_id = @runId';
    return this.db
      .prepare(`SELECT p.id, p.run_id AS run, p.recording_id, r.path AS recording, p.start_s, p.end_s, l.name AS label, p.score
        FROM predictions p JOIN recordings r ON r.id = p.recording_id JOIN labels l ON l.id = p.label_id
        ${where} ORDER BY p.run_id, r.path, p.start_s, l.name`)
      .all(runId === undefined ? {} : { runId }) as never;
  }

  forRecording(recordingId: number) {
    return this.db
      .prepare(`SELECT p.id, p.run_id AS run, p.start_s, p.end_s, p.label_id, l.name AS label, l.color, p.score
        FROM predictions p JOIN labels l ON l.id = p.label_id WHERE p.recording_id = ? ORDER BY p.start_s, p.score DESC`)
      .all(recordingId) as { id: number; run: number; start_s: number; end_s: number; label_id: number; label: string; color: string; score: number }[];
  }
}
