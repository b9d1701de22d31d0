#!/usr/bin/env node
// Entry point. Kept tiny: `--version` answers before anything else is loaded,
// and Node's compile cache makes every later start cheaper.
import module from 'node:module';
import { readFileSync } from 'node:fs';

module.enableCompileCache?.();

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  process.stdout.write(`${version}\n`);
} else {
  const { main } = await import('../dist/main.js');
  const code = await main(args);
  process.exit(code);
}
