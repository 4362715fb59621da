import { describe, expect, it } from 'vitest';
import type { RunProgress } from '../../../shared/domain';
import { applyProgress, placeholderProgress } from './active-runs';

const ev = (run_id: number, files_done: number, state: RunProgress['state'] = 'running'): RunProgress => ({
  ...placeholderProgress(run_id),
  state,
  files_total: 10,
  files_done,
});

describe('applyProgress', () => {
  it('adds a run it has not seen, replacing nothing else', () => {
    const r = applyProgress([ev(1, 3)], ev(2, 0));
    expect(r.active.map((a) => a.run_id)).toEqual([1, 2]);
    expect(r.stopped).toBe(false);
    expect(r.advanced).toBe(false);
  });

  it('replaces a placeholder by the first event, in place', () => {
    const r = applyProgress([placeholderProgress(4), ev(5, 1)], ev(4, 2));
    expect(r.active).toEqual([ev(4, 2), ev(5, 1)]);
    expect(r.advanced).toBe(true);
  });

  it('reports a file finished only when files_done moved', () => {
    expect(applyProgress([ev(1, 3)], { ...ev(1, 3), audio_s_done: 12 }).advanced).toBe(false);
    expect(applyProgress([ev(1, 3)], ev(1, 4)).advanced).toBe(true);
  });

  it('drops a run that stopped, however it stopped', () => {
    for (const state of ['done', 'cancelled', 'failed'] as const) {
      const r = applyProgress([ev(1, 3), ev(2, 5)], ev(1, 10, state));
      expect(r.active.map((a) => a.run_id)).toEqual([2]);
      expect(r.stopped).toBe(true);
    }
  });
});
