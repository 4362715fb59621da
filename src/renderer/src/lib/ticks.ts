/** Round tick values (1, 2, 5 × 10^k steps) for an axis from `min` to `max`, about `target` of them. */
export function niceTicks(min: number, max: number, target: number): number[] {
  if (!(max > min) || target < 1) return [];
  const raw = (max - min) / target;
  const mag = 10 ** Math.floor(Math.log10(raw));
  // The round step nearest the ideal one on a log scale, so the count stays close to `target`.
  const step = [1, 2, 5, 10]
    .map((m) => m * mag)
    .reduce((best, s) => (Math.abs(Math.log(s / raw)) < Math.abs(Math.log(best / raw)) ? s : best));
  const out: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) {
    // Multiplying back from an integer count avoids accumulated float error (0.30000000000000004).
    out.push(Math.round(v / step) * step);
  }
  return out;
}
