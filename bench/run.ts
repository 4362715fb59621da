import { runAnalyzeEndToEndBench } from './analyze-e2e';
import { runExportDatasetBench } from './export-dataset';
import { runFirstScreenBench } from './first-screen';
import { runImportBench } from './import';
import { runImportTablesBench } from './import-tables';
import { runInferenceBench } from './inference';
import { runQaBench } from './qa';
import { runReviewBench } from './review';
import { runReviewBrowserBench } from './review-browser';
import { runSpectrogramBench } from './spectrogram';

// `npm run bench`: every benchmark in one run, each printing its figures and ratios to its targets.
// Benchmarks are not tests: nothing here fails on a slow machine. Run them on an idle machine; these
// 2-core machines are shared, so compare ratios within one run rather than absolute times.
const only = process.argv.slice(2);
const benches: [string, () => Promise<unknown>][] = [
  ['import', () => runImportBench(1000)],
  ['import-tables', () => runImportTablesBench(100_000)],
  ['spectrogram', () => runSpectrogramBench(Number(process.env.BENCH_MINUTES ?? 60))],
  ['first-screen', () => runFirstScreenBench(Number(process.env.BENCH_MINUTES ?? 60))],
  ['inference', () => runInferenceBench({ minutes: 10, rssMinutes: [20, 120] })],
  ['analyze-e2e', () => runAnalyzeEndToEndBench(10)],
  ['review-store', () => runReviewBench(Number(process.env.BENCH_PREDICTIONS ?? 1_000_000))],
  ['review-browser', () => runReviewBrowserBench(200)],
  ['export-dataset', () => runExportDatasetBench(100, 100)],
  ['qa', () => runQaBench(Number(process.env.BENCH_PREDICTIONS ?? 1_000_000))],
];

for (const [name, run] of benches) {
  if (only.length && !only.includes(name)) continue;
  console.log(`\n== ${name}`);
  const started = performance.now();
  await run();
  console.log(`(${name}: ${((performance.now() - started) / 1000).toFixed(0)} s)`);
}
