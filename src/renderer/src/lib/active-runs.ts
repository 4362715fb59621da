import { emptyRunProgress } from '../../../shared/run-progress';
import type { RunProgress } from '../../../shared/domain';

// How one `run.progress` event changes the list of runs going on now; kept pure so it is testable.

export interface ProgressUpdate {
  active: RunProgress[];
  /** The run stopped with this event (done, cancelled, failed). */
  stopped: boolean;
  /** A running run finished one more file (open views may reload its predictions). */
  advanced: boolean;
}

export function applyProgress(active: readonly RunProgress[], p: RunProgress): ProgressUpdate {
  const i = active.findIndex((a) => a.run_id === p.run_id);
  if (p.state !== 'running') {
    return { active: active.filter((a) => a.run_id !== p.run_id), stopped: true, advanced: false };
  }
  if (i < 0) return { active: [...active, p], stopped: false, advanced: p.files_done > 0 };
  const advanced = active[i].files_done !== p.files_done;
  return { active: active.map((a, j) => (j === i ? p : a)), stopped: false, advanced };
}

/** A stand-in shown from the moment a run starts until its first event replaces it. */
export function placeholderProgress(runId: number): RunProgress {
  return emptyRunProgress(runId);
}
