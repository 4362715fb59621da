import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { RunProgress } from '../../shared/domain';
import { EarmarkError } from '../../shared/errors';
import { Project } from '../app/project';
import { configDir } from '../app/recent-projects';
import { resourcesDir } from '../app/resources';
import { importRecordings } from '../recordings/import-recordings';
import { importTableFile } from '../formats/import-tables';
import { RunManager } from './run-manager';

// The demo project a new user lands on (issue 3): the bundled demo soundscapes, already analysed with
// both bundled models. It is built once per user, because recordings are stored by absolute path and
// the repo can live anywhere; building takes a few seconds. It is built under a temporary name and
// renamed at the end, so an interrupted build never looks like a finished demo.
export const DEMO_RUNS = [
  // The demo classifier's background class would flood the review queue; keep the event classes.
  { model: 'earmark-demo', labels: ['bird', 'dog', 'insect_frog', 'machine', 'music', 'speech'] },
  { model: 'silero-vad', labels: [] as string[] },
];

// v2: with the ground truth imported (below). A demo built by an older version stays where it was.
export function demoProjectPath(): string {
  return join(configDir(), 'demo-v2', 'Earmark demo.earmark');
}

/**
 * Where each sound was mixed into the demo soundscapes (scripts/build-demo-soundscapes.ts), imported as
 * a reference table: the QA view then has ground truth for recall and average precision (issue 6).
 */
export const DEMO_GROUND_TRUTH = { file: 'File', start: 'start_s', end: 'end_s', label: 'label' } as const;

export async function ensureDemoProject(onProgress: (progress: RunProgress) => void = () => {}): Promise<string> {
  const target = demoProjectPath();
  if (existsSync(target)) return target;
  const recordings = join(resourcesDir(), 'demo', 'recordings');
  if (!existsSync(recordings)) throw new EarmarkError('NOT_FOUND', `The demo recordings are missing: ${recordings}`);

  mkdirSync(dirname(target), { recursive: true });
  const building = `${target}.building`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(building + suffix, { force: true });
  const project = Project.open(building, { create: true });
  const runs = new RunManager(project, onProgress);
  try {
    const summary = await importRecordings(project.db, project.recordings, [recordings]);
    if (summary.failed.length) throw new EarmarkError('BROKEN_AUDIO', `Demo recordings failed to import: ${summary.failed.map((f) => f.reason).join('; ')}`);
    for (const run of DEMO_RUNS) {
      const { run_id } = await runs.start({ model: run.model, labels: run.labels.length ? run.labels : undefined });
      await runs.wait(run_id);
      if (project.runs.get(run_id)?.status !== 'done') throw new EarmarkError('INTERNAL', `The demo run of ${run.model} did not finish`);
    }
    const truth = await importTableFile(project, join(resourcesDir(), 'demo', 'ground-truth.csv'), { format: 'csv', mapping: DEMO_GROUND_TRUTH });
    if (truth.unmatched.length || truth.error) throw new EarmarkError('INTERNAL', `The demo ground truth did not import: ${truth.error ?? truth.unmatched[0].reason}`);
  } finally {
    await runs.close();
    await project.close(); // closing checkpoints the WAL into the file before the rename
  }
  renameSync(building, target);
  return target;
}
