import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { noise, sine, writeWav } from '../test/fixtures/audio-fixtures';
import { MEDIA_DIR } from '../test/fixtures/audio-fixtures';
import { Project } from '../src/main/app/project';
import { importRecordings } from '../src/main/recordings/import-recordings';

// Issue 2 target: importing 1,000 files (headers only) takes < 10 s.
export async function runImportBench(count = 1000): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'earmark-bench-import-'));
  try {
    const media = readdirSync(MEDIA_DIR).filter((name) => /\.(flac|mp3|ogg|wav)$/.test(name));
    for (let i = 0; i < count; i++) {
      const site = `SITE_${String(i % 10).padStart(2, '0')}`;
      if (i % 4 === 3) {
        const name = media[i % media.length];
        mkdirSync(join(dir, 'in', site), { recursive: true });
        copyFileSync(join(MEDIA_DIR, name), join(dir, 'in', site, `${i}_${name}`));
      } else {
        const seconds = 1 + (i % 5);
        const samples = i % 2 ? sine(200 + i, seconds, 16000, 0.3) : noise(seconds, 16000, 0.2, i + 1);
        writeWav(join(dir, 'in', site, `2024${String(1 + (i % 12)).padStart(2, '0')}01_0${i % 10}0000_${i}.wav`), { sampleRate: 16000, samples: [samples] });
      }
    }
    const project = Project.open(join(dir, 'bench.earmark'), { create: true });
    const started = performance.now();
    const summary = await importRecordings(project.db, project.recordings, [join(dir, 'in')]);
    const seconds = (performance.now() - started) / 1000;
    const again = performance.now();
    await importRecordings(project.db, project.recordings, [join(dir, 'in')]);
    const reimportSeconds = (performance.now() - again) / 1000;
    await project.close();
    console.log(
      `import: ${count} files (${summary.imported} new, ${summary.unchanged} byte-identical copies recognised) in ${seconds.toFixed(2)} s (${(count / seconds).toFixed(0)} files/s; target < 10 s, ` +
        `ratio to target ${(seconds / 10).toFixed(2)}); re-import of the same folder ${reimportSeconds.toFixed(2)} s; failed ${summary.failed.length}`,
    );
    return { import_files: summary.imported, import_seconds: seconds, reimport_seconds: reimportSeconds };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runImportBench();
