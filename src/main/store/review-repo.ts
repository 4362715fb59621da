import type { Statement } from 'better-sqlite3';
import type { Db } from './connection';
import { SHUFFLE_KEY_SQL, seedOffset } from './shuffle-key';

const KEY = SHUFFLE_KEY_SQL.replaceAll('id', 'p.id');

export type QueueStatusFilter = 'unreviewed' | 'positive' | 'negative' | 'uncertain' | 'any';
export type QueueSqlOrder = 'score_desc' | 'score_asc' | 'time' | 'random' | 'random_sorted';

export interface QueueFilter {
  run_id?: number;
  label_id?: number;
  score_min?: number;
  score_max?: number;
  /** Upper score bound is exclusive (a stratified bin other than the last). */
  score_max_exclusive?: boolean;
  recording_ids?: number[];
  status: QueueStatusFilter;
  not_reviewed_by?: string;
  /** Only detections scoring at or above their label's threshold (detections without one are kept). */
  above_threshold?: boolean;
  exclude_ids?: number[];
}

export interface QueueRow {
  prediction_id: number;
  run_id: number;
  recording_id: number;
  recording: string;
  start_s: number;
  end_s: number;
  label_id: number;
  label: string;
  color: string;
  score: number;
  my_id: number | null;
  my_status: string | null;
  my_label_id: number | null;
  my_at: string | null;
  verdicts: number;
}

export interface LabelCounts {
  label_id: number;
  label: string;
  color: string;
  total: number;
}

export interface VerdictCounts {
  label_id: number;
  reviewed: number;
  positive: number;
  relabeled: number;
  negative: number;
  uncertain: number;
}

/** One verdict row on a detection (or the detection alone, status null): what stats count per detection. */
export interface VerdictFact {
  prediction_id: number;
  run_id: number;
  label_id: number;
  annotation_id: number | null;
  status: string | null;
  same_label: number | null;
}

/** Counters that move whenever the database changes: this connection's writes, and other connections'. */
export interface ChangeMarks {
  changes: number;
  version: number;
}

export interface WindowRow {
  id: number;
  recording_id: number;
  start_s: number;
  end_s: number;
  score: number;
}

// Index-friendly orders: (label_id, score) and (run_id, label_id, score) end in the rowid, so
// "score, id" in the same direction walks an index without a sort (migration 2).
const ORDER_SQL: Record<QueueSqlOrder, string> = {
  score_desc: 'p.score DESC, p.id DESC',
  score_asc: 'p.score ASC, p.id ASC',
  time: 'p.recording_id, p.start_s, p.id',
  // Both give the seed's rotation of the shuffle permutation. 'random' walks the shuffle index in two
  // parts (from the seed's offset to the end, then from the start), stopping at the page;
  // 'random_sorted' sorts a small candidate set (a stratified bin's score range) by the rotated key.
  random: `${KEY}`,
  random_sorted: `((${KEY} + 4294967296 - @offset_key) % 4294967296)`,
};

/** The read side of review: the queue, per-label statistics and the windows events are built from. */
export class ReviewRepo {
  private readonly cache = new Map<string, Statement>();
  private readonly details;
  private readonly totalChanges;
  private readonly dataVersion;
  private readonly facts;

  /** False only for files migrated by a development build of migration 2 that lacked them. */
  private readonly hasShuffleIndexes: boolean;

  constructor(private readonly db: Db) {
    this.hasShuffleIndexes =
      db.prepare("SELECT count(*) FROM sqlite_master WHERE name IN ('predictions_label_shuffle', 'predictions_shuffle')").pluck().get() === 2;
    this.details = db.prepare(`SELECT p.id AS prediction_id, p.run_id, p.recording_id, r.name AS recording, p.start_s, p.end_s,
        p.label_id, l.name AS label, l.color, p.score,
        m.id AS my_id, m.status AS my_status, m.label_id AS my_label_id, m.updated_at AS my_at,
        (SELECT count(*) FROM annotations c WHERE c.prediction_id = p.id) AS verdicts
      FROM json_each(@ids) AS page
      CROSS JOIN predictions p ON p.id = page.value
      JOIN recordings r ON r.id = p.recording_id
      JOIN labels l ON l.id = p.label_id
      LEFT JOIN annotations m ON m.prediction_id = p.id AND m.reviewer = @me
      ORDER BY page.key`);
    this.totalChanges = db.prepare('SELECT total_changes()').pluck();
    this.dataVersion = db.prepare('PRAGMA data_version').pluck();
    this.facts = db.prepare(`SELECT p.id AS prediction_id, p.run_id, p.label_id, a.id AS annotation_id, a.status, (a.label_id IS p.label_id) AS same_label
      FROM json_each(@ids) AS page
      CROSS JOIN predictions p ON p.id = page.value
      LEFT JOIN annotations a ON a.prediction_id = p.id`);
  }

