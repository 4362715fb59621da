import { MAPPING_FIELDS, type ColumnMapping, type ImportFormatChoice, type TablePreview } from '../../../shared/contract-exchange';

// Pure parts of the "Import labels" dialog: which format a file will be read as, and the column
// mapping a generic CSV needs (issue 5).

export type MappingField = (typeof MAPPING_FIELDS)[number];
/** '' = not mapped. */
export type MappingForm = Record<MappingField, string>;

export const REQUIRED_FIELDS: MappingField[] = ['start', 'end', 'label'];
export const FIELD_LABELS: Record<MappingField, string> = {
  start: 'Start (s)',
  end: 'End (s)',
  label: 'Label',
  score: 'Score',
  low_hz: 'Low frequency (Hz)',
  high_hz: 'High frequency (Hz)',
  file: 'Recording file',
};

export const FORMAT_CHOICES: { value: ImportFormatChoice; label: string }[] = [
  { value: 'auto', label: 'Detect from the file' },
  { value: 'raven', label: 'Raven selection table' },
  { value: 'audacity', label: 'Audacity labels' },
  { value: 'birdnet', label: 'BirdNET results' },
  { value: 'chirpity', label: 'Chirpity CSV' },
  { value: 'csv', label: 'Any CSV (map the columns)' },
  { value: 'json', label: 'Earmark JSON export' },
];

export function emptyForm(): MappingForm {
  return { start: '', end: '', label: '', score: '', low_hz: '', high_hz: '', file: '' };
}

/** The form filled from a preview's suggestion, keeping only columns the file has. */
export function formFromSuggestion(preview: TablePreview): MappingForm {
  const form = emptyForm();
  for (const field of MAPPING_FIELDS) {
    const column = preview.suggested_mapping[field];
    if (column && preview.header.includes(column)) form[field] = column;
  }
  return form;
}

export function missingFields(form: MappingForm): MappingField[] {
  return REQUIRED_FIELDS.filter((f) => form[f] === '');
}

/** The mapping to send, or null while a required field is unmapped. */
export function toMapping(form: MappingForm): ColumnMapping | null {
  if (missingFields(form).length) return null;
  const mapping: ColumnMapping = { start: form.start, end: form.end, label: form.label };
  for (const f of ['score', 'low_hz', 'high_hz', 'file'] as const) if (form[f]) mapping[f] = form[f];
  return mapping;
}

/** A file needs the mapping form when it will be read as a generic CSV. */
export function needsMapping(choice: ImportFormatChoice, previews: TablePreview[]): boolean {
  return choice === 'csv' || (choice === 'auto' && previews.some((p) => p.format === 'csv'));
}
