import type { CallOutput } from '../../../shared/contract';
import type { ImportProgress, ProjectInfo, RecentProject, RunProgress } from '../../../shared/domain';
import { call, subscribe } from './api';

/** What the first opening of the demo project is doing: importing, then running each bundled model. */
export interface DemoBuild {
  importing: ImportProgress | null;
  run: RunProgress | null;
  /** Runs seen so far (the demo runs two models, one after the other). */
  runsSeen: number;
}

type AppInfo = CallOutput<'app.info'>;

/** Which project is open and which screen shows; the root of the renderer's state. */
export class AppState {
  info = $state<AppInfo | null>(null);
  project = $state<ProjectInfo | null>(null);
  recent = $state<RecentProject[]>([]);
  /** The recording shown in the recording view; null shows the table. */
  openRecordingId = $state<number | null>(null);
  error = $state<string | null>(null);
  busy = $state(false);
  /** Set while `project.openDemo` works; null otherwise. */
  demo = $state<DemoBuild | null>(null);

  screen = $derived(this.project === null ? 'start' : this.openRecordingId === null ? 'project' : 'recording');

  async init(): Promise<void> {
    const res = await call('app.info', {});
    if (!res.ok) {
      this.error = res.message;
      return;
    }
    this.info = res.value;
    this.project = res.value.project;
    if (!this.project) await this.loadRecent();
  }

  async loadRecent(): Promise<void> {
    const res = await call('project.recent', {});
    if (res.ok) this.recent = res.value;
    else this.error = res.message;
  }

  async open(path: string): Promise<boolean> {
    return this.enter(() => call('project.open', { path }));
  }

  /**
   * Opens the demo project; the first time the Node side builds it (import + both bundled models), so
   * its progress events are followed meanwhile.
   */
  async openDemo(): Promise<boolean> {
    const runIds: number[] = [];
    this.demo = { importing: null, run: null, runsSeen: 0 };
    // Subscribe before calling, or the first events are lost.
    const stops = [
      subscribe('import.progress', (p) => {
        if (this.demo) this.demo = { ...this.demo, importing: p };
      }),
      subscribe('run.progress', (p) => {
        if (!runIds.includes(p.run_id)) runIds.push(p.run_id);
        if (this.demo) this.demo = { ...this.demo, run: p, runsSeen: runIds.length };
      }),
    ];
    try {
      return await this.enter(() => call('project.openDemo', {}));
    } finally {
      for (const stop of stops) stop();
      this.demo = null;
    }
  }

  async create(path: string): Promise<boolean> {
    return this.enter(() => call('project.create', { path }));
  }

  async close(): Promise<void> {
    const res = await call('project.close', {});
    if (!res.ok) {
      this.error = res.message;
      return;
    }
    this.project = null;
    this.openRecordingId = null;
    await this.loadRecent();
  }

  /** Keeps the header's recording count current after an import. */
  setRecordingCount(n: number): void {
    if (this.project) this.project = { ...this.project, recordings: n };
  }

  private async enter(
    run: () => Promise<{ ok: true; value: ProjectInfo } | { ok: false; message: string }>,
  ): Promise<boolean> {
    this.busy = true;
    this.error = null;
    try {
      const res = await run();
      if (!res.ok) {
        this.error = res.message;
        return false;
      }
      this.project = res.value;
      this.openRecordingId = null;
      return true;
    } finally {
      this.busy = false;
    }
  }
}
