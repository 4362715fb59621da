import { ensureDemoProject } from '../runs/demo-project';
import type { AppContext } from './app-context';

/**
 * What a person sees on start: their last project, or — for a new user — the demo project, already
 * analysed and ready to review (issue 3). A last project that fails to open falls back to the demo.
 */
export async function openWelcomeProject(ctx: AppContext): Promise<void> {
  const last = ctx.recent.list().find((entry) => entry.exists);
  if (last) {
    try {
      await ctx.openProject(last.path);
      return;
    } catch (error) {
      console.error(`Earmark: could not reopen ${last.path}: ${(error as Error).message}`);
    }
  }
  process.stderr.write('Earmark: preparing the demo project (first start only)...\n');
  await ctx.openProject(await ensureDemoProject((p) => ctx.events.emit('run.progress', p)));
}
