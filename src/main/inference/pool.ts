import { availableParallelism } from 'node:os';
import { WorkerPool } from '../workers/pool';
import { resolveWorkerEntry } from '../workers/worker-entry';
import type { ValidatedModel } from './validate';
import type { InferRequest, InferResult, SessionSpec } from './protocol';

// The inference worker pool. Built code runs out/main/inference-worker.js, which needs the entry
// `'inference-worker': resolve('src/main/inference/worker.ts')` in electron.vite.config.ts.

export function createInferencePool(size = availableParallelism()): WorkerPool {
  return new WorkerPool({ entry: resolveWorkerEntry('inference-worker', 'inference/worker.ts'), size, name: 'inference' });
}

export function sessionSpec(model: ValidatedModel, windowSamples = model.windowSamples): SessionSpec {
  const m = model.manifest;
  return {
    onnxPath: model.onnxPath,
    inputName: m.input.name,
    scoresName: m.outputs.scores.name,
    embeddingName: m.outputs.embedding?.name ?? null,
    activation: m.outputs.scores.activation,
    windowSamples,
    labels: model.labels.length,
    // A batch-dependent graph gets one window per call, so batching never changes a score.
    fixedBatch: model.fixedBatch ?? (model.batchIndependent ? null : 1),
  };
}

/** Runs n windows (n × windowSamples samples, transferred to the worker) through the model. */
export function inferBatch(pool: WorkerPool, model: SessionSpec, n: number, samples: Float32Array, signal?: AbortSignal): Promise<InferResult> {
  const req: InferRequest = { model, n, samples };
  return pool.run<InferResult>('infer', req, { transfer: [samples.buffer as ArrayBuffer], signal });
}
