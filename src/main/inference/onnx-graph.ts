import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import {
  AttributeProtoSchema,
  AttributeProto_AttributeType as AttrType,
  GraphProtoSchema,
  ModelProtoSchema,
  NodeProtoSchema,
  OperatorSetIdProtoSchema,
  TensorProtoSchema,
  TensorProto_DataType as DataType,
  TensorShapeProtoSchema,
  TensorShapeProto_DimensionSchema,
  TypeProtoSchema,
  TypeProto_TensorSchema,
  ValueInfoProtoSchema,
  type AttributeProto,
  type GraphProto,
  type ModelProto,
  type NodeProto,
  type TensorProto,
  type ValueInfoProto,
} from 'onnx-buf';

// A few helpers to write ONNX graphs with onnx-buf (ONNX 1.20 protobuf classes). Used at BUILD time only:
// by the test model builders (test/fixtures/models) and scripts/build-vad-model.ts. Nothing that runs in
// the app imports this file, which is why onnx-buf is a dev dependency.

export { DataType, fromBinary, toBinary, ModelProtoSchema };
export type { GraphProto, ModelProto, NodeProto, TensorProto, ValueInfoProto };

/** A dimension: a number is fixed, a string is symbolic (e.g. 'batch'). */
export type Dim = number | string;

export function valueInfo(name: string, elemType: DataType, dims: Dim[] | null): ValueInfoProto {
  const shape =
    dims === null
      ? undefined
      : create(TensorShapeProtoSchema, {
          dim: dims.map((d) =>
            create(TensorShapeProto_DimensionSchema, {
              value: typeof d === 'number' ? { case: 'dimValue', value: BigInt(d) } : { case: 'dimParam', value: d },
            }),
          ),
        });
  return create(ValueInfoProtoSchema, {
    name,
    type: create(TypeProtoSchema, { value: { case: 'tensorType', value: create(TypeProto_TensorSchema, { elemType, shape }) } }),
  });
}

export const floatInfo = (name: string, dims: Dim[] | null) => valueInfo(name, DataType.FLOAT, dims);

export function floatTensor(name: string, dims: number[], values: ArrayLike<number>): TensorProto {
  const data = Float32Array.from(values);
  if (data.length !== dims.reduce((a, b) => a * b, 1)) throw new Error(`tensor ${name}: ${data.length} values for dims ${dims}`);
  return create(TensorProtoSchema, {
    name,
    dims: dims.map(BigInt),
    dataType: DataType.FLOAT,
    rawData: new Uint8Array(data.buffer.slice(0)),
  });
}

export function int64Tensor(name: string, dims: number[], values: ArrayLike<number | bigint>): TensorProto {
  return create(TensorProtoSchema, {
    name,
    dims: dims.map(BigInt),
    dataType: DataType.INT64,
    int64Data: Array.from(values, (v) => BigInt(v)),
  });
}

type AttrValue = number | number[] | string | TensorProto | GraphProto | { floats: number[] } | { float: number };

/** Attributes: integers are `number`/`number[]` (INT/INTS); pass {float} / {floats} for floats. */
export function attr(name: string, value: AttrValue): AttributeProto {
  if (typeof value === 'number') return create(AttributeProtoSchema, { name, type: AttrType.INT, i: BigInt(value) });
  if (Array.isArray(value)) return create(AttributeProtoSchema, { name, type: AttrType.INTS, ints: value.map(BigInt) });
  if (typeof value === 'string') return create(AttributeProtoSchema, { name, type: AttrType.STRING, s: new TextEncoder().encode(value) });
  if ('float' in value) return create(AttributeProtoSchema, { name, type: AttrType.FLOAT, f: value.float });
  if ('floats' in value) return create(AttributeProtoSchema, { name, type: AttrType.FLOATS, floats: value.floats });
  if (value.$typeName === 'onnx.TensorProto') return create(AttributeProtoSchema, { name, type: AttrType.TENSOR, t: value });
  return create(AttributeProtoSchema, { name, type: AttrType.GRAPH, g: value as GraphProto });
}

export function node(opType: string, inputs: string[], outputs: string[], attrs: Record<string, AttrValue> = {}, name = ''): NodeProto {
  return create(NodeProtoSchema, {
    opType,
    input: inputs,
    output: outputs,
    name: name || `${opType}_${outputs[0]}`,
    attribute: Object.entries(attrs).map(([k, v]) => attr(k, v)),
  });
}

export interface GraphParts {
  name: string;
  nodes: NodeProto[];
  inputs: ValueInfoProto[];
  outputs: ValueInfoProto[];
  initializers?: TensorProto[];
}

export function graph(parts: GraphParts): GraphProto {
  return create(GraphProtoSchema, {
    name: parts.name,
    node: parts.nodes,
    input: parts.inputs,
    output: parts.outputs,
    initializer: parts.initializers ?? [],
  });
}

/** A model at IR 7 / opset 13, the versions of the models in ../shared/models, so graphs compose. */
export function model(g: GraphProto, opset = 13, irVersion = 7): ModelProto {
  return create(ModelProtoSchema, {
    irVersion: BigInt(irVersion),
    producerName: 'earmark',
    opsetImport: [create(OperatorSetIdProtoSchema, { domain: '', version: BigInt(opset) })],
    graph: g,
  });
}

export const encodeModel = (m: ModelProto): Uint8Array => toBinary(ModelProtoSchema, m);
export const decodeModel = (bytes: Uint8Array): ModelProto => fromBinary(ModelProtoSchema, bytes);
