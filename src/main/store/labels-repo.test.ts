import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../../test/helpers/temp-dir';
import { openProjectDatabase } from './connection';
import { LabelsRepo } from './labels-repo';

const temp = useTempDir();

function repo() {
  const db = openProjectDatabase(join(temp(), 'labels.earmark'), { create: true });
  return { db, labels: new LabelsRepo(db) };
}

describe('LabelsRepo', () => {
  it('creates, renames, recolours and re-keys labels', () => {
    const { labels, db } = repo();
    const bird = labels.create({ name: 'bird', color: '#ff0000', hotkey: 'b' });
    expect(bird).toMatchObject({ name: 'bird', color: '#ff0000', hotkey: 'b', usage: 0 });
    expect(labels.update({ id: bird.id, name: 'Blackbird', color: '#00ff00', hotkey: null })).toMatchObject({
      name: 'Blackbird',
      color: '#00ff00',
      hotkey: null,
    });
    expect(labels.list().map((l) => l.name)).toEqual(['Blackbird']);
    db.close();
  });

  it('refuses duplicate names (case-insensitive) and hotkeys with CONFLICT', () => {
    const { labels, db } = repo();
    labels.create({ name: 'bird', color: '#ff0000', hotkey: 'b' });
    const dog = labels.create({ name: 'dog', color: '#0000ff' });
    expect(() => labels.create({ name: 'BIRD', color: '#123456' })).toThrow(/already exists/);
    expect(() => labels.update({ id: dog.id, hotkey: 'b' })).toThrow(/already used by "bird"/);
    db.close();
  });

  it('asks before deleting a label in use; with force, annotations keep their time but lose the label', () => {
    const { labels, db } = repo();
    const bird = labels.create({ name: 'bird', color: '#ff0000' });
    const spare = labels.create({ name: 'spare', color: '#ff00ff' });
    db.prepare(`INSERT INTO recordings (path, name, fingerprint, size_bytes, status, imported_at) VALUES ('/x.wav', 'x.wav', 'f', 1, 'ok', 'now')`).run();
    db.prepare(`INSERT INTO annotations (recording_id, start_s, end_s, label_id, source, created_at, updated_at) VALUES (1, 0, 1, ?, 'human', 'now', 'now')`).run(bird.id);
    expect(labels.get(bird.id).usage).toBe(1);

    expect(() => labels.delete(bird.id, false)).toThrow(/used by 1/);
    expect(labels.delete(spare.id, false)).toBe(true);
    expect(labels.delete(bird.id, true)).toBe(true);
    expect(labels.list()).toEqual([]);
    expect(db.prepare('SELECT label_id FROM annotations').pluck().all()).toEqual([null]);
    db.close();
  });
});
