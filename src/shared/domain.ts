import { z } from 'zod';

// Domain types shared by the Node side and the renderer. Field names are snake_case because they are
// also the CLI's JSON output (`earmark recordings --json`), which scripts read.

export const AUDIO_FORMATS = ['wav', 'flac', 'mp3', 'ogg'] as const;
export const AudioFormat = z.enum(AUDIO_FORMATS);
export type AudioFormat = z.infer<typeof AudioFormat>;

/** Where a recording's start time came from; null start_time means unknown (never invented). */
export const StartTimeSource = z.enum(['guano', 'audiomoth', 'bwf', 'filename']);

export const RecordingStatus = z.enum(['ok', 'missing', 'error']);

export const Recording = z.object({
  id: z.number().int(),
  path: z.string(),
  name: z.string(),
  fingerprint: z.string(),
  format: AudioFormat.nullable(),
  duration_s: z.number().nullable(),
  sample_rate: z.number().int().nullable(),
  channels: z.number().int().nullable(),
  bit_depth: z.number().int().nullable(),
  size_bytes: z.number(),
  /** ISO 8601; with an offset when the source gave one, else local time without offset. */
  start_time: z.string().nullable(),
  start_time_source: StartTimeSource.nullable(),
  site: z.string().nullable(),
  status: RecordingStatus,
  error: z.string().nullable(),
  metadata: z.record(z.string(), z.string()),
  imported_at: z.string(),
  /** Every sound in it is annotated by a person: its human annotations are ground truth (issue 6). */
  fully_annotated: z.boolean(),
});
export type Recording = z.infer<typeof Recording>;

export const Label = z.object({
  id: z.number().int(),
  name: z.string(),
  color: z.string(),
  hotkey: z.string().nullable(),
  /** How many annotations and predictions use it: deleting asks first when > 0. */
  usage: z.number().int(),
});
export type Label = z.infer<typeof Label>;

export const ProjectInfo = z.object({
  path: z.string(),
  name: z.string(),
  schema_version: z.number().int(),
  recordings: z.number().int(),
});
export type ProjectInfo = z.infer<typeof ProjectInfo>;

export const RecentProject = z.object({
  path: z.string(),
  name: z.string(),
  opened_at: z.string(),
  exists: z.boolean(),
});
export type RecentProject = z.infer<typeof RecentProject>;

export const ImportFailure = z.object({ path: z.string(), reason: z.string() });

export const ImportSummary = z.object({
  total: z.number().int(),
  imported: z.number().int(),
  /** Already in the project at the same path with the same content. */
  unchanged: z.number().int(),
  /** Found at a new path by fingerprint: the existing recording (and its labels) now points here. */
  relinked: z.number().int(),
  failed: z.array(ImportFailure),
  seconds: z.number(),
});
export type ImportSummary = z.infer<typeof ImportSummary>;

export const ImportProgress = z.object({
  done: z.number().int(),
  total: z.number().int(),
  current: z.string(),
  failed: z.number().int(),
});
export type ImportProgress = z.infer<typeof ImportProgress>;

export const FsEntry = z.object({
  name: z.string(),
  path: z.string(),
  kind: z.enum(['dir', 'file']),
  size: z.number(),
});
export const FsListing = z.object({
  path: z.string(),
  parent: z.string().nullable(),
  entries: z.array(FsEntry),
});
export type FsListing = z.infer<typeof FsListing>;

export const ModelInfo = z.object({
  id: z.string(),
  name: z.string(),
  version: z.string(),
  description: z.string(),
  labels: z.array(z.string()),
  sample_rate: z.number().int(),
  window_s: z.number(),
  hop_s: z.number(),
  min_score: z.number(),
  licence: z.string(),
  attribution: z.string().nullable(),
  source: z.enum(['bundled', 'added']),
  path: z.string(),
});
export type ModelInfo = z.infer<typeof ModelInfo>;

export const Channel = z.union([z.literal('mix'), z.number().int().min(0)]);

/** What a run was asked to do; a resumed run must match it exactly. */
export const RunParams = z.object({
  model_id: z.string(),
  model_version: z.string(),
  window_s: z.number().positive(),
  hop_s: z.number().positive(),
  min_score: z.number().min(0).max(1),
  /** Model labels kept (all when empty). */
  labels: z.array(z.string()),
  channel: Channel,
});
export type RunParams = z.infer<typeof RunParams>;

export const RunState = z.enum(['running', 'done', 'cancelled', 'failed']);

export const RunProgress = z.object({
  run_id: z.number().int(),
  state: RunState,
  files_total: z.number().int(),
  files_done: z.number().int(),
  files_failed: z.number().int(),
  audio_s_total: z.number(),
  audio_s_done: z.number(),
  /** Seconds of audio per second of wall time in this session of the run. */
  speed_x: z.number(),
  /** Estimated seconds left; null until there is a rate. */
  eta_s: z.number().nullable(),
  predictions: z.number().int(),
  current: z.string().nullable(),
});
export type RunProgress = z.infer<typeof RunProgress>;

export const RunSummary = z.object({
  id: z.number().int(),
  model_id: z.string(),
  model_name: z.string(),
  params: RunParams,
  status: RunState,
  created_at: z.string(),
  finished_at: z.string().nullable(),
  files_total: z.number().int(),
  files_done: z.number().int(),
  files_failed: z.number().int(),
  predictions: z.number().int(),
  failures: z.array(z.object({ recording_id: z.number().int(), path: z.string(), error: z.string() })),
});
export type RunSummary = z.infer<typeof RunSummary>;

