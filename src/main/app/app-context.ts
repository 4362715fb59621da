import { resolve } from 'node:path';
import { EarmarkError } from '../../shared/errors';
import { EventBus } from './event-bus';
import { Project } from './project';
import { RecentProjects } from './recent-projects';
import { RunManager } from '../runs/run-manager';

export type HostKind = 'electron' | 'web';

/**
 * Everything a handler may touch: the open project (one at a time per host), the event bus and
 * per-user state. Both hosts and the CLI create one; handlers never know which transport called them.
 */
export class AppContext {
  readonly events = new EventBus();
  readonly recent: RecentProjects;
  private current: Project | null = null;
  private manager: RunManager | null = null;

  constructor(
    readonly host: HostKind,
    options: { recent?: RecentProjects } = {},
  ) {
    this.recent = options.recent ?? new RecentProjects();
  }

  get project(): Project | null {
    return this.current;
  }

  requireProject(): Project {
    if (!this.current) throw new EarmarkError('NO_PROJECT', 'No project is open: create or open one first');
    return this.current;
  }

  /** Model runs of the open project (one manager, one inference pool, per project). */
  get runs(): RunManager {
    const project = this.requireProject();
    this.manager ??= new RunManager(project, (progress) => this.events.emit('run.progress', progress));
    return this.manager;
  }

  async openProject(path: string, options: { create?: boolean } = {}): Promise<Project> {
    const absolute = resolve(path);
    const project = Project.open(absolute, options); // throws before we drop the current project
    await this.closeProject();
    this.current = project;
    project.spectrogram.onCacheState((state) => this.events.emit('spectrogram.cache', state));
    this.recent.touch(absolute);
    return project;
  }

  async closeProject(): Promise<void> {
    const project = this.current;
    const manager = this.manager;
    this.current = null;
    this.manager = null;
    await manager?.close();
    await project?.close();
  }
}
