import { type Clip } from './clips';
import { HOLDOUT } from './config';
import { type Rng, colouredNoise, dbToGain, rms } from './rng';

// Demo "field recordings": coloured background noise plus a quiet looped noise clip, with labelled clips
// mixed in at known times and SNRs. The plan (what goes where) is made at a neutral rate; mixing then
// happens per recording at its own sample rate, so the ground truth is exact in seconds.

export interface SoundscapeSpec {
  file: string;
  rate: number;
  channels: 1 | 2;
  duration_s: number;
  /** The quiet noise clip looped under everything. */
  bed: string;
  /** Background level, dBFS RMS. */
  background_db: number;
}

export interface PlannedEvent {
  file: string;
  start_s: number;
  end_s: number;
  label: string;
  source_clip: string;
  snr_db: number;
  in_training: boolean;
  /** Stereo placement, 0 = left, 1 = right. */
  pan: number;
  /** Seconds into the (trimmed) clip where the excerpt begins. */
  offset_s: number;
}

const MAX_EVENT_S = 6;

/** The audible part of a clip: drop leading/trailing 20 ms frames more than 35 dB below the loudest. */
export function audibleSpan(x: Float32Array, rate: number): [number, number] {
  const frame = Math.round(0.02 * rate);
  const levels: number[] = [];
  for (let i = 0; i + frame <= x.length; i += frame) levels.push(rms(x, i, i + frame));
  const floor = Math.max(...levels) * dbToGain(-35);
  const first = levels.findIndex((l) => l >= floor);
  const last = levels.length - 1 - [...levels].reverse().findIndex((l) => l >= floor);
  return [first * frame, Math.min(x.length, (last + 1) * frame)];
}

/**
 * Events for every recording: gaps of 2-5 s of background between events; the held-out clips each
 * appear at least twice across the set, the rest are drawn from the trained clips.
 */
export function planEvents(rng: Rng, specs: SoundscapeSpec[], clips: Clip[]): PlannedEvent[] {
  const candidates = clips.filter((c) => c.label !== 'noise');
  const held = candidates.filter((c) => HOLDOUT.includes(c.file));
  const trained = candidates.filter((c) => !HOLDOUT.includes(c.file));
  const queue = rng.shuffle([...held, ...held]);
  const events: PlannedEvent[] = [];
  for (const spec of specs) {
    let t = rng.uniform(1.5, 3);
    for (;;) {
      const fromQueue = queue.length > 0 && rng.next() < 0.6;
      const clip = fromQueue ? queue.pop()! : rng.pick(trained);
      const [a, b] = audibleSpan(clip.samples, clip.rate);
      const len = Math.min((b - a) / clip.rate, MAX_EVENT_S);
      if (t + len > spec.duration_s - 1) {
        if (fromQueue) queue.push(clip);
        break;
      }
      events.push({
        file: spec.file,
        start_s: round3(t),
        end_s: round3(t + len),
        label: clip.label,
        source_clip: clip.file,
        snr_db: Math.round(rng.uniform(6, 18)),
        in_training: !HOLDOUT.includes(clip.file),
        pan: spec.channels === 2 ? round3(rng.uniform(0.15, 0.85)) : 0.5,
        offset_s: a / clip.rate,
      });
      t += len + rng.uniform(2, 5);
    }
  }
  if (queue.length > 0) throw new Error(`soundscapes too short: ${queue.length} held-out clip placements left over`);
  return events;
}

const round3 = (v: number) => Math.round(v * 1000) / 1000;

/** Mixes one recording. `clips` must be at spec.rate; returns one array per channel. */
export function mixSoundscape(rng: Rng, spec: SoundscapeSpec, events: PlannedEvent[], clips: Map<string, Clip>): Float32Array[] {
  const n = Math.round(spec.duration_s * spec.rate);
  const level = dbToGain(spec.background_db);
  const bedClip = clips.get(spec.bed);
  if (!bedClip) throw new Error(`background clip ${spec.bed} not found`);
  const bedGain = (level * dbToGain(-6)) / (rms(bedClip.samples) || 1);
  const out: Float32Array[] = [];
  for (let c = 0; c < spec.channels; c++) {
    // Each channel gets its own noise (two microphones do not hear the same hiss); the bed loops.
    const pink = colouredNoise(rng, 'pink', n);
    const brown = colouredNoise(rng, 'brown', n);
    const x = new Float32Array(n);
    const bedStart = rng.int(bedClip.samples.length);
    for (let i = 0; i < n; i++) {
      x[i] = level * (0.8 * pink[i] + 0.6 * brown[i]) + bedGain * bedClip.samples[(bedStart + i) % bedClip.samples.length];
    }
    out.push(x);
  }
  const backgroundRms = rms(out[0]);
  for (const e of events.filter((ev) => ev.file === spec.file)) {
    const clip = clips.get(e.source_clip)!;
    const from = Math.round(e.offset_s * spec.rate);
    const len = Math.round((e.end_s - e.start_s) * spec.rate);
    const piece = clip.samples.subarray(from, from + len);
    const gain = (backgroundRms * dbToGain(e.snr_db)) / (rms(piece) || 1);
    const at = Math.round(e.start_s * spec.rate);
    // Short fades so an excerpt cut from a longer clip does not click in.
    const fade = Math.round(0.01 * spec.rate);
    const pans = spec.channels === 2 ? [Math.cos((e.pan * Math.PI) / 2) * Math.SQRT2, Math.sin((e.pan * Math.PI) / 2) * Math.SQRT2] : [1];
    for (let i = 0; i < piece.length && at + i < n; i++) {
      const env = Math.min(1, i / fade, (piece.length - 1 - i) / fade);
      for (let c = 0; c < spec.channels; c++) out[c][at + i] += gain * pans[c] * env * piece[i];
    }
  }
  let peak = 0;
  for (const x of out) for (const v of x) peak = Math.max(peak, Math.abs(v));
  if (peak > 0.89) for (const x of out) for (let i = 0; i < n; i++) x[i] *= 0.89 / peak;
  return out;
}
