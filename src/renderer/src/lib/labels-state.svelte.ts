import type { Label } from '../../../shared/domain';
import { call } from './api';

type Patch = { name?: string; color?: string; hotkey?: string | null };

/** The project's label taxonomy. Every method returns an error message, or null on success. */
export class LabelsState {
  list = $state<Label[]>([]);
  error = $state<string | null>(null);

  async refresh(): Promise<void> {
    const res = await call('labels.list', {});
    if (res.ok) {
      this.list = res.value;
      this.error = null;
    } else this.error = res.message;
  }

  async create(name: string, color: string, hotkey: string | null): Promise<string | null> {
    const res = await call('labels.create', { name, color, hotkey });
    if (!res.ok) return res.message;
    await this.refresh();
    return null;
  }

  async update(id: number, patch: Patch): Promise<string | null> {
    const res = await call('labels.update', { id, ...patch });
    if (!res.ok) return res.message;
    this.list = this.list.map((l) => (l.id === id ? res.value : l));
    return null;
  }

  /**
   * Without force a label in use is refused (LABEL_IN_USE); the panel asks first, then forces. The
   * code is returned too, so a usage count that went stale still leads to the question.
   */
  async remove(id: number, force: boolean): Promise<{ code: string; message: string } | null> {
    const res = await call('labels.delete', { id, force });
    if (!res.ok) return { code: res.code, message: res.message };
    await this.refresh();
    return null;
  }
}
