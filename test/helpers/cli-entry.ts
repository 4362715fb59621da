// Runs the CLI from source (no build needed) for tests: `node --import tsx test/helpers/cli-entry.ts ...`.
import { runCli } from '../../src/main/cli/main';

process.exitCode = await runCli(process.argv.slice(2));
