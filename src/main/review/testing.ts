import { openProjectDatabase, type Db } from '../store/connection';
import { LabelsRepo } from '../store/labels-repo';
import { RecordingsRepo, type NewRecording } from '../store/recordings-repo';
import { RunsRepo } from '../store/runs-repo';

// Builds real project files for review tests and the benchmark through the same repositories the
// app uses (recordings import, labels, run batches), without decoding audio.

export interface Fixture {
  db: Db;
  /** A recording row (no audio behind it unless `overrides.path` names a real file). */
  recording(name: string, durationS?: number, overrides?: Partial<NewRecording>): number;
  label(name: string): number;
  run(recordingIds: number[]): number;
  /** Stores one window's prediction; returns its id. */
  prediction(run: number, recording: number, label: number, startS: number, endS: number, score: number): number;
}

export function reviewFixture(path: string): Fixture {
  const db = openProjectDatabase(path, { create: true });
  const recordings = new RecordingsRepo(db);
  const labels = new LabelsRepo(db);
  const runs = new RunsRepo(db);
  const findId = db.prepare('SELECT id FROM predictions WHERE run_id = ? AND recording_id = ? AND window_index = ? AND label_id = ?').pluck();
  return {
    db,
    recording(name, durationS = 600, overrides = {}) {
      return recordings.insert(
        {
          path: `/fixtures/${name}`,
          name,
          fingerprint: `fp-${name}`,
          format: 'wav',
          duration_s: durationS,
          sample_rate: 16000,
          channels: 1,
          bit_depth: 16,
          size_bytes: 1000,
          start_time: null,
          start_time_source: null,
          site: null,
          status: 'ok',
          error: null,
          metadata: {},
          ...overrides,
        },
        new Date().toISOString(),
      );
    },
    label(name) {
      return labels.create({ name, color: '#336699' }).id;
    },
    run(recordingIds) {
      return runs.create('test-model', JSON.stringify({ n: Math.random() }), recordingIds);
    },
    prediction(run, recording, label, startS, endS, score) {
      const window = Math.round(startS * 1000);
      runs.storeBatch(run, recording, [{ window_index: window, start_s: startS, end_s: endS, label_id: label, score }], window + 1, 0, endS);
      return findId.get(run, recording, window, label) as number;
    },
  };
}
