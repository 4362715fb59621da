import type { qaCalls } from '../../shared/contract-qa';
import { renderQaCsv } from '../qa/csv';
import { qaFileName } from '../qa/export';
import { renderQaHtml } from '../qa/html';
import { buildQaReport } from '../qa/report';
import type { HandlersFor } from './handler-types';

// Handlers of contract-qa.ts (one owner per area; handlers.ts spreads these in).
export const qaHandlers: HandlersFor<keyof typeof qaCalls> = {
  'qa.report': (ctx, input) => {
    const project = ctx.requireProject();
    return buildQaReport(project.db, project.path, input);
  },
  'qa.html': async (ctx, input) => {
    const project = ctx.requireProject();
    const html = await renderQaHtml(buildQaReport(project.db, project.path, input));
    return { html, file_name: qaFileName(project.path, input, 'html') };
  },
  'qa.csv': (ctx, input) => {
    const project = ctx.requireProject();
    return { csv: renderQaCsv(buildQaReport(project.db, project.path, input)), file_name: qaFileName(project.path, input, 'csv') };
  },
};