  /** Cheap (no table read): stats cached against these stay valid until something else writes. */
  changeMarks(): ChangeMarks {
    return { changes: this.totalChanges.get() as number, version: this.dataVersion.get() as number };
  }

  /** Every verdict on each detection (a row with status null when it has none). */
  verdictFacts(predictionIds: number[]): VerdictFact[] {
    return this.facts.all({ ids: JSON.stringify(predictionIds) }) as VerdictFact[];
  }

  /** One page of prediction ids matching the filter, in the given order. */
  queueIds(filter: QueueFilter, order: QueueSqlOrder, limit: number, offset: number, seed = 0): number[] {
    if (order === 'random') return this.randomIds(filter, limit, offset, seedOffset(seed), false);
    const { where, params } = whereClause(filter);
    const sql = `SELECT p.id FROM predictions p ${where} ORDER BY ${ORDER_SQL[order]} LIMIT @limit OFFSET @offset`;
    return this.statement(sql).pluck().all({ ...params, offset_key: seedOffset(seed), limit, offset }) as number[];
  }

  /**
   * The seed's random order, walking the shuffle index (forced): for a populous stratified bin this
   * reads about per_bin / (share of the bin) rows instead of sorting the whole bin.
   */
  walkIds(filter: QueueFilter, limit: number, seed: number): number[] {
    if (!this.hasShuffleIndexes) return this.queueIds(filter, 'random_sorted', limit, 0, seed);
    return this.randomIds(filter, limit, 0, seedOffset(seed), true);
  }

  /** Keys from the seed's offset upwards, then wrapping round to the keys below it. */
  private randomIds(filter: QueueFilter, limit: number, offset: number, start: number, force: boolean): number[] {
    const { where, params } = whereClause(filter);
    const index = !force ? '' : filter.label_id !== undefined ? 'INDEXED BY predictions_label_shuffle' : 'INDEXED BY predictions_shuffle';
    const part = (op: '>=' | '<') =>
      this.statement(`SELECT p.id FROM predictions p ${index} ${where ? `${where} AND` : 'WHERE'} ${KEY} ${op} @start ORDER BY ${KEY} LIMIT @limit OFFSET @offset`).pluck();
    const upper = part('>=').all({ ...params, start, limit, offset }) as number[];
    if (upper.length === limit) return upper;
    // Rows in the upper part: exact when it returned some; otherwise count them (the offset passed them all).
    const upperTotal = upper.length
      ? offset + upper.length
      : (this.statement(`SELECT count(*) FROM predictions p ${where ? `${where} AND` : 'WHERE'} ${KEY} >= @start`).pluck().get({ ...params, start }) as number);
    const lower = part('<').all({ ...params, start, limit: limit - upper.length, offset: Math.max(0, offset - upperTotal) }) as number[];
    return [...upper, ...lower];
  }

  count(filter: QueueFilter): number {
    const { where, params } = whereClause(filter);
    return this.statement(`SELECT count(*) FROM predictions p ${where}`).pluck().get(params) as number;
  }

  /** Full rows for the ids, in the ids' order, with the reviewer's own verdict. */
  queueRows(ids: number[], reviewer: string): QueueRow[] {
    return this.details.all({ ids: JSON.stringify(ids), me: reviewer }) as QueueRow[];
  }

  labelTotals(runId?: number): LabelCounts[] {
    const where = runId === undefined ? '' : 'WHERE p.run_id = @run';
    return this.statement(`SELECT l.id AS label_id, l.name AS label, l.color, t.total FROM
        (SELECT p.label_id, count(*) AS total FROM predictions p ${where} GROUP BY p.label_id) t
        JOIN labels l ON l.id = t.label_id ORDER BY l.name`).all(runId === undefined ? {} : { run: runId }) as LabelCounts[];
  }

  verdictCounts(runId?: number): VerdictCounts[] {
    const where = runId === undefined ? '' : 'AND p.run_id = @run';
    return this.statement(`SELECT p.label_id, count(DISTINCT p.id) AS reviewed,
        count(DISTINCT CASE WHEN a.status = 'positive' AND a.label_id IS p.label_id THEN p.id END) AS positive,
        count(DISTINCT CASE WHEN a.status = 'positive' AND a.label_id IS NOT p.label_id THEN p.id END) AS relabeled,
        count(DISTINCT CASE WHEN a.status = 'negative' THEN p.id END) AS negative,
        count(DISTINCT CASE WHEN a.status = 'uncertain' THEN p.id END) AS uncertain
      FROM annotations a JOIN predictions p ON p.id = a.prediction_id
      WHERE a.prediction_id IS NOT NULL ${where} GROUP BY p.label_id`).all(runId === undefined ? {} : { run: runId }) as VerdictCounts[];
  }

