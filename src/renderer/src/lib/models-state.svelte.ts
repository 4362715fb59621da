import type { ModelInfo } from '../../../shared/domain';
import { call } from './api';

/** The models this host can run: bundled ones and those a user added by manifest. */
export class ModelsState {
  list = $state.raw<ModelInfo[]>([]);
  loading = $state(false);
  error = $state<string | null>(null);

  async refresh(): Promise<void> {
    this.loading = true;
    try {
      const res = await call('models.list', {});
      if (res.ok) {
        this.list = res.value;
        this.error = null;
      } else this.error = res.message;
    } finally {
      this.loading = false;
    }
  }

  /** Validates and adds a model by its manifest; the error is the Node side's message, word for word. */
  async add(manifestPath: string): Promise<{ model: ModelInfo } | { error: string }> {
    const res = await call('models.add', { manifest_path: manifestPath });
    if (!res.ok) return { error: res.message };
    await this.refresh();
    return { model: res.value };
  }
}
