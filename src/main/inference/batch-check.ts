import * as ort from 'onnxruntime-node';

// Batched inference must give exactly the scores of one window at a time (issue 3). Some graphs
// normalise over the whole batch (../shared/models/README.md: the speech_embedding front end's 80 dB
// floor is a ReduceMax over the batch), so a quiet window's scores change with its neighbours. Such a
// model still runs correctly, one window per session call; this check finds out which kind it is.

const TOLERANCE = 1e-4;

/** True when a quiet window scores the same beside a loud one as alone. */
export async function isBatchIndependent(session: ort.InferenceSession, inputName: string, scoresName: string, windowSamples: number): Promise<boolean> {
  const loud = new Float32Array(windowSamples);
  const quiet = new Float32Array(windowSamples);
  for (let i = 0; i < windowSamples; i++) {
    loud[i] = 0.8 * Math.sin(i * 0.05 + 0.001 * i * i * 0.01) * Math.sin(i * 0.0031);
    quiet[i] = 0.002 + 0.001 * Math.sin(i * 0.37) + 0.0005 * Math.sin(i * 0.011);
  }
  const pair = new Float32Array(windowSamples * 2);
  pair.set(loud);
  pair.set(quiet, windowSamples);
  const run = async (data: Float32Array, n: number) =>
    (await session.run({ [inputName]: new ort.Tensor('float32', data, [n, windowSamples]) }))[scoresName].data as Float32Array;
  const together = await run(pair, 2);
  const alone = await run(quiet, 1);
  const k = alone.length;
  for (let j = 0; j < k; j++) {
    const a = alone[j];
    const b = together[k + j];
    if (!(Math.abs(a - b) <= TOLERANCE * (1 + Math.abs(a)))) return false;
  }
  return true;
}