export const Prediction = z.object({
  id: z.number().int(),
  run: z.number().int(),
  start_s: z.number(),
  end_s: z.number(),
  label_id: z.number().int(),
  label: z.string(),
  color: z.string(),
  score: z.number(),
});
export type Prediction = z.infer<typeof Prediction>;

// ---- Review (issue 4) ----

export const ReviewStatus = z.enum(['positive', 'negative', 'uncertain']);
export type ReviewStatus = z.infer<typeof ReviewStatus>;

/**
 * A human box or region, or a verdict on a model detection (source 'model', prediction_id set; a
 * relabel is status positive with another label_id). Also the row image stored in history.
 */
export const Annotation = z.object({
  id: z.number().int(),
  recording_id: z.number().int(),
  start_s: z.number(),
  end_s: z.number(),
  low_hz: z.number().nullable(),
  high_hz: z.number().nullable(),
  label_id: z.number().int().nullable(),
  source: z.enum(['human', 'model', 'import']),
  status: ReviewStatus.nullable(),
  reviewer: z.string().nullable(),
  note: z.string().nullable(),
  prediction_id: z.number().int().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type Annotation = z.infer<typeof Annotation>;

export const QueueStatus = z.enum(['unreviewed', 'positive', 'negative', 'uncertain', 'any']);
export const QueueOrder = z.enum(['score_desc', 'score_asc', 'time', 'random', 'stratified']);

export const QueueItem = z.object({
  prediction_id: z.number().int(),
  run_id: z.number().int(),
  recording_id: z.number().int(),
  recording: z.string(),
  start_s: z.number(),
  end_s: z.number(),
  label_id: z.number().int(),
  label: z.string(),
  color: z.string(),
  score: z.number(),
  /** Stratified order only: the score bin the item was sampled from. */
  bin: z.number().int().nullable(),
  /** The current reviewer's verdict, if any. */
  my_verdict: z
    .object({ annotation_id: z.number().int(), status: ReviewStatus, label_id: z.number().int().nullable(), at: z.string() })
    .nullable(),
  /** Verdicts by all reviewers. */
  verdicts: z.number().int(),
});
export type QueueItem = z.infer<typeof QueueItem>;

/** A score bin of a stratified sample: population is what precision estimates weight the bin by. */
export const QueueBin = z.object({
  index: z.number().int(),
  score_min: z.number(),
  score_max: z.number(),
  population: z.number().int(),
  sampled: z.number().int(),
});

export const QueuePage = z.object({
  items: z.array(QueueItem),
  /** Matching detections (only when asked with count: true; it costs a scan). */
  total: z.number().int().nullable(),
  bins: z.array(QueueBin).nullable(),
});
export type QueuePage = z.infer<typeof QueuePage>;

/**
 * Per label. reviewed = detections with at least one verdict; positive/relabeled/negative/uncertain
 * count detections with at least one verdict of that kind (reviewers who disagree count in each).
 */
export const LabelReviewStats = z.object({
  label_id: z.number().int(),
  label: z.string(),
  color: z.string(),
  total: z.number().int(),
  reviewed: z.number().int(),
  positive: z.number().int(),
  relabeled: z.number().int(),
  negative: z.number().int(),
  uncertain: z.number().int(),
});
export type LabelReviewStats = z.infer<typeof LabelReviewStats>;

/** Adjacent windows of one label in one recording, reviewed as one. */
export const ReviewEvent = z.object({
  recording_id: z.number().int(),
  recording: z.string(),
  label_id: z.number().int(),
  start_s: z.number(),
  end_s: z.number(),
  max_score: z.number(),
  prediction_ids: z.array(z.number().int()),
  /** The current reviewer's verdict when every window has the same one, 'mixed' when they differ, null when none. */
  my_status: z.union([ReviewStatus, z.literal('mixed')]).nullable(),
});
export type ReviewEvent = z.infer<typeof ReviewEvent>;

export const HistoryEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string().nullable(),
  /** Rows of one user action share a step (an event verdict is one step). */
  step: z.number().int().nullable(),
  origin: z.enum(['do', 'undo', 'redo']).nullable(),
  entity: z.string(),
  entity_id: z.number().int(),
  action: z.enum(['create', 'update', 'delete']),
  prediction_id: z.number().int().nullable(),
  before: Annotation.nullable(),
  after: Annotation.nullable(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

/** What an undo or redo changed, so the view can go back to it. applied false: nothing to undo/redo. */
export const UndoResult = z.object({
  applied: z.boolean(),
  step: z.number().int().nullable(),
  annotation_ids: z.array(z.number().int()),
  prediction_ids: z.array(z.number().int()),
  recording_ids: z.array(z.number().int()),
});
export type UndoResult = z.infer<typeof UndoResult>;

/** Per-user settings (a JSON file in the config folder, not in the project). */
export const Settings = z.object({
  /** Recorded with every decision. */
  reviewer: z.string(),
  /**
   * Review keys the user rebound: action id -> keys ("y", "Ctrl+z", "ArrowDown", "Space"). Actions not
   * listed keep their default keys.
   */
  review_keys: z.record(z.string(), z.array(z.string().min(1).max(40)).max(4)).optional(),
});
export type Settings = z.infer<typeof Settings>;

/** A per-label score threshold of a model ('' = every model); filters exports and the review queue. */
export const Threshold = z.object({
  model_id: z.string(),
  label_id: z.number().int(),
  threshold: z.number(),
  source: z.enum(['manual', 'calibration']),
  probability: z.number().nullable(),
  updated_at: z.string(),
});
export type Threshold = z.infer<typeof Threshold>;
