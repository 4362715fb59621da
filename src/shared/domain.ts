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
