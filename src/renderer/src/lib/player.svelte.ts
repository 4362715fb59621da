import WaveSurfer from 'wavesurfer.js';
import TimelinePlugin from 'wavesurfer.js/plugins/timeline';
import { formatClock } from './format';

// Wraps one wavesurfer instance: the waveform, cursor, timeline and playback of a recording, streamed by
// a media element from precomputed peaks so nothing is decoded in the renderer (LONG-RECORDINGS.md).
// Its view (start, zoom, width) is reactive state that the spectrogram layer follows.

/** Chromium caps an element near 33.5 M px; stay well below it. */
const MAX_SCROLL_WIDTH = 30_000_000;
const MAX_PX_PER_SEC = 5000;
const WAVE_HEIGHT = 96;

export interface PlayerSource {
  url: string;
  peaks: Float32Array;
  duration: number;
}

export class Player {
  ready = $state(false);
  playing = $state(false);
  currentTime = $state(0);
  duration = $state(0);
  /** CSS pixels per second as drawn (wavesurfer stretches short files to the width). */
  pxPerSec = $state(0);
  /** Start of the visible window, seconds. */
  startS = $state(0);
  /** Viewport width in CSS pixels. */
  viewWidth = $state(0);
  error = $state<string | null>(null);
  /** Playback speed (the review loop offers 0.1x time expansion up to 2x). */
  rate = $state(1);
  /** What the media element really plays at, read back from it (Chromium clamps below 0.0625). */
  mediaRate = $state(1);
  /** Whether the element keeps the pitch; false, so slowed ultrasound drops into hearing range. */
  mediaPreservesPitch = $state(false);
  /** While set, playRange repeats this clip until paused by the user. */
  loop = $state(false);

  endS = $derived(this.pxPerSec > 0 ? Math.min(this.duration, this.startS + this.viewWidth / this.pxPerSec) : 0);

  private ws: WaveSurfer | null = null;
  /** The clip playRange last played, for looping and replay. */
  private clip: [number, number] | null = null;
  private pausedByUser = false;
  private unsubs: Array<() => void> = [];

  /**
   * Shows another recording in the same wavesurfer when it is already in this container: re-creating
   * it costs 20-35 ms of the review loop's next-clip budget (issue 4). `ready` drops until it has loaded.
   */
  show(container: HTMLElement, src: PlayerSource): void {
    const ws = this.ws;
    if (!ws || ws.options.container !== container) return this.mount(container, src);
    this.suspend();
    this.duration = src.duration;
    this.error = null;
    ws.load(src.url, [src.peaks], src.duration).catch((err: unknown) => {
      this.error = `Playback failed: ${err instanceof Error ? err.message : String(err)}`;
    });
  }

  /** Not ready (nothing may fit or play the old file) until the next recording has loaded. */
  suspend(): void {
    if (this.playing) this.ws?.pause();
    this.ready = false;
    this.playing = false;
  }

  mount(container: HTMLElement, src: PlayerSource): void {
    this.destroy();
    this.duration = src.duration;
    const ws = WaveSurfer.create({
      container,
      height: WAVE_HEIGHT,
      backend: 'MediaElement',
      url: src.url,
      peaks: [src.peaks],
      duration: src.duration,
      normalize: true,
      waveColor: '#5b7fa6',
      progressColor: '#8fb6e3',
      cursorColor: '#ffd75e',
      cursorWidth: 1,
      minPxPerSec: 0,
      fillParent: true,
      autoScroll: true,
      autoCenter: false,
      dragToSeek: true,
      plugins: [
        // Left inside wavesurfer's wrapper so the time axis scrolls and zooms with the waveform.
        TimelinePlugin.create({
          height: 18,
          formatTimeCallback: (s) => formatClock(s).replace(/\.0$/, ''),
          style: { color: '#8a929e', fontSize: '10px' },
        }),
      ],
    });
    this.ws = ws;
    const sync = () => this.sync();
    this.unsubs = [
      ws.on('ready', () => {
        this.ready = true;
        // A new src resets the element's playbackRate (show() loads another recording into it).
        this.applyRate();
        this.sync();
      }),
      ws.on('play', () => (this.playing = true)),
      ws.on('pause', () => this.onPause()),
      ws.on('finish', () => (this.playing = false)),
      ws.on('timeupdate', (t) => (this.currentTime = t)),
      ws.on('scroll', sync),
      ws.on('zoom', sync),
      ws.on('redraw', sync),
      ws.on('resize', sync),
      ws.on('error', (err) => (this.error = `Playback failed: ${err instanceof Error ? err.message : String(err)}`)),
    ];
    this.applyRate();
    this.sync();
  }

  /**
   * Time expansion (issue 4, item 2): at 0.1x without pitch correction a 40 kHz bat call is heard at
   * 4 kHz, as a time-expansion detector plays it.
   */
  private applyRate(): void {
    const ws = this.ws;
    if (!ws) return;
    ws.setPlaybackRate(this.rate, false);
    const media = ws.getMediaElement();
    this.mediaRate = media.playbackRate;
    this.mediaPreservesPitch = media.preservesPitch;
  }

