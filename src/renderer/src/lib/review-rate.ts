// Playback rates of the review loop (issue 4, item 2), with time expansion for ultrasonic recordings:
// played 10x slower without pitch correction, a bat's 40 kHz call is heard at 4 kHz. Chromium's
// media elements go down to 0.0625x.

export const RATES = [0.1, 0.25, 0.5, 1, 2] as const;
export const EXPANSION_RATE = 0.1;
/** Above this sample rate a recording holds sound no one hears at 1x: time expansion is offered. */
export const ULTRASONIC_HZ = 96_000;

export function isUltrasonic(sampleRate: number | null | undefined): boolean {
  return (sampleRate ?? 0) > ULTRASONIC_HZ;
}

export function rateName(rate: number): string {
  return rate < 1 ? `${rate}× (${Math.round(1 / rate)}× slower)` : `${rate}×`;
}

const khz = (hz: number) => `${+(hz / 1000).toFixed(hz >= 10_000 ? 0 : 1)} kHz`;

/** What the element really plays at, and where the recording's top frequency lands when slowed. */
export function effectiveRateText(mediaRate: number, sampleRate: number | null | undefined): string {
  const rate = `${+mediaRate.toFixed(4)}×`;
  if (mediaRate >= 1 || !sampleRate) return `playing at ${rate}`;
  return `playing at ${rate}: ${khz(sampleRate / 2)} heard as ${khz((sampleRate / 2) * mediaRate)}`;
}

/** The expansion key: to 0.1x, and back to the rate before it. */
export function toggledRate(current: number, before: number): number {
  return current === EXPANSION_RATE ? (before === EXPANSION_RATE ? 1 : before) : EXPANSION_RATE;
}
