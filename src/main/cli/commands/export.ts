import { existsSync } from 'node:fs';
import { Option, InvalidArgumentError, type Command } from 'commander';
import { DatasetOptions, SPLIT_BY, type DatasetPlanSummary } from '../../../shared/contract-dataset';
import { EarmarkError } from '../../../shared/errors';
import { AppContext } from '../../app/app-context';
import type { Project } from '../../app/project';
import { EXPORT_STATUSES, type ExportFilter, type ExportStatus } from '../../formats/export-selection';
import { exportTables, TABLE_FORMATS, type TableFormat } from '../../formats/export-tables';
import { checkOutputFolder } from '../../formats/dataset/output-folder';
import { planDataset } from '../../formats/dataset/plan';
import { ExportCancelled, writeDataset } from '../../formats/dataset/write';
import { EXIT } from '../exit-codes';
import { parseId, parsePositiveNumber } from '../options';
import { formatDuration, progressLine } from '../progress';

// `earmark export` (issue 5): annotation tables through exportTables, or a training set (clips per
// label, grouped splits, manifest) through the same plan and writer as the app's Export dialog.

const FORMATS = [...TABLE_FORMATS, 'dataset'] as const;
const DATASET_ONLY = ['splitBy', 'seed', 'splits', 'clipLength', 'eventPadding', 'sampleRate', 'negatives', 'negativesLabel', 'channel', 'force'] as const;

interface ExportCliOptions {
  project: string;
  format: TableFormat | 'dataset';
  out: string;
  labels?: string[];
  status?: ExportStatus[];
  run?: number;
  reviewer?: string;
  applyThresholds?: boolean;
  splitBy?: (typeof SPLIT_BY)[number];
  seed?: number;
  splits?: [number, number, number];
  clipLength?: number;
  eventPadding?: number;
  sampleRate?: number;
  negatives?: boolean;
  negativesLabel?: string;
  channel?: 'mix' | number;
  force?: boolean;
}

const list = (v: string) => v.split(',').map((s) => s.trim()).filter(Boolean);

function parseStatuses(value: string): ExportStatus[] {
  const items = list(value);
  const bad = items.filter((s) => !(EXPORT_STATUSES as readonly string[]).includes(s));
  if (bad.length || !items.length) throw new InvalidArgumentError(`statuses from ${EXPORT_STATUSES.join(', ')} (got ${bad.join(', ') || 'nothing'})`);
  return items as ExportStatus[];
}

function parseSplits(value: string): [number, number, number] {
  const parts = list(value).map(Number);
  if (parts.length !== 3 || parts.some((n) => !Number.isFinite(n) || n < 0) || Math.abs(parts[0] + parts[1] + parts[2] - 1) > 1e-6) {
    throw new InvalidArgumentError('three fractions for train, validation and test that add up to 1, e.g. 0.8,0.1,0.1');
  }
  return parts as [number, number, number];
}

function parseSeed(value: string): number {
  if (!/^-?\d+$/.test(value)) throw new InvalidArgumentError('a whole number');
  return Number(value);
}

function parseChannel(value: string): 'mix' | number {
  if (value === 'mix') return 'mix';
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('"mix" or a channel number counted from 0');
  return Number(value);
}

const usage = (message: string) => new EarmarkError('BAD_INPUT', message);

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('Export annotations and verdicts as tables (Raven, Audacity, CSV, JSON) or as a training set of clips.')
    .requiredOption('--project <file>', 'project file')
    .addOption(new Option('--format <format>', 'what to write').choices(FORMATS).makeOptionMandatory())
    .requiredOption('--out <dir>', 'output folder (a dataset needs a new or empty one)')
    .option('--labels <names>', 'comma-separated final labels to export (default: all)', list)
    .option('--status <statuses>', `comma-separated review statuses: ${EXPORT_STATUSES.join(', ')} (default: all for tables; positive for a dataset)`, parseStatuses)
    .option('--run <id>', 'only detections of this run', parseId)
    .option('--reviewer <name>', "whose verdicts count (default: the latest of anyone's)")
    .option('--apply-thresholds', 'drop detections scoring below their label threshold (recorded in the manifest)')
    .addOption(new Option('--split-by <what>', 'dataset: keep each group in one split').choices(SPLIT_BY))
    .option('--seed <n>', 'dataset: seed of the split assignment (default 0)', parseSeed)
    .option('--splits <f,f,f>', 'dataset: train,validation,test fractions (default 0.8,0.1,0.1)', parseSplits)
    .addOption(new Option('--clip-length <s>', 'dataset: fixed clip length centred on the event (default 3)').argParser(parsePositiveNumber).conflicts('eventPadding'))
    .addOption(new Option('--event-padding <s>', 'dataset: clip = the event plus this much each side').argParser((v: string) => {
      const n = Number(v);
      if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('seconds, 0 or more');
      return n;
    }))
    .option('--sample-rate <hz>', "dataset: resample clips to this rate (default: the recording's)", (v: string) => Math.round(parsePositiveNumber(v)))
    .option('--channel <mix|n>', 'dataset: mix channels down (default) or take one (0-based)', parseChannel)
    .option('--negatives', 'dataset: export rejected detections as a class of their own')
    .option('--negatives-label <name>', 'dataset: folder name of that class (default "negative")')
    .option('--force', 'dataset: replace a non-empty output folder')
    .action(async (options: ExportCliOptions) => {
      if (!existsSync(options.project)) throw usage(`No project at ${options.project}`);
      if (options.format !== 'dataset') {
        const misplaced = DATASET_ONLY.filter((k) => options[k] !== undefined);
        if (misplaced.length) throw usage(`${misplaced.map((k) => '--' + k.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())).join(', ')} only apply to --format dataset`);
      }
      const ctx = new AppContext('web');
      const project = await ctx.openProject(options.project);
      try {
        process.exitCode = options.format === 'dataset' ? await exportDataset(project, options) : await exportTableFormat(project, options);
      } finally {
        await ctx.closeProject();
      }
    });
}

