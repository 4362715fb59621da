// Progress goes to stderr so stdout stays clean for summaries and --json output. On a terminal the
// line is rewritten in place (at most ~10 times a second); elsewhere (CI logs) only every 5 s.
let last = 0;

export function progressLine(text: string, final = false): void {
  const now = Date.now();
  const interval = process.stderr.isTTY ? 100 : 5000;
  if (!final && now - last < interval) return;
  last = now;
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${text}${final && text ? '\n' : ''}`);
  else if (text) process.stderr.write(`${text}\n`);
}

/** h:mm:ss for audio lengths and times left. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 3600)}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}
