import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// The built module: it spawns its sibling setup-child.js, which exists only in dist/ (npm test builds first).
import { SetupChecker } from '../dist/install/setup-check.js';

const scratch = mkdtempSync(join(tmpdir(), 'mcpctl-setup-check-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A plugin package in the scratch folder whose setup runs `body`. */
function plugin(name: string, body: string): string {
  const dir = join(scratch, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', type: 'module', mcpctl: { apiVersion: '^1.0.0', entry: './index.js' } }));
  writeFileSync(join(dir, 'index.js'), `export default { name: ${JSON.stringify(name)}, setup() { ${body} } };\n`);
  return dir;
}

describe('the setup check child', () => {
  it('finds its answer after whatever the plugin printed, even a line that looks like one', async () => {
    const dir = plugin('mcpctl-plugin-chatty', "console.log('{\"ok\":false,\"problems\":[{\"code\":\"FAKE\",\"message\":\"printed by the plugin\"}]}'); process.stdout.write('no newline at the end');");
    await expect(new SetupChecker(process.env, 5000).check(dir, 'mcpctl-plugin-chatty')).resolves.toBeUndefined();
  });

  it('reports a plugin that exits the process in setup, with its exit code and stderr', async () => {
    const dir = plugin('mcpctl-plugin-exits', "console.error('leaving now'); process.exit(7);");
    await expect(new SetupChecker(process.env, 5000).check(dir, 'mcpctl-plugin-exits')).rejects.toMatchObject({
      code: 'MCPCTL_INSTALL_SETUP_FAILED',
      message: expect.stringMatching(/exited with 7: leaving now/),
    });
  });

  it('reports a setup that throws, with the kernel\'s problem code', async () => {
    const dir = plugin('mcpctl-plugin-throws', "throw new Error('no thanks');");
    await expect(new SetupChecker(process.env, 5000).check(dir, 'mcpctl-plugin-throws')).rejects.toMatchObject({
      code: 'MCPCTL_INSTALL_SETUP_FAILED',
      message: expect.stringContaining('no thanks'),
    });
  });

  it('uses the warm spare for the first check and a fresh child for the next', async () => {
    const checker = new SetupChecker(process.env, 5000).warm();
    const dir = plugin('mcpctl-plugin-quiet', '');
    await checker.check(dir, 'mcpctl-plugin-quiet');
    await checker.check(dir, 'mcpctl-plugin-quiet');
    checker.dispose();
  });
});
