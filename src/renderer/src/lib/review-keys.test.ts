import { describe, expect, it } from 'vitest';
import { KEY_HELP, isTypingTarget, reviewAction } from './review-keys';

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
    const help = KEY_HELP.map(([k]) => k).join(' ');
    for (const k of ['y', 'n', 'u', 'l', 'space', 'r', '?', 'Ctrl+Z', 'Ctrl+Shift+Z']) expect(help).toContain(k);
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
