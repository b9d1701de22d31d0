#!/usr/bin/env node
// Entry point. Kept tiny: `--version` answers before anything else is loaded,
// a built-in fast path (package.json mcpctl.fastPath: the daemon's thin
// client) may answer before the kernel loads, and Node's compile cache makes
// every later start cheaper.
import module from 'node:module';
import { readFileSync } from 'node:fs';

module.enableCompileCache?.();

const args = process.argv.slice(2);
const cli = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(`${cli.version}\n`);
} else {
  let code;
  // Help never goes to the fast path: skip loading it.
  if (cli.mcpctl?.fastPath && args.length > 0 && !args.includes('--help') && !args.includes('-h')) {
    const { runThroughDaemon } = await import(cli.mcpctl.fastPath);
    code = await runThroughDaemon(args, cli.version);
  }
  if (code === undefined) {
    const { main } = await import('../dist/main.js');
    code = await main(args);
  }
  process.exit(code);
}
