import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { noise, writeWav } from '../../../../test/fixtures/audio-fixtures';
import { Project } from '../../app/project';
import { importRecordings } from '../../recordings/import-recordings';
import { reviewFor } from '../../review/review-service';
import { encodeWav16 } from './wav-writer';

// Real project files with real audio for the dataset-export tests and benchmark: each event is a
// 1 kHz tone burst over quiet noise at a known time, stored as a detection of a run (with a verdict)
// or as a human annotation, through the same repositories and review service the app uses.

export interface FixtureEvent {
  start: number;
  end: number;
  label: string;
  score?: number;
  /** Verdict on the detection; omitted = unreviewed. */
  verdict?: 'positive' | 'negative' | 'uncertain';
  /** Positive verdict with this label instead (a relabel). */
  relabel?: string;
  /** A human-drawn annotation instead of a detection. */
  human?: boolean;
}

export interface FixtureRecording {
  name: string;
  seconds: number;
  sampleRate?: number;
  /** GUANO Site. */
  site?: string;
  /** GUANO Timestamp, e.g. 2024-05-01T05:00:00. */
  timestamp?: string;
  events: FixtureEvent[];
}

export interface DatasetFixture {
  project: Project;
  runId: number;
  reviewer: string;
  labelId: (name: string) => number;
}

export const TONE_HZ = 1000;

function audio(r: FixtureRecording, seed: number): Float32Array {
  const rate = r.sampleRate ?? 16000;
  const samples = noise(r.seconds, rate, 0.01, seed + 1);
  for (const e of r.events) {
    for (let i = Math.round(e.start * rate); i < Math.min(samples.length, Math.round(e.end * rate)); i++) {
      samples[i] += 0.5 * Math.sin((2 * Math.PI * TONE_HZ * i) / rate);
    }
  }
  return samples;
}

export async function buildDatasetProject(dir: string, recordings: FixtureRecording[], options: { fast?: boolean } = {}): Promise<DatasetFixture> {
  const paths = recordings.map((r, i) => {
    const path = join(dir, 'audio', r.name);
    const guano: Record<string, string> = {};
    if (r.site) guano.Site = r.site;
    if (r.timestamp) guano.Timestamp = r.timestamp;
    const samples = audio(r, i);
    // fast: the benchmark's 100 recordings; the fixture writer encodes sample by sample.
    if (options.fast && !r.site && !r.timestamp) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, encodeWav16(samples, r.sampleRate ?? 16000));
    }
    else writeWav(path, { sampleRate: r.sampleRate ?? 16000, samples: [samples], guano: Object.keys(guano).length ? guano : undefined });
    return path;
  });
  const project = Project.open(join(dir, 'dataset.earmark'), { create: true });
  const summary = await importRecordings(project.db, project.recordings, paths);
  if (summary.failed.length) throw new Error(`fixture import failed: ${JSON.stringify(summary.failed)}`);
  const labels = new Map<string, number>();
  const labelId = (name: string) => {
    if (!labels.has(name)) labels.set(name, project.labels.create({ name, color: '#336699' }).id);
    return labels.get(name)!;
  };
  const review = reviewFor(project.db);
  const reviewer = 'tester';
  const ids = recordings.map((r, i) => project.recordings.findByPath(paths[i])!.id);
  const runId = project.runs.create('fixture-model', JSON.stringify({ window_s: 1 }), ids);
  recordings.forEach((r, i) => {
    const detections = r.events.flatMap((e, w) => (e.human ? [] : [{ e, w }]));
    project.runs.storeBatch(
      runId,
      ids[i],
      detections.map(({ e, w }) => ({ window_index: w, start_s: e.start, end_s: e.end, label_id: labelId(e.label), score: e.score ?? 0.9 })),
      r.events.length,
      r.events.length,
      r.seconds,
    );
    project.runs.finishFile(runId, ids[i], 'done');
  });
  project.runs.setStatus(runId, 'done');
  const predictionId = project.db.prepare('SELECT id FROM predictions WHERE run_id = ? AND recording_id = ? AND window_index = ?').pluck();
  recordings.forEach((r, i) => {
    r.events.forEach((e, w) => {
      if (e.human) {
        review.annotations.create(reviewer, { recording_id: ids[i], start_s: e.start, end_s: e.end, label_id: labelId(e.label) });
      } else if (e.verdict || e.relabel) {
        const id = predictionId.get(runId, ids[i], w) as number;
        review.verdicts.decide(reviewer, id, { verdict: e.verdict ?? 'positive', label_id: e.relabel ? labelId(e.relabel) : undefined });
      }
    });
  });
  return { project, runId, reviewer, labelId };
}

/** Six recordings at three sites over three dates (one without either), with every kind of item. */
export function smallScenario(): FixtureRecording[] {
  return [
    {
      name: 'north 0501.wav',
      seconds: 20,
      site: 'North',
      timestamp: '2024-05-01T05:00:00',
      events: [
        { start: 2, end: 3, label: 'thrush', score: 0.9, verdict: 'positive' },
        { start: 6, end: 7, label: 'thrush', score: 0.4, verdict: 'negative' },
        { start: 10, end: 10.5, label: 'wren', score: 0.3, verdict: 'positive' },
        { start: 15, end: 16, label: 'thrush', score: 0.8 },
      ],
    },
    {
      name: 'north_0502.wav',
      seconds: 12,
      site: 'North',
      timestamp: '2024-05-02T05:00:00',
      events: [
        { start: 1, end: 2, label: 'wren', score: 0.7, relabel: 'thrush' },
        { start: 4, end: 5, label: 'robin', human: true },
      ],
    },
    {
      name: 'south_0501.wav',
      seconds: 20,
      site: 'South',
      timestamp: '2024-05-01T06:00:00',
      events: [
        { start: 0.2, end: 0.8, label: 'thrush', score: 0.95, verdict: 'positive' },
        { start: 19.5, end: 20, label: 'wren', score: 0.85, verdict: 'positive' },
      ],
    },
    { name: 'loose.wav', seconds: 10, events: [{ start: 5, end: 6, label: 'thrush', score: 0.6, verdict: 'positive' }] },
    {
      name: 'west_a.wav',
      seconds: 10,
      site: 'West',
      timestamp: '2024-05-03T05:00:00',
      events: [
        { start: 3, end: 4, label: 'wren', score: 0.9, verdict: 'positive' },
        { start: 7, end: 8, label: 'wren', score: 0.5, verdict: 'negative' },
      ],
    },
    {
      name: 'west_b.wav',
      seconds: 10,
      site: 'West',
      timestamp: '2024-05-03T07:00:00',
      sampleRate: 22050,
      events: [{ start: 4, end: 5.5, label: 'robin', score: 0.75, verdict: 'uncertain' }],
    },
  ];
}
