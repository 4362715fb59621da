import type { ImportProgress, ImportSummary } from '../../../shared/domain';
import { call, subscribe } from './api';

/** One import at a time: live progress from `import.progress`, then the summary. */
export class ImportState {
  running = $state(false);
  progress = $state<ImportProgress | null>(null);
  summary = $state<ImportSummary | null>(null);
  error = $state<string | null>(null);

  get visible(): boolean {
    return this.running || this.summary !== null || this.error !== null;
  }

  async run(paths: string[], onDone: () => Promise<void> | void): Promise<void> {
    if (this.running || paths.length === 0) return;
    this.running = true;
    this.progress = { done: 0, total: 0, current: '', failed: 0 };
    this.summary = null;
    this.error = null;
    // Subscribe before calling, or the first events of a quick import are lost.
    const dispose = subscribe('import.progress', (p) => (this.progress = p));
    try {
      const res = await call('recordings.import', { paths });
      if (res.ok) this.summary = res.value;
      else this.error = res.message;
    } finally {
      dispose();
      this.running = false;
      await onDone();
    }
  }

  dismiss(): void {
    if (this.running) return;
    this.summary = null;
    this.error = null;
    this.progress = null;
  }
}
