import * as ort from 'onnxruntime-node';
import { EarmarkError } from '../../shared/errors';
import { isBatchIndependent } from './batch-check';
import { readManifest, type ModelSpec } from './manifest';

// Adding a model checks everything the manifest claims against the graph itself, and says exactly
// what is wrong (issue 3, "Add a model"). It loads the graph with onnxruntime-node, compares names,
// ranks and fixed dimensions, then runs one silent window to check what only running can show (a
// symbolic score dimension, a graph that fails on this window length).

export interface ValidatedModel extends ModelSpec {
  /** The graph's batch dimension when it is fixed (windows are then sent in groups of exactly that). */
  fixedBatch: number | null;
  /** The graph's window length when fixed; a run may then not choose another window_s. */
  fixedWindow: number | null;
  embeddingDim: number | null;
  /**
   * False when a window's scores depend on the other windows in its batch (a batch-wide
   * normalisation): windows are then run one per session call, so results never depend on batching.
   */
  batchIndependent: boolean;
}

type Meta = ort.InferenceSession.ValueMetadata;

const describe = (m: Meta) => (m.isTensor ? `${m.name} (${m.type} [${m.shape.map(String).join(', ')}])` : `${m.name} (not a tensor)`);
const fixed = (d: number | string | undefined): number | null => (typeof d === 'number' && d > 0 ? d : null);

/** Opens a session with one intra-op thread: the same settings as the inference workers. */
export async function openSession(onnxPath: string): Promise<ort.InferenceSession> {
  return ort.InferenceSession.create(onnxPath, {
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
  });
}

export async function loadSessionChecked(onnxPath: string): Promise<ort.InferenceSession> {
  try {
    return await openSession(onnxPath);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    if (/protobuf parsing failed|parse|invalid model|ModelProto/i.test(why)) {
      throw new EarmarkError('BAD_MODEL', `could not load ${onnxPath}: not an ONNX model`);
    }
    throw new EarmarkError('BAD_MODEL', `could not load ${onnxPath}: ${why}`);
  }
}

export async function validateModel(manifestPath: string): Promise<ValidatedModel> {
  const spec = readManifest(manifestPath);
  const session = await loadSessionChecked(spec.onnxPath);
  try {
    return { ...spec, ...(await checkGraph(spec, session)) };
  } finally {
    await session.release();
  }
}

async function checkGraph(spec: ModelSpec, session: ort.InferenceSession) {
  const { manifest, manifestPath } = spec;
  const fail = (what: string) => new EarmarkError('BAD_MODEL', `model ${manifest.id} (${manifestPath}): ${what}`);
  const inputs = session.inputMetadata;
  const outputs = session.outputMetadata;
  const inputList = inputs.map(describe).join(', ');
  const outputList = outputs.map(describe).join(', ');

  const input = inputs.find((m) => m.name === manifest.input.name);
  if (!input) throw fail(`input.name: the graph has no input "${manifest.input.name}"; its inputs are: ${inputList}`);
  const others = inputs.filter((m) => m !== input);
  if (others.length) {
    throw fail(`the graph has inputs Earmark cannot feed besides "${input.name}": ${others.map(describe).join(', ')} (stateful models need a wrapper graph, see scripts/build-vad-model.ts)`);
  }
  if (!input.isTensor || input.type !== 'float32') throw fail(`input "${input.name}" must be float32, the graph has ${describe(input)}`);
  if (input.shape.length && input.shape.length !== 2) {
    throw fail(`input "${input.name}" has rank ${input.shape.length} [${input.shape.join(', ')}], but layout "batch,samples" needs rank 2`);
  }
  const windowDim = fixed(input.shape[1]);
  if (windowDim !== null && windowDim !== spec.windowSamples) {
    throw fail(
      `input "${input.name}" takes ${windowDim} samples per window, but window_s × sample_rate = ${manifest.window_s} × ${manifest.sample_rate} = ${spec.windowSamples}`,
    );
  }
  const fixedBatch = fixed(input.shape[0]);

  const wanted = [['outputs.scores.name', manifest.outputs.scores.name]];
  if (manifest.outputs.embedding) wanted.push(['outputs.embedding.name', manifest.outputs.embedding.name]);
  for (const [field, name] of wanted) {
    if (!outputs.some((m) => m.name === name)) throw fail(`${field}: the graph has no output "${name}"; its outputs are: ${outputList}`);
  }
  const scores = outputs.find((m) => m.name === manifest.outputs.scores.name)!;
  const labelMismatch = (dim: number) =>
    fail(`the graph's "${scores.name}" output has ${dim} scores per window, but the manifest has ${spec.labels.length} labels`);
  if (scores.isTensor && scores.shape.length && scores.shape.length !== 2) {
    throw fail(`output "${scores.name}" has rank ${scores.shape.length} [${scores.shape.join(', ')}], but scores must be [batch, labels]`);
  }
  const scoreDim = scores.isTensor ? fixed(scores.shape[1]) : null;
  if (scoreDim !== null && scoreDim !== spec.labels.length) throw labelMismatch(scoreDim);

  // Run one silent window (a group when the batch is fixed): this catches symbolic dimensions and
  // graphs that only fail at run time, with the message onnxruntime gives.
  const batch = fixedBatch ?? 1;
  const feeds = { [input.name]: new ort.Tensor('float32', new Float32Array(batch * spec.windowSamples), [batch, spec.windowSamples]) };
  let result: ort.InferenceSession.OnnxValueMapType;
  try {
    result = await session.run(feeds);
  } catch (e) {
    throw fail(`running one window of ${spec.windowSamples} samples failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  const got = result[scores.name] as ort.Tensor;
  if (got.dims.length !== 2 || got.dims[0] !== batch) {
    throw fail(`output "${scores.name}" returned shape [${got.dims.join(', ')}] for ${batch} window(s), expected [${batch}, ${spec.labels.length}]`);
  }
  if (got.dims[1] !== spec.labels.length) throw labelMismatch(got.dims[1]);
  let embeddingDim: number | null = null;
  if (manifest.outputs.embedding) {
    const emb = result[manifest.outputs.embedding.name] as ort.Tensor;
    if (emb.dims.length !== 2 || emb.dims[0] !== batch) {
      throw fail(`output "${emb ? manifest.outputs.embedding.name : '?'}" returned shape [${emb.dims.join(', ')}], expected [${batch}, d]`);
    }
    embeddingDim = emb.dims[1];
  }
  const batchIndependent = fixedBatch !== null || (await isBatchIndependent(session, input.name, scores.name, spec.windowSamples));
  return { fixedBatch, fixedWindow: windowDim, embeddingDim, batchIndependent };
}
