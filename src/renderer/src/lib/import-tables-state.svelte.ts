import type { ImportFileReport, ImportFormatChoice, PastImport, TablePreview } from '../../../shared/contract-exchange';
import { call } from './api';
import { emptyForm, formFromSuggestion, needsMapping, toMapping, type MappingForm } from './import-tables-form';

/** The "Import labels" dialog: pick tables, preview them, map CSV columns, import, show the report. */
export class ImportTablesState {
  step = $state<'pick' | 'options' | 'importing' | 'report'>('pick');
  paths = $state<string[]>([]);
  format = $state<ImportFormatChoice>('auto');
  previews = $state<TablePreview[]>([]);
  /** Which file's rows the preview table shows. */
  shown = $state(0);
  form = $state<MappingForm>(emptyForm());
  reports = $state<ImportFileReport[]>([]);
  error = $state<string | null>(null);
  loading = $state(false);
  /** Tables imported into this project before, so a second import of one file is a visible choice. */
  past = $state<PastImport[]>([]);

  get mappingNeeded(): boolean {
    return needsMapping(this.format, this.previews);
  }

  /** Columns offered by the mapping form: those of the first file read as CSV. */
  get columns(): string[] {
    const csv = this.previews.find((p) => p.format === 'csv') ?? this.previews[0];
    return csv?.header.filter((h) => h.trim() !== '') ?? [];
  }

  get canImport(): boolean {
    return this.step === 'options' && this.paths.length > 0 && !this.loading && (!this.mappingNeeded || toMapping(this.form) !== null);
  }

  async choose(paths: string[]): Promise<void> {
    this.paths = paths;
    this.step = 'options';
    const res = await call('exchange.imports', {});
    if (res.ok) this.past = res.value;
    await this.loadPreviews();
  }

  /** Earlier imports of the chosen files. */
  get repeated(): PastImport[] {
    return this.past.filter((p) => this.paths.includes(p.path));
  }

  async setFormat(format: ImportFormatChoice): Promise<void> {
    this.format = format;
    await this.loadPreviews();
  }

  async loadPreviews(): Promise<void> {
    this.loading = true;
    this.error = null;
    const previews: TablePreview[] = [];
    const problems: string[] = [];
    for (const path of this.paths) {
      const res = await call('exchange.preview', { path, format: this.format });
      if (res.ok) previews.push(res.value);
      else problems.push(res.message);
    }
    this.previews = previews;
    this.shown = 0;
    this.error = problems.length ? problems.join('\n') : null;
    const csv = previews.find((p) => p.format === 'csv') ?? previews[0];
    if (csv) this.form = formFromSuggestion(csv);
    this.loading = false;
  }

  async run(onDone: () => Promise<void> | void): Promise<void> {
    if (!this.canImport) return;
    this.step = 'importing';
    this.error = null;
    const mapping = this.mappingNeeded ? (toMapping(this.form) ?? undefined) : undefined;
    const res = await call('exchange.import', { paths: this.paths, format: this.format, mapping });
    if (res.ok) {
      this.reports = res.value.files;
      this.step = 'report';
      await onDone();
    } else {
      this.error = res.message;
      this.step = 'options';
    }
  }
}
