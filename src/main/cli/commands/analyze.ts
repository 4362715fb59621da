import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { AppContext } from '../../app/app-context';
import { importRecordings } from '../../recordings/import-recordings';
import { collectImportCandidates } from '../../recordings/walk';
import { RunManager } from '../../runs/run-manager';
import { EXIT } from '../exit-codes';
import { formatDuration, progressLine } from '../progress';
import { parsePositiveNumber, parseScore } from '../options';

interface AnalyzeOptions {
  project: string;
  model: string;
  window?: number;
  hop?: number;
  minScore?: number;
  workers?: number;
  labels?: string[];
  channel?: 'mix' | number;
}

function parseChannel(value: string): 'mix' | number {
  if (value === 'mix') return 'mix';
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('"mix" or a channel number counted from 0');
  return Number(value);
}

export function registerAnalyze(program: Command): void {
  program
    .command('analyze')
    .description('Run a model over recordings (importing PATHs first). Running the same command again resumes an interrupted run.')
    .requiredOption('--project <file>', 'project file (created if missing)')
    .requiredOption('--model <id|path>', 'a model id (see `earmark models list`) or the path of a model.json')
    .option('--window <seconds>', 'window length (default: the model\'s)', parsePositiveNumber)
    .option('--hop <seconds>', 'hop between windows, less than the window for overlap (default: the model\'s)', parsePositiveNumber)
    .option('--min-score <x>', 'keep predictions scoring at least this (0-1; default: the model\'s)', parseScore)
    .option('--labels <names>', 'comma-separated model labels to keep (default: all)', (v: string) => v.split(',').map((s) => s.trim()).filter(Boolean))
    .option('--channel <mix|n>', 'mix all channels down, or analyse one channel (0-based)', parseChannel)
    .option('--workers <n>', 'inference worker threads (default 2)', (v: string) => Math.max(1, Math.round(parsePositiveNumber(v))))
    .argument('[paths...]', 'audio files or folders to import and analyse (default: every recording in the project)')
    .action(async (paths: string[], options: AnalyzeOptions) => {
      const ctx = new AppContext('web');
      const project = await ctx.openProject(options.project, { create: true });
      const runs = new RunManager(project, (p) =>
        progressLine(
          `${p.files_done + p.files_failed}/${p.files_total} files, ${formatDuration(p.audio_s_done)} of ${formatDuration(p.audio_s_total)} audio, ` +
            `${p.speed_x.toFixed(0)}x realtime, ${p.eta_s === null ? '?' : formatDuration(p.eta_s)} left, ${p.predictions} predictions`,
        ),
        { workers: options.workers },
      );
      let importFailed = 0;
      let interrupted = false;
      const onSignal = () => {
        interrupted = true;
        for (const active of runs.activeProgress()) runs.cancel(active.run_id);
      };
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      try {
        let recordingIds: number[] | undefined;
        if (paths.length) {
          const summary = await importRecordings(project.db, project.recordings, paths);
          for (const failure of summary.failed) process.stderr.write(`import failed: ${failure.path}: ${failure.reason}\n`);
          importFailed = summary.failed.filter((f) => !project.recordings.findByPath(f.path)).length;
          const { candidates } = await collectImportCandidates(paths);
          recordingIds = candidates.map((c) => project.recordings.findByPath(c.path)?.id).filter((id): id is number => id !== undefined);
        }
        const started = performance.now();
        const { run_id, resumed } = await runs.start({
          model: options.model,
          recording_ids: recordingIds,
          window_s: options.window,
          hop_s: options.hop,
          min_score: options.minScore,
          labels: options.labels,
          channel: options.channel,
        });
        process.stderr.write(`${resumed ? 'resuming' : 'starting'} run ${run_id}\n`);
        await runs.wait(run_id);
        progressLine('', true);
        const seconds = (performance.now() - started) / 1000;
        const summary = runs.summaries().find((r) => r.id === run_id)!;
        const audio = summary.files_total ? sumDurations(project, run_id) : 0;
        for (const failure of summary.failures) process.stderr.write(`failed: ${failure.path}: ${failure.error}\n`);
        process.stdout.write(
          `run ${run_id} (${summary.model_id}) ${summary.status}: ${summary.files_done} of ${summary.files_total} files, ` +
            `${(audio / 3600).toFixed(2)} h of audio, ${seconds > 0 ? (audio / seconds).toFixed(0) : '-'}x realtime this session, ` +
            `${summary.predictions} predictions stored, ${summary.files_failed} failed\n`,
        );
        if (summary.status === 'cancelled' || interrupted) process.stderr.write('Interrupted: run the same command again to resume.\n');
        process.exitCode = summary.files_failed || importFailed || summary.status !== 'done' ? EXIT.failed : EXIT.ok;
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        await runs.close();
        await ctx.closeProject();
      }
    });
}

function sumDurations(project: import('../../app/project').Project, runId: number): number {
  return project.runs.files(runId).reduce((n, f) => n + (project.recordings.get(f.recording_id)?.duration_s ?? 0), 0);
}
