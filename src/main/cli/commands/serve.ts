import type { Command } from 'commander';
import { AppContext } from '../../app/app-context';
import { startWebHost } from '../../web/server';
import { parsePort } from '../options';
import { openWelcomeProject } from '../../app/welcome';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Run Earmark in a browser: serves the app on loopback and prints its URL (with an access token).')
    .option('--project <file>', 'open this project file on start')
    .option('--host <address>', 'address to listen on (other machines can reach anything but loopback: keep the token secret)', '127.0.0.1')
    .option('--port <n>', 'port (0 picks a free one)', parsePort, 0)
    .option('--welcome', 'without --project: reopen the last project, or the demo project for a new user (what `npm start` does)')
    .action(async (options: { project?: string; host: string; port: number; welcome?: boolean }) => {
      const ctx = new AppContext('web');
      if (options.project) await ctx.openProject(options.project, { create: true });
      else if (options.welcome) await openWelcomeProject(ctx);
      const host = await startWebHost(ctx, { host: options.host, port: options.port });
      process.stdout.write(`Earmark is running at ${host.url}\n`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await host.close();
      await ctx.closeProject();
    });
}
