import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, dirname, relative, sep } from 'node:path';
import type { ImportProgress, ImportSummary } from '../../shared/domain';
import { EarmarkError } from '../../shared/errors';
import { fingerprint } from '../audio/fingerprint';
import { probeRecording, type ProbeResult } from '../audio/metadata/probe';
import type { Db } from '../store/connection';
import type { NewRecording, RecordingsRepo } from '../store/recordings-repo';
import { collectImportCandidates, describeFsError, type ImportCandidate } from './walk';

// Import reads headers only (issue 2): 1,000 files must import in seconds, so probes run a few at a
// time and rows are written in batched transactions.
const PROBE_CONCURRENCY = 8;
const BATCH = 200;

export interface ImportOptions {
  onProgress?: (progress: ImportProgress) => void;
  signal?: AbortSignal;
}

type Outcome =
  | { kind: 'probed'; candidate: ImportCandidate; probe: ProbeResult }
  | { kind: 'broken'; candidate: ImportCandidate; reason: string; fingerprint: string | null; size: number };

export async function importRecordings(
  db: Db,
  repo: RecordingsRepo,
  paths: string[],
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const started = performance.now();
  const { candidates, unreachable } = await collectImportCandidates(paths);
  const summary: ImportSummary = { total: candidates.length + unreachable.length, imported: 0, unchanged: 0, relinked: 0, failed: [...unreachable], seconds: 0 };
  let done = unreachable.length;
  const report = (current: string) =>
    options.onProgress?.({ done, total: summary.total, current, failed: summary.failed.length });
  report('');

  const pending: Outcome[] = [];
  const flush = db.transaction((outcomes: Outcome[]) => {
    for (const outcome of outcomes) store(repo, outcome, summary);
  });

  let next = 0;
  const worker = async () => {
    while (next < candidates.length) {
      if (options.signal?.aborted) return;
      const candidate = candidates[next++];
      pending.push(await examine(candidate));
      done++;
      if (pending.length >= BATCH) flush(pending.splice(0));
      report(candidate.path);
    }
  };
  await Promise.all(Array.from({ length: PROBE_CONCURRENCY }, worker));
  flush(pending.splice(0));
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}

async function examine(candidate: ImportCandidate): Promise<Outcome> {
  try {
    return { kind: 'probed', candidate, probe: await probeRecording(candidate.path) };
  } catch (error) {
    const reason = error instanceof EarmarkError ? error.message : `unexpected error: ${(error as Error).message}`;
    let size = 0;
    let print: string | null = null;
    try {
      size = (await stat(candidate.path)).size;
      print = await fingerprint(candidate.path, size);
    } catch (fsError) {
      return { kind: 'broken', candidate, reason: reason || describeFsError(fsError), fingerprint: null, size };
    }
    return { kind: 'broken', candidate, reason, fingerprint: print, size };
  }
}

function store(repo: RecordingsRepo, outcome: Outcome, summary: ImportSummary): void {
  const { path } = outcome.candidate;
  const now = new Date().toISOString();
  const existing = repo.findByPath(path);

  if (outcome.kind === 'broken') {
    summary.failed.push({ path, reason: outcome.reason });
    // A file we cannot read is still listed (status error) so the user sees it in the table; a path
    // with no readable bytes at all leaves no row behind.
    if (outcome.fingerprint === null) return;
    const row = brokenRow(outcome.candidate, outcome.reason, outcome.fingerprint, outcome.size);
    if (existing) repo.update(existing.id, { ...row, site: existing.site ?? row.site });
    else repo.insert(row, now);
    return;
  }

  const row = probedRow(outcome.candidate, outcome.probe);
  if (existing) {
    if (existing.fingerprint === row.fingerprint && existing.status === 'ok') summary.unchanged++;
    else {
      repo.update(existing.id, row); // the file at this path changed or was repaired
      summary.imported++;
    }
    return;
  }

  // Same content elsewhere in the project: a moved/renamed file is relinked (labels stay attached);
  // a second copy of a file that is still where it was is not imported twice.
  const twins = repo.findByFingerprint(row.fingerprint);
  const moved = twins.find((twin) => !existsSync(twin.path));
  if (moved) {
    repo.relink(moved.id, path, row.name);
    summary.relinked++;
  } else if (twins.length) {
    summary.unchanged++;
  } else {
    repo.insert(row, now);
    summary.imported++;
  }
}

function probedRow(candidate: ImportCandidate, probe: ProbeResult): NewRecording {
  return {
    path: candidate.path,
    name: basename(candidate.path),
    fingerprint: probe.fingerprint,
    format: probe.format,
    duration_s: probe.duration_s,
    sample_rate: probe.sample_rate,
    channels: probe.channels,
    bit_depth: probe.bit_depth,
    size_bytes: probe.size_bytes,
    start_time: probe.start_time,
    start_time_source: probe.start_time_source,
    site: probe.site ?? siteFromFolder(candidate),
    status: 'ok',
    error: null,
    metadata: probe.metadata,
  };
}

function brokenRow(candidate: ImportCandidate, reason: string, print: string, size: number): NewRecording {
  return {
    path: candidate.path,
    name: basename(candidate.path),
    fingerprint: print,
    format: null,
    duration_s: null,
    sample_rate: null,
    channels: null,
    bit_depth: null,
    size_bytes: size,
    start_time: null,
    start_time_source: null,
    site: siteFromFolder(candidate),
    status: 'error',
    error: reason,
    metadata: {},
  };
}

/**
 * Recorder deployments are usually laid out as <chosen folder>/<site>/.../file: the first folder below
 * the one the user picked names the site. Files directly in the chosen folder have no site.
 */
function siteFromFolder(candidate: ImportCandidate): string | null {
  if (!candidate.root) return null;
  const rel = relative(candidate.root, dirname(candidate.path));
  if (!rel || rel.startsWith('..')) return null;
  return rel.split(sep)[0] || null;
}
