import { describe, expect, it } from 'vitest';
import { defaultKeyMap, helpRows, isTypingTarget, keyMapFrom, keyName, overridesOf, rebind, reviewAction } from './review-keys';

describe('reviewAction', () => {
  it('maps the verdict keys, case-insensitively', () => {
    expect(reviewAction({ key: 'y' })).toEqual({ kind: 'verdict', verdict: 'positive' });
    expect(reviewAction({ key: 'N', shiftKey: true })).toEqual({ kind: 'verdict', verdict: 'negative' });
    expect(reviewAction({ key: 'u' })).toEqual({ kind: 'verdict', verdict: 'uncertain' });
  });

  it('maps digits 1-9 to label indexes and ignores 0', () => {
    expect(reviewAction({ key: '1' })).toEqual({ kind: 'relabel', index: 0 });
    expect(reviewAction({ key: '9' })).toEqual({ kind: 'relabel', index: 8 });
    expect(reviewAction({ key: '0' })).toBeNull();
  });

  it('moves with s, arrows and Backspace', () => {
    for (const key of ['s', 'ArrowDown', 'ArrowRight']) expect(reviewAction({ key })).toEqual({ kind: 'skip' });
    for (const key of ['Backspace', 'ArrowLeft', 'ArrowUp']) expect(reviewAction({ key })).toEqual({ kind: 'back' });
  });

  it('undoes with Ctrl+Z and redoes with Ctrl+Shift+Z, and leaves other chords to the browser', () => {
    expect(reviewAction({ key: 'z', ctrlKey: true })).toEqual({ kind: 'undo' });
    expect(reviewAction({ key: 'Z', ctrlKey: true, shiftKey: true })).toEqual({ kind: 'redo' });
    expect(reviewAction({ key: 'z', metaKey: true })).toEqual({ kind: 'undo' });
    expect(reviewAction({ key: 'y', ctrlKey: true })).toEqual({ kind: 'redo' });
    expect(reviewAction({ key: 'r', ctrlKey: true })).toBeNull();
    expect(reviewAction({ key: 'z' })).toBeNull();
  });

  it('has help for every key it knows', () => {
    const help = helpRows(defaultKeyMap()).map((r) => r.keys).join(' ');
    for (const k of ['y', 'n', 'u', 'l', 'Space', 'r', '?', 'Ctrl+Z', 'Ctrl+Shift+Z', '1 … 9']) expect(help).toContain(k);
  });
});

const labels = [
  { id: 10, name: 'bird', hotkey: 'b' },
  { id: 11, name: 'dog', hotkey: 'D' },
  { id: 12, name: 'frog', hotkey: null },
];

describe('key names', () => {
  it('spell chords the same way whichever way they were typed', () => {
    expect(keyName({ key: 'N', shiftKey: true })).toBe('n');
    expect(keyName({ key: '?', shiftKey: true })).toBe('?');
    expect(keyName({ key: ' ' })).toBe('Space');
    expect(keyName({ key: 'Z', ctrlKey: true, shiftKey: true })).toBe('Ctrl+Shift+z');
    expect(keyName({ key: 'z', metaKey: true })).toBe('Ctrl+z');
    expect(keyName({ key: 'ArrowDown', shiftKey: true })).toBe('Shift+ArrowDown');
    expect(keyName({ key: 'Shift', shiftKey: true })).toBeNull();
  });
});

describe('configurable keys', () => {
  it("relabels with a label's hotkey, case-insensitively; actions win over it, it wins over a digit", () => {
    expect(reviewAction({ key: '2' }, defaultKeyMap(), [{ id: 14, name: 'owl', hotkey: '2' }])).toEqual({ kind: 'label', labelId: 14 });
    expect(reviewAction({ key: 'b' }, defaultKeyMap(), labels)).toEqual({ kind: 'label', labelId: 10 });
    expect(reviewAction({ key: 'd' }, defaultKeyMap(), labels)).toEqual({ kind: 'label', labelId: 11 });
    expect(reviewAction({ key: 'f' }, defaultKeyMap(), labels)).toBeNull();
    // An action's key wins over a label hotkey that collides with it; help says so.
    const shadowed = [{ id: 13, name: 'yak', hotkey: 'y' }];
    expect(reviewAction({ key: 'y' }, defaultKeyMap(), shadowed)).toEqual({ kind: 'verdict', verdict: 'positive' });
    expect(helpRows(defaultKeyMap(), shadowed).find((r) => r.what === 'relabel to yak')?.warning).toMatch(/"yes: the detection is right"/);
  });

  it('rebinds an action, which then answers to the new key and no longer to the old one', () => {
    const result = rebind(defaultKeyMap(), 'yes', 'j', labels);
    expect(result.ok).toBe(true);
    const map = result.ok ? result.map : defaultKeyMap();
    expect(reviewAction({ key: 'j' }, map)).toEqual({ kind: 'verdict', verdict: 'positive' });
    expect(reviewAction({ key: 'y' }, map)).toBeNull();
    // Only the first key is replaced: the arrows still skip.
    const skip = rebind(map, 'skip', 'k');
    expect(skip.ok && skip.map.skip).toEqual(['k', 'ArrowDown', 'ArrowRight']);
    expect(overridesOf(skip.ok ? skip.map : map)).toEqual({ yes: ['j'], skip: ['k', 'ArrowDown', 'ArrowRight'] });
    expect(keyMapFrom(overridesOf(skip.ok ? skip.map : map))).toEqual(skip.ok ? skip.map : null);
  });

  it('refuses a key that already means something, naming what', () => {
    const map = defaultKeyMap();
    expect(rebind(map, 'yes', 'n')).toEqual({ ok: false, message: 'n is already the key for "no: the detection is wrong". Rebind that first.' });
    expect(rebind(map, 'yes', 'Ctrl+z')).toMatchObject({ ok: false, message: expect.stringContaining('Ctrl+Z is already the key for "undo') });
    expect(rebind(map, 'yes', 'B', labels)).toMatchObject({ ok: false, message: expect.stringContaining('hotkey of the label "bird"') });
    expect(rebind(map, 'yes', '3')).toMatchObject({ ok: false, message: expect.stringContaining('relabels to label 3') });
    expect(rebind(map, 'help', 'Escape')).toMatchObject({ ok: false });
    // Its own key again is fine (a no-op).
    expect(rebind(map, 'yes', 'y')).toEqual({ ok: true, map });
  });

  it('ignores unknown actions and damaged entries from the settings file', () => {
    const map = keyMapFrom({ nope: ['x'], no: ['m', ''] } as Record<string, string[]>);
    expect(map.no).toEqual(['m']);
    expect('nope' in map).toBe(false);
  });
});

describe('isTypingTarget', () => {
  it('leaves the keys to text fields and selects, not to checkboxes and buttons', () => {
    expect(isTypingTarget({ tagName: 'INPUT', type: 'text' })).toBe(true);
    expect(isTypingTarget({ tagName: 'INPUT', type: 'number' })).toBe(true);
    expect(isTypingTarget({ tagName: 'SELECT' })).toBe(true);
    expect(isTypingTarget({ tagName: 'DIV', isContentEditable: true })).toBe(true);
    expect(isTypingTarget({ tagName: 'INPUT', type: 'checkbox' })).toBe(false);
    expect(isTypingTarget({ tagName: 'BUTTON' })).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});
