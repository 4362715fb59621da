import { DEFAULT_FFT_SIZE, FFT_SIZES } from '../../shared/spectrogram';
import { EarmarkError, type ErrorCode } from '../../shared/errors';
import type { AppContext } from '../app/app-context';
import { fileResponse } from './audio-response';

// One fetch-style handler (Request -> Response) for everything the renderer loads by recording id:
// Electron mounts it with protocol.handle, the browser host on its HTTP server (DESIGN.md). Only
// numeric ids are accepted, so no path from the URL ever reaches the file system.
const ROUTE = /^\/media\/(audio|peaks|tile)\/(\d{1,12})$/;

const STATUS: Partial<Record<ErrorCode, number>> = { NOT_FOUND: 404, BAD_INPUT: 400, NO_PROJECT: 409, BROKEN_AUDIO: 422, UNSUPPORTED_AUDIO: 422 };

export async function handleMedia(ctx: AppContext, request: Request): Promise<Response> {
  try {
    return await route(ctx, request);
  } catch (error) {
    const code: ErrorCode = error instanceof EarmarkError ? error.code : 'INTERNAL';
    const message = error instanceof Error ? error.message : String(error);
    if (code === 'INTERNAL') console.error('[earmark] media request failed', error);
    return Response.json({ ok: false, code, message }, { status: STATUS[code] ?? 500 });
  }
}

async function route(ctx: AppContext, request: Request): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return new Response(null, { status: 405, headers: { Allow: 'GET, HEAD' } });
  }
  const url = new URL(request.url);
  const match = ROUTE.exec(url.pathname);
  if (!match) throw new EarmarkError('NOT_FOUND', `No media at ${url.pathname}`);
  const [, kind, idText] = match;
  const project = ctx.requireProject();
  const ref = project.recordingRef(Number(idText));

  if (kind === 'audio') {
    const recording = project.recordings.get(ref.id)!;
    return fileResponse(ref.path, recording.format, request);
  }
  if (kind === 'peaks') {
    const peaks = await project.spectrogram.peaks(ref);
    return binary(new Uint8Array(peaks.buffer, peaks.byteOffset, peaks.byteLength));
  }
  const fft = intParam(url, 'fft', DEFAULT_FFT_SIZE);
  if (!(FFT_SIZES as readonly number[]).includes(fft)) throw new EarmarkError('BAD_INPUT', `fft must be one of ${FFT_SIZES.join(', ')}`);
  const tile = await project.spectrogram.tile(ref, fft, intParam(url, 'level', 0), intParam(url, 'index', 0));
  return binary(tile);
}

function intParam(url: URL, name: string, fallback: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null) return fallback;
  if (!/^\d{1,9}$/.test(raw)) throw new EarmarkError('BAD_INPUT', `${name} must be a whole number, got "${raw}"`);
  return Number(raw);
}

function binary(bytes: Uint8Array): Response {
  return new Response(bytes as Uint8Array<ArrayBuffer>, {
    headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(bytes.byteLength), 'Cache-Control': 'no-store' },
  });
}
