import type { Logger } from '@mcpctl/kernel';
import { Kernel, type KernelOptions } from '@mcpctl/kernel/runtime';
import { CLI_DIR, cliPackage } from './cli-package.js';
import type { GlobalOptions } from './global-options.js';

/** Boot the kernel with the CLI's built-ins and the invocation's global options (plus any extra kernel options). */
export function bootKernel(
  globals: GlobalOptions,
  where: { cwd: string; env: NodeJS.ProcessEnv; logger: Logger },
  extra: Partial<KernelOptions> = {},
): Promise<Kernel> {
  return Kernel.boot({
    ...where,
    builtins: cliPackage.mcpctl.builtins,
    builtinBase: CLI_DIR,
    knownProviders: cliPackage.mcpctl.knownProviders,
    configPath: globals.configPath,
    profile: globals.profile,
    safeMode: globals.safeMode,
    ...extra,
  });
}
