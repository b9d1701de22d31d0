/**
 * @mcpctl/toolkit/process — spawning servers as process-group leaders.
 * Node built-ins only.
 */
export { describeSpawnError, spawnGroup, type ExitInfo, type GroupChild, type SpawnGroupOptions, type SpawnSpec } from './spawn-group.js';
export { groupExists, killGroup, signalGroup } from './signal-group.js';
