import type { DatasetOptions } from '../../../shared/contract-dataset';

// Where a clip lies in its recording (issue 5): a fixed length centred on the event, or the event with
// padding. Fixed-length clips are shifted (not cut) to stay inside the recording, so every clip of a
// fixed-length dataset has the same number of samples, which is what batching training code expects;
// only a recording shorter than the clip length gives a shorter clip.

export interface ClipWindow {
  start_s: number;
  end_s: number;
  /** True when the window had to be moved or cut to fit the recording. */
  clamped: boolean;
}

type WindowOptions = Pick<DatasetOptions, 'clip_mode' | 'clip_length_s' | 'padding_s'>;

/** Times are rounded to the millisecond so clip names, manifest rows and cut samples agree. */
const ms = (s: number) => Math.round(s * 1000) / 1000;

export function clipWindow(eventStart: number, eventEnd: number, durationS: number | null, o: WindowOptions): ClipWindow {
  const duration = durationS ?? Infinity;
  if (o.clip_mode === 'event') {
    const start = Math.max(0, eventStart - o.padding_s);
    const end = Math.min(duration, eventEnd + o.padding_s);
    return { start_s: ms(start), end_s: ms(end), clamped: start > eventStart - o.padding_s || end < eventEnd + o.padding_s };
  }
  const length = o.clip_length_s;
  if (duration <= length) return { start_s: 0, end_s: ms(duration), clamped: true };
  const centre = (eventStart + eventEnd) / 2;
  const wanted = centre - length / 2;
  const start = Math.min(Math.max(0, wanted), duration - length);
  return { start_s: ms(start), end_s: ms(start + length), clamped: start !== wanted };
}
