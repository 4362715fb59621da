import { z } from 'zod';
import {
  Annotation,
  HistoryEntry,
  LabelReviewStats,
  QueueOrder,
  QueuePage,
  QueueStatus,
  ReviewEvent,
  ReviewStatus,
  Settings,
  UndoResult,
  Channel,
  FsListing,
  ModelInfo,
  Prediction,
  RunProgress,
  RunSummary,
  ImportProgress,
  ImportSummary,
  Label,
  ProjectInfo,
  RecentProject,
  Recording,
} from './domain';
import { FFT_SIZES, SpectrogramInfo } from './spectrogram';
import { Threshold } from './domain';
import { exchangeCalls } from './contract-exchange';
import { datasetCalls } from './contract-dataset';
import { qaCalls } from './contract-qa';

// The one contract between the renderer and the Node side (DESIGN.md, "One contract"). Electron IPC and
// the browser host's `POST /api/<call>` are both generated from this table, so neither can drift.

const Empty = z.object({}).strict();
const Id = z.number().int().positive();
const HexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #1f77b4');
/** One key, as KeyboardEvent.key gives it for a printable key ("b", "7"); null clears. */
const Hotkey = z
  .string()
  .regex(/^[a-z0-9]$/, 'a single lower-case letter or digit')
  .nullable();

