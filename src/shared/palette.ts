// Label colours picked for a dark spectrogram: distinct hues of similar brightness (Tableau 10, brightened).
export const LABEL_PALETTE = [
  '#4e9bf5', '#ff9f40', '#5cc85c', '#f25757', '#b28ee8',
  '#c79a7e', '#f28fd4', '#a3a3a3', '#dada4a', '#3fd4e6',
] as const;

export function paletteColour(index: number): string {
  return LABEL_PALETTE[((index % LABEL_PALETTE.length) + LABEL_PALETTE.length) % LABEL_PALETTE.length];
}
