import { describe, expect, it } from 'vitest';
import type { TablePreview } from '../../../shared/contract-exchange';
import { formFromSuggestion, missingFields, needsMapping, toMapping } from './import-tables-form';

const preview = (format: TablePreview['format'], header: string[], suggested: TablePreview['suggested_mapping']): TablePreview => ({
  path: '/x.csv',
  format,
  variant: format,
  encoding: 'utf-8',
  header,
  rows: [],
  suggested_mapping: suggested,
});

describe('import tables form', () => {
  it('fills the form from the suggestion, only with columns the file has, and sends only mapped fields', () => {
    const form = formFromSuggestion(preview('csv', ['onset', 'offset', 'what'], { start: 'onset', end: 'offset', file: 'gone' }));
    expect(form).toMatchObject({ start: 'onset', end: 'offset', label: '', file: '' });
    expect(missingFields(form)).toEqual(['label']);
    expect(toMapping(form)).toBeNull();
    form.label = 'what';
    expect(toMapping(form)).toEqual({ start: 'onset', end: 'offset', label: 'what' });
  });

  it('asks for a mapping only for generic CSV', () => {
    const raven = preview('raven', [], {});
    const csv = preview('csv', [], {});
    expect(needsMapping('auto', [raven])).toBe(false);
    expect(needsMapping('auto', [raven, csv])).toBe(true);
    expect(needsMapping('csv', [raven])).toBe(true);
    expect(needsMapping('raven', [csv])).toBe(false);
  });
});
