export type Activation = 'none' | 'sigmoid' | 'softmax';

/** Applies the manifest's output activation in place to n rows of k scores. */
export function applyActivation(scores: Float32Array, k: number, activation: Activation): Float32Array {
  if (activation === 'sigmoid') {
    for (let i = 0; i < scores.length; i++) scores[i] = 1 / (1 + Math.exp(-scores[i]));
  } else if (activation === 'softmax') {
    for (let row = 0; row < scores.length; row += k) {
      let max = -Infinity;
      for (let j = 0; j < k; j++) max = Math.max(max, scores[row + j]);
      let sum = 0;
      for (let j = 0; j < k; j++) sum += scores[row + j] = Math.exp(scores[row + j] - max);
      for (let j = 0; j < k; j++) scores[row + j] /= sum;
    }
  }
  return scores;
}
