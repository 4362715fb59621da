import { mediaPaths, type SpectrogramInfo } from '../../../shared/spectrogram';
import { call } from './api';
import { Lru } from './lru';
import { loadPeaks } from './peaks';
import { clipTiles, prefetchTiles } from './tile-prefetch';

// What a review clip needs before it can show: the recording's peaks and spectrogram geometry. The
// review loop asks for the next item's while the current one plays, so moving on finds them here.

const CAPACITY = 8;

export class ClipCache {
  private peaks = new Lru<number, Promise<Float32Array>>(CAPACITY);
  private infos = new Lru<string, Promise<SpectrogramInfo>>(CAPACITY);

  peaksOf(recordingId: number): Promise<Float32Array> {
    let p = this.peaks.get(recordingId);
    if (!p) {
      p = loadPeaks(mediaPaths.peaks(recordingId));
      // A failure is not cached: the next ask tries again.
      p.catch(() => this.peaks.delete(recordingId));
      this.peaks.set(recordingId, p);
    }
    return p;
  }

  infoOf(recordingId: number, fftSize: number): Promise<SpectrogramInfo> {
    const key = `${recordingId}:${fftSize}`;
    let p = this.infos.get(key);
    if (!p) {
      p = call('spectrogram.info', { recording_id: recordingId, fft_size: fftSize }).then((res) => {
        if (!res.ok) throw new Error(res.message);
        return res.value;
      });
      p.catch(() => this.infos.delete(key));
      this.infos.set(key, p);
    }
    return p;
  }

  /**
   * Warms peaks and geometry for a recording, and the tiles of [startS, endS] fitted to a view
   * `widthCss` wide; errors surface when the clip is really shown.
   */
  prefetch(recordingId: number, fftSize: number, clip?: { startS: number; endS: number; widthCss: number; dpr: number }): void {
    this.peaksOf(recordingId).catch(() => undefined);
    this.infoOf(recordingId, fftSize).then(
      (info) => {
        if (clip) prefetchTiles(info, clipTiles(info, clip.startS, clip.endS, clip.widthCss, clip.dpr));
      },
      () => undefined,
    );
  }
}
