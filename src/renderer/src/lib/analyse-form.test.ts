import { describe, expect, it } from 'vitest';
import type { ModelInfo } from '../../../shared/domain';
import { channelChoices, defaultsFor, toRunInput } from './analyse-form';

const model: ModelInfo = {
  id: 'demo-classifier',
  name: 'Earmark demo classifier',
  version: '1',
  description: '',
  labels: ['bird', 'dog', 'speech'],
  sample_rate: 16000,
  window_s: 0.975,
  hop_s: 0.5,
  min_score: 0.3,
  licence: 'Apache-2.0',
  attribution: null,
  source: 'bundled',
  path: '/x/model.json',
};

describe('analyse form', () => {
  it('starts from the model: its window, hop, minimum score and all labels', () => {
    expect(defaultsFor(model)).toEqual({
      modelId: 'demo-classifier',
      recordings: 'all',
      windowS: 0.975,
      hopS: 0.5,
      minScore: 0.3,
      labels: ['bird', 'dog', 'speech'],
      channel: 'mix',
    });
  });

  it('sends no recording ids for all and no label filter when every label is kept', () => {
    const res = toRunInput(defaultsFor(model), model);
    expect(res).toEqual({ input: { model: 'demo-classifier', window_s: 0.975, hop_s: 0.5, min_score: 0.3, channel: 'mix' } });
  });

  it('sends chosen recordings, a channel and the kept labels in model order', () => {
    const form = { ...defaultsFor(model, [4, 9]), labels: ['speech', 'bird'], channel: 1 as const, hopS: 0.25 };
    expect(toRunInput(form, model)).toEqual({
      input: {
        model: 'demo-classifier',
        recording_ids: [4, 9],
        window_s: 0.975,
        hop_s: 0.25,
        min_score: 0.3,
        channel: 1,
        labels: ['bird', 'speech'],
      },
    });
  });

  it('refuses what the run would refuse, saying what is wrong', () => {
    const base = defaultsFor(model);
    expect(toRunInput({ ...base, windowS: 0 }, model)).toEqual({ error: 'The window must be longer than 0 s.' });
    expect(toRunInput({ ...base, hopS: Number.NaN }, model)).toEqual({ error: 'The hop must be longer than 0 s.' });
    expect(toRunInput({ ...base, minScore: 1.5 }, model)).toEqual({ error: 'The minimum score must be between 0 and 1.' });
    expect(toRunInput({ ...base, labels: [] }, model)).toEqual({ error: 'Choose at least one label to keep.' });
    expect(toRunInput({ ...base, recordings: [] }, model)).toEqual({ error: 'Choose at least one recording.' });
  });

  it('offers mix alone for mono and each channel beyond', () => {
    expect(channelChoices(1)).toEqual(['mix']);
    expect(channelChoices(0)).toEqual(['mix']);
    expect(channelChoices(4)).toEqual(['mix', 0, 1, 2, 3]);
  });
});
