import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useTempDir } from '../../../test/helpers/temp-dir';
import { AppContext } from '../app/app-context';
import { RecentProjects } from '../app/recent-projects';
import { startWebHost, type WebHost } from './server';

const temp = useTempDir();
let ctx: AppContext;
let host: WebHost;
let base: string;

beforeEach(async () => {
  ctx = new AppContext('web', { recent: new RecentProjects(join(temp(), 'recent.json')) });
  host = await startWebHost(ctx, { port: 0, rendererDir: join(temp(), 'no-renderer') });
  base = `http://127.0.0.1:${host.port}`;
});

afterEach(async () => {
  await host.close();
  await ctx.closeProject();
});

const post = (call: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}/api/${call}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });

describe('browser host', () => {
  it('prints a loopback URL carrying the token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(32);
  });

  it('refuses API, media and page requests without the token', async () => {
    for (const response of [
      await post('app.info', {}),
      await post('app.info', {}, { 'x-earmark-token': 'wrong' }),
      await fetch(`${base}/media/audio/1`),
      await fetch(`${base}/index.html`),
      await fetch(`${base}/api/events`),
    ]) {
      expect(response.status).toBe(401);
    }
    expect((await fetch(`${base}/?token=wrong`, { redirect: 'manual' })).status).toBe(401);
  });

  it('answers API calls with the token, and errors as data', async () => {
    const info = await post('app.info', {}, { 'x-earmark-token': host.token });
    expect(info.status).toBe(200);
    expect(await info.json()).toMatchObject({ ok: true, value: { host: 'web', project: null } });
    const noProject = await post('recordings.list', {}, { 'x-earmark-token': host.token });
    expect(await noProject.json()).toMatchObject({ ok: false, code: 'NO_PROJECT' });
    const bad = await post('labels.create', { name: '', color: 'red' }, { 'x-earmark-token': host.token });
    expect(await bad.json()).toMatchObject({ ok: false, code: 'BAD_INPUT' });
  });

  it('exchanges the URL token for an HttpOnly SameSite=Strict cookie that then authorises requests', async () => {
    const login = await fetch(`${base}/?token=${host.token}`, { redirect: 'manual' });
    expect(login.status).toBe(302);
    const cookie = login.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const session = cookie.split(';')[0];
    const created = await post('project.create', { path: join(temp(), 'web.earmark') }, { cookie: session });
    expect(await created.json()).toMatchObject({ ok: true, value: { name: 'web', recordings: 0 } });
  });

  it('names its cookie after its own token, so a stale cookie of another instance neither works nor shadows the header', async () => {
    const login = await fetch(`${base}/?token=${host.token}`, { redirect: 'manual' });
    const [name] = (login.headers.get('set-cookie') ?? '').split('=');
    expect(name).toMatch(/^earmark_[0-9a-f]{12}$/);
    const stale = 'earmark_0123456789ab=not-the-token';
    expect((await post('app.info', {}, { cookie: stale })).status).toBe(401);
    expect((await post('app.info', {}, { cookie: `${name}=wrong`, 'x-earmark-token': host.token })).status).toBe(200);
  });

  it('sends a strict Content-Security-Policy', async () => {
    const response = await post('app.info', {}, { 'x-earmark-token': host.token });
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
  });
});
