import { FFT_SIZES } from '../../../shared/spectrogram';
import { COLORMAPS, type ColormapName } from './colormap';

// The spectrogram look a reviewer settled on, remembered between recordings and sessions. The
// frequency range is not kept: it depends on each file's sample rate.

const STORAGE_KEY = 'earmark.view-settings';

export interface Look {
  colormap: ColormapName;
  brightness: number;
  contrast: number;
  fftSize: number;
}

/** The saved fields that are valid; damaged or out-of-range ones are left out (defaults apply). */
export function loadLook(storage: Storage | null): Partial<Look> {
  const out: Partial<Look> = {};
  try {
    const raw = storage?.getItem(STORAGE_KEY);
    if (!raw) return out;
    const s = JSON.parse(raw) as Partial<Record<keyof Look, unknown>>;
    if (typeof s.colormap === 'string' && (COLORMAPS as readonly string[]).includes(s.colormap)) {
      out.colormap = s.colormap as ColormapName;
    }
    if (typeof s.brightness === 'number' && Math.abs(s.brightness) <= 1) out.brightness = s.brightness;
    if (typeof s.contrast === 'number' && s.contrast > 0 && s.contrast <= 8) out.contrast = s.contrast;
    if (typeof s.fftSize === 'number' && (FFT_SIZES as readonly number[]).includes(s.fftSize)) out.fftSize = s.fftSize;
  } catch {
    // A damaged entry just means defaults.
  }
  return out;
}

export function saveLook(storage: Storage | null, look: Look): void {
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify(look));
  } catch {
    // Storage full or disabled: the look is simply not remembered.
  }
}