  /** Windows of one run and label at or above a score, in recording and time order (events). */
  windows(runId: number, labelId: number, minScore: number, recordingIds?: number[]): WindowRow[] {
    const recordings = recordingIds ? 'AND p.recording_id IN (SELECT value FROM json_each(@recordings))' : '';
    return this.statement(`SELECT p.id, p.recording_id, p.start_s, p.end_s, p.score FROM predictions p
        WHERE p.run_id = @run AND p.label_id = @label AND p.score >= @min ${recordings}
        ORDER BY p.recording_id, p.start_s, p.id`).all({
      run: runId,
      label: labelId,
      min: minScore,
      ...(recordingIds ? { recordings: JSON.stringify(recordingIds) } : {}),
    }) as WindowRow[];
  }

  /** The threshold for a run's label: its model's own, else the one for every model (''), else null. */
  threshold(runId: number, labelId: number): number | null {
    const value = this.statement(`SELECT t.threshold FROM thresholds t JOIN runs r ON r.id = @run
        WHERE t.label_id = @label AND t.model_id IN (r.model_id, '') ORDER BY t.model_id = '' LIMIT 1`)
      .pluck()
      .get({ run: runId, label: labelId }) as number | undefined;
    return value ?? null;
  }

  /** The lowest threshold any detection in scope must reach (0 when a label or model has none). */
  thresholdFloor(runId?: number, labelId?: number): number {
    return this.statement(`SELECT coalesce(min(coalesce((SELECT t.threshold FROM thresholds t WHERE t.label_id = l.id
          AND t.model_id IN (m.model_id, '') ORDER BY t.model_id = '' LIMIT 1), 0)), 0)
        FROM (SELECT DISTINCT model_id FROM runs WHERE @run IS NULL OR id = @run) m, labels l WHERE @label IS NULL OR l.id = @label`)
      .pluck()
      .get({ run: runId ?? null, label: labelId ?? null }) as number;
  }

  recordingNames(ids: number[]): Map<number, string> {
    const rows = this.statement('SELECT id, name FROM recordings WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as {
      id: number;
      name: string;
    }[];
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** Prepared once per distinct SQL text: the queue's filters combine into a handful of shapes. */
  private statement(sql: string): Statement {
    let stmt = this.cache.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.cache.set(sql, stmt);
    }
    return stmt;
  }
}

function whereClause(filter: QueueFilter): { where: string; params: Record<string, unknown> } {
  const terms: string[] = [];
  const params: Record<string, unknown> = {};
  if (filter.run_id !== undefined) {
    terms.push('p.run_id = @run_id');
    params.run_id = filter.run_id;
  }
  if (filter.label_id !== undefined) {
    terms.push('p.label_id = @label_id');
    params.label_id = filter.label_id;
  }
  if (filter.score_min !== undefined) {
    terms.push('p.score >= @score_min');
    params.score_min = filter.score_min;
  }
  if (filter.score_max !== undefined) {
    terms.push(filter.score_max_exclusive ? 'p.score < @score_max' : 'p.score <= @score_max');
    params.score_max = filter.score_max;
  }
  if (filter.recording_ids) {
    terms.push('p.recording_id IN (SELECT value FROM json_each(@recording_ids))');
    params.recording_ids = JSON.stringify(filter.recording_ids);
  }
  if (filter.status === 'unreviewed') {
    terms.push('NOT EXISTS (SELECT 1 FROM annotations a WHERE a.prediction_id = p.id)');
  } else if (filter.status !== 'any') {
    // Driven from the (few) verdicts rather than probing every prediction.
    terms.push('p.id IN (SELECT a.prediction_id FROM annotations a WHERE a.status = @status AND a.prediction_id IS NOT NULL)');
    params.status = filter.status;
  }
  if (filter.not_reviewed_by !== undefined) {
    terms.push('NOT EXISTS (SELECT 1 FROM annotations a WHERE a.prediction_id = p.id AND a.reviewer = @not_by)');
    params.not_by = filter.not_reviewed_by;
  }
  if (filter.exclude_ids?.length) {
    terms.push('p.id NOT IN (SELECT value FROM json_each(@exclude_ids))');
    params.exclude_ids = JSON.stringify(filter.exclude_ids);
  }
  if (filter.above_threshold) {
    // Per detection, as exports apply thresholds; the queue folds a single run and label's threshold
    // into score_min instead, which keeps the score index usable.
    terms.push(`p.score >= coalesce((SELECT t.threshold FROM thresholds t JOIN runs r ON r.id = p.run_id
      WHERE t.label_id = p.label_id AND t.model_id IN (r.model_id, '') ORDER BY t.model_id = '' LIMIT 1), 0)`);
  }
  return { where: terms.length ? `WHERE ${terms.join(' AND ')}` : '', params };
}
