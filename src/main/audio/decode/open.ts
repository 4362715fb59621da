import type { AudioSource } from '../source';
import { formatFromPath } from '../metadata/format';
import { openFlacSource } from './flac-source';
import { openSequentialSource } from './sequential-source';
import { openWavSource } from './wav-source';

/** Opens a recording for streaming decode; the caller must close() it (frees fds and wasm memory). */
export async function openAudioSource(path: string): Promise<AudioSource> {
  const format = formatFromPath(path);
  switch (format) {
    case 'wav':
      return openWavSource(path);
    case 'flac':
      return openFlacSource(path);
    case 'mp3':
    case 'ogg':
      return openSequentialSource(path, format);
  }
}
