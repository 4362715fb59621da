import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { EarmarkError } from '../../shared/errors';

// Export files are written under a temporary name and renamed when complete, so an interrupted
// export (crash, full disk, cancel) never leaves a complete-looking file (issue 5).

const FLUSH_BYTES = 1 << 20;

export class AtomicFile {
  private chunks: string[] = [];
  private pending = 0;
  private constructor(
    readonly path: string,
    private readonly temp: string,
    private readonly handle: FileHandle,
  ) {}

  static async create(path: string): Promise<AtomicFile> {
    const temp = join(dirname(path), `.${basename(path)}.partial-${process.pid}-${Date.now()}`);
    try {
      return new AtomicFile(path, temp, await open(temp, 'w'));
    } catch (error) {
      throw new EarmarkError('IO', `Cannot write ${path}: ${(error as Error).message}`);
    }
  }

  async write(text: string): Promise<void> {
    this.chunks.push(text);
    this.pending += text.length;
    if (this.pending >= FLUSH_BYTES) await this.flush();
  }

  /** Flushes, syncs and renames into place: only now does the file exist under its name. */
  async commit(): Promise<void> {
    try {
      await this.flush();
      await this.handle.sync();
      await this.handle.close();
      await rename(this.temp, this.path);
    } catch (error) {
      await this.abort();
      throw new EarmarkError('IO', `Cannot write ${this.path}: ${(error as Error).message}`);
    }
  }

  async abort(): Promise<void> {
    await this.handle.close().catch(() => undefined);
    await rm(this.temp, { force: true });
  }

  private async flush(): Promise<void> {
    if (!this.chunks.length) return;
    const text = this.chunks.join('');
    this.chunks = [];
    this.pending = 0;
    await this.handle.write(text, null, 'utf8');
  }
}

/** Writes a whole file atomically from a producer; the temp file goes if the producer throws. */
export async function writeAtomically(path: string, produce: (file: AtomicFile) => Promise<void>): Promise<void> {
  const file = await AtomicFile.create(path);
  try {
    await produce(file);
  } catch (error) {
    await file.abort();
    throw error;
  }
  await file.commit();
}
