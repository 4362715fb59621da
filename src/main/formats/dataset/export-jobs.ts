import { randomBytes } from 'node:crypto';
import type { DatasetOptions, DatasetPlanSummary, DatasetProgress } from '../../../shared/contract-dataset';
import { EarmarkError } from '../../../shared/errors';
import type { Project } from '../../app/project';
import { checkOutputFolder } from './output-folder';
import { planDataset } from './plan';
import { ExportCancelled, writeDataset } from './write';

// Background dataset exports of one host (dataset.export / .progress / .cancel). The plan is made
// synchronously from the database before the call returns; writing needs only file paths, so closing
// the project meanwhile does not disturb it. Finished jobs stay queryable (the last few) so a dialog
// polling a moment late still sees "done".

interface Job {
  progress: DatasetProgress;
  controller: AbortController;
  finished: Promise<void>;
}

const KEEP_FINISHED = 20;

export class DatasetExports {
  private readonly jobs = new Map<string, Job>();

  start(project: Project, options: DatasetOptions, outDir: string, force: boolean): { export_id: string; plan: DatasetPlanSummary } {
    const out = checkOutputFolder(outDir, force); // refuse before planning: the user's mistake first
    for (const job of this.jobs.values()) {
      if (job.progress.state === 'running' && job.progress.out_dir === out) throw new EarmarkError('CONFLICT', `an export to ${out} is already running`);
    }
    const plan = planDataset(project, options);
    if (plan.clips.length === 0) throw new EarmarkError('BAD_INPUT', 'Nothing to export: no detection or annotation matches the filter');
    const id = randomBytes(6).toString('hex');
    const controller = new AbortController();
    const progress: DatasetProgress = { export_id: id, state: 'running', done: 0, total: plan.clips.length, rate: 0, eta_s: null, out_dir: out, error: null };
    const job: Job = { progress, controller, finished: Promise.resolve() };
    job.finished = writeDataset(plan, { outDir: out, force, id, signal: controller.signal, projectPath: project.path, onProgress: (p) => Object.assign(progress, p) })
      .then(() => {
        progress.state = 'done';
        progress.eta_s = 0;
      })
      .catch((error: unknown) => {
        progress.state = error instanceof ExportCancelled ? 'cancelled' : 'failed';
        progress.error = error instanceof ExportCancelled ? null : (error as Error).message;
        progress.eta_s = null;
      });
    this.jobs.set(id, job);
    this.prune();
    return { export_id: id, plan: plan.summary };
  }

  progress(id: string): DatasetProgress {
    return { ...this.get(id).progress };
  }

  cancel(id: string): boolean {
    const job = this.get(id);
    if (job.progress.state !== 'running') return false;
    job.controller.abort();
    return true;
  }

  /** Resolves when the export has stopped (done, cancelled or failed). */
  async wait(id: string): Promise<DatasetProgress> {
    await this.get(id).finished;
    return this.progress(id);
  }

  private get(id: string): Job {
    const job = this.jobs.get(id);
    if (!job) throw new EarmarkError('NOT_FOUND', `No dataset export with id ${id}`);
    return job;
  }

  private prune(): void {
    const finished = [...this.jobs].filter(([, j]) => j.progress.state !== 'running');
    for (const [id] of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.jobs.delete(id);
  }
}
