import * as vega from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { compile, type TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { countDataMarks, DARK_PLOT_CONFIG } from './qa-plot-view';

async function scene(spec: TopLevelSpec) {
  const view = new vega.View(vega.parse(compile(spec, { config: DARK_PLOT_CONFIG }).spec, undefined, { ast: true }), {
    renderer: 'none',
    expr: expressionInterpreter,
  });
  await view.runAsync();
  const root = (view.scenegraph() as unknown as { root: Parameters<typeof countDataMarks>[0] }).root;
  view.finalize();
  return root;
}

describe('countDataMarks', () => {
  it('counts the items of data marks across layers, not axes, grid or legend', async () => {
    const root = await scene({
      data: { values: [{ x: 1, y: 3, g: 'a' }, { x: 2, y: 5, g: 'b' }, { x: 3, y: 1, g: 'a' }] },
      layer: [
        { mark: 'bar', encoding: { x: { field: 'x', type: 'ordinal' }, y: { field: 'y', type: 'quantitative' }, color: { field: 'g', type: 'nominal' } } },
        { data: { values: [{ t: 2 }] }, mark: 'rule', encoding: { y: { field: 't', type: 'quantitative' } } },
      ],
    });
    expect(countDataMarks(root)).toBe(4);
  });

  it('is 0 for a frame without data', async () => {
    const root = await scene({ data: { values: [] }, mark: 'point', encoding: { x: { field: 'x', type: 'quantitative' } } });
    expect(countDataMarks(root)).toBe(0);
    expect(countDataMarks(undefined)).toBe(0);
  });
});
