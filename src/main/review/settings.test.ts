import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../../test/helpers/temp-dir';
import { SettingsStore } from './settings';

const temp = useTempDir();

describe('SettingsStore', () => {
  it('defaults the reviewer to the OS account, saves a new one and reads it back in a fresh store', () => {
    const file = join(temp(), 'cfg', 'settings.json');
    const store = new SettingsStore(file);
    expect(store.get().reviewer.length).toBeGreaterThan(0);
    expect(existsSync(file)).toBe(false);
    expect(store.set({ reviewer: 'Ann Smith' })).toEqual({ reviewer: 'Ann Smith' });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ reviewer: 'Ann Smith' });
    expect(new SettingsStore(file).get()).toEqual({ reviewer: 'Ann Smith' });
    expect(() => store.set({ reviewer: '  ' })).toThrow(/cannot be empty/);
  });

  it('keeps rebound review keys beside the reviewer, and refuses one key for two actions', () => {
    const file = join(temp(), 'settings.json');
    const store = new SettingsStore(file);
    store.set({ reviewer: 'Ann' });
    store.set({ review_keys: { yes: ['j'], skip: ['k', 'ArrowDown'] } });
    expect(new SettingsStore(file).get()).toEqual({ reviewer: 'Ann', review_keys: { yes: ['j'], skip: ['k', 'ArrowDown'] } });
    expect(() => store.set({ review_keys: { yes: ['j'], no: ['J'] } })).toThrow(/key J cannot stand for both "yes" and "no"/);
    expect(store.get().review_keys).toEqual({ yes: ['j'], skip: ['k', 'ArrowDown'] });
    store.set({ reviewer: 'Bo' }); // a new name leaves the keys alone
    expect(store.get().review_keys).toEqual({ yes: ['j'], skip: ['k', 'ArrowDown'] });
  });

  it('falls back to defaults when the file is damaged', () => {
    const file = join(temp(), 'settings.json');
    writeFileSync(file, '{ not json');
    expect(new SettingsStore(file).get().reviewer.length).toBeGreaterThan(0);
  });
});
