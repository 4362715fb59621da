import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Project } from '../app/project';
import { resourcesDir } from '../app/resources';
import { demoProjectPath, ensureDemoProject } from './demo-project';

// The demo project a new user lands on, built through the app's own pipeline (import, worker pool,
// resumable runs), and the demo classifier's detections in it against the soundscapes' ground truth.
let config: string;
let previous: string | undefined;

beforeAll(() => {
  config = mkdtempSync(join(tmpdir(), 'earmark-demo-'));
  previous = process.env.EARMARK_CONFIG_DIR;
  process.env.EARMARK_CONFIG_DIR = config;
});

afterAll(() => {
  if (previous === undefined) delete process.env.EARMARK_CONFIG_DIR;
  else process.env.EARMARK_CONFIG_DIR = previous;
  rmSync(config, { recursive: true, force: true });
});

interface Event {
  file: string;
  start_s: number;
  end_s: number;
  label: string;
}

function groundTruth(): Event[] {
  const [, ...lines] = readFileSync(join(resourcesDir(), 'demo', 'ground-truth.csv'), 'utf8').trim().split('\n');
  return lines.map((line) => {
    const [file, start, end, label] = line.split(',');
    return { file, start_s: Number(start), end_s: Number(end), label };
  });
}

describe('demo project', () => {
  it('is built once, with both bundled models run over every demo recording', async () => {
    const path = await ensureDemoProject();
    expect(path).toBe(demoProjectPath());
    expect(await ensureDemoProject()).toBe(path); // second call: already there

    const project = Project.open(path);
    try {
      expect(project.recordings.list().map((r) => r.status)).toEqual(['ok', 'ok', 'ok', 'ok']);
      const runs = project.runs.list();
      expect(runs.map((r) => [r.model_id, r.status])).toEqual([
        ['earmark-demo', 'done'],
        ['silero-vad', 'done'],
      ]);
      for (const run of runs) expect(project.runs.predictionCount(run.id)).toBeGreaterThan(0);

      // Recall and precision of the demo classifier as stored by the app (score >= 0.5, centre in event).
      const truth = groundTruth();
      const stored = project.runs
        .predictions(runs[0].id)
        .map((p) => ({ file: p.recording.split('/').at(-1)!, centre: (p.start_s + p.end_s) / 2, label: p.label, score: p.score }))
        .filter((p) => p.score >= 0.5);
      const inside = (p: { file: string; centre: number; label: string }, e: Event) =>
        p.file === e.file && p.label === e.label && p.centre >= e.start_s && p.centre <= e.end_s;
      const found = truth.filter((e) => stored.some((p) => inside(p, e)));
      const correct = stored.filter((p) => truth.some((e) => inside(p, e)));
      const recall = found.length / truth.length;
      const precision = correct.length / stored.length;
      console.log(`demo classifier in the demo project: recall ${recall.toFixed(3)} at precision ${precision.toFixed(3)}`);
      expect(recall).toBeGreaterThanOrEqual(0.9);
      expect(precision).toBeGreaterThanOrEqual(0.68);

      // The ground truth is imported as a reference table covering every demo recording (QA: recall).
      const reference = project.db
        .prepare("SELECT a.start_s, l.name AS label FROM annotations a JOIN labels l ON l.id = a.label_id WHERE a.source = 'import' ORDER BY a.recording_id, a.start_s")
        .all() as { start_s: number; label: string }[];
      const key = (e: { start_s: number; label: string }) => `${e.label}@${e.start_s}`;
      expect(reference.map(key).sort()).toEqual(truth.map(key).sort());
      expect(project.db.prepare('SELECT count(*) AS n FROM import_coverage').get()).toEqual({ n: 4 });
    } finally {
      await project.close();
    }
  });
});
