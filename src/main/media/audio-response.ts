import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import parseRange from 'range-parser';
import { EarmarkError } from '../../shared/errors';

const CONTENT_TYPES: Record<string, string> = {
  wav: 'audio/wav',
  flac: 'audio/flac',
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
};

/**
 * Serves a file with HTTP Range support (RFC 9110 §14): the audio element streams and seeks a long
 * recording by byte ranges instead of loading it whole.
 */
export async function fileResponse(path: string, format: string | null, request: Request): Promise<Response> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    throw new EarmarkError('NOT_FOUND', `The recording's file is gone: ${path}`);
  }
  const headers = new Headers({
    'Content-Type': CONTENT_TYPES[format ?? ''] ?? 'application/octet-stream',
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'no-store',
  });
  const header = request.headers.get('range');
  if (!header) {
    headers.set('Content-Length', String(size));
    return new Response(body(path, 0, size - 1, request), { status: 200, headers });
  }
  const ranges = parseRange(size, header, { combine: true });
  if (ranges === -1) {
    headers.set('Content-Range', `bytes */${size}`);
    return new Response(null, { status: 416, headers });
  }
  // Malformed or multi-range: answering with the whole file is allowed and every player copes.
  if (ranges === -2 || ranges.length !== 1) {
    headers.set('Content-Length', String(size));
    return new Response(body(path, 0, size - 1, request), { status: 200, headers });
  }
  const { start, end } = ranges[0];
  headers.set('Content-Range', `bytes ${start}-${end}/${size}`);
  headers.set('Content-Length', String(end - start + 1));
  return new Response(body(path, start, end, request), { status: 206, headers });
}

function body(path: string, start: number, end: number, request: Request): ReadableStream | null {
  if (request.method === 'HEAD' || end < start) return null;
  const stream = createReadStream(path, { start, end, highWaterMark: 256 * 1024 });
  request.signal?.addEventListener('abort', () => stream.destroy(), { once: true });
  return Readable.toWeb(stream) as ReadableStream;
}
