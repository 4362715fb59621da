import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../../test/helpers/temp-dir';
import { openProjectDatabase } from './connection';
import { LabelsRepo } from './labels-repo';
import { ThresholdsRepo } from './thresholds-repo';

const temp = useTempDir();

function open() {
  const db = openProjectDatabase(join(temp(), 'thresholds.earmark'), { create: true });
  return { db, labels: new LabelsRepo(db), thresholds: new ThresholdsRepo(db) };
}

describe('ThresholdsRepo', () => {
  it("uses a model's own threshold before the one for every model, and updates in place", () => {
    const { db, labels, thresholds } = open();
    const bird = labels.create({ name: 'bird', color: '#ff0000' });
    const dog = labels.create({ name: 'dog', color: '#0000ff' });
    thresholds.set({ model_id: '', label_id: bird.id, threshold: 0.5, source: 'manual' });
    expect(thresholds.effective('m1', bird.id)).toBe(0.5);
    thresholds.set({ model_id: 'm1', label_id: bird.id, threshold: 0.8, source: 'calibration', probability: 0.95 });
    expect(thresholds.effective('m1', bird.id)).toBe(0.8);
    expect(thresholds.effective('m2', bird.id)).toBe(0.5);
    expect(thresholds.effective('m1', dog.id)).toBeNull();
    thresholds.set({ model_id: 'm1', label_id: bird.id, threshold: 0.7, source: 'manual' });
    expect(thresholds.list('m1')).toMatchObject([
      { model_id: '', label_id: bird.id, threshold: 0.5 },
      { model_id: 'm1', label_id: bird.id, threshold: 0.7, source: 'manual', probability: null },
    ]);
    expect(thresholds.remove('m1', bird.id)).toBe(true);
    expect(thresholds.effective('m1', bird.id)).toBe(0.5);
    db.close();
  });

  it('forgets the thresholds of a deleted label', () => {
    const { db, labels, thresholds } = open();
    const bird = labels.create({ name: 'bird', color: '#ff0000' });
    thresholds.set({ model_id: '', label_id: bird.id, threshold: 0.5, source: 'manual' });
    labels.delete(bird.id, true);
    expect(thresholds.list()).toEqual([]);
    db.close();
  });
});
