import type { Recording } from '../../../shared/domain';
import { DATASET_SPLITS, type DatasetCount, type DatasetOptions, type DatasetPlanSummary, type DatasetSplit } from '../../../shared/contract-dataset';
import type { Project } from '../../app/project';
import { selectForExport, type AppliedFilter, type ExportFilter, type ExportItem, type ExportStatus } from '../export-selection';
import { clipWindow } from './clip-window';
import { sanitise } from './clip-name';
import { assignSplits, groupKey } from './splits';

// Step 1 of a training-set export: which clips, of which class, in which split — all decided and
// counted before a byte is written, so the dialog and `dataset.plan` can show it (issue 5).

export interface PlannedClip {
  item: ExportItem;
  recording: Recording;
  /** The class folder: the final label, or the negatives class for rejected detections. */
  label: string;
  split: DatasetSplit;
  group: string;
  start_s: number;
  end_s: number;
}

export interface DatasetPlan {
  options: DatasetOptions;
  /** In recording, then time order: the writer opens each recording once. */
  clips: PlannedClip[];
  applied: AppliedFilter;
  summary: DatasetPlanSummary;
}

export function exportFilter(options: DatasetOptions): ExportFilter {
  // --negatives always means rejected detections are wanted, whatever statuses were listed.
  const base: ExportStatus[] = options.statuses ?? ['positive'];
  const statuses: ExportStatus[] = options.negatives && !base.includes('negative') ? [...base, 'negative'] : base;
  return {
    labels: options.labels,
    statuses,
    runId: options.run_id,
    reviewer: options.reviewer,
    applyThresholds: options.apply_thresholds,
  };
}

export function planDataset(project: Project, options: DatasetOptions): DatasetPlan {
  const selection = selectForExport(project, exportFilter(options));
  const warnings: string[] = [];
  const clips: Omit<PlannedClip, 'split'>[] = [];
  let skippedNegatives = 0;
  let unusable = 0;
  let noChannel = 0;
  const unknownGroup = new Set<number>();

  for (const item of selection.items()) {
    const recording = item.recording;
    if (recording.status !== 'ok') {
      unusable++;
      continue;
    }
    if (typeof options.channel === 'number' && (recording.channels ?? 1) <= options.channel) {
      noChannel++;
      continue;
    }
    if (item.status === 'negative' && !options.negatives) {
      skippedNegatives++; // a rejected detection is never a positive example of its label
      continue;
    }
    const window = clipWindow(item.start_s, item.end_s, recording.duration_s, options);
    if (window.end_s - window.start_s < 0.001) continue;
    const { key, known } = groupKey(recording, options.split_by);
    if (!known) unknownGroup.add(recording.id);
    clips.push({
      item,
      recording,
      label: item.status === 'negative' ? options.negatives_label : item.label,
      group: key,
      start_s: window.start_s,
      end_s: window.end_s,
    });
  }

  const sizes = new Map<string, number>();
  for (const c of clips) sizes.set(c.group, (sizes.get(c.group) ?? 0) + 1);
  const splitOf = assignSplits(sizes, options.fractions, options.seed);
  const planned: PlannedClip[] = clips
    .map((c) => ({ ...c, split: splitOf.get(c.group)! }))
    .sort((a, b) => a.recording.id - b.recording.id || a.start_s - b.start_s || a.item.id - b.item.id);

  if (unusable) warnings.push(`${unusable} item(s) skipped: their recording is missing or unreadable`);
  if (noChannel) warnings.push(`${noChannel} item(s) skipped: their recording has no channel ${options.channel} (channels count from 0)`);
  if (skippedNegatives) warnings.push(`${skippedNegatives} rejected detection(s) skipped: turn on negatives to export them as "${options.negatives_label}"`);
  if (unknownGroup.size && options.split_by !== 'recording') {
    const what = options.split_by === 'site' ? 'no site' : 'no start time';
    warnings.push(`${unknownGroup.size} recording(s) have ${what}: each is its own group`);
  }
  const summary = summarise(planned, splitOf, options, warnings);
  return { options, clips: planned, applied: selection.applied(), summary };
}

function summarise(clips: PlannedClip[], splitOf: Map<string, DatasetSplit>, options: DatasetOptions, warnings: string[]): DatasetPlanSummary {
  const counts = new Map<string, DatasetCount>();
  const splitsPerLabel = new Map<string, Set<DatasetSplit>>();
  let totalS = 0;
  for (const c of clips) {
    const key = `${c.split}\u0000${c.label}`;
    const row = counts.get(key) ?? { split: c.split, label: c.label, clips: 0, seconds: 0 };
    row.clips++;
    row.seconds += c.end_s - c.start_s;
    counts.set(key, row);
    totalS += c.end_s - c.start_s;
    if (!splitsPerLabel.has(c.label)) splitsPerLabel.set(c.label, new Set());
    splitsPerLabel.get(c.label)!.add(c.split);
  }
  const labels = [...splitsPerLabel.keys()].sort((a, b) => a.localeCompare(b));
  const groups = { train: 0, validation: 0, test: 0 };
  for (const split of splitOf.values()) groups[split]++;

  const wanted = DATASET_SPLITS.filter((_, i) => options.fractions[i] > 0);
  if (clips.length === 0) warnings.push('Nothing to export: no detection or annotation matches the filter');
  else {
    for (const split of wanted) if (groups[split] === 0) warnings.push(`The ${split} split is empty: too few ${options.split_by === 'recording' ? 'recordings' : options.split_by + 's'} to fill it`);
    for (const label of labels) {
      const splits = splitsPerLabel.get(label)!;
      if (wanted.length > 1 && splits.size === 1) warnings.push(`"${label}" has clips only in ${[...splits][0]}`);
    }
  }
  const folders = new Map<string, string>();
  for (const label of labels) {
    const folder = sanitise(label).toLowerCase();
    if (folders.has(folder)) warnings.push(`"${label}" and "${folders.get(folder)}" share the folder name ${sanitise(label)}`);
    else folders.set(folder, label);
  }
  const order = (s: DatasetSplit) => DATASET_SPLITS.indexOf(s);
  return {
    total_clips: clips.length,
    total_s: Math.round(totalS * 1000) / 1000,
    counts: [...counts.values()]
      .map((r) => ({ ...r, seconds: Math.round(r.seconds * 1000) / 1000 }))
      .sort((a, b) => order(a.split) - order(b.split) || a.label.localeCompare(b.label)),
    groups,
    labels,
    warnings,
  };
}
