// Multinomial logistic regression (softmax), L2-regularised, class-balanced, trained by full-batch
// Adam from zero weights: no randomness at all, so the same features give the same head bit for bit.
// Features are standardised while training and the scaling is folded back into W and b, so the
// exported Gemm takes raw pooled embeddings.

export interface Head {
  /** Row-major [dim, classes], the Gemm B operand. */
  W: Float32Array;
  b: Float32Array;
  dim: number;
  classes: number;
}

export interface TrainOptions {
  l2: number;
  iterations: number;
  learningRate: number;
}

export const DEFAULT_TRAIN: TrainOptions = { l2: 1e-2, iterations: 400, learningRate: 0.05 };

export function softmaxInPlace(z: Float64Array | Float32Array): void {
  let m = -Infinity;
  for (const v of z) m = Math.max(m, v);
  let s = 0;
  for (let i = 0; i < z.length; i++) { z[i] = Math.exp(z[i] - m); s += z[i]; }
  for (let i = 0; i < z.length; i++) z[i] /= s;
}

export function predict(head: Head, x: Float32Array): Float64Array {
  const z = new Float64Array(head.classes);
  for (let k = 0; k < head.classes; k++) z[k] = head.b[k];
  for (let d = 0; d < head.dim; d++) {
    const v = x[d];
    if (v === 0) continue;
    for (let k = 0; k < head.classes; k++) z[k] += v * head.W[d * head.classes + k];
  }
  softmaxInPlace(z);
  return z;
}

export function train(X: Float32Array[], y: number[], classes: number, opt: TrainOptions = DEFAULT_TRAIN): Head {
  const n = X.length;
  const dim = X[0].length;
  const mu = new Float64Array(dim);
  const sd = new Float64Array(dim);
  for (const x of X) for (let d = 0; d < dim; d++) mu[d] += x[d] / n;
  for (const x of X) for (let d = 0; d < dim; d++) sd[d] += (x[d] - mu[d]) ** 2 / n;
  for (let d = 0; d < dim; d++) sd[d] = Math.sqrt(sd[d]) || 1;
  const Z = X.map((x) => Float64Array.from(x, (v, d) => (v - mu[d]) / sd[d]));

  // Each class weighs the same in the loss whatever its window count (dog has 3 clips, music 8).
  const counts = new Array<number>(classes).fill(0);
  for (const c of y) counts[c]++;
  const sampleWeight = y.map((c) => n / (classes * counts[c]) / n);

  const P = dim * classes + classes; // weights then biases
  const theta = new Float64Array(P);
  const m1 = new Float64Array(P);
  const m2 = new Float64Array(P);
  const grad = new Float64Array(P);
  const z = new Float64Array(classes);
  const [beta1, beta2, eps] = [0.9, 0.999, 1e-8];
  for (let it = 1; it <= opt.iterations; it++) {
    grad.fill(0);
    for (let i = 0; i < n; i++) {
      const x = Z[i];
      for (let k = 0; k < classes; k++) z[k] = theta[dim * classes + k];
      for (let d = 0; d < dim; d++) for (let k = 0; k < classes; k++) z[k] += x[d] * theta[d * classes + k];
      softmaxInPlace(z);
      z[y[i]] -= 1;
      const w = sampleWeight[i];
      for (let d = 0; d < dim; d++) for (let k = 0; k < classes; k++) grad[d * classes + k] += w * z[k] * x[d];
      for (let k = 0; k < classes; k++) grad[dim * classes + k] += w * z[k];
    }
    for (let p = 0; p < dim * classes; p++) grad[p] += opt.l2 * theta[p];
    for (let p = 0; p < P; p++) {
      m1[p] = beta1 * m1[p] + (1 - beta1) * grad[p];
      m2[p] = beta2 * m2[p] + (1 - beta2) * grad[p] * grad[p];
      const mh = m1[p] / (1 - beta1 ** it);
      const vh = m2[p] / (1 - beta2 ** it);
      theta[p] -= (opt.learningRate * mh) / (Math.sqrt(vh) + eps);
    }
  }

  const W = new Float32Array(dim * classes);
  const b = new Float32Array(classes);
  for (let k = 0; k < classes; k++) {
    let bias = theta[dim * classes + k];
    for (let d = 0; d < dim; d++) {
      W[d * classes + k] = theta[d * classes + k] / sd[d];
      bias -= (theta[d * classes + k] * mu[d]) / sd[d];
    }
    b[k] = bias;
  }
  return { W, b, dim, classes };
}
