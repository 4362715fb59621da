import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { EarmarkError } from '../../../shared/errors';
import { Project } from '../../app/project';

export function registerRecordings(program: Command): void {
  program
    .command('recordings')
    .description("List a project's recordings.")
    .requiredOption('--project <file>', 'project file')
    .option('--json', 'print JSON (id, path, duration_s, sample_rate, channels, format, start_time, status, error)')
    .action((options: { project: string; json?: boolean }) => {
      if (!existsSync(options.project)) throw new EarmarkError('BAD_INPUT', `No project file at ${options.project}`);
      const project = Project.open(options.project);
      try {
        const rows = project.recordings.list();
        if (options.json) {
          const out = rows.map(({ id, path, duration_s, sample_rate, channels, format, start_time, status, error }) => ({
            id, path, duration_s, sample_rate, channels, format, start_time, status, error,
          }));
          process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
          return;
        }
        for (const r of rows) {
          const duration = r.duration_s === null ? '-' : `${r.duration_s.toFixed(1)} s`;
          const rate = r.sample_rate === null ? '-' : `${r.sample_rate} Hz`;
          process.stdout.write(`${r.id}\t${r.status}\t${duration}\t${rate}\t${r.start_time ?? '-'}\t${r.path}${r.error ? `\t(${r.error})` : ''}\n`);
        }
      } finally {
        void project.close();
      }
    });
}
