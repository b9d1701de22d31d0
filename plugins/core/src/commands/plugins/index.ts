import type { CommandSpec } from '@mcpctl/kernel';
import { pluginsDoctor } from './doctor.js';
import { pluginsInfo } from './info.js';
import { pluginsList } from './list.js';

/** The `plugins` command group of the core plugin. */
export const pluginsCommands: CommandSpec<any>[] = [pluginsList, pluginsInfo, pluginsDoctor];
