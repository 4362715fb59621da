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
