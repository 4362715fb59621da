// This test runs in Node and never ships in the renderer bundle: it needs a real HTTP server.
/* eslint-disable no-restricted-imports */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
/* eslint-enable no-restricted-imports */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpTransport } from './api';

// A real HTTP server standing in for the browser host's /api routes: the transport must carry the
// Result through untouched and turn transport failures into Failures with a readable message.
let server: Server;
let base: string;
const seen: Array<{ url: string; body: unknown; type: string | undefined }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      seen.push({ url: req.url ?? '', body: raw ? JSON.parse(raw) : null, type: req.headers['content-type'] });
      const name = (req.url ?? '').replace('/api/', '');
      if (name === 'app.info') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: true, value: { version: '9.9.9', host: 'web', project: null, demo_available: false } }));
      } else if (name === 'labels.delete') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: false, code: 'LABEL_IN_USE', message: 'Label "x" is used by 3 annotations' }));
      } else if (name === 'project.recent') {
        res.writeHead(401, { 'content-type': 'text/plain' });
        res.end('no');
      } else {
        res.writeHead(500, { 'content-type': 'text/html' });
        res.end('<h1>oops</h1>');
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('HTTP transport', () => {
  it('POSTs the input as JSON to /api/<call> and returns the Result', async () => {
    const t = createHttpTransport(base);
    const res = await t.invoke('app.info', {});
    expect(res).toEqual({ ok: true, value: { version: '9.9.9', host: 'web', project: null, demo_available: false } });
    await t.invoke('labels.delete', { id: 4 });
    const last = seen.at(-1);
    expect(last?.url).toBe('/api/labels.delete');
    expect(last?.body).toEqual({ id: 4 });
    expect(last?.type).toBe('application/json');
  });

  it('passes a Failure through with its code and message', async () => {
    const res = await createHttpTransport(base).invoke('labels.delete', { id: 1 });
    expect(res).toEqual({ ok: false, code: 'LABEL_IN_USE', message: 'Label "x" is used by 3 annotations' });
  });

  it('turns a refused token and a server error into clear Failures', async () => {
    const t = createHttpTransport(base);
    const unauth = await t.invoke('project.recent', {});
    expect(unauth.ok).toBe(false);
    if (!unauth.ok) {
      expect(unauth.code).toBe('UNAUTHORIZED');
      expect(unauth.message).toMatch(/token/);
    }
    const broken = await t.invoke('recordings.list', {});
    expect(broken).toMatchObject({ ok: false, code: 'INTERNAL' });
    if (!broken.ok) expect(broken.message).toContain('HTTP 500');
  });

  it('reports an unreachable server instead of throwing', async () => {
    const res = await createHttpTransport('http://127.0.0.1:9').invoke('app.info', {});
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.code).toBe('IO');
      expect(res.message).toMatch(/Could not reach/);
    }
  });
});
