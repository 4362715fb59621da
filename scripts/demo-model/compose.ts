import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import {
  type AttributeProto,
  AttributeProtoSchema,
  AttributeProto_AttributeType,
  type GraphProto,
  GraphProtoSchema,
  ModelProtoSchema,
  type NodeProto,
  NodeProtoSchema,
  OperatorSetIdProtoSchema,
  type TensorProto,
  TensorProtoSchema,
  TensorProto_DataType,
  ValueInfoProtoSchema,
} from 'onnx-buf';
import { EMB_DIM, EMB_FRAMES, EMB_STRIDE, MEL_BINS, SHARED_MODELS, embWindows } from './config';
import { FEATURE_DIM } from './features';
import { type Head } from './logreg';

// Builds the one-graph demo classifier (issue 3, item 2b; ../shared/models/README.md "Composing them"):
//   waveform [batch, N] -> x32767 -> mel (per-item 80 dB floor) -> x/10+2 -> Gather of 76-frame windows
//   -> speech_embedding -> mean & max over windows -\
//      mel mean & std per band over all frames -------+-> Concat -> Gemm -> Softmax -> scores [batch, C]
//   embedding mean -----------------------------------------------------------------> embedding [batch, 96]

export const INPUT_NAME = 'waveform';
export const SCORES_NAME = 'scores';
export const EMBEDDING_NAME = 'embedding';

function tensor(name: string, dims: number[], data: Float32Array | BigInt64Array, type: TensorProto_DataType): TensorProto {
  const rawData = new Uint8Array(data.byteLength); // little-endian on every platform onnxruntime-node ships for
  rawData.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  return create(TensorProtoSchema, { name, dims: dims.map(BigInt), dataType: type, rawData });
}
const f32 = (name: string, dims: number[], values: ArrayLike<number>) => tensor(name, dims, Float32Array.from(values), TensorProto_DataType.FLOAT);
const i64 = (name: string, dims: number[], values: number[]) => tensor(name, dims, BigInt64Array.from(values.map(BigInt)), TensorProto_DataType.INT64);

const ints = (name: string, v: number[]) => create(AttributeProtoSchema, { name, type: AttributeProto_AttributeType.INTS, ints: v.map(BigInt) });
const int = (name: string, v: number) => create(AttributeProtoSchema, { name, type: AttributeProto_AttributeType.INT, i: BigInt(v) });

function node(opType: string, name: string, input: string[], output: string[], attribute: AttributeProto[] = []): NodeProto {
  return create(NodeProtoSchema, { opType, name, input, output, attribute });
}

function valueInfo(name: string, dims: (number | string)[]) {
  return create(ValueInfoProtoSchema, {
    name,
    type: {
      value: {
        case: 'tensorType',
        value: {
          elemType: TensorProto_DataType.FLOAT,
          shape: { dim: dims.map((d) => ({ value: typeof d === 'number' ? { case: 'dimValue' as const, value: BigInt(d) } : { case: 'dimParam' as const, value: d } })) },
        },
      },
    },
  });
}

/**
 * A sub-graph's nodes and used initializers with every name prefixed, its single input bound to
 * `inputName` and its single output renamed to `<prefix>out`. Empty (omitted optional) input names stay
 * empty: prefixing them would invent a tensor that does not exist.
 */
export function embedGraph(g: GraphProto, prefix: string, inputName: string): { nodes: NodeProto[]; inits: TensorProto[]; output: string } {
  const graphIn = g.input[0].name;
  const graphOut = g.output[0].name;
  const rename = (n: string): string => (n === '' ? '' : n === graphIn ? inputName : n === graphOut ? `${prefix}out` : prefix + n);
  const nodes = g.node.map((n) => create(NodeProtoSchema, { ...n, name: prefix + n.name, input: n.input.map(rename), output: n.output.map(rename) }));
  const used = new Set(nodes.flatMap((n) => n.input));
  const inits = g.initializer.filter((t) => used.has(rename(t.name))).map((t) => create(TensorProtoSchema, { ...t, name: rename(t.name) }));
  return { nodes, inits, output: `${prefix}out` };
}

/**
 * The mel front end floors at (max - 80 dB) with ONE max over the whole batch, so a quiet window's
 * features depend on its batch mates. Take the max per item instead (axes 1,2,3, keepdims) and replace
 * the final Clip (which needs scalar bounds; its upper bound is +inf) by an element-wise Max.
 */
export function fixMelFloor(mel: GraphProto): GraphProto {
  const g = create(GraphProtoSchema, mel);
  const reduce = g.node.filter((n) => n.opType === 'ReduceMax');
  const clips = g.node.filter((n) => n.opType === 'Clip');
  if (reduce.length !== 1 || clips.length !== 2) throw new Error('melspectrogram.onnx: unexpected structure (expected one ReduceMax and two Clips)');
  reduce[0].attribute = [ints('axes', [1, 2, 3]), int('keepdims', 1)];
  const last = clips.find((c) => c.input[0] === reduce[0].input[0]);
  if (!last) throw new Error('melspectrogram.onnx: the floor Clip was not found');
  last.opType = 'Max';
  last.input = [last.input[0], last.input[1]];
  last.attribute = [];
  const used = new Set(g.node.flatMap((n) => n.input));
  g.initializer = g.initializer.filter((t) => used.has(t.name)); // the Clip's +inf upper bound
  return g;
}

