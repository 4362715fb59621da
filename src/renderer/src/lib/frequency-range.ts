/**
 * The frequency range a spectrogram shows: the user's range clamped to the recording's Nyquist
 * frequency (48 kHz assumed until the rate is known), at least 1 Hz tall.
 */
export function frequencyRange(
  wanted: { minHz: number; maxHz: number | null },
  sampleRate: number | null | undefined,
): { minHz: number; maxHz: number; nyquist: number } {
  const nyquist = (sampleRate ?? 48000) / 2;
  const maxHz = Math.min(wanted.maxHz ?? nyquist, nyquist);
  return { minHz: Math.min(wanted.minHz, maxHz - 1), maxHz, nyquist };
}
