/**
 * Run as a child process by setup-check.ts. Loads Node's compile cache and
 * the kernel runtime first, then reads `{ dir, name, nonce }` as one JSON
 * line on stdin, boots a kernel that sees only that plugin (no config, an
 * empty user folder, no built-ins), loads it exactly as mcpctl would (native
 * import(), setup bounded by the plugin timeout), registers its commands, and
 * prints one JSON line with the nonce and the problems found (on a line of
 * its own, after whatever the plugin printed). A child keeps a plugin that
 * hangs, exits or corrupts global state away from the installing process.
 */
import module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

module.enableCompileCache?.();
const { createLazyLogger, Kernel } = await import('@mcpctl/kernel/runtime');
// A home that does not exist: no config, no user plugins; with the cache off nothing is written.
const scratch = join(tmpdir(), `mcpctl-setup-check-${process.pid}-absent`);
const isolated: NodeJS.ProcessEnv = {
  ...process.env,
  HOME: scratch,
  XDG_CONFIG_HOME: join(scratch, 'config'),
  XDG_DATA_HOME: join(scratch, 'data'),
  XDG_CACHE_HOME: join(scratch, 'cache'),
  XDG_STATE_HOME: join(scratch, 'state'),
};
delete isolated.MCPCTL_CONFIG;
delete isolated.MCPCTL_PLUGINS;
const logger = createLazyLogger({ level: 'silent', pretty: false });

// Warm up while the parent is still downloading: an empty kernel creates its hooks
// (loading tapable and the interceptor), and the checks discovery will run on the
// package load their modules (manifest validator, semver), so the real check pays
// only for the plugin.
await (await Kernel.boot({ cwd: scratch, env: isolated, logger, builtins: [], builtinBase: scratch, cache: false })).commands();
const { apiVersionSatisfies, validateManifest } = await import('@mcpctl/kernel/plugins');
validateManifest({});
apiVersionSatisfies('^1.0.0', '1.0.0');

const request = await new Promise<{ dir: string; name: string; nonce: string }>((resolve, reject) => {
  const lines = createInterface({ input: process.stdin });
  lines.once('line', (line) => {
    resolve(JSON.parse(line) as { dir: string; name: string; nonce: string });
    lines.close();
  });
  lines.once('close', () => reject(new Error('no request on stdin')));
});

try {
  const kernel = await Kernel.boot({ cwd: scratch, env: { ...isolated, MCPCTL_PLUGINS: request.dir }, logger, builtins: [], builtinBase: scratch, cache: false });
  const record = kernel.plugins.get(request.name);
  const problems: Array<{ code: string; message: string }> = [];
  if (!record) problems.push({ code: 'MCPCTL_PLUGIN_NOT_FOUND', message: `discovery did not find ${request.name} in ${request.dir}` });
  else if (await kernel.ensureLoaded(record)) {
    const registered = await kernel.commands();
    for (const command of record.manifest.provides?.commands ?? []) {
      if (!registered.has(command.path.join(' '))) problems.push({ code: 'MCPCTL_PLUGIN_COMMAND_UNREGISTERED', message: `declares \`${command.path.join(' ')}\` but its setup does not register it` });
    }
  }
  for (const problem of kernel.plugins.problems()) if (problem.severity === 'error') problems.push({ code: problem.code, message: problem.message });
  process.stdout.write(`\n${JSON.stringify({ nonce: request.nonce, ok: problems.length === 0, problems })}\n`);
} catch (error) {
  process.stdout.write(`\n${JSON.stringify({ nonce: request.nonce, ok: false, problems: [{ code: 'MCPCTL_INSTALL_SETUP_FAILED', message: error instanceof Error ? error.message : String(error) }] })}\n`);
}
process.exit(0);
