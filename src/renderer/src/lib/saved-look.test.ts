import { describe, expect, it } from 'vitest';
import { loadLook, saveLook } from './saved-look';

class MemoryStorage implements Storage {
  private m = new Map<string, string>();
  get length() {
    return this.m.size;
  }
  clear() {
    this.m.clear();
  }
  getItem(k: string) {
    return this.m.get(k) ?? null;
  }
  key(i: number) {
    return [...this.m.keys()][i] ?? null;
  }
  removeItem(k: string) {
    this.m.delete(k);
  }
  setItem(k: string, v: string) {
    this.m.set(k, v);
  }
}

describe('saved look', () => {
  it('round-trips the look', () => {
    const storage = new MemoryStorage();
    saveLook(storage, { colormap: 'magma', brightness: -0.1, contrast: 2, fftSize: 2048 });
    expect(loadLook(storage)).toEqual({ colormap: 'magma', brightness: -0.1, contrast: 2, fftSize: 2048 });
  });

  it('drops damaged or out-of-range fields and survives garbage', () => {
    const storage = new MemoryStorage();
    storage.setItem('earmark.view-settings', JSON.stringify({ colormap: 'rainbow', fftSize: 1000, contrast: -1, brightness: 0.2 }));
    expect(loadLook(storage)).toEqual({ brightness: 0.2 });
    storage.setItem('earmark.view-settings', '{not json');
    expect(loadLook(storage)).toEqual({});
    expect(loadLook(null)).toEqual({});
  });
});
