// The review loop's keyboard map (issue 4, item 3), kept pure so the keys and their help text are one
// table that tests can read. Configurable keys are left for later: this is the default map.

export type ReviewAction =
  | { kind: 'verdict'; verdict: 'positive' | 'negative' | 'uncertain' }
  | { kind: 'relabel'; index: number }
  | { kind: 'skip' }
  | { kind: 'back' }
  | { kind: 'picker' }
  | { kind: 'undo' }
  | { kind: 'redo' }
  | { kind: 'play' }
  | { kind: 'replay' }
  | { kind: 'help' };

export interface KeyLike {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  shiftKey?: boolean;
  altKey?: boolean;
}

/** Form controls that take typed keys; a checkbox or button does not, so the loop keeps working. */
export function isTypingTarget(el: { tagName: string; type?: string; isContentEditable?: boolean } | null): boolean {
  if (!el) return false;
  if (el.isContentEditable) return true;
  if (el.tagName === 'INPUT') return !['checkbox', 'radio', 'button', 'submit', 'range'].includes(el.type ?? 'text');
  return el.tagName === 'SELECT' || el.tagName === 'TEXTAREA';
}

/** The action for a key press, or null when the loop does not use it (the browser keeps it). */
export function reviewAction(e: KeyLike): ReviewAction | null {
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (mod && !e.altKey && key === 'z') return e.shiftKey ? { kind: 'redo' } : { kind: 'undo' };
  if (mod && !e.altKey && key === 'y') return { kind: 'redo' };
  if (mod || e.altKey) return null;
  switch (key) {
    case 'y':
      return { kind: 'verdict', verdict: 'positive' };
    case 'n':
      return { kind: 'verdict', verdict: 'negative' };
    case 'u':
      return { kind: 'verdict', verdict: 'uncertain' };
    case 's':
    case 'ArrowDown':
    case 'ArrowRight':
      return { kind: 'skip' };
    case 'Backspace':
    case 'ArrowLeft':
    case 'ArrowUp':
      return { kind: 'back' };
    case 'l':
      return { kind: 'picker' };
    case ' ':
      return { kind: 'play' };
    case 'r':
      return { kind: 'replay' };
    case '?':
      return { kind: 'help' };
  }
  if (/^[1-9]$/.test(key)) return { kind: 'relabel', index: Number(key) - 1 };
  return null;
}

/** Every key, for the `?` overlay. */
export const KEY_HELP: ReadonlyArray<readonly [string, string]> = [
  ['y', 'yes: the detection is right'],
  ['n', 'no: the detection is wrong'],
  ['u', 'uncertain'],
  ['1 … 9', 'relabel to one of the first nine labels (positive)'],
  ['l', 'relabel with a searchable label picker'],
  ['s, ↓, →', 'skip to the next detection'],
  ['Backspace, ←, ↑', 'back to the previous detection'],
  ['Ctrl+Z', 'undo the last verdict (and go to it)'],
  ['Ctrl+Shift+Z', 'redo'],
  ['space', 'play / pause'],
  ['r', 'replay the clip'],
  ['?', 'show or hide this help'],
];
