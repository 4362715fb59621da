import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { EarmarkError } from '../../../shared/errors';

// An interrupted export never looks complete (issue 5): everything is written into
// `<out>.partial-<id>` beside the final folder, the manifest last, and only then renamed to <out>.
// A crash leaves a folder whose name says partial and that has no manifest; a cancel removes it.

export interface StagedFolder {
  /** Where the writer puts files now. */
  readonly staging: string;
  /** The folder the user asked for. */
  readonly out: string;
  /** Makes the export visible under its final name (replacing what --force allowed to replace). */
  commit(): Promise<void>;
  /** Removes the staging folder (cancel, failure). */
  discard(): Promise<void>;
}

/** Checks the destination before anything is cut; throws CONFLICT for a non-empty folder without force. */
export function checkOutputFolder(outDir: string, force: boolean): string {
  const out = resolve(outDir);
  if (!existsSync(out)) return out;
  if (!statSync(out).isDirectory()) throw new EarmarkError('CONFLICT', `${out} exists and is not a folder`);
  if (readdirSync(out).length > 0 && !force) {
    throw new EarmarkError('CONFLICT', `${out} is not empty: choose an empty or new folder, or replace it (--force)`);
  }
  return out;
}

export function stageOutputFolder(outDir: string, force: boolean, id = randomBytes(4).toString('hex')): StagedFolder {
  const out = checkOutputFolder(outDir, force);
  const staging = `${out}.partial-${id}`;
  try {
    mkdirSync(dirname(out), { recursive: true });
    mkdirSync(staging);
  } catch (error) {
    throw new EarmarkError('IO', `cannot create ${staging}: ${(error as Error).message}`);
  }
  return {
    staging,
    out,
    async commit() {
      checkOutputFolder(out, force); // someone may have filled it while we worked
      let old: string | null = null;
      if (existsSync(out)) {
        old = `${out}.replaced-${id}`;
        await rename(out, old);
      }
      await rename(staging, out);
      if (old) await rm(old, { recursive: true, force: true });
    },
    async discard() {
      await rm(staging, { recursive: true, force: true });
    },
  };
}
