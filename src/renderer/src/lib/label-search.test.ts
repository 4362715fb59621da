import { describe, expect, it } from 'vitest';
import { matchLabels } from './label-search';

describe('matchLabels', () => {
  const labels = [{ name: 'Song thrush' }, { name: 'Blackbird' }, { name: 'bird' }, { name: 'Frog' }];
  it('lists prefix matches before substring matches, ignoring case', () => {
    expect(matchLabels(labels, 'BIRD').map((l) => l.name)).toEqual(['bird', 'Blackbird']);
    expect(matchLabels(labels, 'th').map((l) => l.name)).toEqual(['Song thrush']);
  });
  it('lists everything for an empty query and nothing for no match', () => {
    expect(matchLabels(labels, '  ')).toHaveLength(4);
    expect(matchLabels(labels, 'bat')).toEqual([]);
  });
});
