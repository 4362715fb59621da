import { DEFAULT_FFT_SIZE } from '../../../shared/spectrogram';
import { buildLut, type ColormapName } from './colormap';
import { loadLook, saveLook } from './saved-look';

const browserStorage = (): Storage | null => (typeof localStorage === 'undefined' ? null : localStorage);

/** How the spectrogram looks, shared by the controls and the layer; the LUT is derived, so changes are instant. */
export class ViewSettings {
  colormap = $state<ColormapName>('viridis');
  brightness = $state(0);
  contrast = $state(1.4);
  fftSize = $state<number>(DEFAULT_FFT_SIZE);
  /** Shown frequency range in Hz; maxHz null means up to Nyquist. */
  minHz = $state(0);
  maxHz = $state<number | null>(null);

  lut = $derived(buildLut({ colormap: this.colormap, brightness: this.brightness, contrast: this.contrast }));

  constructor(private storage: Storage | null = browserStorage()) {
    Object.assign(this, loadLook(storage));
  }

  save(): void {
    saveLook(this.storage, {
      colormap: this.colormap,
      brightness: this.brightness,
      contrast: this.contrast,
      fftSize: this.fftSize,
    });
  }
}
