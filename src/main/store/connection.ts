import Database from 'better-sqlite3';
import { existsSync, openSync, readSync, closeSync, statSync } from 'node:fs';
import { EarmarkError } from '../../shared/errors';
import { LATEST_SCHEMA_VERSION, migrations, type Migration } from './migrations';
import { sqliteNativeBinding } from './native-binding';

export type Db = Database.Database;

/** 'ERMK': marks a SQLite file as an Earmark project, so we never migrate someone else's database. */
export const APPLICATION_ID = 0x45524d4b;
const SQLITE_MAGIC = 'SQLite format 3\0';

export interface OpenOptions {
  /** Create the file when missing (project.create, `earmark import`). */
  create?: boolean;
  /** For tests of upgrades: the migrations to consider (defaults to all). */
  migrations?: Migration[];
}

/**
 * Opens a project file: WAL, foreign keys, synchronous=FULL (every human decision survives a crash),
 * then migrates — refusing files from a newer Earmark and backing the file up before changing it.
 */
export function openProjectDatabase(path: string, options: OpenOptions = {}): Db {
  const list = options.migrations ?? migrations;
  const exists = existsSync(path);
  if (!exists && !options.create) throw new EarmarkError('NOT_FOUND', `Project file not found: ${path}`);
  if (exists) assertSqliteFile(path);

  let db: Db;
  try {
    db = new Database(path, { nativeBinding: sqliteNativeBinding() });
  } catch (error) {
    throw new EarmarkError('IO', `Cannot open ${path}: ${(error as Error).message}`);
  }
  try {
    // Checked before any pragma that writes (journal_mode), so a refused file stays byte-identical.
    assertCompatible(db, path, list);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    migrate(db, path, list);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function assertSqliteFile(path: string): void {
  const stat = statSync(path);
  if (stat.isDirectory()) throw new EarmarkError('NOT_A_PROJECT', `${path} is a folder, not a project file`);
  if (stat.size === 0) return; // an empty file is a fresh database to SQLite
  const header = Buffer.alloc(16);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, header, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (header.toString('latin1') !== SQLITE_MAGIC) {
    throw new EarmarkError('NOT_A_PROJECT', `${path} is not an Earmark project (not a SQLite database)`);
  }
}

function assertCompatible(db: Db, path: string, list: Migration[]): void {
  const latest = list.length ? list[list.length - 1].version : 0;
  const current = db.pragma('user_version', { simple: true }) as number;
  const appId = db.pragma('application_id', { simple: true }) as number;
  const hasTables = (db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number }).n > 0;

  if (appId !== APPLICATION_ID && (current > 0 || hasTables)) {
    throw new EarmarkError('NOT_A_PROJECT', `${path} is a SQLite database, but not an Earmark project`);
  }
  if (current > latest) {
    throw new EarmarkError(
      'PROJECT_TOO_NEW',
      `${path} was written by a newer Earmark (schema ${current}; this version reads up to ${latest}). ` +
        'Update Earmark to open it; the file was not changed.',
    );
  }
}

function migrate(db: Db, path: string, list: Migration[]): void {
  const latest = list.length ? list[list.length - 1].version : 0;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current === latest) return;

  if (current > 0) backupBeforeMigrating(db, path, current);
  const pending = list.filter((m) => m.version > current);
  const run = db.transaction(() => {
    for (const migration of pending) {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }
    db.pragma(`application_id = ${APPLICATION_ID}`);
  });
  run();
}

function backupBeforeMigrating(db: Db, path: string, version: number): void {
  let target = `${path}.v${version}.backup`;
  for (let n = 2; existsSync(target); n++) target = `${path}.v${version}.backup${n}`;
  // VACUUM INTO writes a consistent copy including whatever is still in the WAL.
  db.prepare('VACUUM INTO ?').run(target);
}

export { LATEST_SCHEMA_VERSION };
