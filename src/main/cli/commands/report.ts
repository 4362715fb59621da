import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { EarmarkError } from '../../../shared/errors';
import { QaRequest } from '../../../shared/qa';
import { Project } from '../../app/project';
import { renderQaCsv } from '../../qa/csv';
import { renderQaHtml } from '../../qa/html';
import { buildQaReport } from '../../qa/report';
import { parseId } from '../options';

interface ReportOptions {
  project: string;
  run?: number;
  json?: string;
  html?: string;
  csv?: string;
  iou?: number;
  onsetTolerance?: number;
  bins?: number;
}

function parseIou(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 1) throw new InvalidArgumentError('an overlap above 0 and at most 1');
  return n;
}

function parseTolerance(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('seconds, 0 or more');
  return n;
}

function parseBins(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 100) throw new InvalidArgumentError('a whole number from 1 to 100');
  return Number(value);
}

/** Writes next to the target and renames, so a reader never sees half a report; '-' is stdout. */
function output(path: string, text: string): void {
  if (path === '-') {
    process.stdout.write(text);
    return;
  }
  const temp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, text);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new EarmarkError('IO', `Cannot write ${path}: ${(error as Error).message}`);
  }
}

// `earmark report`: the QA report of issue 6 without the window (all runs when none is named).
export function registerReport(program: Command): void {
  program
    .command('report')
    .description("QA report of a model's output: precision (stratified), recall against reference recordings, calibration, agreement, plots.")
    .requiredOption('--project <file>', 'project file')
    .option('--run <id>', 'only this run (default: every run)', parseId)
    .option('--json <out>', 'write the report as JSON (- for standard output)')
    .option('--html <out>', 'write a self-contained HTML report with plots')
    .option('--csv <out>', 'write the report as CSV, one table per section')
    .option('--iou <x>', 'match detections to reference annotations one-to-one by time IoU >= x (default: any overlap, many windows per sound)', parseIou)
    .option('--onset-tolerance <seconds>', 'match one-to-one by onset within this many seconds', parseTolerance)
    .option('--bins <n>', 'score bins for stratification and thresholds (default 10)', parseBins)
    .action(async (options: ReportOptions) => {
      const outputs = (['json', 'html', 'csv'] as const).filter((k) => options[k] !== undefined);
      if (outputs.length !== 1) throw new EarmarkError('BAD_INPUT', 'Give exactly one of --json OUT, --html OUT or --csv OUT');
      if (options.iou !== undefined && options.onsetTolerance !== undefined) {
        throw new EarmarkError('BAD_INPUT', 'Give either --iou or --onset-tolerance, not both');
      }
      if (!existsSync(options.project)) throw new EarmarkError('BAD_INPUT', `No project file at ${options.project}`);
      const request = QaRequest.parse({
        run_id: options.run,
        bins: options.bins,
        match:
          options.onsetTolerance !== undefined
            ? { mode: 'onset', tolerance_s: options.onsetTolerance }
            : options.iou !== undefined
              ? { mode: 'iou', iou: options.iou }
              : { mode: 'overlap' },
      });
      const project = Project.open(options.project);
      try {
        if (options.run !== undefined && !project.runs.get(options.run)) throw new EarmarkError('BAD_INPUT', `The project has no run ${options.run}`);
        const report = buildQaReport(project.db, project.path, request);
        const format = outputs[0];
        const target = options[format]!;
        const text =
          format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : format === 'html' ? await renderQaHtml(report) : renderQaCsv(report);
        output(target, text);
        if (target !== '-') {
          const labels = report.runs.reduce((n, r) => n + r.labels.length, 0);
          process.stdout.write(`wrote ${format.toUpperCase()} report of ${report.runs.length} run(s), ${labels} label section(s) to ${target}\n`);
        }
      } finally {
        void project.close();
      }
    });
}
