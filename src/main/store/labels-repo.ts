import type { Label } from '../../shared/domain';
import { EarmarkError } from '../../shared/errors';
import type { Db } from './connection';

const SELECT = `SELECT l.id, l.name, l.color, l.hotkey,
  (SELECT count(*) FROM annotations a WHERE a.label_id = l.id) +
  (SELECT count(*) FROM predictions p WHERE p.label_id = l.id) AS usage
  FROM labels l`;

/** All SQL touching `labels` (the project's taxonomy). */
export class LabelsRepo {
  constructor(private readonly db: Db) {}

  list(): Label[] {
    return this.db.prepare(`${SELECT} ORDER BY l.name`).all() as Label[];
  }

  get(id: number): Label {
    const label = this.db.prepare(`${SELECT} WHERE l.id = ?`).get(id) as Label | undefined;
    if (!label) throw new EarmarkError('NOT_FOUND', `No label with id ${id}`);
    return label;
  }

  findByName(name: string): Label | undefined {
    return this.db.prepare(`${SELECT} WHERE l.name = ? COLLATE NOCASE`).get(name) as Label | undefined;
  }

  create(input: { name: string; color: string; hotkey?: string | null }): Label {
    this.assertFree(input.name, input.hotkey ?? null, null);
    const info = this.db
      .prepare('INSERT INTO labels (name, color, hotkey) VALUES (?, ?, ?)')
      .run(input.name, input.color, input.hotkey ?? null);
    return this.get(Number(info.lastInsertRowid));
  }

  update(input: { id: number; name?: string; color?: string; hotkey?: string | null }): Label {
    const current = this.get(input.id);
    const next = {
      name: input.name ?? current.name,
      color: input.color ?? current.color,
      hotkey: input.hotkey === undefined ? current.hotkey : input.hotkey,
    };
    this.assertFree(next.name, next.hotkey, input.id);
    this.db.prepare('UPDATE labels SET name = ?, color = ?, hotkey = ? WHERE id = ?').run(next.name, next.color, next.hotkey, input.id);
    return this.get(input.id);
  }

  /** Deleting a label in use needs `force`; its annotations lose the label, its predictions go with it. */
  delete(id: number, force: boolean): boolean {
    const label = this.get(id);
    if (label.usage > 0 && !force) {
      throw new EarmarkError('LABEL_IN_USE', `Label "${label.name}" is used by ${label.usage} annotations or predictions`);
    }
    this.db.transaction(() => {
      this.db.prepare('UPDATE annotations SET label_id = NULL WHERE label_id = ?').run(id);
      this.db.prepare('DELETE FROM predictions WHERE label_id = ?').run(id);
      this.db.prepare('DELETE FROM labels WHERE id = ?').run(id);
    })();
    return true;
  }

  private assertFree(name: string, hotkey: string | null, selfId: number | null): void {
    const byName = this.findByName(name);
    if (byName && byName.id !== selfId) throw new EarmarkError('CONFLICT', `A label named "${byName.name}" already exists`);
    if (hotkey) {
      const byKey = this.db.prepare('SELECT id, name FROM labels WHERE hotkey = ?').get(hotkey) as
        | { id: number; name: string }
        | undefined;
      if (byKey && byKey.id !== selfId) throw new EarmarkError('CONFLICT', `Hotkey "${hotkey}" is already used by "${byKey.name}"`);
    }
  }
}
