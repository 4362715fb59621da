/**
 * Colours a tile: bytes are column-major with the lowest bin first (src/shared/spectrogram.ts); the
 * image is row-major with the highest bin on row 0, one pixel per column and bin. `lut32` holds one
 * RGBA pixel per byte value, in the machine's byte order (a Uint32Array view of the LUT bytes).
 */
export function colourTile(bytes: Uint8Array, columns: number, bins: number, lut32: Uint32Array): Uint32Array {
  const px = new Uint32Array(columns * bins);
  for (let c = 0; c < columns; c++) {
    const base = c * bins;
    for (let b = 0; b < bins; b++) px[(bins - 1 - b) * columns + c] = lut32[bytes[base + b]];
  }
  return px;
}
