import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import { noise, writeWav } from '../test/fixtures/audio-fixtures';
import { openAudioSource } from '../src/main/audio/decode/open';
import { analyzeRecording, planRun } from '../src/main/inference/analyze';
import { createInferencePool, inferBatch, sessionSpec } from '../src/main/inference/pool';
import { resolveModel } from '../src/main/inference/registry';
import { StreamResampler } from '../src/main/inference/resample';
import { openSession, type ValidatedModel } from '../src/main/inference/validate';
import { Windower } from '../src/main/inference/windower';

// Inference throughput and memory (issue 3, Benchmark):
// - the full pipeline (decode + resample + window + infer in the worker pool) against bare
//   onnxruntime on the same windows of the same model, in one run (targets: >= 0.9);
// - 2 workers against 1 (target >= 1.7x);
// - peak RSS of a whole process analysing a long generated file against a short one (flat in length).
// Storage is the lead's and is not included here. Run: node --import tsx bench/inference.ts

const BATCH = 16;

/** A 48 kHz recording-like signal: noise floor plus bursts, so the model has something to do. */
export function fieldLike(path: string, seconds: number, rate = 48000): string {
  const n = noise(1, rate, 0.05, 11);
  return writeWav(path, {
    sampleRate: rate,
    samples: {
      frames: Math.round(seconds * rate),
      channels: 1,
      at: (f: number) => n[f % rate] + (Math.floor(f / rate) % 7 === 3 ? 0.4 * Math.sin(f * 0.13) : 0),
    },
  });
}

const cpuS = (since: NodeJS.CpuUsage) => {
  const c = process.cpuUsage(since); // process-wide: includes the worker threads
  return (c.user + c.system) / 1e6;
};

export async function pipeline(path: string, model: ValidatedModel, workers: number): Promise<{ audioS: number; wallS: number; cpuS: number; windows: number }> {
  const pool = createInferencePool(workers);
  await warm(pool, model);
  const source = await openAudioSource(path);
  const t = performance.now();
  const c0 = process.cpuUsage();
  let windows = 0;
  for await (const b of analyzeRecording(source, model, { batch_size: BATCH }, pool)) windows += b.windows.length;
  const wallS = (performance.now() - t) / 1000;
  const cpu = cpuS(c0);
  const audioS = source.info.durationS;
  await source.close();
  await pool.close();
  return { audioS, wallS, cpuS: cpu, windows };
}

/** Loads the session in every worker, so timings do not include model loading. */
async function warm(pool: ReturnType<typeof createInferencePool>, model: ValidatedModel) {
  const spec = sessionSpec(model);
  await Promise.all(Array.from({ length: pool.size * 2 }, () => inferBatch(pool, spec, 1, new Float32Array(spec.windowSamples))));
}

/** The same windows the pipeline makes, cut once into memory: [batch of n windows]. */
export async function cutWindows(path: string, model: ValidatedModel): Promise<Float32Array[]> {
  const plan = planRun(model, {});
  const source = await openAudioSource(path);
  const rs = await StreamResampler.create(source.info.sampleRate, model.manifest.sample_rate);
  const win = new Windower(plan.windowSamples, plan.hopS, model.manifest.sample_rate);
  const all: Float32Array[] = [];
  for await (const c of source.stream()) for (const v of win.push(rs.push(c.samples))) all.push(v.samples);
  for (const v of win.push(rs.finish())) all.push(v.samples);
  for (const v of win.finish(rs.outputLength(rs.consumedFrames))) all.push(v.samples);
  rs.close();
  await source.close();
  const batches: Float32Array[] = [];
  for (let i = 0; i < all.length; i += BATCH) {
    const group = all.slice(i, i + BATCH);
    const b = new Float32Array(group.length * plan.windowSamples);
    group.forEach((w, j) => b.set(w, j * plan.windowSamples));
    batches.push(b);
  }
  return batches;
}

/** Bare onnxruntime through the same worker pool: no decode, no resampling, no windowing. */
export async function barePool(batches: Float32Array[], model: ValidatedModel, workers: number): Promise<{ wallS: number; cpuS: number }> {
  const pool = createInferencePool(workers);
  await warm(pool, model);
  const spec = sessionSpec(model);
  const t = performance.now();
  const c0 = process.cpuUsage();
  const inFlight: Promise<unknown>[] = [];
  for (const b of batches) {
    const copy = b.slice(); // the pool transfers the buffer; keep the original for the next pass
    inFlight.push(inferBatch(pool, spec, copy.length / spec.windowSamples, copy));
    if (inFlight.length >= workers * 2) await inFlight.shift();
  }
  await Promise.all(inFlight);
  const s = { wallS: (performance.now() - t) / 1000, cpuS: cpuS(c0) };
  await pool.close();
  return s;
}

/** Bare onnxruntime in this thread, one session, one intra-op thread. */
async function bareInProcess(batches: Float32Array[], model: ValidatedModel): Promise<number> {
  const session: ort.InferenceSession = await openSession(model.onnxPath);
  const w = model.windowSamples;
  await session.run({ [model.manifest.input.name]: new ort.Tensor('float32', batches[0], [batches[0].length / w, w]) });
  const t = performance.now();
  for (const b of batches) await session.run({ [model.manifest.input.name]: new ort.Tensor('float32', b, [b.length / w, w]) });
  const s = (performance.now() - t) / 1000;
  await session.release();
  return s;
}

/** Peak RSS of a fresh process that analyses `path` with 2 workers. */
function childPeakRss(path: string, modelId: string): { peakMb: number; wallS: number; audioS: number } {
  const out = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--rss-child', path, modelId], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').at(-1)!);
}

