/** Labels matching a typed query: names starting with it first, then names containing it. */
export function matchLabels<T extends { name: string }>(labels: readonly T[], query: string): T[] {
  const q = query.trim().toLowerCase();
  if (!q) return labels.slice();
  const starts: T[] = [];
  const contains: T[] = [];
  for (const l of labels) {
    const name = l.name.toLowerCase();
    if (name.startsWith(q)) starts.push(l);
    else if (name.includes(q)) contains.push(l);
  }
  return [...starts, ...contains];
}
