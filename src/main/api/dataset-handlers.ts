import type { datasetCalls } from '../../shared/contract-dataset';
import type { AppContext } from '../app/app-context';
import { DatasetExports } from '../formats/dataset/export-jobs';
import { planDataset } from '../formats/dataset/plan';
import type { HandlersFor } from './handler-types';

// Handlers of contract-dataset.ts (one owner per area; handlers.ts spreads these in).
// Exports run in the background per host; the dialog polls dataset.progress.
const exports = new WeakMap<AppContext, DatasetExports>();
const exportsOf = (ctx: AppContext) => {
  let e = exports.get(ctx);
  if (!e) exports.set(ctx, (e = new DatasetExports()));
  return e;
};

export const datasetHandlers: HandlersFor<keyof typeof datasetCalls> = {
  'dataset.plan': (ctx, { options }) => planDataset(ctx.requireProject(), options).summary,
  'dataset.export': (ctx, { options, out_dir, force }) => exportsOf(ctx).start(ctx.requireProject(), options, out_dir, force),
  'dataset.cancel': (ctx, { export_id }) => ({ cancelled: exportsOf(ctx).cancel(export_id) }),
  'dataset.progress': (ctx, { export_id }) => exportsOf(ctx).progress(export_id),
};
