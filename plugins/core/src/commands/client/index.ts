import type { CommandSpec } from '@mcpctl/kernel';
import { callCommand } from './call.js';
import { healthCommand } from './health.js';
import { inspectCommand } from './inspect.js';
import { pingCommand } from './ping.js';
import { promptCommand } from './prompt.js';
import { promptsCommand } from './prompts.js';
import { readCommand } from './read.js';
import { resourcesCommand } from './resources.js';
import { templatesCommand } from './templates.js';
import { toolsCommand } from './tools.js';

/** The client commands of the core plugin: light specs; each `run` imports its implementation (and the SDK) on use. */
export const clientCommands: CommandSpec<any>[] = [
  toolsCommand, callCommand, resourcesCommand, templatesCommand, readCommand,
  promptsCommand, promptCommand, pingCommand, inspectCommand, healthCommand,
];
