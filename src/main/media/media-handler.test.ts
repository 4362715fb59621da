import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sine, writeWav } from '../../../test/fixtures/audio-fixtures';
import { useTempDir } from '../../../test/helpers/temp-dir';
import { AppContext } from '../app/app-context';
import { RecentProjects } from '../app/recent-projects';
import { importRecordings } from '../recordings/import-recordings';
import { handleMedia } from './media-handler';

const temp = useTempDir();
let ctx: AppContext;
let wavPath: string;
let fileBytes: Buffer;

beforeEach(async () => {
  ctx = new AppContext('web', { recent: new RecentProjects(join(temp(), 'recent.json')) });
  const project = await ctx.openProject(join(temp(), 'media.earmark'), { create: true });
  wavPath = writeWav(join(temp(), 'tone.wav'), { sampleRate: 8000, samples: [sine(440, 1, 8000)] });
  fileBytes = readFileSync(wavPath);
  await importRecordings(project.db, project.recordings, [wavPath]);
});

afterEach(() => ctx.closeProject());

const get = (path: string, headers: Record<string, string> = {}) =>
  handleMedia(ctx, new Request(`http://127.0.0.1${path}`, { headers }));
const bytes = async (response: Response) => Buffer.from(await response.arrayBuffer());

describe('media handler: audio with HTTP Range', () => {
  it('serves the whole file without a Range header', async () => {
    const response = await get('/media/audio/1');
    expect(response.status).toBe(200);
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(response.headers.get('content-type')).toBe('audio/wav');
    expect(await bytes(response)).toEqual(fileBytes);
  });

  it('serves a closed byte range as 206 with Content-Range', async () => {
    const response = await get('/media/audio/1', { Range: 'bytes=100-199' });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe(`bytes 100-199/${fileBytes.length}`);
    expect(response.headers.get('content-length')).toBe('100');
    expect(await bytes(response)).toEqual(fileBytes.subarray(100, 200));
  });

  it('serves open-ended and suffix ranges', async () => {
    const open = await get('/media/audio/1', { Range: 'bytes=15000-' });
    expect(open.status).toBe(206);
    expect(await bytes(open)).toEqual(fileBytes.subarray(15000));
    const suffix = await get('/media/audio/1', { Range: 'bytes=-10' });
    expect(suffix.headers.get('content-range')).toBe(`bytes ${fileBytes.length - 10}-${fileBytes.length - 1}/${fileBytes.length}`);
    expect(await bytes(suffix)).toEqual(fileBytes.subarray(fileBytes.length - 10));
  });

  it('answers 416 for a range beyond the end', async () => {
    const response = await get('/media/audio/1', { Range: `bytes=${fileBytes.length + 10}-` });
    expect(response.status).toBe(416);
    expect(response.headers.get('content-range')).toBe(`bytes */${fileBytes.length}`);
  });

  it('answers 404 for an unknown recording id', async () => {
    const response = await get('/media/audio/999');
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it('refuses path traversal attempts: only numeric ids reach the file system', async () => {
    for (const path of [
      '/media/audio/..%2F..%2F..%2Fetc%2Fpasswd',
      '/media/audio/1%2F..%2F..%2Fetc%2Fpasswd',
      '/media/audio/%2Fetc%2Fpasswd',
      '/media/audio/1;/etc/passwd',
      '/media/../../../../etc/passwd',
      `/media/audio/${encodeURIComponent(wavPath)}`,
    ]) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect((await bytes(response)).includes(Buffer.from('root:'))).toBe(false);
    }
  });

  it('rejects non-numeric tile parameters and unsupported FFT sizes', async () => {
    expect((await get('/media/tile/1?fft=1000&level=0&index=0')).status).toBe(400);
    expect((await get('/media/tile/1?fft=1024&level=-1&index=0')).status).toBe(400);
  });
});
