import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { noise, writeWav } from '../../../../test/fixtures/audio-fixtures';
import { useTempDir } from '../../../../test/helpers/temp-dir';
import { openAudioSource } from '../../audio/decode/open';
import { StreamResampler } from '../../inference/resample';
import { cutClips } from './cut-clip';

const temp = useTempDir('earmark-cut-');

// Overlapping clips, a far one (own span) and one past a 60 s span cap.
const CLIPS = [
  { start_s: 1, end_s: 4 },
  { start_s: 2.5, end_s: 5.5 },
  { start_s: 5.2, end_s: 8.2 },
  { start_s: 30, end_s: 33 },
  { start_s: 31, end_s: 91 },
  { start_s: 88.123, end_s: 91.123 },
];

describe('cutting clips in spans', () => {
  it('gives exactly the samples of reading each clip alone at the source rate', async () => {
    const path = writeWav(join(temp(), 'a.wav'), { sampleRate: 8000, samples: [noise(95, 8000, 0.5, 3), noise(95, 8000, 0.5, 4)] });
    const source = await openAudioSource(path);
    try {
      const got = [];
      for await (const { clip, samples } of cutClips(source, CLIPS, 'mix', 8000)) got.push({ clip, samples: Float32Array.from(samples) });
      expect(got.map((g) => g.clip)).toEqual(CLIPS);
      for (const { clip, samples } of got) {
        const start = Math.round(clip.start_s * 8000);
        const alone = await source.read(start, start + Math.round((clip.end_s - clip.start_s) * 8000), 'mix');
        expect(samples).toEqual(alone);
      }
    } finally {
      await source.close();
    }
  });

  it('resamples to exact lengths, matching each clip resampled alone away from its edges', async () => {
    const path = writeWav(join(temp(), 'b.wav'), { sampleRate: 22050, samples: [noise(95, 22050, 0.5, 5)] });
    const source = await openAudioSource(path);
    try {
      for await (const { clip, samples } of cutClips(source, CLIPS, 0, 16000)) {
        const length = Math.round((clip.end_s - clip.start_s) * 16000);
        expect(samples.length).toBe(length);
        const start = Math.round(clip.start_s * 22050);
        const raw = await source.read(start, start + Math.round((clip.end_s - clip.start_s) * 22050) + 1, 0);
        const r = await StreamResampler.create(22050, 16000);
        const alone = new Float32Array([...r.push(raw), ...r.finish()]);
        r.close();
        let worst = 0;
        for (let i = 400; i < length - 400; i++) worst = Math.max(worst, Math.abs(samples[i] - alone[i]));
        expect(worst).toBeLessThan(0.01);
      }
    } finally {
      await source.close();
    }
  });
});
