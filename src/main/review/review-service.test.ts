import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../../test/helpers/temp-dir';
import { openProjectDatabase } from '../store/connection';
import { ReviewService } from './review-service';
import { reviewFixture } from './testing';

const temp = useTempDir();

function build() {
  const path = join(temp(), 'review.earmark');
  const f = reviewFixture(path);
  const rec = f.recording('dawn.wav', 120);
  const bird = f.label('bird');
  const dog = f.label('dog');
  const frog = f.label('frog');
  const run = f.run([rec]);
  const p = [0, 3, 6, 9, 12].map((s, i) => f.prediction(run, rec, bird, s, s + 3, 0.9 - i * 0.1));
  return { ...f, path, rec, bird, dog, frog, run, p, review: new ReviewService(f.db) };
}

/** The table as the store holds it: prediction -> reviewer, status, label. */
function verdictTable(t: ReturnType<typeof build>) {
  return t.db
    .prepare("SELECT prediction_id, reviewer, status, label_id FROM annotations WHERE source = 'model' ORDER BY prediction_id, reviewer")
    .all();
}

describe('verdicts', () => {
  it('stores one verdict per reviewer and detection; a second decision updates it; two reviewers are both kept', () => {
    const t = build();
    const first = t.review.verdicts.decide('ann', t.p[0], { verdict: 'positive' });
    expect(first).toMatchObject({ source: 'model', prediction_id: t.p[0], reviewer: 'ann', status: 'positive', label_id: t.bird, start_s: 0, end_s: 3, recording_id: t.rec });
    const changed = t.review.verdicts.decide('ann', t.p[0], { verdict: 'negative' });
    expect(changed.id).toBe(first.id);
    expect(changed.created_at).toBe(first.created_at);
    t.review.verdicts.decide('bob', t.p[0], { verdict: 'positive', label_id: t.dog });
    expect(verdictTable(t)).toEqual([
      { prediction_id: t.p[0], reviewer: 'ann', status: 'negative', label_id: t.bird },
      { prediction_id: t.p[0], reviewer: 'bob', status: 'positive', label_id: t.dog },
    ]);
    // The unique index of migration 2 backs the rule even against a direct insert.
    expect(() =>
      t.db
        .prepare("INSERT INTO annotations (recording_id, start_s, end_s, source, status, reviewer, prediction_id, created_at, updated_at) VALUES (?, 0, 3, 'model', 'positive', 'ann', ?, 'x', 'x')")
        .run(t.rec, t.p[0]),
    ).toThrow(/UNIQUE/);
  });

  it('repeating the same verdict writes nothing and adds no undo step', () => {
    const t = build();
    t.review.verdicts.decide('ann', t.p[0], { verdict: 'positive' });
    t.review.verdicts.decide('ann', t.p[1], { verdict: 'positive' });
    t.review.verdicts.decide('ann', t.p[1], { verdict: 'positive' });
    expect(t.review.history(t.p[1])).toHaveLength(1);
    t.review.undo('ann');
    expect(verdictTable(t)).toEqual([{ prediction_id: t.p[0], reviewer: 'ann', status: 'positive', label_id: t.bird }]);
  });

  it('refuses unknown detections and labels with NOT_FOUND and leaves the store unchanged', () => {
    const t = build();
    expect(() => t.review.verdicts.decide('ann', 9999, { verdict: 'positive' })).toThrow(/No detection with id 9999/);
    expect(() => t.review.verdicts.decide('ann', t.p[0], { verdict: 'positive', label_id: 9999 })).toThrow(/No label with id 9999/);
    expect(() => t.review.verdicts.decideMany('ann', [t.p[0], 9999], { verdict: 'negative' })).toThrow(/9999/);
    expect(verdictTable(t)).toEqual([]);
    expect(t.db.prepare('SELECT count(*) FROM history').pluck().get()).toBe(0);
  });

  it('is visible to a second connection the moment decide returns, without closing anything', () => {
    const t = build();
    const other = openProjectDatabase(t.path);
    t.review.verdicts.decide('ann', t.p[2], { verdict: 'uncertain' });
    expect(other.prepare('SELECT reviewer, status FROM annotations WHERE prediction_id = ?').get(t.p[2])).toEqual({ reviewer: 'ann', status: 'uncertain' });
    expect(other.prepare('SELECT count(*) FROM history WHERE prediction_id = ?').pluck().get(t.p[2])).toBe(1);
    other.close();
  });
});

