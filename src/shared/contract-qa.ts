import { z } from 'zod';
import { QaReport, QaRequest } from './qa';

// QA of a model's output: precision, recall, calibration, agreement, plots (issue 6).
// Spread into `calls` in contract.ts; same conventions: domain.verb names, zod input and output.
export const qaCalls = {
  /** The QA report of one run (run_id) or of every run. */
  'qa.report': { input: QaRequest, output: QaReport },
  /** The same report as one self-contained HTML file (tables and inline SVG plots, no external URLs). */
  'qa.html': { input: QaRequest, output: z.object({ html: z.string(), file_name: z.string() }) },
  /** The same report as CSV: one table per section, told apart by the `section` column. */
  'qa.csv': { input: QaRequest, output: z.object({ csv: z.string(), file_name: z.string() }) },
} as const;
