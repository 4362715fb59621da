import { basename } from 'node:path';
import { EarmarkError } from '../../shared/errors';
import type { GroundTruth, LabelReport, QaReport, QaRequest, RunReport } from '../../shared/qa';
import type { Db } from '../store/connection';
import { QaRepo, type QaLabelRow, type QaRunRow } from '../store/qa-repo';
import { agreementOf, confusionOf } from './agreement';
import { calibrationOf } from './calibration';
import { groundTruthByLabel, overallGroundTruth } from './ground-truth';
import type { MatchRule } from './matching';
import { countsOf, labelBins, naiveOf, precisionOf } from './precision';
import { clockSeconds, emptyTimeCounts, timeCountsByLabel } from './time-counts';
import { disagreements, latestVerdicts, type JudgedDetection } from './verdicts';

// The QA report of a model's output (issue 6): one section per run, per label and overall.

export function buildQaReport(db: Db, projectPath: string, request: QaRequest): QaReport {
  const repo = new QaRepo(db);
  const runs = repo.runs(request.run_id);
  if (request.run_id !== undefined && !runs.length) throw new EarmarkError('NOT_FOUND', `No run with id ${request.run_id} in ${basename(projectPath)}`);
  const labels = new Map(repo.labels().map((l) => [l.id, l]));
  // One snapshot: a verdict committed while the report is built must not count in one section and not another.
  const build = db.transaction(() => {
    const clocks = new Map<number, number>();
    for (const r of repo.startTimes()) {
      const s = clockSeconds(r.start_time);
      if (s !== null) clocks.set(r.id, s);
    }
    return runs.map((run) => runReport(repo, run, labels, clocks, request));
  });
  return {
    generated_at: new Date().toISOString(),
    project: basename(projectPath),
    params: { match: request.match, bins: request.bins },
    runs: build(),
  };
}

function ruleOf(request: QaRequest): MatchRule {
  if (request.match.mode === 'overlap') return { mode: 'overlap' };
  return request.match.mode === 'iou' ? { mode: 'iou', iou: request.match.iou } : { mode: 'onset', tolerance_s: request.match.tolerance_s };
}

function runReport(repo: QaRepo, run: QaRunRow, labels: Map<number, QaLabelRow>, clocks: Map<number, number>, request: QaRequest): RunReport {
  const { bins } = request;
  const notes: string[] = [];
  const labelName = (id: number) => labels.get(id)?.name ?? `label ${id}`;

  const population = new Map<number, Map<number, number>>();
  for (const row of repo.binCounts(run.id, bins)) {
    let m = population.get(row.label_id);
    if (!m) population.set(row.label_id, (m = new Map()));
    m.set(row.bin, row.n);
  }
  const verdictRows = repo.verdicts(run.id);
  const judged = latestVerdicts(verdictRows);
  const judgedByLabel = new Map<number, JudgedDetection[]>();
  for (const j of judged) {
    const list = judgedByLabel.get(j.label_id);
    if (list) list.push(j);
    else judgedByLabel.set(j.label_id, [j]);
  }
  const disagreed = disagreements(verdictRows);
  if (disagreed) notes.push(`${disagreed} detection(s) have verdicts that disagree; rates use each detection's most recent verdict.`);

  const labelIds = [...population.keys()].sort((a, b) => labelName(a).localeCompare(labelName(b)));
  const gt = groundTruth(repo, run, labelIds, request, notes, labelName);
  const thresholds = repo.thresholds(run.model_id);
  const time = timeCountsByLabel(repo.hourCounts(run.id, clocks, thresholds), thresholds);

  const labelReports: LabelReport[] = labelIds.map((id) => {
    const labelJudged = judgedByLabel.get(id) ?? [];
    const scoreBins = labelBins(bins, population.get(id)!, labelJudged);
    const counts = countsOf(scoreBins);
    const label = labels.get(id);
    return {
      label_id: id,
      label: labelName(id),
      color: label?.color ?? '#888888',
      counts,
      ...precisionOf([scoreBins], bins),
      naive: naiveOf(counts),
      bins: scoreBins,
      ground_truth: gt?.byLabel.get(id) ?? null,
      calibration: calibrationOf(labelJudged, bins),
      time: time.get(id) ?? emptyTimeCounts(thresholds.get(id) ?? null),
    };
  });
  const unknown = labelReports.reduce((n, l) => n + l.time.unknown_time, 0);
  if (unknown) notes.push(`${unknown} detection(s) are on recordings without a start time: counted as unknown time, not placed on a clock.`);

  const allBins = labelReports.map((l) => l.bins);
  const overallCounts = countsOf(allBins.flat());
  return {
    run_id: run.id,
    model_id: run.model_id,
    created_at: run.created_at,
    overall: {
      counts: overallCounts,
      ...precisionOf(allBins, bins),
      naive: naiveOf(overallCounts),
      ground_truth: gt ? overallGroundTruth([...gt.byLabel.values()], bins) : null,
    },
    reference: gt?.summary ?? { recordings: 0, fully_annotated: 0, imported: 0, annotations: 0 },
    labels: labelReports,
    confusion: confusionOf(judged, labelName),
    agreement: agreementOf(verdictRows),
    notes,
  };
}

function groundTruth(repo: QaRepo, run: QaRunRow, labelIds: number[], request: QaRequest, notes: string[], labelName: (id: number) => string) {
  const recordings = repo.referenceRecordings(run.id);
  if (!recordings.length) return null;
  const ids = recordings.map((r) => r.id);
  const known = new Set(labelIds);
  const all = repo.references(ids);
  const references = all.filter((r) => known.has(r.label_id));
  const ignored = all.length - references.length;
  if (ignored) {
    const names = [...new Set(all.filter((r) => !known.has(r.label_id)).map((r) => labelName(r.label_id)))].slice(0, 10);
    notes.push(`${ignored} reference annotation(s) of labels this run never detected (${names.join(', ')}) are left out of recall.`);
  }
  const both = recordings.filter((r) => r.fully_annotated && r.imported).length;
  if (both) notes.push(`${both} recording(s) are both fully annotated and covered by an imported table: their human annotations are the reference.`);
  const byLabel: Map<number, GroundTruth> = groundTruthByLabel(repo.detections(run.id, ids), references, labelIds, ruleOf(request), request.bins);
  return {
    byLabel,
    summary: {
      recordings: recordings.length,
      fully_annotated: recordings.filter((r) => r.fully_annotated).length,
      imported: recordings.filter((r) => !r.fully_annotated && r.imported).length,
      annotations: references.length,
    },
  };
}
