import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../../test/helpers/temp-dir';
import { EarmarkError } from '../../shared/errors';
import { APPLICATION_ID, openProjectDatabase } from './connection';
import { LATEST_SCHEMA_VERSION, migrations, type Migration } from './migrations';

const temp = useTempDir();
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

function expectError(fn: () => unknown, code: string): EarmarkError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(EarmarkError);
    expect((error as EarmarkError).code).toBe(code);
    return error as EarmarkError;
  }
  throw new Error(`expected ${code}`);
}

describe('openProjectDatabase', () => {
  it('creates a fresh project at the latest schema with WAL, foreign keys and synchronous=FULL', () => {
    const path = join(temp(), 'fresh.earmark');
    const db = openProjectDatabase(path, { create: true });
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['recordings', 'labels', 'runs', 'predictions', 'annotations', 'history']));
    db.close();
  });

  it('refuses to create implicitly: a missing file is NOT_FOUND without create', () => {
    expectError(() => openProjectDatabase(join(temp(), 'nope.earmark')), 'NOT_FOUND');
  });

  it('upgrades an older file in one step, keeping its data and writing a backup first', () => {
    const path = join(temp(), 'old.earmark');
    const v1 = migrations.slice(0, 1);
    const db1 = openProjectDatabase(path, { create: true, migrations: v1 });
    db1.prepare("INSERT INTO labels (name, color) VALUES ('bird', '#ff0000')").run();
    db1.close();

    const v2: Migration = {
      version: 2,
      description: 'test: a notes column on labels',
      up: (db) => db.exec("ALTER TABLE labels ADD COLUMN notes TEXT NOT NULL DEFAULT 'none'"),
    };
    const db2 = openProjectDatabase(path, { migrations: [...v1, v2] });
    expect(db2.pragma('user_version', { simple: true })).toBe(2);
    expect(db2.prepare('SELECT name, notes FROM labels').get()).toEqual({ name: 'bird', notes: 'none' });
    db2.close();

    const backup = `${path}.v1.backup`;
    expect(existsSync(backup)).toBe(true);
    const old = new Database(backup, { readonly: true });
    expect(old.pragma('user_version', { simple: true })).toBe(1);
    expect(old.prepare('SELECT name FROM labels').pluck().all()).toEqual(['bird']);
    old.close();
  });

  it('rolls a failing migration back completely', () => {
    const path = join(temp(), 'fail.earmark');
    openProjectDatabase(path, { create: true, migrations: migrations.slice(0, 1) }).close();
    const broken: Migration = {
      version: 2,
      description: 'test: fails half way',
      up: (db) => {
        db.exec('CREATE TABLE half (x INTEGER)');
        throw new Error('boom');
      },
    };
    expect(() => openProjectDatabase(path, { migrations: [...migrations.slice(0, 1), broken] })).toThrow('boom');
    const db = new Database(path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half'").pluck().get()).toBe(0);
    db.close();
  });

  it('refuses a file written by a newer version and leaves it untouched', () => {
    const path = join(temp(), 'future.earmark');
    openProjectDatabase(path, { create: true }).close();
    const raw = new Database(path);
    raw.pragma('journal_mode = DELETE');
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    raw.close();
    const before = sha(path);
    const error = expectError(() => openProjectDatabase(path), 'PROJECT_TOO_NEW');
    expect(error.message).toContain('newer Earmark');
    expect(sha(path)).toBe(before);
  });

  it('refuses files that are not Earmark projects', () => {
    const junk = join(temp(), 'junk.earmark');
    writeFileSync(junk, 'this is not a database at all, just text that goes on for a while');
    expect(expectError(() => openProjectDatabase(junk), 'NOT_A_PROJECT').message).toContain('not a SQLite database');

    const foreign = join(temp(), 'foreign.sqlite');
    const other = new Database(foreign);
    other.exec('CREATE TABLE customers (id INTEGER)');
    other.close();
    expectError(() => openProjectDatabase(foreign), 'NOT_A_PROJECT');
    expectError(() => openProjectDatabase(temp()), 'NOT_A_PROJECT');
  });
});
