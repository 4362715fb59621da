import { resolve } from 'node:path';
import { EarmarkError } from '../../shared/errors';
import { EventBus } from './event-bus';
import { Project } from './project';
import { RecentProjects } from './recent-projects';

export type HostKind = 'electron' | 'web';

/**
 * Everything a handler may touch: the open project (one at a time per host), the event bus and
 * per-user state. Both hosts and the CLI create one; handlers never know which transport called them.
 */
export class AppContext {
  readonly events = new EventBus();
  readonly recent: RecentProjects;
  private current: Project | null = null;

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
    this.current = null;
    await project?.close();
  }
}
