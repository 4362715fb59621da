import { describe, expect, it } from 'vitest';
import { matchDetections, timeIou, type TimedDetection } from './matching';

const det = (start_s: number, end_s: number, score: number, label_id = 1, recording_id = 1): TimedDetection => ({
  recording_id,
  label_id,
  start_s,
  end_s,
  score,
});

describe('timeIou', () => {
  it('is intersection over union of the intervals', () => {
    // [3.5,5.5] vs [3,5]: intersection 1.5, union 2.5 -> 0.6
    expect(timeIou(3.5, 5.5, 3, 5)).toBeCloseTo(0.6, 12);
    expect(timeIou(0, 1, 1, 2)).toBe(0);
    expect(timeIou(0, 2, 0, 2)).toBe(1);
  });
});

describe('matchDetections', () => {
  const refs = [
    { recording_id: 1, label_id: 1, start_s: 0, end_s: 2 },
    { recording_id: 1, label_id: 1, start_s: 3, end_s: 5 },
    { recording_id: 1, label_id: 1, start_s: 10, end_s: 11 },
  ];

  it('matches one-to-one, greedy by score, same recording and label only', () => {
    const detections = [
      det(0, 2, 0.9), // IoU 1 with ref 0, but a higher-scoring detection takes ref 0 first
      det(0.5, 2, 0.95), // IoU 1.5/2 = 0.75 with ref 0 -> takes it
      det(3.5, 5.5, 0.7), // IoU 0.6 with ref 1 -> match
      det(10.8, 12, 0.6), // IoU with ref 2: 0.2 / 2 = 0.1 -> no
      det(10, 11, 0.99, 2), // label 2 has no reference
      det(3, 5, 0.5, 1, 2), // recording 2 has no reference
    ];
    const r = matchDetections(detections, refs, { mode: 'iou', iou: 0.5 });
    expect(r.matched).toBe(2);
    expect(r.ranked.map((x) => [x.detection.score, x.reference])).toEqual([
      [0.99, -1],
      [0.95, 0],
      [0.9, -1],
      [0.7, 1],
      [0.6, -1],
      [0.5, -1],
    ]);
  });

  it('an IoU exactly at the threshold matches; a stricter threshold does not', () => {
    // [0,1] vs [0,2]: IoU 0.5
    expect(matchDetections([det(0, 1, 0.5)], refs, { mode: 'iou', iou: 0.5 }).matched).toBe(1);
    expect(matchDetections([det(0, 1, 0.5)], refs, { mode: 'iou', iou: 0.6 }).matched).toBe(0);
  });

  it('onset: within the tolerance, closest onset first', () => {
    // onset 10.8 vs 10: 0.8 s apart
    expect(matchDetections([det(10.8, 12, 0.6)], refs, { mode: 'onset', tolerance_s: 0.5 }).matched).toBe(0);
    expect(matchDetections([det(10.8, 12, 0.6)], refs, { mode: 'onset', tolerance_s: 1 }).matched).toBe(1);
    const close = [
      { recording_id: 1, label_id: 1, start_s: 3.0, end_s: 4 },
      { recording_id: 1, label_id: 1, start_s: 3.4, end_s: 4 },
    ];
    // onset 3.3: 0.3 from the first, 0.1 from the second -> the second
    const r = matchDetections([det(3.3, 4, 0.9)], close, { mode: 'onset', tolerance_s: 1 });
    expect(r.ranked[0].reference).toBe(1);
  });
});

describe('matchDetections, overlap mode (window classifiers)', () => {
  it('lets many windows hit one sound; recall counts each sound once, at its best window', () => {
    // One 4 s sound [2, 6] covered by 1 s windows; one window outside it.
    const refs = [{ recording_id: 1, label_id: 1, start_s: 2, end_s: 6 }];
    const detections = [det(2, 3, 0.6), det(3, 4, 0.9), det(4, 5, 0.7), det(8, 9, 0.8), det(6, 7, 0.5)];
    const { ranked, matched } = matchDetections(detections, refs, { mode: 'overlap' });
    // Score order 0.9, 0.8, 0.7, 0.6, 0.5: [3,4] finds the sound; [8,9] misses; [4,5] and [2,3] hit it
    // again; [6,7] only touches its end (overlap 0) and misses.
    expect(ranked.map((r) => [r.detection.score, r.reference, r.found])).toEqual([
      [0.9, 0, true],
      [0.8, -1, false],
      [0.7, 0, false],
      [0.6, 0, false],
      [0.5, -1, false],
    ]);
    expect(matched).toBe(3);
  });
});
