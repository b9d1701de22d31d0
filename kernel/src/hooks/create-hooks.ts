import { AsyncParallelHook, AsyncSeriesBailHook, AsyncSeriesHook, AsyncSeriesWaterfallHook, HookMap, SyncHook, SyncWaterfallHook } from 'tapable';
import type { KernelHooks } from '../interfaces/hooks.js';

/**
 * Declares every hook point once. The returned object and its groups are
 * frozen: plugins cannot add, replace or remove hooks. Argument names are
 * documentation for tapable; the types live in interfaces/hooks.ts.
 */
export function createHooks(): KernelHooks {
  return Object.freeze({
    config: Object.freeze({
      schema: new SyncWaterfallHook<[any]>(['schema']),
      transform: new AsyncSeriesWaterfallHook<[any, any]>(['config', 'context']),
    }),
    serverType: new HookMap(() => new AsyncSeriesBailHook<[any, any], any>(['request', 'context'])),
    transport: new HookMap(() => new AsyncSeriesBailHook<[any, any], any>(['request', 'context'])),
    auth: Object.freeze({
      client: new HookMap(() => new AsyncSeriesBailHook<[any, any], any>(['request', 'context'])),
      verifier: new HookMap(() => new AsyncSeriesBailHook<[any, any], any>(['request', 'context'])),
    }),
    health: new AsyncParallelHook<[any, any]>(['subject', 'report']),
    session: new AsyncSeriesBailHook<[any], any>(['request']),
    commands: new SyncHook<[any]>(['registry']),
    lifecycle: Object.freeze({
      serverStarting: new AsyncSeriesHook<[any]>(['event']),
      serverReady: new AsyncSeriesHook<[any]>(['event']),
      serverExited: new AsyncSeriesHook<[any]>(['event']),
      shutdown: new AsyncParallelHook<[]>([]),
    }),
  }) as KernelHooks;
}