export const calls = {
  'app.info': {
    input: Empty,
    output: z.object({
      version: z.string(),
      host: z.enum(['electron', 'web']),
      project: ProjectInfo.nullable(),
      demo_available: z.boolean(),
    }),
  },
  'project.create': { input: z.object({ path: z.string().min(1) }), output: ProjectInfo },
  'project.open': { input: z.object({ path: z.string().min(1) }), output: ProjectInfo },
  'project.close': { input: Empty, output: z.object({}) },
  /** Opens the demo project, creating it (import + both bundled models) the first time. */
  'project.openDemo': { input: Empty, output: ProjectInfo },
  'project.recent': { input: Empty, output: z.array(RecentProject) },
  'fs.list': {
    input: z.object({ path: z.string().optional() }),
    output: FsListing,
  },
  'recordings.import': {
    input: z.object({ paths: z.array(z.string().min(1)).min(1) }),
    output: ImportSummary,
  },
  'recordings.list': { input: Empty, output: z.array(Recording) },
  'recordings.get': { input: z.object({ id: Id }), output: Recording },
  'spectrogram.info': {
    input: z.object({
      recording_id: Id,
      fft_size: z
        .number()
        .int()
        .refine((n) => (FFT_SIZES as readonly number[]).includes(n), 'one of ' + FFT_SIZES.join(', ')),
    }),
    output: SpectrogramInfo,
  },
  'models.list': { input: Empty, output: z.array(ModelInfo) },
  'models.add': { input: z.object({ manifest_path: z.string().min(1) }), output: ModelInfo },
  /** Starts a run in the background (progress: the `run.progress` event); resumes an unfinished identical run. */
  'runs.start': {
    input: z.object({
      model: z.string().min(1),
      /** Default: every recording whose status is ok. */
      recording_ids: z.array(Id).optional(),
      window_s: z.number().positive().optional(),
      hop_s: z.number().positive().optional(),
      min_score: z.number().min(0).max(1).optional(),
      labels: z.array(z.string()).optional(),
      channel: Channel.optional(),
    }),
    output: z.object({ run_id: z.number().int(), resumed: z.boolean() }),
  },
  'runs.cancel': { input: z.object({ run_id: Id }), output: z.object({ cancelled: z.boolean() }) },
  'runs.resume': { input: z.object({ run_id: Id }), output: z.object({ run_id: z.number().int(), resumed: z.boolean() }) },
  'runs.list': { input: Empty, output: z.array(RunSummary) },
  /** Progress of the runs going on now in this host. */
  'runs.active': { input: Empty, output: z.array(RunProgress) },
  'predictions.list': { input: z.object({ recording_id: Id, run_id: Id.optional() }), output: z.array(Prediction) },
  'labels.list': { input: Empty, output: z.array(Label) },
  'labels.create': {
    input: z.object({ name: z.string().trim().min(1).max(80), color: HexColor, hotkey: Hotkey.optional() }),
    output: Label,
  },
  'labels.update': {
    input: z.object({
      id: Id,
      name: z.string().trim().min(1).max(80).optional(),
      color: HexColor.optional(),
      hotkey: Hotkey.optional(),
    }),
    output: Label,
  },
  'labels.delete': {
    input: z.object({ id: Id, force: z.boolean().optional() }),
    output: z.object({ deleted: z.boolean() }),
  },

  // ---- Review (issue 4). The reviewer is the one in settings; every decision records it. ----
  'settings.get': { input: Empty, output: Settings },
  /** Changes only what is given; review_keys replaces the whole set of rebound keys. */
  'settings.set': {
    input: z.object({ reviewer: z.string().trim().min(1).max(80).optional(), review_keys: Settings.shape.review_keys }),
    output: Settings,
  },
  'review.queue': {
    input: z.object({
      run_id: Id.optional(),
      label_id: Id.optional(),
      score_min: z.number().optional(),
      score_max: z.number().optional(),
      recording_ids: z.array(Id).optional(),
      status: QueueStatus.default('unreviewed'),
      not_reviewed_by: z.string().min(1).optional(),
      /** Only detections at or above their label's threshold (thresholds.set); those without one are kept. */
      above_threshold: z.boolean().default(false),
      /** Detections to leave out: the ones a session already loaded, so its next page needs no offset. */
      exclude_ids: z.array(Id).max(20000).optional(),
      order: QueueOrder.default('score_desc'),
      /** random and stratified orders are reproducible from it. */
      seed: z.number().int().default(0),
      /** stratified: equal-width score bins over score_min..score_max (default 0..1). */
      bins: z.number().int().min(1).max(100).default(10),
      per_bin: z.number().int().min(1).max(10000).default(10),
      limit: z.number().int().min(1).max(1000).default(50),
      offset: z.number().int().min(0).default(0),
      /** Also count all matches (costs a scan of the matching range). */
      count: z.boolean().default(false),
    }),
    output: QueuePage,
  },
  'review.stats': { input: z.object({ run_id: Id.optional() }), output: z.array(LabelReviewStats) },
  /** A verdict; relabel = verdict positive with another label_id. Committed before the call returns. */
  'review.decide': {
    input: z.object({ prediction_id: Id, verdict: ReviewStatus, label_id: Id.optional() }),
    output: Annotation,
  },
  /** Withdraws my verdict on a detection (undoable). */
  'review.clear': { input: z.object({ prediction_id: Id }), output: z.object({ cleared: z.boolean() }) },
  'review.events': {
    input: z.object({
      run_id: Id,
      label_id: Id,
      min_score: z.number().min(0).max(1).default(0.5),
      merge_gap_s: z.number().min(0).default(0),
      recording_ids: z.array(Id).optional(),
    }),
    output: z.array(ReviewEvent),
  },
  /** One verdict on every window of an event: one transaction, one undo step. */
  'review.decideEvent': {
    input: z.object({ prediction_ids: z.array(Id).min(1).max(100000), verdict: ReviewStatus, label_id: Id.optional() }),
    output: z.array(Annotation),
  },
  'review.undo': { input: Empty, output: UndoResult },
  'review.redo': { input: Empty, output: UndoResult },
  'review.history': { input: z.object({ prediction_id: Id }), output: z.array(HistoryEntry) },
  /** Every reviewer's current verdict on a detection. */
  'review.verdicts': { input: z.object({ prediction_id: Id }), output: z.array(Annotation) },
  'annotations.create': {
    input: z.object({
      recording_id: Id,
      start_s: z.number().min(0),
      end_s: z.number().positive(),
      low_hz: z.number().min(0).nullable().optional(),
      high_hz: z.number().positive().nullable().optional(),
      label_id: Id.nullable().optional(),
      note: z.string().max(2000).nullable().optional(),
    }),
    output: Annotation,
  },
  'annotations.update': {
    input: z.object({
      id: Id,
      start_s: z.number().min(0).optional(),
      end_s: z.number().positive().optional(),
      low_hz: z.number().min(0).nullable().optional(),
      high_hz: z.number().positive().nullable().optional(),
      label_id: Id.nullable().optional(),
      note: z.string().max(2000).nullable().optional(),
    }),
    output: Annotation,
  },
  'annotations.delete': { input: z.object({ id: Id }), output: z.object({ deleted: z.boolean() }) },
  /** Human boxes and verdict rows of a recording (filter by source in the view). */
  'annotations.list': { input: z.object({ recording_id: Id }), output: z.array(Annotation) },

  /** Marks recordings as completely annotated by a person: their human annotations become ground truth. */
  'recordings.setFullyAnnotated': {
    input: z.object({ ids: z.array(Id).min(1), value: z.boolean() }),
    output: z.array(Recording),
  },
  /** Per-label score thresholds (model_id '' = every model); they filter exports and the review queue. */
  'thresholds.list': { input: z.object({ model_id: z.string().optional() }), output: z.array(Threshold) },
  'thresholds.set': {
    input: z.object({
      model_id: z.string(),
      label_id: Id,
      threshold: z.number().min(0).max(1),
      source: z.enum(['manual', 'calibration']).default('manual'),
      probability: z.number().min(0).max(1).nullable().optional(),
    }),
    output: Threshold,
  },
  'thresholds.remove': { input: z.object({ model_id: z.string(), label_id: Id }), output: z.object({ removed: z.boolean() }) },

  // Areas with their own contract files (one owner each): table import/export (issue 5), dataset
  // export (issue 5), QA reports (issue 6).
  ...exchangeCalls,
  ...datasetCalls,
  ...qaCalls,
} as const;

export type CallName = keyof typeof calls;
export type CallInput<N extends CallName> = z.input<(typeof calls)[N]['input']>;
export type CallOutput<N extends CallName> = z.output<(typeof calls)[N]['output']>;
export const CALL_NAMES = Object.keys(calls) as CallName[];

/** Events the Node side pushes to subscribers (IPC in Electron, server-sent events in the browser host). */
export const events = {
  'import.progress': ImportProgress,
  'run.progress': RunProgress,
  'spectrogram.cache': z.object({
    recording_id: z.number().int(),
    state: z.enum(['pending', 'running', 'done', 'failed']),
    progress: z.number(),
  }),
} as const;

export type EventName = keyof typeof events;
export type EventPayload<N extends EventName> = z.output<(typeof events)[N]>;
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isCallName(name: string): name is CallName {
  return Object.hasOwn(calls, name);
}
