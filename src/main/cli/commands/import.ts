import type { Command } from 'commander';
import { AppContext } from '../../app/app-context';
import { importRecordings } from '../../recordings/import-recordings';
import { EXIT } from '../exit-codes';
import { progressLine } from '../progress';

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('Import recordings (files or folders, recursively) into a project; creates the project file if missing.')
    .requiredOption('--project <file>', 'project file')
    .argument('<paths...>', 'audio files or folders')
    .action(async (paths: string[], options: { project: string }) => {
      const ctx = new AppContext('web');
      const project = await ctx.openProject(options.project, { create: true });
      try {
        const summary = await importRecordings(project.db, project.recordings, paths, {
          onProgress: (p) => progressLine(`importing ${p.done}/${p.total}${p.failed ? `, ${p.failed} failed` : ''}`),
        });
        progressLine('', true);
        for (const failure of summary.failed) process.stderr.write(`failed: ${failure.path}: ${failure.reason}\n`);
        process.stdout.write(
          `${summary.total} files: ${summary.imported} imported, ${summary.relinked} relinked, ` +
            `${summary.unchanged} already in the project, ${summary.failed.length} failed (${summary.seconds.toFixed(1)} s)\n`,
        );
        process.exitCode = summary.failed.length ? EXIT.failed : EXIT.ok;
      } finally {
        await ctx.closeProject();
      }
    });
}
