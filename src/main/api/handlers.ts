import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { EarmarkError } from '../../shared/errors';
import type { AppContext } from '../app/app-context';
import { importRecordings } from '../recordings/import-recordings';
import { listDirectory } from './fs-list';
import { resourcesDir } from '../app/resources';
import { addModel, listModels } from '../inference/registry';
import { ensureDemoProject } from '../runs/demo-project';
import { reviewFor } from '../review/review-service';
import { userSettings } from '../review/settings';
import type { CallName } from '../../shared/contract';
import type { HandlersFor } from './handler-types';
import { exchangeHandlers } from './exchange-handlers';
import { datasetHandlers } from './dataset-handlers';
import { qaHandlers } from './qa-handlers';

/** The open project's review service and the reviewer every decision is recorded with. */
const review = (ctx: AppContext) => ({ service: reviewFor(ctx.requireProject().db), me: userSettings().get().reviewer });

export type Handlers = HandlersFor<CallName>;

// One handler per contract call: transport-free functions over the AppContext (DESIGN.md, api/).
export const handlers: Handlers = {
  'app.info': (ctx) => ({
    version: process.env.npm_package_version ?? '0.1.0',
    host: ctx.host,
    project: ctx.project?.info() ?? null,
    demo_available: existsSync(join(resourcesDir(), 'demo', 'recordings')),
  }),

  'project.create': async (ctx, { path }) => {
    if (existsSync(path)) throw new EarmarkError('CONFLICT', `${path} already exists: open it instead, or choose another name`);
    return (await ctx.openProject(path, { create: true })).info();
  },
  'project.open': async (ctx, { path }) => (await ctx.openProject(path)).info(),
  'project.close': async (ctx) => {
    await ctx.closeProject();
    return {};
  },
  'project.recent': (ctx) => ctx.recent.list(),
  'project.openDemo': async (ctx) => {
    const path = await ensureDemoProject((progress) => ctx.events.emit('run.progress', progress));
    return (await ctx.openProject(path)).info();
  },

  'fs.list': (_ctx, { path }) => listDirectory(path),

  'recordings.import': async (ctx, { paths }) => {
    const project = ctx.requireProject();
    return importRecordings(project.db, project.recordings, paths, {
      onProgress: (progress) => ctx.events.emit('import.progress', progress),
    });
  },
  'recordings.list': (ctx) => ctx.requireProject().recordings.list(),
  'recordings.get': (ctx, { id }) => {
    const recording = ctx.requireProject().recordings.get(id);
    if (!recording) throw new EarmarkError('NOT_FOUND', `No recording with id ${id}`);
    return recording;
  },

  'spectrogram.info': async (ctx, { recording_id, fft_size }) => {
    const project = ctx.requireProject();
    const ref = project.recordingRef(recording_id);
    project.spectrogram.ensureBackgroundPass(ref);
    return project.spectrogram.info(ref, fft_size);
  },

  'models.list': () => listModels(),
  'models.add': (_ctx, { manifest_path }) => addModel(manifest_path),
  'runs.start': (ctx, input) => ctx.runs.start(input),
  'runs.cancel': (ctx, { run_id }) => ({ cancelled: ctx.runs.cancel(run_id) }),
  'runs.resume': (ctx, { run_id }) => ctx.runs.resume(run_id),
  'runs.list': (ctx) => ctx.runs.summaries(),
  'runs.active': (ctx) => (ctx.project ? ctx.runs.activeProgress() : []),
  'predictions.list': (ctx, { recording_id, run_id }) =>
    ctx
      .requireProject()
      .runs.forRecording(recording_id)
      .filter((p) => run_id === undefined || p.run === run_id),

  'labels.list': (ctx) => ctx.requireProject().labels.list(),
  'labels.create': (ctx, input) => ctx.requireProject().labels.create(input),
  'labels.update': (ctx, input) => ctx.requireProject().labels.update(input),
  'labels.delete': (ctx, { id, force }) => ({ deleted: ctx.requireProject().labels.delete(id, force ?? false) }),

  'settings.get': () => userSettings().get(),
  'settings.set': (_ctx, input) => userSettings().set(input),
  'review.queue': (ctx, input) => {
    const { service, me } = review(ctx);
    return service.queue(input, me);
  },
  'review.stats': (ctx, { run_id }) => review(ctx).service.stats(run_id),
  'review.decide': (ctx, { prediction_id, verdict, label_id }) => {
    const { service, me } = review(ctx);
    return service.verdicts.decide(me, prediction_id, { verdict, label_id });
  },
  'review.clear': (ctx, { prediction_id }) => {
    const { service, me } = review(ctx);
    return { cleared: service.verdicts.clear(me, prediction_id) };
  },
  'review.events': (ctx, input) => {
    const { service, me } = review(ctx);
    return service.events(input, me);
  },
  'review.decideEvent': (ctx, { prediction_ids, verdict, label_id }) => {
    const { service, me } = review(ctx);
    return service.verdicts.decideMany(me, prediction_ids, { verdict, label_id });
  },
  'review.undo': (ctx) => {
    const { service, me } = review(ctx);
    return service.undo(me);
  },
  'review.redo': (ctx) => {
    const { service, me } = review(ctx);
    return service.redo(me);
  },
  'review.history': (ctx, { prediction_id }) => review(ctx).service.history(prediction_id),
  'review.verdicts': (ctx, { prediction_id }) => review(ctx).service.verdictsOn(prediction_id),
  'annotations.create': (ctx, input) => {
    const { service, me } = review(ctx);
    return service.annotations.create(me, input);
  },
  'annotations.update': (ctx, input) => {
    const { service, me } = review(ctx);
    return service.annotations.update(me, input);
  },
  'annotations.delete': (ctx, { id }) => {
    const { service, me } = review(ctx);
    return { deleted: service.annotations.delete(me, id) };
  },
  'annotations.list': (ctx, { recording_id }) => review(ctx).service.annotations.list(recording_id),

  'recordings.setFullyAnnotated': (ctx, { ids, value }) => {
    const { recordings } = ctx.requireProject();
    for (const id of ids) if (!recordings.get(id)) throw new EarmarkError('NOT_FOUND', `No recording with id ${id}`);
    recordings.setFullyAnnotated(ids, value);
    return ids.map((id) => recordings.get(id)!);
  },
  'thresholds.list': (ctx, { model_id }) => ctx.requireProject().thresholds.list(model_id),
  'thresholds.set': (ctx, input) => {
    const project = ctx.requireProject();
    project.labels.get(input.label_id);
    return project.thresholds.set(input);
  },
  'thresholds.remove': (ctx, { model_id, label_id }) => ({ removed: ctx.requireProject().thresholds.remove(model_id, label_id) }),

  ...exchangeHandlers,
  ...datasetHandlers,
  ...qaHandlers,
};
