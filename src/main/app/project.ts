import { basename, extname } from 'node:path';
import { SpectrogramService } from '../audio/spectrogram/service';
import { openProjectDatabase, type Db } from '../store/connection';
import { LabelsRepo } from '../store/labels-repo';
import { LATEST_SCHEMA_VERSION } from '../store/migrations';
import { RecordingsRepo } from '../store/recordings-repo';
import { RunsRepo } from '../store/runs-repo';
import { ThresholdsRepo } from '../store/thresholds-repo';
import type { ProjectInfo } from '../../shared/domain';
import { EarmarkError } from '../../shared/errors';

/** An open project: its database, repositories and the caches that live beside it. */
export class Project {
  readonly recordings: RecordingsRepo;
  readonly labels: LabelsRepo;
  readonly runs: RunsRepo;
  readonly thresholds: ThresholdsRepo;
  private spectrogramService: SpectrogramService | null = null;

  private constructor(
    readonly path: string,
    readonly db: Db,
  ) {
    this.recordings = new RecordingsRepo(db);
    this.labels = new LabelsRepo(db);
    this.runs = new RunsRepo(db);
    this.thresholds = new ThresholdsRepo(db);
  }

  static open(path: string, options: { create?: boolean } = {}): Project {
    return new Project(path, openProjectDatabase(path, options));
  }

  get name(): string {
    return basename(this.path, extname(this.path));
  }

  /** Peaks and spectrogram tiles are cached beside the project, keyed by content fingerprint. */
  get cacheDir(): string {
    return `${this.path}.cache`;
  }

  get spectrogram(): SpectrogramService {
    this.spectrogramService ??= new SpectrogramService({ cacheDir: this.cacheDir });
    return this.spectrogramService;
  }

  recordingRef(id: number) {
    const recording = this.recordings.get(id);
    if (!recording) throw new EarmarkError('NOT_FOUND', `No recording with id ${id}`);
    if (recording.status === 'error') throw new EarmarkError('BROKEN_AUDIO', `${recording.name}: ${recording.error}`);
    return { id: recording.id, path: recording.path, fingerprint: recording.fingerprint };
  }

  info(): ProjectInfo {
    return { path: this.path, name: this.name, schema_version: LATEST_SCHEMA_VERSION, recordings: this.recordings.count() };
  }

  async close(): Promise<void> {
    await this.spectrogramService?.close();
    this.db.close();
  }
}
