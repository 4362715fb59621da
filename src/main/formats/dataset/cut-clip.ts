import type { AudioSource, ChannelSelection } from '../../audio/source';
import { StreamResampler } from '../../inference/resample';

// Cuts the clips of one recording from its open source. Clips close together are read (and
// resampled) as one span and sliced out of it: detections of consecutive windows overlap, so with
// 3 s clips every second of audio would otherwise be decoded and resampled several times. The
// SpeexDSP resampler (the one the models use) keeps timing (skip_zeros: an event at t stays at t),
// so slicing the resampled span at round(t * rate) gives the clip at t. Spans are capped, so memory
// stays bounded whatever the recording's length.

/** Longest span read at once (and the memory bound: seconds x rate x 4 bytes, twice when resampling). */
const MAX_SPAN_S = 60;
/** Clips further apart than this are read separately rather than decoding the gap. */
const MAX_GAP_S = 1;

export interface ClipRange {
  start_s: number;
  end_s: number;
}

/** Yields each clip's mono samples at outRate, in the order given (which must be by start time). */
export async function* cutClips<T extends ClipRange>(
  source: AudioSource,
  clips: T[],
  channel: ChannelSelection,
  outRate: number,
): AsyncGenerator<{ clip: T; samples: Float32Array }> {
  const inRate = source.info.sampleRate;
  for (const span of spans(clips)) {
    const first = Math.round(span.start_s * inRate);
    const last = Math.round(span.end_s * inRate) + 1; // +1: the resampler's last output needs it
    const raw = await source.read(first, last, channel);
    const audio = outRate === inRate ? raw : await resample(raw, inRate, outRate);
    for (const clip of span.clips) {
      const length = Math.max(1, Math.round((clip.end_s - clip.start_s) * outRate));
      const at = outRate === inRate ? Math.round(clip.start_s * inRate) - first : Math.round((clip.start_s - first / inRate) * outRate);
      let samples = audio.subarray(Math.max(0, at), at + length);
      if (samples.length < length) {
        const padded = new Float32Array(length); // only ever at a rounding edge: silence, as read() gives past the end
        padded.set(samples);
        samples = padded;
      }
      yield { clip, samples };
    }
  }
}

function* spans<T extends ClipRange>(clips: T[]): Generator<{ start_s: number; end_s: number; clips: T[] }> {
  let span: { start_s: number; end_s: number; clips: T[] } | null = null;
  for (const clip of clips) {
    if (span && clip.start_s <= span.end_s + MAX_GAP_S && Math.max(span.end_s, clip.end_s) - span.start_s <= MAX_SPAN_S) {
      span.end_s = Math.max(span.end_s, clip.end_s);
      span.clips.push(clip);
      continue;
    }
    if (span) yield span;
    span = { start_s: clip.start_s, end_s: clip.end_s, clips: [clip] };
  }
  if (span) yield span;
}

async function resample(samples: Float32Array, inRate: number, outRate: number): Promise<Float32Array> {
  const resampler = await StreamResampler.create(inRate, outRate);
  try {
    const head = resampler.push(samples);
    const tail = resampler.finish();
    if (tail.length === 0) return head;
    const out = new Float32Array(head.length + tail.length);
    out.set(head);
    out.set(tail, head.length);
    return out;
  } finally {
    resampler.close();
  }
}
