import type { Activation } from './activation';

// What the main thread sends an inference worker: everything needed to open and run the session, so
// workers never read manifests themselves.

export interface SessionSpec {
  onnxPath: string;
  inputName: string;
  scoresName: string;
  embeddingName: string | null;
  activation: Activation;
  windowSamples: number;
  /** Score dimension (= number of labels). */
  labels: number;
  fixedBatch: number | null;
}

export interface InferRequest {
  model: SessionSpec;
  /** Number of windows in `samples` (n × windowSamples values, window after window). */
  n: number;
  samples: Float32Array;
}

export interface InferResult {
  /** n × labels scores, activation applied. */
  scores: Float32Array;
  /** n × d, when the model has an embedding output. */
  embedding?: Float32Array;
}
