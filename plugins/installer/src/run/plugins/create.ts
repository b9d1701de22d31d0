import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import type { CommandIO, KernelServices } from '@mcpctl/kernel';
import validateName from 'validate-npm-package-name';
import * as errors from '../../errors.js';
import { sharedPackages } from '../../install/shared-packages.js';
import { defaultPackageName, shortName, writeScaffold, type PluginKind } from '../../scaffold/create-plugin.js';
import { TEMPLATES } from '../../scaffold/templates/index.js';

export async function runCreate(input: { io: CommandIO; kernel: KernelServices; dir: string; kind: string; name?: string }): Promise<number> {
  const dir = resolve(input.kernel.options.cwd, input.dir);
  const name = input.name ?? defaultPackageName(dir);
  const valid = validateName(name);
  if (!valid.validForNewPackages) throw errors.CREATE_REFUSED(dir, `"${name}" is not a valid npm package name (${[...(valid.errors ?? []), ...(valid.warnings ?? [])].join('; ')}); pass --name`);
  const shared = sharedPackages();
  const kernel = shared.find((pkg) => pkg.name === '@mcpctl/kernel');
  if (!kernel) throw errors.CREATE_REFUSED(dir, 'this mcpctl\'s @mcpctl/kernel package cannot be found');
  const toolkit = shared.find((pkg) => pkg.name === '@mcpctl/toolkit');
  if (!toolkit && TEMPLATES[input.kind as PluginKind]?.usesToolkit) throw errors.CREATE_REFUSED(dir, `a ${input.kind} plugin builds on @mcpctl/toolkit, which this mcpctl does not have`);
  const testingDir = dirname(createRequire(import.meta.url).resolve('@mcpctl/testing/package.json'));
  const files = await writeScaffold(dir, {
    name,
    short: shortName(name),
    kind: input.kind as PluginKind,
    kernelDir: kernel.dir,
    testingDir,
    ...(toolkit ? { toolkitDir: toolkit.dir } : {}),
    kernelVersion: kernel.version,
  });
  if (input.io.json) {
    input.io.printJson({ created: { dir, name, kind: input.kind, provides: shortName(name), files } });
    return 0;
  }
  input.io.print(`✓ created ${name} (${input.kind}) in ${dir}`);
  for (const file of files) input.io.print(`    ${file}`);
  input.io.print(`\nNext:\n  cd ${input.dir}\n  npm install && npm test\n  mcpctl plugins link .`);
  return 0;
}
