import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Project } from '../src/main/app/project';
import { resolveModel } from '../src/main/inference/registry';
import { importRecordings } from '../src/main/recordings/import-recordings';
import { RunManager } from '../src/main/runs/run-manager';
import { barePool, cutWindows, fieldLike } from './inference';

// Issue 3, end to end as the app runs it: decode + resample + infer + store (every window's scores kept,
// min score 0, batched transactions with resume checkpoints), against bare onnxruntime on the same
// windows in the same worker pool, in one run. Targets: >= 0.9 of bare throughput, >= 1.7x with 2
// workers against 1, the demo classifier >= 80x realtime.
async function endToEnd(dir: string, wav: string, workers: number): Promise<{ wallS: number; predictions: number }> {
  const project = Project.open(join(dir, `e2e-${workers}.earmark`), { create: true });
  await importRecordings(project.db, project.recordings, [wav]);
  const runs = new RunManager(project, () => {}, { workers });
  try {
    const started = performance.now();
    const { run_id } = await runs.start({ model: 'earmark-demo', min_score: 0 });
    await runs.wait(run_id);
    return { wallS: (performance.now() - started) / 1000, predictions: project.runs.predictionCount(run_id) };
  } finally {
    await runs.close();
    await project.close();
  }
}

export async function runAnalyzeEndToEndBench(minutes = 10): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'earmark-bench-e2e-'));
  try {
    const wav = fieldLike(join(dir, 'field.wav'), minutes * 60);
    const model = await resolveModel('earmark-demo');
    const two = await endToEnd(dir, wav, 2);
    const one = await endToEnd(dir, wav, 1);
    const bare = await barePool(await cutWindows(wav, model), model, 2);
    const audioS = minutes * 60;
    const result = {
      e2e_2w_x_realtime: audioS / two.wallS,
      e2e_1w_x_realtime: audioS / one.wallS,
      bare_2w_x_realtime: audioS / bare.wallS,
      ratio_e2e_vs_bare_2w: bare.wallS / two.wallS,
      speedup_2w_vs_1w: one.wallS / two.wallS,
      predictions: two.predictions,
    };
    console.log(
      `analyze end to end (earmark-demo, ${minutes} min of 48 kHz audio, ${two.predictions} predictions stored): ` +
        `2 workers ${result.e2e_2w_x_realtime.toFixed(0)}x realtime (target >= 80, ratio ${(result.e2e_2w_x_realtime / 80).toFixed(2)}), ` +
        `1 worker ${result.e2e_1w_x_realtime.toFixed(0)}x; bare onnxruntime, 2 workers ${result.bare_2w_x_realtime.toFixed(0)}x; ` +
        `end to end / bare ${result.ratio_e2e_vs_bare_2w.toFixed(2)} (target >= 0.9); 2 workers vs 1 ${result.speedup_2w_vs_1w.toFixed(2)}x (target >= 1.7)`,
    );
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runAnalyzeEndToEndBench(Number(process.env.BENCH_MINUTES ?? 10));
