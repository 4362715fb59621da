import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyMedia, sine, writeWav } from '../../../test/fixtures/audio-fixtures';
import { useTempDir } from '../../../test/helpers/temp-dir';
import { Project } from '../app/project';
import { importRecordings } from './import-recordings';

const temp = useTempDir();

function openProject(): Project {
  return Project.open(join(temp(), 'p.earmark'), { create: true });
}

function wav(path: string, seconds = 1, freq = 440) {
  return writeWav(path, { sampleRate: 16000, samples: [sine(freq, seconds, 16000)] });
}

describe('importRecordings', () => {
  it('imports a folder recursively: every format, sites from sub-folders, progress reported', async () => {
    const root = join(temp(), 'deployment');
    wav(join(root, 'SITE_A', 'night1', '20240501_053000.wav'), 2);
    wav(join(root, 'SITE_B', 'b.wav'), 1, 880);
    copyMedia('dog.flac', join(root, 'SITE_B', 'dog.flac'));
    copyMedia('cuckoo.mp3', join(root, 'top.mp3'));
    copyMedia('cuckoo.ogg', join(root, 'top.ogg'));
    writeFileSync(join(root, 'notes.txt'), 'not audio: skipped when walking a folder');
    const project = openProject();
    const progress: number[] = [];

    const summary = await importRecordings(project.db, project.recordings, [root], { onProgress: (p) => progress.push(p.done) });

    expect(summary).toMatchObject({ total: 5, imported: 5, unchanged: 0, relinked: 0, failed: [] });
    expect(progress.at(-1)).toBe(5);
    const byName = Object.fromEntries(project.recordings.list().map((r) => [r.name, r]));
    expect(Object.keys(byName).sort()).toEqual(['20240501_053000.wav', 'b.wav', 'dog.flac', 'top.mp3', 'top.ogg']);
    expect(byName['20240501_053000.wav']).toMatchObject({ site: 'SITE_A', duration_s: 2, sample_rate: 16000, format: 'wav', status: 'ok' });
    expect(byName['20240501_053000.wav'].start_time).toMatch(/^2024-05-01T05:30:00/);
    expect(byName['dog.flac']).toMatchObject({ site: 'SITE_B', format: 'flac' });
    expect(byName['top.mp3']).toMatchObject({ site: null, format: 'mp3' });
    await project.close();
  });

  it('lists broken and unreachable files with their reasons and still imports the rest', async () => {
    const dir = join(temp(), 'mixed');
    wav(join(dir, 'good.wav'));
    writeFileSync(join(dir, 'empty.wav'), '');
    writeFileSync(join(dir, 'random.wav'), Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919) % 251)));
    writeFileSync(join(dir, 'readme.pdf'), '%PDF-1.4');
    const project = openProject();

    const summary = await importRecordings(project.db, project.recordings, [
      dir,
      join(dir, 'readme.pdf'),
      join(temp(), 'gone', 'missing.wav'),
    ]);

    expect(summary.imported).toBe(1);
    const reasons = Object.fromEntries(summary.failed.map((f) => [f.path.split('/').at(-1), f.reason]));
    expect(Object.keys(reasons).sort()).toEqual(['empty.wav', 'missing.wav', 'random.wav', 'readme.pdf']);
    expect(reasons['missing.wav']).toMatch(/no such file/);
    expect(new Set(Object.values(reasons)).size).toBe(4); // each problem has its own message
    const rows = project.recordings.list();
    expect(rows.find((r) => r.name === 'good.wav')?.status).toBe('ok');
    expect(rows.find((r) => r.name === 'empty.wav')).toMatchObject({ status: 'error', error: reasons['empty.wav'] });
    await project.close();
  });

  it('never duplicates a file imported twice, and relinks a moved file keeping its labels', async () => {
    const dir = join(temp(), 'rec');
    const first = wav(join(dir, 'a.wav'), 1, 300);
    wav(join(dir, 'b.wav'), 1, 600);
    const project = openProject();
    await importRecordings(project.db, project.recordings, [dir]);
    const again = await importRecordings(project.db, project.recordings, [dir, first]);
    expect(again).toMatchObject({ imported: 0, unchanged: 2 });

    const original = project.recordings.findByPath(first)!;
    const label = project.labels.create({ name: 'bird', color: '#00ff00' });
    project.db
      .prepare(`INSERT INTO annotations (recording_id, start_s, end_s, label_id, source, created_at, updated_at)
        VALUES (?, 0.1, 0.5, ?, 'human', 'now', 'now')`)
      .run(original.id, label.id);

    mkdirSync(join(temp(), 'moved'));
    const moved = join(temp(), 'moved', 'renamed.wav');
    renameSync(first, moved);
    const relink = await importRecordings(project.db, project.recordings, [moved]);

    expect(relink).toMatchObject({ imported: 0, relinked: 1 });
    expect(project.recordings.list()).toHaveLength(2);
    const after = project.recordings.get(original.id)!;
    expect(after).toMatchObject({ path: moved, name: 'renamed.wav', status: 'ok' });
    const annotations = project.db.prepare('SELECT recording_id FROM annotations').pluck().all();
    expect(annotations).toEqual([original.id]);
    await project.close();
  });
});
