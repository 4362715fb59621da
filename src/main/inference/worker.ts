import * as ort from 'onnxruntime-node';
import { EarmarkError } from '../../shared/errors';
import { serveWorker } from '../workers/serve';
import { applyActivation } from './activation';
import type { InferRequest, InferResult, SessionSpec } from './protocol';
import { openSession } from './validate';

// An inference worker: one onnxruntime session per model, one intra-op thread (../shared/models: two
// threads inside one small session were slower; parallelism comes from several workers). Sessions
// stay open for the worker's life, so a run over many files loads each model once per worker.

const sessions = new Map<string, Promise<ort.InferenceSession>>();

function sessionFor(spec: SessionSpec): Promise<ort.InferenceSession> {
  let s = sessions.get(spec.onnxPath);
  if (!s) {
    s = openSession(spec.onnxPath).catch((e) => {
      sessions.delete(spec.onnxPath);
      throw new EarmarkError('BAD_MODEL', `could not load ${spec.onnxPath}: ${e instanceof Error ? e.message : String(e)}`);
    });
    sessions.set(spec.onnxPath, s);
  }
  return s;
}

async function infer(req: InferRequest): Promise<InferResult> {
  const { model, n } = req;
  const session = await sessionFor(model);
  const w = model.windowSamples;
  // A graph with a fixed batch size gets groups of exactly that many windows, zero-padded.
  const group = model.fixedBatch ?? n;
  const scores: Float32Array[] = [];
  const embeddings: Float32Array[] = [];
  for (let at = 0; at < n; at += group) {
    const m = Math.min(group, n - at);
    let input = req.samples.subarray(at * w, (at + m) * w);
    if (m < group) {
      const padded = new Float32Array(group * w);
      padded.set(input);
      input = padded;
    }
    const out = await session.run({ [model.inputName]: new ort.Tensor('float32', input, [group, w]) });
    scores.push((out[model.scoresName].data as Float32Array).subarray(0, m * model.labels));
    if (model.embeddingName) {
      const e = out[model.embeddingName];
      embeddings.push((e.data as Float32Array).subarray(0, m * (e.dims[1] ?? 0)));
    }
  }
  const all = concat(scores);
  applyActivation(all, model.labels, model.activation);
  return model.embeddingName ? { scores: all, embedding: concat(embeddings) } : { scores: all };
}

function concat(parts: Float32Array[]): Float32Array {
  // Always a fresh, whole buffer: it is transferred to the caller without copying.
  const out = new Float32Array(parts.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

serveWorker(
  { infer },
  {
    onClose: async () => {
      for (const s of sessions.values()) await (await s.catch(() => null))?.release();
      sessions.clear();
    },
  },
);
