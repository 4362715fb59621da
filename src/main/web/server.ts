import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { streamSSE } from 'hono/streaming';
import { relative, resolve } from 'node:path';
import type { AppContext } from '../app/app-context';
import { dispatch } from '../api/dispatch';
import { handleMedia } from '../media/media-handler';
import { CONTENT_SECURITY_POLICY, newToken, tokensMatch } from './security';

// The browser host (DESIGN.md, "Why a browser host"): the same API, media handler and built renderer
// over HTTP on loopback, guarded by a random token. The token arrives once in the URL; the host then
// keeps it in an HttpOnly, SameSite=Strict cookie so <audio> and fetch carry it without scripts seeing it.
// Cookies are per host name, not per port: each host instance names its cookie after its own token,
// so two instances (or a restarted one) on 127.0.0.1 never overwrite or shadow each other's.
function cookieName(token: string): string {
  return `earmark_${createHash('sha256').update(token).digest('hex').slice(0, 12)}`;
}

export interface WebHostOptions {
  host?: string;
  port?: number;
  token?: string;
  rendererDir?: string;
}

export interface WebHost {
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

export function defaultRendererDir(): string {
  // out/main/cli.js -> out/renderer
  return resolve(fileURLToPath(new URL('.', import.meta.url)), '..', 'renderer');
}

export function createWebApp(ctx: AppContext, token: string, rendererDir: string): Hono {
  const app = new Hono();
  const COOKIE = cookieName(token);

  app.use('*', async (c, next) => {
    await next();
    c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
  });

  app.use('*', async (c, next) => {
    const fromQuery = c.req.query('token');
    if (c.req.path === '/' && fromQuery !== undefined) {
      if (!tokensMatch(fromQuery, token)) return c.text('Wrong token: open the URL that `earmark serve` printed.', 401);
      setCookie(c, COOKIE, token, { httpOnly: true, sameSite: 'Strict', path: '/' });
      return c.redirect('/', 302);
    }
    const given = [getCookie(c, COOKIE), c.req.header('x-earmark-token'), bearer(c.req.header('authorization'))];
    if (!given.some((candidate) => tokensMatch(candidate, token))) {
      return c.json({ ok: false, code: 'UNAUTHORIZED', message: 'Missing or wrong token: open the URL that `earmark serve` printed.' }, 401);
    }
    return next();
  });

  app.post('/api/:call', async (c) => {
    let input: unknown = {};
    const text = await c.req.text();
    if (text) {
      try {
        input = JSON.parse(text);
      } catch {
        return c.json({ ok: false, code: 'BAD_INPUT', message: 'The request body is not JSON' });
      }
    }
    return c.json(await dispatch(ctx, c.req.param('call'), input));
  });

  app.get('/api/events', (c) =>
    streamSSE(c, async (stream) => {
      const dispose = ctx.events.listen((event, payload) => {
        void stream.writeSSE({ event, data: JSON.stringify(payload) });
      });
      stream.onAbort(dispose);
      while (!stream.aborted) await stream.sleep(15_000).then(() => stream.writeSSE({ event: 'ping', data: '{}' }));
      dispose();
    }),
  );

  app.on(['GET', 'HEAD'], '/media/*', (c) => handleMedia(ctx, c.req.raw));

  if (existsSync(rendererDir)) {
    const root = relative(process.cwd(), rendererDir) || '.';
    app.use('/*', serveStatic({ root }));
    app.get('*', serveStatic({ root, path: 'index.html' }));
  } else {
    app.get('*', (c) => c.text(`The renderer is not built (${rendererDir} is missing): run \`npm run build\`.`, 503));
  }
  return app;
}

function bearer(header: string | undefined): string | undefined {
  return header?.startsWith('Bearer ') ? header.slice(7) : undefined;
}

export async function startWebHost(ctx: AppContext, options: WebHostOptions = {}): Promise<WebHost> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? newToken();
  const app = createWebApp(ctx, token, options.rendererDir ?? defaultRendererDir());
  const server: ServerType = await new Promise((resolveServer, reject) => {
    const s = serve({ fetch: app.fetch, hostname: host, port: options.port ?? 0 }, () => resolveServer(s));
    s.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}/?token=${token}`,
    token,
    port,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}
