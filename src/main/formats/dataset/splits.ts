import seedrandom from 'seedrandom';
import type { Recording } from '../../../shared/domain';
import { DATASET_SPLITS, type DatasetSplit, type SplitBy } from '../../../shared/contract-dataset';

// Grouped, reproducible train/validation/test splits (issue 5). Every clip of a group goes to one
// split, so a recording (or site, or day) never feeds both training and evaluation.
//
// Groups: recording = the recording; site = recording.site; date = the calendar date of
// recording.start_time as the recorder wrote it (local date, no time-zone conversion, because a
// night's recordings belong together wherever the reader is). A recording with no site (or no start
// time) is its own group: we cannot tell which others share it, and lumping every unknown together
// would put them all in one split. The plan warns how many recordings that concerned.
//
// Assignment: groups are sorted by key, shuffled with seedrandom(seed), then each goes to the split
// furthest below its target share of clips (splits with fraction 0 get none). Same seed and same
// selection = same splits; counts land close to the fractions when there are enough groups.

export function groupKey(recording: Recording, by: SplitBy): { key: string; known: boolean } {
  if (by === 'site') {
    return recording.site ? { key: `site:${recording.site}`, known: true } : { key: `unknown-site:${recording.id}`, known: false };
  }
  if (by === 'date') {
    const date = /^\d{4}-\d{2}-\d{2}/.exec(recording.start_time ?? '')?.[0];
    return date ? { key: `date:${date}`, known: true } : { key: `unknown-date:${recording.id}`, known: false };
  }
  return { key: `recording:${recording.id}`, known: true };
}

/** Fisher-Yates with a seeded generator (deterministic across platforms and Node versions). */
function shuffle<T>(items: T[], seed: number): T[] {
  const random = seedrandom(`earmark-dataset-${seed}`);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Group key -> split, from the clip count of each group. */
export function assignSplits(
  groupSizes: Map<string, number>,
  fractions: readonly [number, number, number],
  seed: number,
): Map<string, DatasetSplit> {
  const keys = shuffle([...groupSizes.keys()].sort(), seed);
  const total = [...groupSizes.values()].reduce((a, b) => a + b, 0);
  const filled = [0, 0, 0];
  const out = new Map<string, DatasetSplit>();
  for (const key of keys) {
    let best = -1;
    let bestDeficit = -Infinity;
    for (let s = 0; s < 3; s++) {
      if (fractions[s] <= 0) continue;
      // Relative deficit so a small split is not starved by a big one's absolute gap.
      const deficit = (fractions[s] * total - filled[s]) / fractions[s];
      if (deficit > bestDeficit) {
        bestDeficit = deficit;
        best = s;
      }
    }
    filled[best] += groupSizes.get(key)!;
    out.set(key, DATASET_SPLITS[best]);
  }
  return out;
}
