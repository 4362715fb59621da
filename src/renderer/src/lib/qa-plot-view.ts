import type { Config, TopLevelSpec } from 'vega-lite';

// Rendering a vega-lite spec without eval: vega-lite compiles to a vega spec, vega parses it to an
// AST (`ast: true`) and the view evaluates expressions with vega-interpreter. The app's CSP has no
// 'unsafe-eval' (src/main/web/security.ts), so vega's default code generation would be refused.
// The libraries are imported on first use, keeping them out of the first screen's bundle.

/** The app's dark look (app.css) for axes, legends and titles; the data colours come from the spec. */
export const DARK_PLOT_CONFIG: Config = {
  background: 'transparent',
  font: 'system-ui, -apple-system, Segoe UI, Roboto, Helvetica Neue, Arial, sans-serif',
  view: { stroke: '#2f343c' },
  axis: {
    domainColor: '#4a515c',
    gridColor: '#262a31',
    tickColor: '#4a515c',
    labelColor: '#8a929e',
    titleColor: '#d8dce2',
    titleFontWeight: 500,
  },
  legend: { labelColor: '#d8dce2', titleColor: '#8a929e' },
  title: { color: '#d8dce2', subtitleColor: '#8a929e', fontWeight: 500, anchor: 'start' },
  header: { labelColor: '#d8dce2', titleColor: '#8a929e' },
};

/** The bits of a vega scenegraph node that counting reads. */
interface SceneNode {
  marktype?: string;
  role?: string;
  items?: SceneNode[];
}

/**
 * Counts the items of data marks (role 'mark': bars, points, line vertices, rules), not of axes,
 * legends or titles, so a test can tell a plot that drew its data from an empty frame.
 */
export function countDataMarks(node: SceneNode | undefined): number {
  if (!node) return 0;
  let n = 0;
  const isMark = node.marktype !== undefined;
  if (isMark && node.role === 'mark' && node.marktype !== 'group') n += node.items?.length ?? 0;
  for (const child of node.items ?? []) n += countDataMarks(child);
  return n;
}

export interface RenderedPlot {
  marks: number;
  finalize(): void;
}

/** Renders `spec` as SVG into `container`; the caller must call finalize() when the plot goes. */
export async function renderPlot(container: HTMLElement, spec: TopLevelSpec, config: Config = DARK_PLOT_CONFIG): Promise<RenderedPlot> {
  const [vl, vega, interpreter] = await Promise.all([import('vega-lite'), import('vega'), import('vega-interpreter')]);
  const compiled = vl.compile(spec, { config }).spec;
  const runtime = vega.parse(compiled, undefined, { ast: true });
  const view = new vega.View(runtime, {
    renderer: 'svg',
    container,
    hover: true,
    expr: interpreter.expressionInterpreter,
  });
  try {
    await view.runAsync();
  } catch (err) {
    view.finalize();
    throw err;
  }
  return {
    // The typings describe the scene itself; at run time scenegraph() holds it under `root`.
    marks: countDataMarks((view.scenegraph() as unknown as { root: SceneNode }).root),
    finalize: () => view.finalize(),
  };
}
