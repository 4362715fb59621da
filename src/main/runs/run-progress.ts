import type { RunProgress } from '../../shared/domain';
import { emptyRunProgress } from '../../shared/run-progress';
import type { Project } from '../app/project';

const EMIT_INTERVAL_MS = 250;

/**
 * Progress of one run for the app and the CLI: files done/total, hours of audio processed, speed as
 * x-realtime and time left. Speed counts only audio processed in this session of the run, so a
 * resumed run does not claim the work of the one before.
 */
export class RunProgressTracker {
  private progress: RunProgress;
  private readonly durations = new Map<number, number>();
  private readonly partial = new Map<number, number>();
  private doneAudio = 0;
  private sessionAudio = 0;
  private started = performance.now();
  private lastEmit = 0;

  constructor(
    runId: number,
    private readonly project: Project,
    private readonly emit: (progress: RunProgress) => void,
  ) {
    this.progress = emptyRunProgress(runId);
  }

  /** Reads the run's files as they are now (some may be done from an earlier session). */
  begin(): void {
    const files = this.project.runs.files(this.progress.run_id);
    let total = 0;
    this.doneAudio = 0;
    for (const file of files) {
      const duration = this.project.recordings.get(file.recording_id)?.duration_s ?? 0;
      this.durations.set(file.recording_id, duration);
      total += duration;
      if (file.status === 'done' || file.status === 'failed') this.doneAudio += duration;
      else this.partial.set(file.recording_id, file.done_s);
    }
    Object.assign(this.progress, {
      files_total: files.length,
      files_done: files.filter((f) => f.status === 'done').length,
      files_failed: files.filter((f) => f.status === 'failed').length,
      audio_s_total: total,
      predictions: this.project.runs.predictionCount(this.progress.run_id),
    });
    this.started = performance.now();
    this.update(true);
  }

  current(path: string): void {
    this.progress.current = path;
    this.update(false);
  }

  batch(recordingId: number, doneS: number, predictions: number): void {
    this.sessionAudio += Math.max(0, doneS - (this.partial.get(recordingId) ?? 0));
    this.partial.set(recordingId, doneS);
    this.progress.predictions += predictions;
    this.update(false);
  }

  fileDone(recordingId: number, ok: boolean): void {
    const duration = this.durations.get(recordingId) ?? 0;
    this.sessionAudio += Math.max(0, duration - (this.partial.get(recordingId) ?? 0));
    this.partial.delete(recordingId);
    this.doneAudio += duration;
    if (ok) this.progress.files_done++;
    else this.progress.files_failed++;
    this.update(true);
  }

  finish(state: RunProgress['state']): void {
    this.progress.state = state;
    this.progress.current = null;
    this.update(true);
  }

  snapshot(): RunProgress {
    return { ...this.progress };
  }

  private update(force: boolean): void {
    const p = this.progress;
    let partial = 0;
    for (const s of this.partial.values()) partial += s;
    p.audio_s_done = Math.min(p.audio_s_total, this.doneAudio + partial);
    const elapsed = (performance.now() - this.started) / 1000;
    p.speed_x = elapsed > 0 ? this.sessionAudio / elapsed : 0;
    p.eta_s = p.speed_x > 0 ? Math.max(0, (p.audio_s_total - p.audio_s_done) / p.speed_x) : null;
    const now = performance.now();
    if (force || now - this.lastEmit >= EMIT_INTERVAL_MS) {
      this.lastEmit = now;
      this.emit(this.snapshot());
    }
  }
}
