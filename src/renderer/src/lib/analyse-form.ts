import type { CallInput } from '../../../shared/contract';
import type { ModelInfo } from '../../../shared/domain';

// The "Analyse…" dialog's form as plain data, and its translation into a `runs.start` call, kept out of
// the component so the rules (defaults from the model, what "all" means, what is refused) are testable.

export interface AnalyseForm {
  modelId: string;
  /** 'all' runs every recording whose status is ok; a list runs exactly those. */
  recordings: 'all' | number[];
  windowS: number;
  hopS: number;
  minScore: number;
  labels: string[];
  channel: 'mix' | number;
}

export type RunStartInput = CallInput<'runs.start'>;

/** The form as a model suggests it: its window, hop, minimum score, and every label. */
export function defaultsFor(model: ModelInfo, recordings: AnalyseForm['recordings'] = 'all'): AnalyseForm {
  return {
    modelId: model.id,
    recordings,
    windowS: model.window_s,
    hopS: model.hop_s,
    minScore: model.min_score,
    labels: [...model.labels],
    channel: 'mix',
  };
}

/** The call to make, or what is wrong with the form in words for the user. */
export function toRunInput(form: AnalyseForm, model: ModelInfo): { input: RunStartInput } | { error: string } {
  if (!(form.windowS > 0)) return { error: 'The window must be longer than 0 s.' };
  if (!(form.hopS > 0)) return { error: 'The hop must be longer than 0 s.' };
  if (!(form.minScore >= 0 && form.minScore <= 1)) return { error: 'The minimum score must be between 0 and 1.' };
  if (form.labels.length === 0) return { error: 'Choose at least one label to keep.' };
  if (form.recordings !== 'all' && form.recordings.length === 0) return { error: 'Choose at least one recording.' };
  const input: RunStartInput = {
    model: form.modelId,
    window_s: form.windowS,
    hop_s: form.hopS,
    min_score: form.minScore,
    channel: form.channel,
  };
  if (form.recordings !== 'all') input.recording_ids = [...form.recordings];
  // Every label kept is the same as no filter; sending none keeps the run identical to a CLI run's.
  const all = model.labels.every((l) => form.labels.includes(l));
  if (!all) input.labels = model.labels.filter((l) => form.labels.includes(l));
  return { input };
}

/** The channel choices for recordings with up to `channels` channels: mix, then 0..n-1. */
export function channelChoices(channels: number): Array<'mix' | number> {
  const n = Math.max(1, Math.floor(channels));
  return n <= 1 ? ['mix'] : ['mix', ...Array.from({ length: n }, (_, i) => i)];
}
