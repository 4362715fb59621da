import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { EarmarkError } from '../../../shared/errors';
import { Project } from '../../app/project';
import { parseId } from '../options';

export function registerPredictions(program: Command): void {
  program
    .command('predictions')
    .description("Print a project's model predictions.")
    .requiredOption('--project <file>', 'project file')
    .option('--run <id>', 'only this run', parseId)
    .option('--json', 'print JSON (recording, start_s, end_s, label, score, run)')
    .action((options: { project: string; run?: number; json?: boolean }) => {
      if (!existsSync(options.project)) throw new EarmarkError('BAD_INPUT', `No project file at ${options.project}`);
      const project = Project.open(options.project);
      try {
        if (options.run !== undefined && !project.runs.get(options.run)) throw new EarmarkError('BAD_INPUT', `The project has no run ${options.run}`);
        const rows = project.runs.predictions(options.run).map(({ recording, start_s, end_s, label, score, run }) => ({ recording, start_s, end_s, label, score, run }));
        if (options.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        else for (const r of rows) process.stdout.write(`${r.run}\t${r.recording}\t${r.start_s.toFixed(3)}\t${r.end_s.toFixed(3)}\t${r.label}\t${r.score.toFixed(4)}\n`);
      } finally {
        void project.close();
      }
    });
}