export function loadGraph(file: string): GraphProto {
  const m = fromBinary(ModelProtoSchema, readFileSync(file));
  if (!m.graph) throw new Error(`${file}: no graph`);
  return m.graph;
}

export interface ComposeOptions {
  windowSamples: number;
  head: Head;
  modelsDir?: string;
  docString?: string;
}

export function composeModel(opt: ComposeOptions): Uint8Array {
  const dir = opt.modelsDir ?? SHARED_MODELS;
  const W = embWindows(opt.windowSamples);
  const mel = embedGraph(fixMelFloor(loadGraph(join(dir, 'melspectrogram.onnx'))), 'mel/', 'scaled');
  const emb = embedGraph(loadGraph(join(dir, 'embedding_model.onnx')), 'emb/', 'windows');
  const C = opt.head.classes;
  if (opt.head.dim !== FEATURE_DIM) throw new Error(`head takes ${opt.head.dim} features, expected ${FEATURE_DIM}`);

  const idx: number[] = [];
  for (let w = 0; w < W; w++) for (let t = 0; t < EMB_FRAMES; t++) idx.push(w * EMB_STRIDE + t);

  const inits = [
    f32('c/int16_scale', [], [32767]),
    f32('c/ten', [], [10]),
    f32('c/two', [], [2]),
    i64('c/frame_index', [W, EMB_FRAMES], idx),
    i64('c/windows_shape', [4], [-1, EMB_FRAMES, MEL_BINS, 1]),
    i64('c/emb_shape', [3], [-1, W, EMB_DIM]),
    f32('head/W', [FEATURE_DIM, C], opt.head.W),
    f32('head/b', [C], opt.head.b),
    ...mel.inits,
    ...emb.inits,
  ];
  const nodes = [
    node('Mul', 'scale_to_int16', [INPUT_NAME, 'c/int16_scale'], ['scaled']),
    ...mel.nodes,
    node('Div', 'mel_div10', [mel.output, 'c/ten'], ['mel_d10']),
    node('Add', 'mel_add2', ['mel_d10', 'c/two'], ['mel_norm']),
    node('Gather', 'frame_windows', ['mel_norm', 'c/frame_index'], ['mel_windows'], [int('axis', 2)]),
    node('Reshape', 'windows_flat', ['mel_windows', 'c/windows_shape'], ['windows']),
    ...emb.nodes,
    node('Reshape', 'emb_per_item', [emb.output, 'c/emb_shape'], ['emb_seq']),
    node('ReduceMean', 'pool_mean', ['emb_seq'], [EMBEDDING_NAME], [ints('axes', [1]), int('keepdims', 0)]),
    node('ReduceMax', 'pool_max', ['emb_seq'], ['emb_max'], [ints('axes', [1]), int('keepdims', 0)]),
    // Spectral envelope (features.ts melStats): population std, like the reference.
    node('ReduceMean', 'mel_mean', ['mel_norm'], ['mel_mean'], [ints('axes', [1, 2]), int('keepdims', 0)]),
    node('ReduceMean', 'mel_mean_k', ['mel_norm'], ['mel_mean_k'], [ints('axes', [1, 2]), int('keepdims', 1)]),
    node('Sub', 'mel_centred', ['mel_norm', 'mel_mean_k'], ['mel_centred']),
    node('Mul', 'mel_sq', ['mel_centred', 'mel_centred'], ['mel_sq']),
    node('ReduceMean', 'mel_var', ['mel_sq'], ['mel_var'], [ints('axes', [1, 2]), int('keepdims', 0)]),
    node('Sqrt', 'mel_std', ['mel_var'], ['mel_std']),
    node('Concat', 'features', [EMBEDDING_NAME, 'emb_max', 'mel_mean', 'mel_std'], ['features'], [int('axis', 1)]),
    node('Gemm', 'head_gemm', ['features', 'head/W', 'head/b'], ['logits']),
    node('Softmax', 'head_softmax', ['logits'], [SCORES_NAME], [int('axis', 1)]),
  ];
  const graph = create(GraphProtoSchema, {
    name: 'earmark-demo',
    node: nodes,
    initializer: inits,
    input: [valueInfo(INPUT_NAME, ['batch', opt.windowSamples])],
    output: [valueInfo(SCORES_NAME, ['batch', C]), valueInfo(EMBEDDING_NAME, ['batch', EMB_DIM])],
  });
  const model = create(ModelProtoSchema, {
    irVersion: 7n,
    opsetImport: [create(OperatorSetIdProtoSchema, { domain: '', version: 13n })],
    producerName: 'earmark build:demo-model',
    docString: opt.docString ?? '',
    graph,
  });
  return toBinary(ModelProtoSchema, model);
}