async function exportTableFormat(project: Project, o: ExportCliOptions): Promise<number> {
  const filter: ExportFilter = { labels: o.labels, statuses: o.status, runId: o.run, reviewer: o.reviewer, applyThresholds: o.applyThresholds };
  const result = await exportTables(project, { format: o.format as TableFormat, outDir: o.out, filter });
  process.stdout.write(`${result.rows} rows in ${result.files.length} file${result.files.length === 1 ? '' : 's'} (${o.format}) in ${o.out}\n`);
  return EXIT.ok;
}

function datasetOptions(o: ExportCliOptions): DatasetOptions {
  const parsed = DatasetOptions.safeParse({
    labels: o.labels,
    statuses: o.status,
    run_id: o.run,
    reviewer: o.reviewer,
    apply_thresholds: o.applyThresholds ?? false,
    clip_mode: o.eventPadding !== undefined ? 'event' : 'fixed',
    clip_length_s: o.clipLength,
    padding_s: o.eventPadding,
    sample_rate: o.sampleRate ?? null,
    channel: o.channel,
    negatives: o.negatives ?? false,
    negatives_label: o.negativesLabel,
    split_by: o.splitBy,
    fractions: o.splits,
    seed: o.seed,
  });
  if (!parsed.success) throw usage(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return parsed.data;
}

export function planTable(summary: DatasetPlanSummary): string {
  const lines = summary.counts.map((c) => `  ${c.split.padEnd(10)} ${c.label.padEnd(24)} ${String(c.clips).padStart(7)} clips ${c.seconds.toFixed(1).padStart(9)} s`);
  const groups = `${summary.groups.train} / ${summary.groups.validation} / ${summary.groups.test}`;
  return [`plan: ${summary.total_clips} clips, ${summary.total_s.toFixed(1)} s; groups train/validation/test ${groups}`, ...lines, ...summary.warnings.map((w) => `warning: ${w}`)].join('\n') + '\n';
}

async function exportDataset(project: Project, o: ExportCliOptions): Promise<number> {
  const options = datasetOptions(o);
  try {
    checkOutputFolder(o.out, o.force ?? false); // before planning: a used folder is the user's to fix (exit 2)
  } catch (error) {
    if (error instanceof EarmarkError && error.code === 'CONFLICT') throw usage(error.message);
    throw error;
  }
  const plan = planDataset(project, options);
  process.stderr.write(planTable(plan.summary));
  if (plan.clips.length === 0) {
    process.stderr.write('earmark: nothing to export\n');
    return EXIT.failed;
  }
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const started = performance.now();
  try {
    const result = await writeDataset(plan, {
      outDir: o.out,
      force: o.force ?? false,
      signal: controller.signal,
      projectPath: project.path,
      onProgress: (p) =>
        progressLine(`${p.done}/${p.total} clips, ${p.rate.toFixed(0)} clips/s, ${p.eta_s === null ? '?' : formatDuration(p.eta_s)} left`),
    });
    progressLine('', true);
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(`${result.clips} clips (${formatDuration(result.seconds)} of audio) in ${result.out_dir} (${seconds.toFixed(1)} s)\n`);
    return EXIT.ok;
  } catch (error) {
    progressLine('', true);
    if (error instanceof ExportCancelled) {
      process.stderr.write('Interrupted: nothing was written.\n');
      return EXIT.failed;
    }
    throw error;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
