import type { exchangeCalls } from '../../shared/contract-exchange';
import { exportTables } from '../formats/export-tables';
import { importTables } from '../formats/import-tables';
import { previewTable } from '../formats/read-table';
import { ImportsRepo } from '../store/imports-repo';
import type { HandlersFor } from './handler-types';

// Handlers of contract-exchange.ts (one owner per area; handlers.ts spreads these in).
export const exchangeHandlers: HandlersFor<keyof typeof exchangeCalls> = {
  'exchange.preview': (_ctx, { path, format }) => previewTable(path, format ?? 'auto'),
  'exchange.import': async (ctx, { paths, format, mapping }) => ({
    files: await importTables(ctx.requireProject(), paths, { format, mapping }),
  }),
  'exchange.export': (ctx, input) =>
    exportTables(ctx.requireProject(), {
      format: input.format,
      outDir: input.out_dir,
      filter: {
        labels: input.labels,
        statuses: input.statuses,
        sources: input.sources,
        runId: input.run_id,
        reviewer: input.reviewer,
        applyThresholds: input.apply_thresholds,
      },
    }),
  'exchange.imports': (ctx) =>
    new ImportsRepo(ctx.requireProject().db).list().map(({ report: _report, ...row }) => row),
};