async function rssChild(path: string, modelId: string) {
  const model = await resolveModel(modelId);
  const r = await pipeline(path, model, 2);
  const peakMb = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ peakMb, wallS: r.wallS, audioS: r.audioS }));
}

export interface InferenceBenchOptions {
  /** Minutes of 48 kHz audio for the throughput figures. */
  minutes?: number;
  /** Short and long files of the memory comparison, in minutes (22.05 kHz). */
  rssMinutes?: [number, number];
  model?: string;
}

export async function runInferenceBench(o: InferenceBenchOptions = {}) {
  const minutes = o.minutes ?? 10;
  const [shortMin, longMin] = o.rssMinutes ?? [20, 120];
  const modelId = o.model ?? (existsSync(join(fileURLToPath(new URL('..', import.meta.url)), 'resources/models/earmark-demo/model.json')) ? 'earmark-demo' : 'silero-vad');
  const model = await resolveModel(modelId);
  const dir = mkdtempSync(join(tmpdir(), 'earmark-bench-inference-'));
  try {
    const wav = fieldLike(join(dir, 'field.wav'), minutes * 60);
    const p2 = await pipeline(wav, model, 2);
    const p1 = await pipeline(wav, model, 1);
    const batches = await cutWindows(wav, model);
    const bare2 = await barePool(batches, model, 2);
    const bare1 = await barePool(batches, model, 1);
    const bareMain = await bareInProcess(batches, model);
    const x = (s: number) => p2.audioS / s;
    const results = {
      model: modelId,
      audio_minutes: minutes,
      windows: p2.windows,
      pipeline_2w_x_realtime: x(p2.wallS),
      pipeline_1w_x_realtime: x(p1.wallS),
      bare_pool_2w_x_realtime: x(bare2.wallS),
      bare_pool_1w_x_realtime: x(bare1.wallS),
      bare_in_process_x_realtime: x(bareMain),
      ratio_pipeline_vs_bare_2w: bare2.wallS / p2.wallS,
      ratio_pipeline_vs_bare_1w: bare1.wallS / p1.wallS,
      /** CPU seconds (all threads) of bare inference / of the pipeline: less sensitive to other load. */
      cpu_ratio_bare_vs_pipeline: bare2.cpuS / p2.cpuS,
      cpu_ms_per_audio_s_pipeline: (p2.cpuS / p2.audioS) * 1000,
      cpu_ms_per_audio_s_bare: (bare2.cpuS / p2.audioS) * 1000,
      ratio_pipeline_1w_vs_bare_in_process: bareMain / p1.wallS,
      speedup_2w_vs_1w: p1.wallS / p2.wallS,
      rss: {} as Record<string, { peakMb: number; x_realtime: number }>,
    };
    console.log(`model ${modelId}: ${minutes} min of 48 kHz audio, ${p2.windows} windows, batch ${BATCH}`);
    console.log(`  pipeline, 2 workers     ${results.pipeline_2w_x_realtime.toFixed(1)}x realtime`);
    console.log(`  pipeline, 1 worker      ${results.pipeline_1w_x_realtime.toFixed(1)}x realtime`);
    console.log(`  bare ort, pool of 2     ${results.bare_pool_2w_x_realtime.toFixed(1)}x realtime`);
    console.log(`  bare ort, pool of 1     ${results.bare_pool_1w_x_realtime.toFixed(1)}x realtime`);
    console.log(`  bare ort, main thread   ${results.bare_in_process_x_realtime.toFixed(1)}x realtime`);
    console.log(`  pipeline / bare (2 workers)        ${results.ratio_pipeline_vs_bare_2w.toFixed(3)}  (target >= 0.9)`);
    console.log(`  pipeline / bare (1 worker)         ${results.ratio_pipeline_vs_bare_1w.toFixed(3)}`);
    console.log(`  CPU per audio second: pipeline ${results.cpu_ms_per_audio_s_pipeline.toFixed(2)} ms, bare ${results.cpu_ms_per_audio_s_bare.toFixed(2)} ms -> ratio ${results.cpu_ratio_bare_vs_pipeline.toFixed(3)}`);
    console.log(`  pipeline 1 worker / bare in-thread ${results.ratio_pipeline_1w_vs_bare_in_process.toFixed(3)}`);
    console.log(`  2 workers vs 1                     ${results.speedup_2w_vs_1w.toFixed(2)}x  (target >= 1.7x)`);
    rmSync(wav);
    for (const m of [shortMin, longMin]) {
      if (!m) continue; // --rss-minutes=0,0 skips the memory comparison
      const f = writeWav(join(dir, `long-${m}.wav`), { sampleRate: 22050, samples: { frames: m * 60 * 22050, channels: 1, at: (i: number) => Math.sin(i * 0.05) * 0.3 } });
      const r = childPeakRss(f, modelId);
      rmSync(f);
      results.rss[`${m}min`] = { peakMb: r.peakMb, x_realtime: r.audioS / r.wallS };
      console.log(`  peak RSS, ${m} min at 22.05 kHz: ${r.peakMb.toFixed(0)} MB (whole process, ${(r.audioS / r.wallS).toFixed(0)}x realtime)`);
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const i = process.argv.indexOf('--rss-child');
  if (i >= 0) await rssChild(process.argv[i + 1], process.argv[i + 2]);
  else {
    const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
    const rss = arg('rss-minutes')?.split(',').map(Number) as [number, number] | undefined;
    await runInferenceBench({ minutes: Number(arg('minutes') ?? 10), rssMinutes: rss, model: arg('model') });
  }
}
