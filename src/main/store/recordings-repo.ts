import type { Recording } from '../../shared/domain';
import type { Db } from './connection';

type Row = Omit<Recording, 'metadata' | 'fully_annotated'> & { metadata: string; fully_annotated: number };

export type NewRecording = Omit<Recording, 'id' | 'imported_at' | 'fully_annotated'>;

const COLUMNS = `id, path, name, fingerprint, format, duration_s, sample_rate, channels, bit_depth, size_bytes,
  start_time, start_time_source, site, status, error, metadata, imported_at, fully_annotated`;

function toRecording(row: Row): Recording {
  return { ...row, metadata: JSON.parse(row.metadata) as Record<string, string>, fully_annotated: row.fully_annotated === 1 };
}

/** All SQL touching `recordings`. */
export class RecordingsRepo {
  private readonly byId;
  private readonly byPath;
  private readonly byFingerprint;
  private readonly all;
  private readonly insertStmt;
  private readonly updateStmt;
  private readonly relinkStmt;

  constructor(private readonly db: Db) {
    this.byId = db.prepare(`SELECT ${COLUMNS} FROM recordings WHERE id = ?`);
    this.byPath = db.prepare(`SELECT ${COLUMNS} FROM recordings WHERE path = ?`);
    this.byFingerprint = db.prepare(`SELECT ${COLUMNS} FROM recordings WHERE fingerprint = ? AND status != 'error' ORDER BY id`);
    this.all = db.prepare(`SELECT ${COLUMNS} FROM recordings ORDER BY name, id`);
    this.insertStmt = db.prepare(`INSERT INTO recordings (path, name, fingerprint, format, duration_s, sample_rate, channels,
      bit_depth, size_bytes, start_time, start_time_source, site, status, error, metadata, imported_at)
      VALUES (@path, @name, @fingerprint, @format, @duration_s, @sample_rate, @channels, @bit_depth, @size_bytes,
      @start_time, @start_time_source, @site, @status, @error, @metadata, @imported_at)`);
    this.updateStmt = db.prepare(`UPDATE recordings SET path = @path, name = @name, fingerprint = @fingerprint,
      format = @format, duration_s = @duration_s, sample_rate = @sample_rate, channels = @channels, bit_depth = @bit_depth,
      size_bytes = @size_bytes, start_time = @start_time, start_time_source = @start_time_source, site = @site,
      status = @status, error = @error, metadata = @metadata WHERE id = @id`);
    this.relinkStmt = db.prepare(`UPDATE recordings SET path = ?, name = ?, status = 'ok', error = NULL WHERE id = ?`);
  }

  get(id: number): Recording | undefined {
    const row = this.byId.get(id) as Row | undefined;
    return row && toRecording(row);
  }

  findByPath(path: string): Recording | undefined {
    const row = this.byPath.get(path) as Row | undefined;
    return row && toRecording(row);
  }

  findByFingerprint(fingerprint: string): Recording[] {
    return (this.byFingerprint.all(fingerprint) as Row[]).map(toRecording);
  }

  list(): Recording[] {
    return (this.all.all() as Row[]).map(toRecording);
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM recordings').get() as { n: number }).n;
  }

  insert(recording: NewRecording, importedAt: string): number {
    const info = this.insertStmt.run({ ...recording, metadata: JSON.stringify(recording.metadata), imported_at: importedAt });
    return Number(info.lastInsertRowid);
  }

  update(id: number, recording: NewRecording): void {
    this.updateStmt.run({ ...recording, id, metadata: JSON.stringify(recording.metadata) });
  }

  /** Points an existing recording (and so every label attached to it) at its new location. */
  relink(id: number, path: string, name: string): void {
    this.relinkStmt.run(path, name, id);
  }

  remove(id: number): void {
    this.db.prepare('DELETE FROM recordings WHERE id = ?').run(id);
  }

  setFullyAnnotated(ids: number[], value: boolean): void {
    const stmt = this.db.prepare('UPDATE recordings SET fully_annotated = ? WHERE id = ?');
    this.db.transaction(() => {
      for (const id of ids) stmt.run(value ? 1 : 0, id);
    })();
  }

  markMissing(id: number, reason: string): void {
    this.db.prepare("UPDATE recordings SET status = 'missing', error = ? WHERE id = ?").run(reason, id);
  }
}
