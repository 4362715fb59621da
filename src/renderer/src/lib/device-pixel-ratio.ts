/**
 * Calls `set` when devicePixelRatio moves away from `current` (browser zoom, another screen); returns the
 * disposer. Canvas layers size themselves in device pixels, so they must redraw when it changes.
 */
export function watchDevicePixelRatio(current: number, set: (dpr: number) => void): () => void {
  const mq = window.matchMedia(`(resolution: ${current}dppx)`);
  const onChange = () => set(window.devicePixelRatio || 1);
  mq.addEventListener('change', onChange);
  return () => mq.removeEventListener('change', onChange);
}

/**
 * Sizes a canvas layer's backing store to its CSS box in device pixels (only when it changed, since
 * resizing clears it) and returns its 2D context; null while the box is empty.
 */
export function deviceSizedContext(canvas: HTMLCanvasElement, cssW: number, cssH: number, dpr: number): CanvasRenderingContext2D | null {
  const w = Math.round(cssW * dpr);
  const h = Math.round(cssH * dpr);
  if (w <= 0 || h <= 0) return null;
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  return canvas.getContext('2d');
}
