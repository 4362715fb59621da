// The review loop's keyboard map (issue 4, item 3), kept pure so the keys, their help text and the
// rules for rebinding are one table that tests can read. Every action's keys can be rebound (stored
// in the user settings as review_keys); a label's own hotkey relabels to it, and the digits 1-9 not
// taken by a label relabel to the first nine labels.

export type ActionId = 'yes' | 'no' | 'uncertain' | 'picker' | 'skip' | 'back' | 'undo' | 'redo' | 'play' | 'replay' | 'expand' | 'help';

export type ReviewAction =
  | { kind: 'verdict'; verdict: 'positive' | 'negative' | 'uncertain' }
  | { kind: 'relabel'; index: number }
  | { kind: 'label'; labelId: number }
  | { kind: 'skip' | 'back' | 'picker' | 'undo' | 'redo' | 'play' | 'replay' | 'expand' | 'help' };

export interface ActionSpec {
  id: ActionId;
  what: string;
  defaults: string[];
}

export const ACTIONS: readonly ActionSpec[] = [
  { id: 'yes', what: 'yes: the detection is right', defaults: ['y'] },
  { id: 'no', what: 'no: the detection is wrong', defaults: ['n'] },
  { id: 'uncertain', what: 'uncertain', defaults: ['u'] },
  { id: 'picker', what: 'relabel with a searchable label picker', defaults: ['l'] },
  { id: 'skip', what: 'skip to the next detection', defaults: ['s', 'ArrowDown', 'ArrowRight'] },
  { id: 'back', what: 'back to the previous detection', defaults: ['Backspace', 'ArrowLeft', 'ArrowUp'] },
  { id: 'undo', what: 'undo the last verdict (and go to it)', defaults: ['Ctrl+z'] },
  { id: 'redo', what: 'redo', defaults: ['Ctrl+Shift+z', 'Ctrl+y'] },
  { id: 'play', what: 'play / pause', defaults: ['Space'] },
  { id: 'replay', what: 'replay the clip', defaults: ['r'] },
  { id: 'expand', what: 'time expansion on / off (10x slower)', defaults: ['t'] },
  { id: 'help', what: 'show or hide the keys', defaults: ['?'] },
];

export type KeyMap = Record<ActionId, string[]>;

export interface KeyLabel {
  id: number;
  name: string;
  hotkey: string | null;
}

export interface KeyLike {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  shiftKey?: boolean;
  altKey?: boolean;
}

/** Keys that keep one meaning: Escape closes, digits relabel to the first nine labels. */
const RESERVED: Record<string, string> = { Escape: 'closes dialogs and leaves the review' };
for (let d = 1; d <= 9; d++) RESERVED[String(d)] = `relabels to label ${d} in the list`;

/** Form controls that take typed keys; a checkbox or button does not, so the loop keeps working. */
export function isTypingTarget(el: { tagName: string; type?: string; isContentEditable?: boolean } | null): boolean {
  if (!el) return false;
  if (el.isContentEditable) return true;
  if (el.tagName === 'INPUT') return !['checkbox', 'radio', 'button', 'submit', 'range'].includes(el.type ?? 'text');
  return el.tagName === 'SELECT' || el.tagName === 'TEXTAREA';
}

/**
 * A key press as the map spells it: "y", "?", "Ctrl+z", "Ctrl+Shift+z", "ArrowDown", "Space".
 * Shift is part of a character (N is n, ? is ?) unless Ctrl or Alt is held too. Null for a modifier alone.
 */
export function keyName(e: KeyLike): string | null {
  if (['Shift', 'Control', 'Alt', 'Meta', 'AltGraph', 'CapsLock', 'Dead', 'Unidentified'].includes(e.key)) return null;
  const char = e.key.length === 1 && e.key !== ' ';
  const ctrl = Boolean(e.ctrlKey || e.metaKey);
  const base = e.key === ' ' ? 'Space' : char ? e.key.toLowerCase() : e.key;
  const shift = Boolean(e.shiftKey) && (!char || ctrl || Boolean(e.altKey));
  return `${ctrl ? 'Ctrl+' : ''}${e.altKey ? 'Alt+' : ''}${shift ? 'Shift+' : ''}${base}`;
}

/** "Space" reads better in help as it is; a single character is shown as typed. */
export function keyLabel(key: string): string {
  return key.replace(/\+([a-z])$/, (_, c: string) => `+${c.toUpperCase()}`);
}

