import type { Annotation, Label } from '../../../shared/domain';
import { call } from './api';
import type { Bounds } from './annotation-geometry';

type Patch = Partial<Bounds> & { label_id?: number | null; note?: string | null };

/**
 * Human boxes and regions of one recording, plus the drawing tools' state. Verdict rows (source
 * 'model') come back from annotations.list too and are left out: they belong to the review loop.
 */
export class AnnotationsState {
  list = $state<Annotation[]>([]);
  labels = $state<Label[]>([]);
  selectedId = $state<number | null>(null);
  /** 'box' draws time-frequency boxes, 'region' full-height time regions, null leaves the mouse alone. */
  mode = $state<'box' | 'region' | null>(null);
  /** Label given to the next box drawn. */
  labelId = $state<number | null>(null);
  /** Legend toggles per source: people's boxes, and boxes from imported tables. */
  visible = $state(true);
  importedVisible = $state(true);
  error = $state<string | null>(null);
  private recordingId = 0;

  selected = $derived(this.list.find((a) => a.id === this.selectedId) ?? null);

  sourceVisible(source: Annotation['source']): boolean {
    return source === 'import' ? this.importedVisible : this.visible;
  }

  countOf(source: Annotation['source']): number {
    return this.list.filter((a) => a.source === source).length;
  }

  labelOf(id: number | null): Label | null {
    return id === null ? null : (this.labels.find((l) => l.id === id) ?? null);
  }

  async load(recordingId: number): Promise<void> {
    this.recordingId = recordingId;
    const [list, labels] = await Promise.all([call('annotations.list', { recording_id: recordingId }), call('labels.list', {})]);
    if (labels.ok) {
      this.labels = labels.value;
      if (this.labelId === null || !this.labels.some((l) => l.id === this.labelId)) this.labelId = this.labels[0]?.id ?? null;
    }
    if (list.ok) this.list = list.value.filter((a) => a.source !== 'model');
    const failed = !list.ok ? list : !labels.ok ? labels : null;
    this.error = failed ? failed.message : null;
  }

  /** Labels made in the labels panel while this view is open: picked up when a label select opens. */
  async refreshLabels(): Promise<void> {
    const res = await call('labels.list', {});
    if (res.ok) this.labels = res.value;
  }

  async create(b: Bounds): Promise<void> {
    const res = await call('annotations.create', { recording_id: this.recordingId, ...b, label_id: this.labelId });
    if (!res.ok) {
      this.error = res.message;
      return;
    }
    this.error = null;
    this.list = [...this.list, res.value];
    this.selectedId = res.value.id;
  }

  /** Shows the change at once (drags feel immediate), then keeps what the store says. */
  async update(id: number, patch: Patch): Promise<void> {
    const before = this.list;
    this.list = this.list.map((a) => (a.id === id ? { ...a, ...patch } : a));
    const res = await call('annotations.update', { id, ...patch });
    if (!res.ok) {
      this.list = before;
      this.error = res.message;
      return;
    }
    this.error = null;
    this.list = this.list.map((a) => (a.id === id ? res.value : a));
  }

  /**
   * Undo or redo the project's last step (shared with the review loop's history), then reload this
   * recording's boxes so a deleted box comes back, a moved one goes back. Returns whether anything changed.
   */
  async undo(redo = false): Promise<boolean> {
    const res = await call(redo ? 'review.redo' : 'review.undo', {});
    if (!res.ok) {
      this.error = res.message;
      return false;
    }
    if (res.value.applied) await this.load(this.recordingId);
    return res.value.applied;
  }

  async remove(id: number): Promise<void> {
    const res = await call('annotations.delete', { id });
    if (!res.ok) {
      this.error = res.message;
      return;
    }
    this.error = null;
    this.list = this.list.filter((a) => a.id !== id);
    if (this.selectedId === id) this.selectedId = null;
  }
}
