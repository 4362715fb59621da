import { basename, extname } from 'node:path';
import type { QaRequest } from '../../shared/qa';

/** A file name for the exported report: project name, run (or all runs), extension. */
export function qaFileName(projectPath: string, request: Pick<QaRequest, 'run_id'>, ext: 'html' | 'csv' | 'json'): string {
  const stem = basename(projectPath, extname(projectPath)) || 'project';
  return `${stem}-qa-${request.run_id === undefined ? 'all-runs' : `run-${request.run_id}`}.${ext}`;
}