describe('undo and redo', () => {
  it('walks back and forth across a new verdict, a change of mind, a relabel and a withdrawal', () => {
    const t = build();
    const snapshots: unknown[] = [verdictTable(t)];
    t.review.verdicts.decide('ann', t.p[0], { verdict: 'positive' });
    snapshots.push(verdictTable(t));
    t.review.verdicts.decide('ann', t.p[0], { verdict: 'negative' });
    snapshots.push(verdictTable(t));
    t.review.verdicts.decide('ann', t.p[0], { verdict: 'positive', label_id: t.dog });
    snapshots.push(verdictTable(t));
    t.review.verdicts.decide('ann', t.p[1], { verdict: 'uncertain' });
    snapshots.push(verdictTable(t));
    expect(t.review.verdicts.clear('ann', t.p[0])).toBe(true);
    snapshots.push(verdictTable(t));

    for (let i = snapshots.length - 2; i >= 0; i--) {
      const result = t.review.undo('ann');
      expect(result.applied).toBe(true);
      expect(verdictTable(t)).toEqual(snapshots[i]);
    }
    expect(t.review.undo('ann')).toMatchObject({ applied: false, step: null });
    for (let i = 1; i < snapshots.length; i++) {
      expect(t.review.redo('ann').applied).toBe(true);
      expect(verdictTable(t)).toEqual(snapshots[i]);
    }
    expect(t.review.redo('ann').applied).toBe(false);
  });

  it('restores a withdrawn verdict with its original id and times, and says which detection changed', () => {
    const t = build();
    const made = t.review.verdicts.decide('ann', t.p[3], { verdict: 'positive', label_id: t.frog });
    t.review.verdicts.clear('ann', t.p[3]);
    const result = t.review.undo('ann');
    expect(result).toMatchObject({ applied: true, annotation_ids: [made.id], prediction_ids: [t.p[3]], recording_ids: [t.rec] });
    expect(t.review.verdictsOn(t.p[3])).toEqual([made]);
  });

  it('drops the redo branch when a new action is taken', () => {
    const t = build();
    t.review.verdicts.decide('ann', t.p[0], { verdict: 'positive' });
    t.review.verdicts.decide('ann', t.p[1], { verdict: 'positive' });
    t.review.undo('ann');
    t.review.verdicts.decide('ann', t.p[2], { verdict: 'negative' });
    expect(t.review.redo('ann').applied).toBe(false);
    expect(verdictTable(t).map((r) => (r as { prediction_id: number }).prediction_id)).toEqual([t.p[0], t.p[2]]);
  });

  it('keeps one undo stack per reviewer: undoing mine never touches yours', () => {
    const t = build();
    t.review.verdicts.decide('ann', t.p[0], { verdict: 'positive' });
    t.review.verdicts.decide('bob', t.p[0], { verdict: 'negative' });
    t.review.verdicts.decide('bob', t.p[1], { verdict: 'negative' });
    t.review.undo('ann');
    expect(verdictTable(t)).toEqual([
      { prediction_id: t.p[0], reviewer: 'bob', status: 'negative', label_id: t.bird },
      { prediction_id: t.p[1], reviewer: 'bob', status: 'negative', label_id: t.bird },
    ]);
  });

  it('refuses to undo over a change someone made since (CONFLICT), changing nothing', () => {
    const t = build();
    const ann = t.review.annotations.create('ann', { recording_id: t.rec, start_s: 1, end_s: 2, label_id: t.bird });
    t.review.annotations.update('bob', { id: ann.id, label_id: t.dog });
    expect(() => t.review.undo('ann')).toThrow(/bob changed it since/);
    expect(t.review.annotations.list(t.rec)[0].label_id).toBe(t.dog);
  });
});

describe('history', () => {
  it('records who decided what and when on a detection, including undo and redo, with before and after rows', () => {
    const t = build();
    t.review.verdicts.decide('ann', t.p[0], { verdict: 'positive' });
    t.review.verdicts.decide('bob', t.p[0], { verdict: 'negative' });
    t.review.verdicts.decide('ann', t.p[0], { verdict: 'positive', label_id: t.dog });
    t.review.undo('ann');
    t.review.redo('ann');
    const history = t.review.history(t.p[0]);
    expect(history.map((h) => [h.actor, h.action, h.origin, h.before?.status ?? null, h.before?.label_id ?? null, h.after?.status ?? null, h.after?.label_id ?? null])).toEqual([
      ['ann', 'create', 'do', null, null, 'positive', t.bird],
      ['bob', 'create', 'do', null, null, 'negative', t.bird],
      ['ann', 'update', 'do', 'positive', t.bird, 'positive', t.dog],
      ['ann', 'update', 'undo', 'positive', t.dog, 'positive', t.bird],
      ['ann', 'update', 'redo', 'positive', t.bird, 'positive', t.dog],
    ]);
    for (const h of history) {
      expect(h.entity).toBe('annotation');
      expect(Number.isNaN(Date.parse(h.at))).toBe(false);
    }
    expect(new Set(history.map((h) => h.step)).size).toBe(5);
    expect(t.review.history(t.p[4])).toEqual([]);
  });
});
