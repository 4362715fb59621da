import { InvalidArgumentError, type Command } from 'commander';
import { existsSync } from 'node:fs';
import { ColumnMapping, MAPPING_FIELDS } from '../../../shared/contract-exchange';
import { EarmarkError } from '../../../shared/errors';
import { Project } from '../../app/project';
import { importTables, type ImportFileReport } from '../../formats/import-tables';
import type { FormatChoice } from '../../formats/read-table';
import { EXIT } from '../exit-codes';

// `earmark import-annotations` (issue 5): annotation tables into a project. Exit 0 when every row of
// every file was imported, 1 when a file failed or rows were left unmatched (each listed), 2 usage.

const FORMATS = ['raven', 'audacity', 'birdnet', 'chirpity', 'csv', 'json', 'auto'] as const;

function parseFormat(value: string): FormatChoice {
  if (!(FORMATS as readonly string[]).includes(value)) throw new InvalidArgumentError(`one of ${FORMATS.join(', ')}`);
  return value as FormatChoice;
}

/** `start=COL,end=COL,label=COL,...` (a column name may hold spaces; quote the argument). */
function parseMapping(value: string): ColumnMapping {
  const entries = value.split(',').map((pair) => {
    const cut = pair.indexOf('=');
    const field = pair.slice(0, cut).trim();
    if (cut < 0 || !(MAPPING_FIELDS as readonly string[]).includes(field)) {
      throw new InvalidArgumentError(`FIELD=COLUMN pairs, FIELD one of ${MAPPING_FIELDS.join(', ')} (got "${pair}")`);
    }
    return [field, pair.slice(cut + 1).trim()];
  });
  const parsed = ColumnMapping.safeParse(Object.fromEntries(entries));
  if (!parsed.success) throw new InvalidArgumentError(`start, end and label are needed: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  return parsed.data;
}

function describe(report: ImportFileReport): string {
  if (report.error) return `failed: ${report.path}: ${report.error}\n`;
  let out =
    `${report.path}: ${report.variant}, ${report.rows} rows, ${report.matched} matched, ${report.unmatched.length} unmatched; ` +
    `${report.predictions} predictions${report.run_id ? ` (run ${report.run_id})` : ''}, ${report.annotations} annotations` +
    `${report.verdicts ? `, ${report.verdicts} verdicts` : ''}; covers ${report.recordings} recordings\n`;
  for (const row of report.unmatched) out += `  unmatched line ${row.line}${row.file ? ` (${row.file})` : ''}: ${row.reason}\n`;
  return out;
}

export function registerImportAnnotations(program: Command): void {
  program
    .command('import-annotations')
    .description('Import annotation tables (Raven, Audacity, BirdNET, Chirpity, any CSV) into a project: scored rows become an imported run, others annotations.')
    .requiredOption('--project <file>', 'project file')
    .requiredOption('--format <format>', `${FORMATS.join('|')}`, parseFormat)
    .option('--map <pairs>', 'generic CSV columns: start=COL,end=COL,label=COL[,score=COL,low_hz=COL,high_hz=COL,file=COL]', parseMapping)
    .argument('<files...>', 'table files')
    .action(async (files: string[], options: { project: string; format: FormatChoice; map?: ColumnMapping }) => {
      if (!existsSync(options.project)) throw new EarmarkError('BAD_INPUT', `No project file at ${options.project}`);
      const project = Project.open(options.project);
      try {
        const reports = await importTables(project, files, { format: options.format, mapping: options.map });
        for (const report of reports) (report.error ? process.stderr : process.stdout).write(describe(report));
        const failed = reports.filter((r) => r.error).length;
        const unmatched = reports.reduce((n, r) => n + r.unmatched.length, 0);
        const rows = reports.reduce((n, r) => n + r.matched, 0);
        process.stdout.write(`${reports.length} files: ${rows} rows imported, ${unmatched} unmatched, ${failed} files failed\n`);
        process.exitCode = failed || unmatched ? EXIT.failed : EXIT.ok;
      } finally {
        await project.close();
      }
    });
}
