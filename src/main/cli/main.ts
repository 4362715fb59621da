import { Command, CommanderError } from 'commander';
import { EarmarkError } from '../../shared/errors';
import { registerAnalyze } from './commands/analyze';
import { registerExport } from './commands/export';
import { registerImport } from './commands/import';
import { registerModels } from './commands/models';
import { registerPredictions } from './commands/predictions';
import { registerImportAnnotations } from './commands/import-annotations';
import { registerRecordings } from './commands/recordings';
import { registerReport } from './commands/report';
import { registerServe } from './commands/serve';
import { EXIT } from './exit-codes';

// `earmark` — the same Node-side code as the app, without a window (issue 2, CLI).
export function buildProgram(): Command {
  const program = new Command('earmark')
    .description('Review and correct audio classification: import, analyse, serve the app, export.')
    .version(process.env.npm_package_version ?? '0.1.0')
    .showHelpAfterError()
    .exitOverride();
  registerServe(program);
  registerImport(program);
  registerRecordings(program);
  registerAnalyze(program);
  registerExport(program);
  registerModels(program);
  registerPredictions(program);
  registerImportAnnotations(program);
  registerReport(program);
  for (const command of program.commands) command.exitOverride().showHelpAfterError();
  return program;
}

export async function runCli(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv, { from: 'user' });
    return process.exitCode === undefined ? EXIT.ok : Number(process.exitCode);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here too, with exit code 0.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof EarmarkError) {
      process.stderr.write(`earmark: ${error.message}\n`);
      return error.code === 'BAD_INPUT' ? EXIT.usage : EXIT.failed;
    }
    process.stderr.write(`earmark: ${(error as Error).stack ?? String(error)}\n`);
    return EXIT.failed;
  }
}

// Run when executed as the CLI entry (bin/earmark.js imports this module and calls runCli itself).
export default runCli;
