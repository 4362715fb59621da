import { z } from 'zod';

// Import and export of annotation tables: Raven, Audacity, BirdNET, Chirpity, CSV, JSON (issue 5).
// Spread into `calls` in contract.ts; same conventions: domain.verb names, zod input and output.

/** Formats a table import reads ('json' = Earmark's own JSON export). */
export const IMPORT_FORMATS = ['raven', 'audacity', 'birdnet', 'chirpity', 'csv', 'json'] as const;
export const ImportFormat = z.enum(IMPORT_FORMATS);
export const ImportFormatChoice = z.enum([...IMPORT_FORMATS, 'auto']);
export type ImportFormatChoice = z.infer<typeof ImportFormatChoice>;

export const TABLE_EXPORT_FORMATS = ['raven', 'raven-combined', 'audacity', 'csv', 'json'] as const;
export const TableExportFormat = z.enum(TABLE_EXPORT_FORMATS);

const Column = z.string().min(1);
/** Generic CSV: which column holds which field. */
export const ColumnMapping = z.object({
  start: Column,
  end: Column,
  label: Column,
  score: Column.optional(),
  low_hz: Column.optional(),
  high_hz: Column.optional(),
  file: Column.optional(),
});
export type ColumnMapping = z.infer<typeof ColumnMapping>;
export const MAPPING_FIELDS = ['start', 'end', 'label', 'score', 'low_hz', 'high_hz', 'file'] as const;

export const TablePreview = z.object({
  path: z.string(),
  format: ImportFormat,
  variant: z.string(),
  encoding: z.string(),
  header: z.array(z.string()),
  /** The first rows as the file holds them. */
  rows: z.array(z.array(z.string())),
  suggested_mapping: ColumnMapping.partial(),
});
export type TablePreview = z.infer<typeof TablePreview>;

export const UnmatchedRow = z.object({ line: z.number().int(), file: z.string().nullable(), reason: z.string() });

export const ImportFileReport = z.object({
  path: z.string(),
  format: ImportFormat.nullable(),
  variant: z.string().nullable(),
  rows: z.number().int(),
  matched: z.number().int(),
  /** Rows not imported, each with its line and why: never dropped silently. */
  unmatched: z.array(UnmatchedRow),
  predictions: z.number().int(),
  annotations: z.number().int(),
  verdicts: z.number().int(),
  run_id: z.number().int().nullable(),
  import_id: z.number().int().nullable(),
  recordings: z.number().int(),
  /** The file could not be imported; nothing of it was stored. */
  error: z.string().nullable(),
});
export type ImportFileReport = z.infer<typeof ImportFileReport>;

const ExportStatus = z.enum(['positive', 'negative', 'uncertain', 'unreviewed']);
const ExportSource = z.enum(['model', 'human', 'import']);

export const AppliedFilter = z.object({
  labels: z.union([z.array(z.string()), z.literal('all')]),
  statuses: z.union([z.array(ExportStatus), z.literal('all')]),
  sources: z.union([z.array(ExportSource), z.literal('all')]),
  run_id: z.number().int().nullable(),
  reviewer: z.string().nullable(),
  thresholds: z.union([z.array(z.object({ model_id: z.string(), label: z.string(), threshold: z.number() })), z.literal('none')]),
});

export const TableExportResult = z.object({ files: z.array(z.string()), rows: z.number().int(), applied: AppliedFilter });

export const PastImport = z.object({
  id: z.number().int(),
  format: z.string(),
  path: z.string(),
  imported_at: z.string(),
  run_id: z.number().int().nullable(),
  rows: z.number().int(),
  matched: z.number().int(),
  unmatched: z.number().int(),
  recordings: z.number().int(),
});
export type PastImport = z.infer<typeof PastImport>;

export const exchangeCalls = {
  /** Detects a table's format and shows its header, first rows and a suggested column mapping. */
  'exchange.preview': {
    input: z.object({ path: z.string().min(1), format: ImportFormatChoice.optional() }),
    output: TablePreview,
  },
  /** Imports tables, each file in one transaction; returns a report per file. */
  'exchange.import': {
    input: z.object({ paths: z.array(z.string().min(1)).min(1), format: ImportFormatChoice.default('auto'), mapping: ColumnMapping.optional() }),
    output: z.object({ files: z.array(ImportFileReport) }),
  },
  'exchange.export': {
    input: z.object({
      format: TableExportFormat,
      out_dir: z.string().min(1),
      labels: z.array(z.string()).optional(),
      statuses: z.array(ExportStatus).optional(),
      sources: z.array(ExportSource).optional(),
      run_id: z.number().int().positive().optional(),
      reviewer: z.string().optional(),
      apply_thresholds: z.boolean().optional(),
    }),
    output: TableExportResult,
  },
  'exchange.imports': { input: z.object({}).strict(), output: z.array(PastImport) },
} as const;
