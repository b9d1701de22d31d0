import type { CommandSpec } from '@mcpctl/kernel';
import { init } from './init.js';
import { configImport } from './import.js';
import { configPath } from './path.js';
import { configSchema } from './schema.js';
import { configShow } from './show.js';
import { configValidate } from './validate.js';

/** `init` and the `config` command group of the core plugin. */
export const configCommands: CommandSpec<any>[] = [init, configShow, configValidate, configSchema, configPath, configImport];
