#!/usr/bin/env node
// Entry point. Kept tiny: `--version` answers before anything else is loaded,
// a built-in fast path (package.json mcpctl.fastPath: the daemon's thin
// client, given the global options declared next to it) may answer before
// the kernel loads, and Node's compile cache makes
// every later start cheaper.
import module from 'node:module';
import { readFileSync } from 'node:fs';

module.enableCompileCache?.();

const args = process.argv.slice(2);
const cli = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
// On an unsupported Node (node:sqlite, stable APIs), one line and exit 2 rather than a stack trace.
const [wantMajor, wantMinor] = (/(\d+)\.(\d+)/.exec(cli.engines?.node ?? '') ?? [0, 22, 13]).slice(1).map(Number);
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < wantMajor || (major === wantMajor && minor < wantMinor)) {
  process.stderr.write(`mcpctl: needs Node.js >= ${wantMajor}.${wantMinor} (Node 24 LTS recommended); this is Node ${process.version} (${process.execPath}).\n`);
  process.exit(2);
}
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(`${cli.version}\n`);
} else {
  let code;
  // Help never goes to the fast path: skip loading it.
  if (cli.mcpctl?.fastPath && args.length > 0 && !args.includes('--help') && !args.includes('-h')) {
    const { runThroughDaemon } = await import(cli.mcpctl.fastPath);
    code = await runThroughDaemon(args, { version: cli.version, globalOptions: cli.mcpctl.globalOptions });
  }
  if (code === undefined) {
    const { main } = await import('../dist/main.js');
    code = await main(args);
  }
  process.exit(code);
}
