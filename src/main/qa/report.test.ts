import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../../test/helpers/temp-dir';
import { QaReport, QaRequest, type LabelReport, type RunReport } from '../../shared/qa';
import { buildQaReport } from './report';
import { buildQaFixture } from './testing';

const temp = useTempDir();

let files = 0;

function report(input: Partial<QaRequest> = {}) {
  const path = join(temp(), `qa-${++files}.earmark`);
  const f = buildQaFixture(path);
  const request = QaRequest.parse({ bins: 2, ...input, run_id: input.run_id ?? f.run });
  const r = QaReport.parse(buildQaReport(f.db, path, request));
  const run = r.runs[0];
  const label = (name: string) => run.labels.find((l) => l.label === name) as LabelReport;
  return { f, r, run, label };
}

describe('buildQaReport on a real project file', () => {
  it('counts and precision: stratified by score bin, naive with Wilson', () => {
    const { run, label } = report();
    const bird = label('bird');
    // bird: bin 1 (>= .5) has 8 detections (6 on B + .95, .55 on A), bin 0 has 5.
    // latest verdicts: bin 1: .9 +, .85 + (ann after bob's -), .8 -, .95 +  -> 3 right of 4
    //                  bin 0: .4 +, .3 relabelled to frog, .2 -, .1 uncertain -> 1 right of 3
    expect(bird.counts).toEqual({ detections: 13, reviewed: 8, positive: 4, negative: 2, uncertain: 1, relabelled: 1 });
    expect(bird.bins.map((b) => [b.detections, b.positive, b.negative, b.relabelled, b.uncertain])).toEqual([
      [5, 1, 1, 1, 1],
      [8, 3, 1, 0, 0],
    ]);
    // P = 8/13·3/4 + 5/13·1/3 = 6/13 + 5/39 = 23/39 = 0.589744
    // Var = (8/13)²·(.75·.25/3)·(1 - 4/8) + (5/13)²·((1/3)(2/3)/2)·(1 - 3/5) = 2/169 + (10/9)/169 = 28/1521
    // se = sqrt(28/1521) = 0.135679
    expect(bird.stratified.value).toBeCloseTo(23 / 39, 10);
    expect(bird.stratified.se).toBeCloseTo(0.135679, 5);
    expect(bird.stratified.coverage).toBe(1);
    // naive: 4 right of 7 judged
    expect(bird.naive.value).toBeCloseTo(4 / 7, 10);
    expect(bird.naive.judged).toBe(7);
    // threshold 0.5: bin 1 alone: 3/4, se = sqrt(.75·.25/3·.5) = 0.176777
    expect(bird.by_threshold.map((t) => t.threshold)).toEqual([0, 0.5]);
    expect(bird.by_threshold[1].value).toBeCloseTo(0.75, 10);
    expect(bird.by_threshold[1].detections).toBe(8);
    expect(0.75 - bird.by_threshold[1].lo!).toBeCloseTo(1.959964 * 0.176777, 4);
    expect(bird.by_threshold[1].hi).toBe(1);
    // frog has no verdicts at all: no estimate, both bins reported as unreviewed
    expect(label('frog').stratified.value).toBeNull();
    expect(label('frog').stratified.bins_without_reviews).toEqual([0, 1]);
    // overall: strata label × bin; cricket: 2/8 and 6/8 judged completely (fpc 0)
    // judged population: bird 13, cricket 16 (frog's 3 excluded -> coverage 29/32)
    // P = 8/29·.75 + 5/29·(1/3) + 8/29·.25 + 8/29·.75 = (6 + 5/3 + 2 + 6)/29 = (47/3)/29 = 0.540230
    expect(run.overall.stratified.value).toBeCloseTo(47 / 87, 10);
    expect(run.overall.stratified.coverage).toBeCloseTo(29 / 32, 10);
    expect(run.overall.counts.detections).toBe(32);
  });

  it('ground truth: fully annotated human boxes and imported tables, one-to-one IoU matching', () => {
    const { run, label } = report();
    // A (fully annotated): 3 bird boxes; C (import): 1 frog row (+1 dog row, a label the run never detected)
    expect(run.reference).toEqual({ recordings: 2, fully_annotated: 1, imported: 1, annotations: 4 });
    expect(run.notes.join(' ')).toContain('(dog)');
    const bird = label('bird').ground_truth!;
    // ranked on A: .95 hit [0,3], .55 miss, .45 hit [20,23]; [40,43] never found
    // curve: (1, 1/3), (1/2, 1/3), (2/3, 2/3); AP = 1/3·1 + 1/3·(2/3) = 5/9
    expect(bird).toMatchObject({ reference: 3, detections: 3, matched: 2 });
    expect(bird.average_precision).toBeCloseTo(5 / 9, 10);
    // t = .5: tp 1 fp 1 fn 2 -> p .5, r 1/3, F1 = 2·.5·(1/3)/(.5 + 1/3) = 0.4
    expect(bird.by_threshold[1]).toMatchObject({ tp: 1, fp: 1, fn: 2 });
    expect(bird.by_threshold[1].f1).toBeCloseTo(0.4, 10);
    const frog = label('frog').ground_truth!;
    // .8 on A (no frog reference there) miss, .7 on C IoU 2.5/3.5 hit, .3 miss -> AP = 1·.5 = .5
    expect(frog).toMatchObject({ reference: 1, detections: 3, matched: 1 });
    expect(frog.average_precision).toBeCloseTo(0.5, 10);
    expect(frog.best_f1).toMatchObject({ threshold: 0.7, tp: 1, fp: 1, fn: 0 });
    // micro at t = 0: bird tp 2 fp 1 fn 1 + frog tp 1 fp 2 fn 0; mAP = (5/9 + 1/2)/2
    expect(run.overall.ground_truth!.by_threshold[0]).toMatchObject({ tp: 3, fp: 3, fn: 1, precision: 0.5, recall: 0.75 });
    expect(run.overall.ground_truth!.mean_average_precision).toBeCloseTo((5 / 9 + 0.5) / 2, 10);
    // cricket is only on B: no reference annotations, no AP
    expect(label('cricket').ground_truth).toMatchObject({ reference: 0, detections: 0, average_precision: null });
  });

  it('onset matching uses the tolerance', () => {
    // frog .7 starts 0.5 s after its reference
    expect(report({ match: { mode: 'onset', iou: 0.5, tolerance_s: 0.2 } }).label('frog').ground_truth!.matched).toBe(0);
    expect(report({ match: { mode: 'onset', iou: 0.5, tolerance_s: 1 } }).label('frog').ground_truth!.matched).toBe(1);
  });

  it('calibration: fitted where there are enough verdicts, "not enough reviews" with counts elsewhere', () => {
    const { label } = report();
    // cricket: a + .2b = logit(2/8) = -ln3, a + .6b = logit(6/8) = ln3 -> b = 5 ln3, a = -2 ln3
    // score for p: (logit p + 2 ln3) / (5 ln3): .9 -> 4/5; .95 -> (ln19 + 2 ln3)/(5 ln3) = 0.936029; .99 -> 1.23653 (out of reach)
    const c = label('cricket').calibration;
    expect(c.status).toBe('ok');
    expect(c.slope).toBeCloseTo(5 * Math.log(3), 6);
    expect(c.intercept).toBeCloseTo(-2 * Math.log(3), 6);
    expect(c.thresholds[0]).toMatchObject({ probability: 0.9, reachable: true });
    expect(c.thresholds[0].score).toBeCloseTo(0.8, 6);
    expect(c.thresholds[1].score).toBeCloseTo(0.936029, 5);
    expect(c.thresholds[2]).toEqual({ probability: 0.99, score: null, reachable: false });
    expect(c.bins.map((b) => [b.n, b.observed])).toEqual([
      [8, 0.25],
      [8, 0.75],
    ]);
    const bird = label('bird').calibration;
    expect(bird.status).toBe('not_enough_reviews');
    expect(bird.message).toContain('4 correct and 3 wrong');
    expect(bird.curve).toEqual([]);
  });

  it('confusion from relabels and Cohen\'s kappa between reviewers', () => {
    const { run } = report();
    const cell = (p: string, a: string) => run.confusion.find((c) => c.predicted === p && c.actual === a)?.count;
    expect(cell('bird', 'bird')).toBe(4);
    expect(cell('bird', 'none')).toBe(2);
    expect(cell('bird', 'frog')).toBe(1);
    // ann & bob share 4: (+,+) (+,-) (-,-) (frog,frog): p_o = 3/4
    // ann: +bird 2, - 1, frog 1; bob: +bird 1, - 2, frog 1 -> p_e = 2/16 + 2/16 + 1/16 = 5/16
    // kappa = (3/4 - 5/16)/(11/16) = 7/11 = 0.636364
    expect(run.agreement).toHaveLength(1);
    expect(run.agreement[0]).toMatchObject({ reviewer_a: 'ann', reviewer_b: 'bob', n: 4 });
    expect(run.agreement[0].kappa).toBeCloseTo(7 / 11, 10);
    expect(run.notes.join(' ')).toContain('1 detection(s) have verdicts that disagree');
  });

  it('time of day on the recorder\'s clock, unknown without a start time, saved thresholds applied', () => {
    const { label } = report();
    const bird = label('bird').time;
    // A starts 05:30:00: bird at 0, 10, 20 s -> hour 5 of 2024-05-01; 10 on B (no start time) -> unknown
    expect(bird.by_hour[5].count).toBe(3);
    expect(bird.by_hour.reduce((n, h) => n + h.count, 0)).toBe(3);
    expect(bird.by_date).toEqual([{ date: '2024-05-01', count: 3 }]);
    expect(bird.unknown_time).toBe(10);
    expect(bird.threshold).toBeNull();
    // frog, threshold 0.5: .8 on A at 05:30:50; .7 on C at 23:59:05.5 local (+02:00 kept local); .3 left out
    const frog = label('frog').time;
    expect(frog.threshold).toBe(0.5);
    expect(frog.by_hour.filter((h) => h.count).map((h) => [h.hour, h.count])).toEqual([
      [5, 1],
      [23, 1],
    ]);
    expect(frog.by_date).toEqual([
      { date: '2024-05-01', count: 1 },
      { date: '2024-05-02', count: 1 },
    ]);
  });

  it('every run when none is named; an unknown run is NOT_FOUND', () => {
    const path = join(temp(), 'all.earmark');
    const f = buildQaFixture(path);
    const all = buildQaReport(f.db, path, QaRequest.parse({}));
    expect(all.runs.map((r: RunReport) => r.run_id)).toEqual([f.run, f.run2]);
    expect(all.runs[1].labels.map((l) => l.counts.detections)).toEqual([2]);
    expect(all.runs[1].reference.recordings).toBe(0);
    expect(all.runs[1].labels[0].ground_truth).toBeNull();
    expect(() => buildQaReport(f.db, path, QaRequest.parse({ run_id: 99 }))).toThrow(/No run with id 99/);
  });
});