export function defaultKeyMap(): KeyMap {
  return Object.fromEntries(ACTIONS.map((a) => [a.id, [...a.defaults]])) as KeyMap;
}

/** The defaults with the user's rebound actions laid over them (unknown action ids are ignored). */
export function keyMapFrom(overrides: Record<string, string[]> | undefined): KeyMap {
  const map = defaultKeyMap();
  for (const a of ACTIONS) {
    const keys = overrides?.[a.id];
    if (Array.isArray(keys)) map[a.id] = keys.filter((k) => typeof k === 'string' && k.length > 0);
  }
  return map;
}

/** Only what differs from the defaults, for the settings file. */
export function overridesOf(map: KeyMap): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const a of ACTIONS) if (map[a.id].join('\n') !== a.defaults.join('\n')) out[a.id] = [...map[a.id]];
  return out;
}

const norm = (key: string) => key.toLowerCase();

/** The action a key press stands for, or null when the loop does not use it (the browser keeps it). */
export function reviewAction(e: KeyLike, map: KeyMap = defaultKeyMap(), labels: readonly KeyLabel[] = []): ReviewAction | null {
  const name = keyName(e);
  if (!name) return null;
  const action = ACTIONS.find((a) => map[a.id].some((k) => norm(k) === norm(name)));
  if (action) return toAction(action.id);
  // A label's own hotkey is explicit, so it wins over the digit that counts down the list.
  const label = labels.find((l) => l.hotkey && norm(l.hotkey) === norm(name));
  if (label) return { kind: 'label', labelId: label.id };
  return /^[1-9]$/.test(name) ? { kind: 'relabel', index: Number(name) - 1 } : null;
}

function toAction(id: ActionId): ReviewAction {
  if (id === 'yes') return { kind: 'verdict', verdict: 'positive' };
  if (id === 'no') return { kind: 'verdict', verdict: 'negative' };
  if (id === 'uncertain') return { kind: 'verdict', verdict: 'uncertain' };
  return { kind: id };
}

export type RebindResult = { ok: true; map: KeyMap } | { ok: false; message: string };

/**
 * Makes `key` the action's first key (its other keys stay). Refused, with the reason, when the key
 * already means something else: another action, a label's hotkey, a digit or Escape.
 */
export function rebind(map: KeyMap, action: ActionId, key: string, labels: readonly KeyLabel[] = []): RebindResult {
  const shown = keyLabel(key);
  if (RESERVED[key]) return { ok: false, message: `${shown} cannot be rebound: it ${RESERVED[key]}.` };
  const other = ACTIONS.find((a) => a.id !== action && map[a.id].some((k) => norm(k) === norm(key)));
  if (other) return { ok: false, message: `${shown} is already the key for "${other.what}". Rebind that first.` };
  const label = labels.find((l) => l.hotkey && norm(l.hotkey) === norm(key));
  if (label) return { ok: false, message: `${shown} is the hotkey of the label "${label.name}". Change the label's hotkey first.` };
  const rest = map[action].slice(1).filter((k) => norm(k) !== norm(key));
  return { ok: true, map: { ...map, [action]: [key, ...rest] } };
}

export interface HelpRow {
  id: ActionId | null;
  keys: string;
  what: string;
  /** Set when a label hotkey is hidden by an action's key. */
  warning?: string;
}

/** Every key, for the `?` overlay: the actions, digits, then each label hotkey. */
export function helpRows(map: KeyMap, labels: readonly KeyLabel[] = []): HelpRow[] {
  const rows: HelpRow[] = ACTIONS.map((a) => ({ id: a.id, keys: map[a.id].map(keyLabel).join(', ') || '(none)', what: a.what }));
  rows.push({ id: null, keys: '1 … 9', what: 'relabel to one of the first nine labels (positive)' });
  for (const l of labels) {
    if (!l.hotkey) continue;
    const shadow = ACTIONS.find((a) => map[a.id].some((k) => norm(k) === norm(l.hotkey!)));
    rows.push({
      id: null,
      keys: keyLabel(l.hotkey),
      what: `relabel to ${l.name}`,
      ...(shadow ? { warning: `hidden: ${keyLabel(l.hotkey)} is the key for "${shadow.what}"` } : {}),
    });
  }
  return rows;
}
