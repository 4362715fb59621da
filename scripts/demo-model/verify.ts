import * as ort from 'onnxruntime-node';
import { INPUT_NAME, SCORES_NAME, EMBEDDING_NAME } from './compose';
import { type ReferencePipeline, featureVector } from './features';
import { type Head, predict } from './logreg';

// Proof that the composed graph is the pipeline the head was trained on: scores and embedding of the
// graph equal the step-by-step reference, and a batch of 8 equals 8 single runs (the floor trap).

export interface VerifyReport {
  windows: number;
  max_score_diff_vs_reference: number;
  max_embedding_diff_vs_reference: number;
  max_score_diff_batch_vs_single: number;
  max_embedding_diff_batch_vs_single: number;
}

export async function runComposed(session: ort.InferenceSession, windows: Float32Array[]): Promise<{ scores: Float32Array[]; embeddings: Float32Array[] }> {
  const n = windows[0].length;
  const input = new Float32Array(windows.length * n);
  windows.forEach((w, i) => input.set(w, i * n));
  const out = await session.run({ [INPUT_NAME]: new ort.Tensor('float32', input, [windows.length, n]) });
  const s = out[SCORES_NAME];
  const e = out[EMBEDDING_NAME];
  const C = s.dims[1] as number;
  const D = e.dims[1] as number;
  const sd = s.data as Float32Array;
  const ed = e.data as Float32Array;
  return {
    scores: windows.map((_, i) => sd.slice(i * C, (i + 1) * C)),
    embeddings: windows.map((_, i) => ed.slice(i * D, (i + 1) * D)),
  };
}

const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};

export async function verifyComposed(model: Uint8Array, reference: ReferencePipeline, head: Head, windows: Float32Array[], tolerance = 1e-4): Promise<VerifyReport> {
  if (windows.length % 8 !== 0) throw new Error('verifyComposed wants a multiple of 8 windows');
  const session = await ort.InferenceSession.create(model, { intraOpNumThreads: 1, interOpNumThreads: 1 });
  try {
    const ref = await reference.pooled(windows);
    const report: VerifyReport = { windows: windows.length, max_score_diff_vs_reference: 0, max_embedding_diff_vs_reference: 0, max_score_diff_batch_vs_single: 0, max_embedding_diff_batch_vs_single: 0 };
    for (let b = 0; b < windows.length; b += 8) {
      const batch = await runComposed(session, windows.slice(b, b + 8));
      for (let i = 0; i < 8; i++) {
        const single = await runComposed(session, [windows[b + i]]);
        const expected = predict(head, featureVector(ref[b + i]));
        report.max_score_diff_vs_reference = Math.max(report.max_score_diff_vs_reference, maxAbsDiff(single.scores[0], expected));
        report.max_embedding_diff_vs_reference = Math.max(report.max_embedding_diff_vs_reference, maxAbsDiff(single.embeddings[0], ref[b + i].mean));
        report.max_score_diff_batch_vs_single = Math.max(report.max_score_diff_batch_vs_single, maxAbsDiff(batch.scores[i], single.scores[0]));
        report.max_embedding_diff_batch_vs_single = Math.max(report.max_embedding_diff_batch_vs_single, maxAbsDiff(batch.embeddings[i], single.embeddings[0]));
      }
    }
    const worst = Math.max(report.max_score_diff_vs_reference, report.max_score_diff_batch_vs_single);
    if (worst > tolerance) throw new Error(`composed graph differs from the reference pipeline by ${worst} (> ${tolerance}): ${JSON.stringify(report)}`);
    return report;
  } finally {
    await session.release();
  }
}
