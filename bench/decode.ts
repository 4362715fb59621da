import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeWav } from '../test/fixtures/audio-fixtures';
import { openAudioSource } from '../src/main/audio/decode/open';

// Streaming decode throughput and memory for long recordings (issue 3: bounded memory whatever the
// length). WAV always; FLAC when a `flac` or `sox` binary is present to make one (bench only).

async function pass(path: string, channel: 'mix' | number = 'mix') {
  const src = await openAudioSource(path);
  const rss0 = process.memoryUsage().rss;
  let peak = rss0;
  let frames = 0;
  const t = performance.now();
  for await (const c of src.stream({ channel })) {
    frames += c.samples.length;
    if ((frames & 0xfffff) < c.samples.length) peak = Math.max(peak, process.memoryUsage().rss);
  }
  const seconds = (performance.now() - t) / 1000;
  const audioS = src.info.durationS;
  // Random reads: 200 one-second windows across the file.
  const tr = performance.now();
  for (let i = 0; i < 200; i++) {
    const f = Math.floor(((i * 7919) % 200) / 200 * (src.info.totalFrames - src.info.sampleRate));
    await src.read(f, f + src.info.sampleRate);
  }
  const readMs = (performance.now() - tr) / 200;
  await src.close();
  return { frames, seconds, audioS, peakMb: (peak - rss0) / 2 ** 20, readMs };
}

function hasTool(name: string): boolean {
  try {
    execFileSync(name, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export async function runDecodeBench(minutes = 60): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'earmark-bench-decode-'));
  try {
    const rate = 48000;
    const frames = minutes * 60 * rate;
    const wav = writeWav(join(dir, 'long.wav'), {
      sampleRate: rate,
      samples: { frames, channels: 1, at: (f: number) => 0.3 * Math.sin(f * 0.05) + ((f * 2654435761) % 1000) / 20000 },
    });
    const w = await pass(wav);
    console.log(
      `decode wav: ${minutes} min 48 kHz 16-bit mono (${(statSync(wav).size / 2 ** 20).toFixed(0)} MB) streamed in ${w.seconds.toFixed(2)} s ` +
        `(${(w.audioS / w.seconds).toFixed(0)}x real time), RSS growth ${w.peakMb.toFixed(0)} MB; read(1 s window) ${w.readMs.toFixed(2)} ms`,
    );
    const out: Record<string, number> = { wav_decode_s_per_hour: (w.seconds * 60) / minutes, wav_read_ms: w.readMs };
    const flac = join(dir, 'long.flac');
    if (hasTool('flac')) execFileSync('flac', ['-s', '-o', flac, wav]);
    else if (hasTool('sox')) execFileSync('sox', [wav, flac]);
    else {
      console.log('decode flac: skipped (no flac or sox binary to make a long FLAC)');
      return out;
    }
    const f = await pass(flac);
    console.log(
      `decode flac: ${minutes} min (${(statSync(flac).size / 2 ** 20).toFixed(0)} MB) streamed in ${f.seconds.toFixed(2)} s ` +
        `(${(f.audioS / f.seconds).toFixed(0)}x real time), RSS growth ${f.peakMb.toFixed(0)} MB; read(1 s window) after the pass ${f.readMs.toFixed(2)} ms`,
    );
    const cold = await openAudioSource(flac);
    let t = performance.now();
    await cold.read(cold.info.totalFrames - 2 * rate, cold.info.totalFrames - rate);
    const coldMs = performance.now() - t;
    // Spectrogram-style small reads: 1,024 samples hopping forward, and at random positions.
    const base = Math.floor(cold.info.totalFrames / 3);
    t = performance.now();
    for (let i = 0; i < 2000; i++) await cold.read(base + i * 4000, base + i * 4000 + 1024);
    const seqMs = (performance.now() - t) / 2000;
    t = performance.now();
    for (let i = 0; i < 300; i++) {
      const at = Math.floor((((i * 7919) % 1000) / 1000) * (cold.info.totalFrames - 2048));
      await cold.read(at, at + 1024);
    }
    const randMs = (performance.now() - t) / 300;
    console.log(
      `decode flac: first read of the last second with no index yet (header scan + decode) ${coldMs.toFixed(0)} ms; ` +
        `1,024-sample reads: hopping forward ${seqMs.toFixed(3)} ms each, at random positions ${randMs.toFixed(2)} ms each ` +
        `(WAV: ${w.readMs.toFixed(2)} ms per 1 s window)`,
    );
    await cold.close();
    return { ...out, flac_decode_s_per_hour: (f.seconds * 60) / minutes, flac_read_ms: f.readMs, flac_small_read_seq_ms: seqMs, flac_small_read_random_ms: randMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runDecodeBench(Number(process.env.BENCH_MINUTES ?? 60));
