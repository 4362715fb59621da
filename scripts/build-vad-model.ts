// Builds resources/models/silero-vad/silero-vad-windows.onnx: Silero VAD v5 wrapped so that it meets
// Earmark's one-graph model contract (DESIGN.md, Models): waveform windows [batch, samples] at 16 kHz
// in, [batch, 1] "speech" out. Run: node --import tsx scripts/build-vad-model.ts
//
// Silero VAD itself is stateful: it takes one 512-sample frame (plus the previous frame's last 64
// samples as context, as Silero's own Python wrapper feeds it) and a [2, batch, 128] state, and returns
// a speech probability and the next state. The wrapper cuts each window into 512-sample frames, runs
// the original graph over them in a Scan that carries the state (fresh, zero state per window, so a
// window's score does not depend on its neighbours or its batch), and scores the window by the
// fraction of frames whose probability exceeds 0.5 (../shared/models/README.md: decide by the fraction
// of voiced frames, not the maximum). Samples after the last whole frame are not scored (128 of the
// 16000 in a 1 s window). The window length is symbolic, so a run may choose any window_s.

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DataType,
  decodeModel,
  encodeModel,
  floatInfo,
  floatTensor,
  graph,
  int64Tensor,
  model,
  node,
  valueInfo,
} from '../src/main/inference/onnx-graph';

const FRAME = 512;
const CONTEXT = 64;
const THRESHOLD = 0.5;

export function buildVadWrapper(original: Uint8Array): Uint8Array {
  const silero = decodeModel(original).graph!;
  const names = silero.input.map((i) => i.name).join(',');
  if (names !== 'input,state,sr') throw new Error(`unexpected Silero VAD inputs: ${names}`);

  // The Scan body: the original graph with `sr` fixed to 16000 inside it. State first, then the frame.
  const body = graph({
    name: 'silero_step',
    inputs: [floatInfo('state', [2, 'batch', 128]), floatInfo('input', ['batch', FRAME + CONTEXT])],
    outputs: [floatInfo('stateN', [2, 'batch', 128]), floatInfo('output', ['batch', 1])],
    nodes: [node('Constant', [], ['sr'], { value: int64Tensor('sr_value', [], [16000]) }), ...silero.node],
  });

  const main = graph({
    name: 'silero_vad_windows',
    inputs: [floatInfo('waveform', ['batch', 'samples'])],
    outputs: [floatInfo('speech', ['batch', 1])],
    initializers: [
      int64Tensor('c0', [1], [0]),
      int64Tensor('c1', [1], [1]),
      int64Tensor('c2', [1], [2]),
      int64Tensor('cm1', [1], [-1]),
      int64Tensor('c_frame', [1], [FRAME]),
      int64Tensor('c_ctx', [1], [CONTEXT]),
      int64Tensor('c_tail_start', [1], [FRAME - CONTEXT]),
      int64Tensor('c_128', [1], [128]),
      int64Tensor('frames_shape', [3], [0, -1, FRAME]),
      floatTensor('threshold', [], [THRESHOLD]),
    ],
    nodes: [
      // Whole frames only: [B, F*512] -> [B, F, 512].
      node('Shape', ['waveform'], ['x_shape']),
      node('Slice', ['x_shape', 'c0', 'c1'], ['n_batch']),
      node('Slice', ['x_shape', 'c1', 'c2'], ['n_samples']),
      node('Div', ['n_samples', 'c_frame'], ['n_frames']),
      node('Mul', ['n_frames', 'c_frame'], ['n_used']),
      node('Slice', ['waveform', 'c0', 'n_used', 'c1'], ['used']),
      node('Reshape', ['used', 'frames_shape'], ['frames']),
      // Context: the last 64 samples of the previous frame, zeros before the first.
      node('Slice', ['frames', 'c_tail_start', 'c_frame', 'c2'], ['tails']),
      node('Slice', ['tails', 'c0', 'cm1', 'c1'], ['prev_tails']),
      node('Concat', ['n_batch', 'c1', 'c_ctx'], ['ctx0_shape'], { axis: 0 }),
      node('ConstantOfShape', ['ctx0_shape'], ['ctx0'], { value: floatTensor('zero', [1], [0]) }),
      node('Concat', ['ctx0', 'prev_tails'], ['ctx'], { axis: 1 }),
      node('Concat', ['ctx', 'frames'], ['frames_ctx'], { axis: 2 }),
      node('Transpose', ['frames_ctx'], ['frames_t'], { perm: [1, 0, 2] }),
      // A fresh state per window.
      node('Concat', ['c2', 'n_batch', 'c_128'], ['state_shape'], { axis: 0 }),
      node('ConstantOfShape', ['state_shape'], ['state0'], { value: floatTensor('zero_s', [1], [0]) }),
      node('Scan', ['state0', 'frames_t'], ['state_last', 'probs'], { num_scan_inputs: 1, body }),
      // Score: fraction of frames with probability > 0.5. probs: [F, B, 1].
      node('Greater', ['probs', 'threshold'], ['voiced_b']),
      node('Cast', ['voiced_b'], ['voiced'], { to: DataType.FLOAT }),
      node('ReduceMean', ['voiced'], ['speech'], { axes: [0], keepdims: 0 }),
    ],
  });
  main.valueInfo.push(valueInfo('n_frames', DataType.INT64, [1]));
  return encodeModel(model(main, 16, 8));
}

const here = dirname(fileURLToPath(import.meta.url));
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = join(here, '..', 'resources', 'models', 'silero-vad');
  const out = join(dir, 'silero-vad-windows.onnx');
  writeFileSync(out, buildVadWrapper(readFileSync(join(dir, 'silero_vad_v5.onnx'))));
  console.log(`wrote ${out}`);
}
