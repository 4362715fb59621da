import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MEDIA_DIR, SHARED_CLIPS_DIR, noise, sine, writeWav } from '../test/fixtures/audio-fixtures';
import { probeRecording } from '../src/main/audio/metadata/probe';

// Issue target: probing 1,000 files (headers + fingerprint, no decode) takes a few seconds.
// Mixed WAV 1-5 s (some with GUANO / AudioMoth comments) plus copies of real FLAC clips.

function flacClips(): string[] {
  try {
    return readdirSync(SHARED_CLIPS_DIR, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.flac'))
      .map((f) => join(SHARED_CLIPS_DIR, f));
  } catch {
    return readdirSync(MEDIA_DIR).filter((f) => f.endsWith('.flac')).map((f) => join(MEDIA_DIR, f));
  }
}

export async function runProbeBench(count = 1000, concurrency = 8): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'earmark-bench-probe-'));
  try {
    const clips = flacClips();
    const paths: string[] = [];
    for (let i = 0; i < count; i++) {
      if (i % 5 === 4) {
        const p = join(dir, `clip_${i}.flac`);
        copyFileSync(clips[i % clips.length], p);
        paths.push(p);
        continue;
      }
      const seconds = 1 + (i % 5);
      const rate = [16000, 24000, 48000][i % 3];
      const samples = i % 2 ? sine(300 + i, seconds, rate, 0.3) : noise(seconds, rate, 0.2, i + 1);
      const p = join(dir, `SITE${i % 7}_2024${String(1 + (i % 12)).padStart(2, '0')}01_0${i % 10}0000.WAV`);
      mkdirSync(dir, { recursive: true });
      writeWav(p, {
        sampleRate: rate,
        samples: [samples],
        guano: i % 3 === 0 ? { Timestamp: '2024-05-01T05:30:00Z', Site: `Site ${i % 7}` } : undefined,
        audiomothComment:
          i % 3 === 1 ? `Recorded at 05:30:00 01/05/2024 (UTC+1) by AudioMoth 243B1F075E3A1E4C at medium gain while battery was 3.8V and temperature was 12.8C.` : undefined,
      });
      paths.push(p);
    }
    const run = async () => {
      let next = 0;
      let failed = 0;
      const worker = async () => {
        while (next < paths.length) {
          const p = paths[next++];
          await probeRecording(p).catch(() => failed++);
        }
      };
      const t = performance.now();
      await Promise.all(Array.from({ length: concurrency }, worker));
      return { seconds: (performance.now() - t) / 1000, failed };
    };
    const cold = await run(); // page cache already warm from writing; "cold" = first probe in-process
    const warm = await run();
    const serialStart = performance.now();
    for (const p of paths.slice(0, 200)) await probeRecording(p);
    const serialMs = (performance.now() - serialStart) / 200;
    console.log(
      `probe: ${count} files (${count - Math.floor(count / 5)} WAV 1-5 s, ${Math.floor(count / 5)} FLAC clips), concurrency ${concurrency}: ` +
        `first pass ${cold.seconds.toFixed(2)} s (${(count / cold.seconds).toFixed(0)} files/s), second ${warm.seconds.toFixed(2)} s ` +
        `(${(count / warm.seconds).toFixed(0)} files/s); serial ${serialMs.toFixed(2)} ms/file; failed ${cold.failed}; ` +
        `ratio to a 5 s budget ${(cold.seconds / 5).toFixed(2)}`,
    );
    return { probe_files_per_s: count / cold.seconds, probe_seconds: cold.seconds, probe_serial_ms: serialMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runProbeBench();
