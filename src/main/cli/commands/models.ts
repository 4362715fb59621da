import type { Command } from 'commander';
import { addModel, listModels } from '../../inference/registry';

export function registerModels(program: Command): void {
  const models = program.command('models').description('List the models Earmark can run, or add your own (ONNX + model.json).');
  models
    .command('list')
    .description('List bundled and added models.')
    .option('--json', 'print JSON (id, name, labels, sample_rate, window_s, hop_s, licence, source)')
    .action((options: { json?: boolean }) => {
      const list = listModels();
      if (options.json) {
        const out = list.map(({ id, name, labels, sample_rate, window_s, hop_s, licence, source }) => ({
          id, name, labels, sample_rate, window_s, hop_s, licence, source, bundled: source === 'bundled',
        }));
        process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
        return;
      }
      for (const m of list) {
        process.stdout.write(`${m.id}\t${m.source}\t${m.sample_rate} Hz, window ${m.window_s} s, hop ${m.hop_s} s\t${m.labels.length} labels\t${m.licence}\t${m.name}\n`);
      }
    });
  models
    .command('add')
    .description('Validate a model (the graph loads, tensor names and shapes match, label count matches) and add it.')
    .requiredOption('--manifest <file>', 'the model.json next to the .onnx file')
    .action(async (options: { manifest: string }) => {
      const info = await addModel(options.manifest);
      process.stdout.write(`added ${info.id} (${info.name}): ${info.labels.length} labels, ${info.sample_rate} Hz, window ${info.window_s} s\n`);
    });
  models.commands.forEach((c) => c.exitOverride().showHelpAfterError());
}
