import type { Recording } from '../../../shared/domain';
import { call } from './api';
import { applyQuery, type SortKey, type StatusFilter } from './recordings-query';

/** The project's recordings and the table's sort/search/filter. */
export class RecordingsState {
  all = $state.raw<Recording[]>([]);
  loading = $state(false);
  error = $state<string | null>(null);
  search = $state('');
  status = $state<StatusFilter>('all');
  sortKey = $state<SortKey>('name');
  sortDir = $state<'asc' | 'desc'>('asc');

  /** Where the table was scrolled, and which row was opened, so coming back lands in the same place. */
  scrollTop = 0;
  lastOpened: number | null = null;
  queryKey = '';

  rows = $derived(
    applyQuery(this.all, { search: this.search, status: this.status, sortKey: this.sortKey, sortDir: this.sortDir }),
  );

  async refresh(): Promise<void> {
    this.loading = true;
    try {
      const res = await call('recordings.list', {});
      if (res.ok) {
        this.all = res.value;
        this.error = null;
      } else {
        this.error = res.message;
      }
    } finally {
      this.loading = false;
    }
  }

  /** Click on a header: sort by it, or flip the direction when it already sorts. */
  sortBy(key: SortKey): void {
    if (this.sortKey === key) this.sortDir = this.sortDir === 'asc' ? 'desc' : 'asc';
    else {
      this.sortKey = key;
      this.sortDir = 'asc';
    }
  }

  byId(id: number): Recording | undefined {
    return this.all.find((r) => r.id === id);
  }
}
