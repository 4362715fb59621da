import { extname } from 'node:path';
import type { AUDIO_FORMATS } from '../../../shared/domain';

type AudioFormat = (typeof AUDIO_FORMATS)[number];
import { EarmarkError } from '../../../shared/errors';

// The extension decides which reader is used; each reader then checks the magic bytes itself, so a
// misnamed file gets a message about what it really starts with instead of a decoder's stack trace.

const BY_EXTENSION: Record<string, AudioFormat> = {
  '.wav': 'wav',
  '.wave': 'wav',
  '.bwf': 'wav',
  '.flac': 'flac',
  '.mp3': 'mp3',
  '.ogg': 'ogg',
  '.oga': 'ogg',
};

export const SUPPORTED_EXTENSIONS = Object.keys(BY_EXTENSION);

export function formatFromPath(path: string): AudioFormat {
  const ext = extname(path).toLowerCase();
  const format = BY_EXTENSION[ext];
  if (!format) {
    const what = ext ? `"${ext}" files are` : 'files without an extension are';
    throw new EarmarkError(
      'UNSUPPORTED_AUDIO',
      `${path}: ${what} not supported; Earmark reads ${SUPPORTED_EXTENSIONS.join(', ')}`,
    );
  }
  return format;
}

/** A short, readable description of a file's first bytes for "not a X file" messages. */
export function describeBytes(head: Uint8Array): string {
  if (head.length === 0) return 'nothing';
  const hex = [...head.subarray(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
  const text = Buffer.from(head.subarray(0, 4)).toString('latin1');
  return /^[\x20-\x7e]{4}$/.test(text) ? `"${text}" (${hex})` : hex;
}
