import { RunParams } from '../../shared/domain';
import type { CallInput } from '../../shared/contract';
import { planRun } from '../inference/analyze';
import type { ValidatedModel } from '../inference/validate';

/**
 * The exact parameters of a run, completed from the model's manifest and checked against the model.
 * Their canonical JSON is what "run the same command again" matches to resume an unfinished run.
 */
export function runParamsFor(model: ValidatedModel, input: CallInput<'runs.start'>): RunParams {
  const m = model.manifest;
  const params: RunParams = {
    model_id: m.id,
    model_version: m.version,
    window_s: input.window_s ?? m.window_s,
    hop_s: input.hop_s ?? m.hop_s,
    min_score: input.min_score ?? m.min_score,
    labels: [...new Set(input.labels ?? [])].sort(),
    channel: input.channel ?? 'mix',
  };
  planRun(model, analyzeOptions(params)); // throws BAD_INPUT naming what does not fit the model
  return RunParams.parse(params);
}

export function analyzeOptions(params: RunParams) {
  return {
    window_s: params.window_s,
    hop_s: params.hop_s,
    min_score: params.min_score,
    labels: params.labels.length ? params.labels : undefined,
    channel: params.channel,
  };
}

/** Keys in a fixed order, so equal parameters always give the same text. */
export function canonicalParams(params: RunParams): string {
  return JSON.stringify({
    model_id: params.model_id,
    model_version: params.model_version,
    window_s: params.window_s,
    hop_s: params.hop_s,
    min_score: params.min_score,
    labels: params.labels,
    channel: params.channel,
  });
}
