// Types for the parts of the SpeexDSP resampler's emscripten build (@echogarden/speex-resampler-wasm)
// that resample.ts uses; the package ships none.
declare module '@echogarden/speex-resampler-wasm/simd' {
  export interface SpeexModule {
    HEAPF32: Float32Array;
    HEAPU32: Uint32Array;
    _malloc(bytes: number): number;
    _free(ptr: number): void;
    _speex_resampler_init(channels: number, inRate: number, outRate: number, quality: number, errPtr: number): number;
    _speex_resampler_skip_zeros(state: number): number;
    _speex_resampler_process_float(state: number, channel: number, input: number, inLenPtr: number, output: number, outLenPtr: number): number;
    _speex_resampler_destroy(state: number): void;
  }
  const factory: (moduleArg?: object) => Promise<SpeexModule>;
  export default factory;
}
