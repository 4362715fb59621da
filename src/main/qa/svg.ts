import * as vega from 'vega';
import * as vegaLite from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';

// Plots of the HTML report drawn to SVG in Node (issue 6): the same vega-lite specs the QA view draws,
// compiled to vega and rendered headless. No loader is given, so a spec can never fetch anything.

export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const compiled = vegaLite.compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