  /** wavesurfer pauses by itself at the end of play(start, end): that is where a loop starts again. */
  private onPause(): void {
    this.playing = false;
    const clip = this.clip;
    if (this.loop && clip && !this.pausedByUser && this.currentTime >= clip[1] - 0.1) this.playRange(clip[0], clip[1]);
    this.pausedByUser = false;
  }

  /** Reads the real geometry back from wavesurfer rather than trusting what we asked for. */
  private sync(): void {
    const ws = this.ws;
    if (!ws || this.duration <= 0) return;
    const scrollWidth = ws.getWrapper().scrollWidth;
    this.viewWidth = ws.getWidth();
    this.pxPerSec = scrollWidth / this.duration;
    this.startS = this.pxPerSec > 0 ? ws.getScroll() / this.pxPerSec : 0;
  }

  get canZoomIn(): boolean {
    return this.pxPerSec > 0 && this.pxPerSec < this.maxPxPerSec() * 0.999;
  }

  get canZoomOut(): boolean {
    return this.pxPerSec > this.fitPxPerSec() * 1.001;
  }

  private fitPxPerSec(): number {
    return this.duration > 0 ? this.viewWidth / this.duration : 0;
  }

  private maxPxPerSec(): number {
    return Math.min(MAX_PX_PER_SEC, MAX_SCROLL_WIDTH / Math.max(this.duration, 1e-3));
  }

  /** Zooms by a factor around the centre of the view (or `anchorS`), clamped between fit and max. */
  zoomBy(factor: number, anchorS?: number): void {
    const ws = this.ws;
    if (!ws || !this.ready || this.pxPerSec <= 0) return;
    const anchor = anchorS ?? this.startS + this.viewWidth / this.pxPerSec / 2;
    const anchorX = (anchor - this.startS) * this.pxPerSec;
    const fit = this.fitPxPerSec();
    const next = Math.min(this.maxPxPerSec(), this.pxPerSec * factor);
    // At or below fit, zoom 0 lets wavesurfer fill the width exactly.
    ws.zoom(next <= fit * 1.001 ? 0 : next);
    this.sync();
    ws.setScroll(Math.max(0, anchor * this.pxPerSec - anchorX));
    this.sync();
  }

  /** Scrolls by a fraction of the visible width (negative is left). */
  scrollByView(fraction: number): void {
    const ws = this.ws;
    if (!ws) return;
    ws.setScroll(Math.max(0, ws.getScroll() + fraction * this.viewWidth));
    this.sync();
  }

  /** Scrolls by CSS pixels (wheel over the spectrogram). */
  scrollByPixels(dx: number): void {
    const ws = this.ws;
    if (!ws) return;
    ws.setScroll(Math.max(0, ws.getScroll() + dx));
    this.sync();
  }

  /**
   * Scrolls so [startS, endS] is well inside the view (not hugging an edge, where seeking alone leaves
   * it), a quarter of the width in from the left when it has to move.
   */
  reveal(startS: number, endS: number): void {
    const ws = this.ws;
    if (!ws || this.duration <= 0) return;
    this.sync();
    const margin = (this.endS - this.startS) * 0.1;
    if (this.pxPerSec <= 0 || (startS >= this.startS + margin && endS <= this.endS - margin)) return;
    ws.setScroll(Math.max(0, startS * this.pxPerSec - this.viewWidth * 0.25));
    this.sync();
  }

  /** Zooms and scrolls so [startS, endS] fills the view (as far as the zoom limits allow). */
  fitRange(startS: number, endS: number): void {
    const ws = this.ws;
    if (!ws || !this.ready || this.duration <= 0) return;
    this.sync();
    const span = Math.max(1e-3, endS - startS);
    const want = Math.min(this.maxPxPerSec(), this.viewWidth / span);
    ws.zoom(want <= this.fitPxPerSec() * 1.001 ? 0 : want);
    this.sync();
    ws.setScroll(Math.max(0, startS * this.pxPerSec));
    this.sync();
  }

  /** Plays [startS, endS] once (or on repeat while loop is set). */
  playRange(startS: number, endS: number): void {
    const ws = this.ws;
    if (!ws) return;
    this.clip = [startS, endS];
    ws.play(startS, endS).catch((err: unknown) => {
      // Autoplay before any user gesture is refused by browsers: not an error worth a banner.
      if (err instanceof Error && err.name === 'NotAllowedError') return;
      this.error = `Playback failed: ${err instanceof Error ? err.message : String(err)}`;
    });
  }

  setRate(rate: number): void {
    this.rate = rate;
    this.applyRate();
  }

  seek(seconds: number): void {
    this.ws?.setTime(Math.min(Math.max(0, seconds), this.duration));
    this.currentTime = Math.min(Math.max(0, seconds), this.duration);
  }

  playPause(): void {
    const ws = this.ws;
    if (!ws) return;
    if (this.playing) this.pausedByUser = true;
    ws.playPause().catch((err: unknown) => {
      this.error = `Playback failed: ${err instanceof Error ? err.message : String(err)}`;
    });
  }

  destroy(): void {
    for (const u of this.unsubs) u();
    this.unsubs = [];
    this.ws?.destroy();
    this.ws = null;
    this.ready = false;
    this.playing = false;
  }
}
