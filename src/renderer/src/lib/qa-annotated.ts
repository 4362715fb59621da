import type { Recording } from '../../../shared/domain';
import { call } from './api';
import type { RecordingsState } from './recordings-state.svelte';

// "Fully annotated" recordings (issue 6): a person has marked every event in them, so their human
// annotations are ground truth and QA can measure recall there.

/** `all` with the rows in `updated` replaced by id; order and the other rows kept as they are. */
export function mergeRecordings(all: readonly Recording[], updated: readonly Recording[]): Recording[] {
  const byId = new Map(updated.map((r) => [r.id, r]));
  return all.map((r) => byId.get(r.id) ?? r);
}

/** Marks or unmarks `ids` and puts the stored rows back into the table's state. */
export async function setFullyAnnotated(rs: RecordingsState, ids: number[], value: boolean): Promise<void> {
  if (ids.length === 0) return;
  const res = await call('recordings.setFullyAnnotated', { ids, value });
  if (res.ok) {
    rs.all = mergeRecordings(rs.all, res.value);
    rs.error = null;
  } else rs.error = res.message;
}
