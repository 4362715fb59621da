import type { RunProgress } from './domain';

/** A run's progress before anything is known about it: the Node side's start and the renderer's placeholder. */
export function emptyRunProgress(runId: number): RunProgress {
  return {
    run_id: runId,
    state: 'running',
    files_total: 0,
    files_done: 0,
    files_failed: 0,
    audio_s_total: 0,
    audio_s_done: 0,
    speed_x: 0,
    eta_s: null,
    predictions: 0,
    current: null,
  };
}
