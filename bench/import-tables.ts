import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Project } from '../src/main/app/project';
import { importTableFile } from '../src/main/formats/import-tables';
import { readTable } from '../src/main/formats/read-table';
import { reviewFixture } from '../src/main/review/testing';

// Issue 5 target: import of a 100,000-row BirdNET CSV in < 5 s. The CSV is shaped like BirdNET's
// combined output (FORMATS.md, with the optional trailing columns) over 100 recordings.

const TARGET_S = 5;

export async function runImportTablesBench(rows = 100_000): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'earmark-bench-tables-'));
  try {
    const projectPath = join(dir, 'bench.earmark');
    const fixture = reviewFixture(projectPath);
    const recordings = 100;
    for (let r = 0; r < recordings; r++) fixture.recording(`rec${String(r).padStart(3, '0')}.wav`, 3 * Math.ceil(rows / recordings) + 3);
    fixture.db.close();

    const species = Array.from({ length: 50 }, (_, i) => [`Genus species${i}`, `Bird number ${i}`]);
    const lines = ['Start (s),End (s),Scientific name,Common name,Confidence,File,lat,lon,week,overlap,sensitivity,min_conf,species_list,model'];
    for (let i = 0; i < rows; i++) {
      const r = i % recordings;
      const start = Math.floor(i / recordings) * 3;
      const [sci, common] = species[(i * 7) % species.length];
      lines.push(`${start}.0,${start + 3}.0,${sci},${common},${(0.1 + ((i * 37) % 90) / 100).toFixed(4)},/fixtures/rec${String(r).padStart(3, '0')}.wav,52.1,4.3,-1,0.0,1.0,0.1,,BirdNET_GLOBAL_6K_V2.4_Model_FP32`);
    }
    const csv = join(dir, 'BirdNET_CombinedTable.csv');
    writeFileSync(csv, lines.join('\n') + '\n');

    let started = performance.now();
    await readTable(csv, 'birdnet');
    const parseS = (performance.now() - started) / 1000;

    const project = Project.open(projectPath);
    started = performance.now();
    const report = await importTableFile(project, csv, { format: 'birdnet' });
    const importS = (performance.now() - started) / 1000;
    await project.close();

    console.log(`BirdNET CSV, ${rows.toLocaleString()} rows over ${recordings} recordings: parse ${parseS.toFixed(2)} s; full import ${importS.toFixed(2)} s ` +
      `(${Math.round(rows / importS).toLocaleString()} rows/s; target < ${TARGET_S} s, ratio ${(importS / TARGET_S).toFixed(2)})`);
    console.log(`  ${report.matched.toLocaleString()} matched, ${report.unmatched.length} unmatched, ${report.predictions.toLocaleString()} predictions in run ${report.run_id}`);
    return { parse_s: parseS, import_s: importS };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
