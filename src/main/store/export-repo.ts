import type { Db } from './connection';

/** A detection with the verdict that counts for export (one reviewer's, or the latest of anyone's). */
export interface PredictionExportRow {
  id: number;
  run_id: number;
  model_id: string;
  run_params: string;
  recording_id: number;
  start_s: number;
  end_s: number;
  score: number;
  label_id: number;
  model_label: string;
  status: 'positive' | 'negative' | 'uncertain' | null;
  verdict_label_id: number | null;
  verdict_label: string | null;
  reviewer: string | null;
  decided_at: string | null;
  note: string | null;
}

/** A human-drawn or imported annotation (verdict rows on detections are exported with their detection). */
export interface AnnotationExportRow {
  id: number;
  recording_id: number;
  start_s: number;
  end_s: number;
  low_hz: number | null;
  high_hz: number | null;
  label_id: number | null;
  label: string | null;
  source: 'human' | 'import';
  status: 'positive' | 'negative' | 'uncertain' | null;
  reviewer: string | null;
  note: string | null;
  updated_at: string;
  import_id: number | null;
}

/** SQL for exports (issue 5): rows stream in recording, time order so a 1M-row export stays flat in memory. */
export class ExportRepo {
  constructor(private readonly db: Db) {}

  /**
   * Detections, optionally of one run and only reviewed ones. `reviewer` picks whose verdict counts;
   * without it the most recent verdict of any reviewer does.
   */
  predictions(options: { runId?: number; reviewer?: string; reviewedOnly?: boolean }): IterableIterator<PredictionExportRow> {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    if (options.runId !== undefined) {
      where.push('p.run_id = @runId');
      params.runId = options.runId;
    }
    const byReviewer = options.reviewer !== undefined ? 'AND a.reviewer = @reviewer' : '';
    if (options.reviewer !== undefined) params.reviewer = options.reviewer;
    if (options.reviewedOnly) where.push(`v.id IS NOT NULL`);
    return this.db
      .prepare(
        `SELECT p.id, p.run_id, r.model_id, r.params AS run_params, p.recording_id, p.start_s, p.end_s, p.score,
                p.label_id, lp.name AS model_label, v.status, v.label_id AS verdict_label_id, lv.name AS verdict_label,
                v.reviewer, v.updated_at AS decided_at, v.note
         FROM predictions p
         JOIN runs r ON r.id = p.run_id
         JOIN labels lp ON lp.id = p.label_id
         LEFT JOIN annotations v ON v.id = (
           SELECT a.id FROM annotations a WHERE a.prediction_id = p.id ${byReviewer}
           ORDER BY a.updated_at DESC, a.id DESC LIMIT 1)
         LEFT JOIN labels lv ON lv.id = v.label_id
         ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
         ORDER BY p.recording_id, p.start_s, p.id`,
      )
      .iterate(params) as IterableIterator<PredictionExportRow>;
  }

  /** Human-drawn and imported annotations (not verdict rows). */
  annotations(sources: ('human' | 'import')[]): IterableIterator<AnnotationExportRow> {
    const list = sources.map((s) => `'${s === 'human' ? 'human' : 'import'}'`).join(', ') || "''";
    return this.db
      .prepare(
        `SELECT a.id, a.recording_id, a.start_s, a.end_s, a.low_hz, a.high_hz, a.label_id, l.name AS label, a.source,
                a.status, a.reviewer, a.note, a.updated_at, a.import_id
         FROM annotations a LEFT JOIN labels l ON l.id = a.label_id
         WHERE a.prediction_id IS NULL AND a.source IN (${list})
         ORDER BY a.recording_id, a.start_s, a.id`,
      )
      .iterate() as IterableIterator<AnnotationExportRow>;
  }
}
