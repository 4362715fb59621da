import { z } from 'zod';
import { Channel } from './domain';

// Training-set export: clips per label, manifest, grouped splits (issue 5, FORMATS.md "Dataset export").
// Spread into `calls` in contract.ts; same conventions: domain.verb names, zod input and output.
// The CLI (`earmark export --format dataset`) parses its flags into this same DatasetOptions schema.

export const DATASET_SPLITS = ['train', 'validation', 'test'] as const;
export type DatasetSplit = (typeof DATASET_SPLITS)[number];
export const SPLIT_BY = ['recording', 'site', 'date'] as const;
export type SplitBy = (typeof SPLIT_BY)[number];
const Status = z.enum(['positive', 'negative', 'uncertain', 'unreviewed']);

/** A folder name: no separators, not "." or "..", nothing a file system refuses. */
const FolderName = z
  .string()
  .trim()
  .min(1)
  .max(80)
  .regex(/^[^/\\:*?"<>|]+$/, 'a folder name without / \\ : * ? " < > |')
  .refine((s) => ![...s].some((c) => c.charCodeAt(0) < 32), 'a folder name without control characters')
  .refine((s) => s !== '.' && s !== '..', 'a folder name other than . or ..');

export const DatasetOptions = z.object({
  /** Final label names (a reviewer's relabel wins); omitted = all. */
  labels: z.array(z.string().min(1)).optional(),
  /** Which verdicts make clips; default: positive (plus negative when `negatives`). */
  statuses: z.array(Status).min(1).optional(),
  run_id: z.number().int().positive().optional(),
  /** Whose verdict counts; omitted = the latest verdict of anyone. */
  reviewer: z.string().min(1).optional(),
  /** Drop detections below their label's threshold; the thresholds used go into the manifest. */
  apply_thresholds: z.boolean().default(false),
  /** fixed: clip_length_s centred on the event; event: the event plus padding_s each side. */
  clip_mode: z.enum(['fixed', 'event']).default('fixed'),
  clip_length_s: z.number().positive().max(600).default(3),
  padding_s: z.number().min(0).max(60).default(0),
  /** null = each recording's own rate. */
  sample_rate: z.number().int().min(1000).max(384000).nullable().default(null),
  channel: Channel.default('mix'),
  /** Rejected detections become clips of one extra class. */
  negatives: z.boolean().default(false),
  negatives_label: FolderName.default('negative'),
  split_by: z.enum(SPLIT_BY).default('recording'),
  /** train, validation, test. */
  fractions: z
    .tuple([z.number().min(0).max(1), z.number().min(0).max(1), z.number().min(0).max(1)])
    .refine((f) => Math.abs(f[0] + f[1] + f[2] - 1) < 1e-6, 'train, validation and test fractions that add up to 1')
    .default([0.8, 0.1, 0.1]),
  seed: z.number().int().default(0),
});
export type DatasetOptions = z.output<typeof DatasetOptions>;
export type DatasetOptionsInput = z.input<typeof DatasetOptions>;

export const DatasetCount = z.object({
  split: z.enum(DATASET_SPLITS),
  label: z.string(),
  clips: z.number().int(),
  seconds: z.number(),
});
export type DatasetCount = z.infer<typeof DatasetCount>;

export const DatasetPlanSummary = z.object({
  total_clips: z.number().int(),
  total_s: z.number(),
  /** One row per split and label that has clips. */
  counts: z.array(DatasetCount),
  /** Groups (recordings, sites or dates) per split. */
  groups: z.object({ train: z.number().int(), validation: z.number().int(), test: z.number().int() }),
  labels: z.array(z.string()),
  warnings: z.array(z.string()),
});
export type DatasetPlanSummary = z.infer<typeof DatasetPlanSummary>;

export const DatasetProgress = z.object({
  export_id: z.string(),
  state: z.enum(['running', 'done', 'cancelled', 'failed']),
  done: z.number().int(),
  total: z.number().int(),
  /** Clips per second so far. */
  rate: z.number(),
  /** Seconds left at that rate; null until known. */
  eta_s: z.number().nullable(),
  /** The final folder (complete only when state is done). */
  out_dir: z.string(),
  error: z.string().nullable(),
});
export type DatasetProgress = z.infer<typeof DatasetProgress>;

export const datasetCalls = {
  /** What an export would write, counted per split and label; nothing is written. */
  'dataset.plan': { input: z.object({ options: DatasetOptions }), output: DatasetPlanSummary },
  /** Starts writing in the background; poll dataset.progress. Refuses a non-empty out_dir unless force. */
  'dataset.export': {
    input: z.object({ options: DatasetOptions, out_dir: z.string().min(1), force: z.boolean().default(false) }),
    output: z.object({ export_id: z.string(), plan: DatasetPlanSummary }),
  },
  'dataset.cancel': { input: z.object({ export_id: z.string().min(1) }), output: z.object({ cancelled: z.boolean() }) },
  'dataset.progress': { input: z.object({ export_id: z.string().min(1) }), output: DatasetProgress },
} as const;
