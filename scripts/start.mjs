#!/usr/bin/env node
// `npm start`: a guided tour of the built CLI in a scratch directory.
// It writes a starter config, validates it, shows what the plugins provide,
// and ends with what to try next. Nothing outside the scratch folder changes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '..');
const cli = join(repo, 'cli/bin/mcpctl.js');
const scratch = mkdtempSync(join(tmpdir(), 'mcpctl-start-'));
const env = { ...process.env, XDG_CACHE_HOME: join(scratch, '.cache') };

function step(title, args) {
  process.stdout.write(`\n\x1b[1m$ mcpctl ${args.join(' ')}\x1b[0m   # ${title}\n`);
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: scratch, env, stdio: 'inherit' });
  if (result.status !== 0) {
    process.stderr.write(`\nstep failed with exit code ${result.status}\n`);
    process.exit(result.status ?? 1);
  }
}

process.stdout.write(`mcpctl tour in ${scratch}\n`);
step('every command, from plugin manifests', ['--help']);
step('write a starter config', ['init']);
step('validate it against the composed schema', ['config', 'validate']);
step('the resolved config, secrets redacted', ['config', 'show']);
step('which plugins were discovered', ['plugins', 'list']);
step('load every plugin and report problems', ['plugins', 'doctor']);
process.stdout.write(`
Next:
  cd ${scratch}
  node ${cli} tools everything                      # talk to the example server in the config
  node ${cli} config import ~/.config/Claude/claude_desktop_config.json --dry-run
  node ${cli} plugins info @mcpctl/plugin-core
`);
