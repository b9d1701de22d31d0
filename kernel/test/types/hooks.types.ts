/**
 * Compile-time checks of the hook types derived from the hook table, run by
 * hook-table.test.ts with tsc. A line that fails to compile is a failure.
 */
import type { AuthVerifier, ClientAuth, HookDeclaration, HooksFacade, KernelHooks, McpctlConfig, McpServerLike, ServerBuildRequest, VerifierRequest } from '../../src/index.js';

type IsAny<T> = 0 extends 1 & T ? true : false;
type Assert<T extends true> = T;
type Not<T extends boolean> = T extends true ? false : true;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

type ArgsOf<H> = H extends { promise: (...args: infer A) => unknown } ? A : H extends { call: (...args: infer A) => unknown } ? A : never;
type ResultOf<H> = H extends { promise: (...args: never[]) => Promise<infer R> } ? R : H extends { call: (...args: never[]) => infer R } ? R : never;
type Keyed<M> = M extends { for(key: string): infer H } ? H : never;

/** No argument and no result of any hook is `any`. */
type NoAny<H> = Not<IsAny<ArgsOf<H>[0]>> extends true ? (Not<IsAny<ArgsOf<H>[1]>> extends true ? Not<IsAny<ResultOf<H>>> : false) : false;

export type Checks = [
  Assert<NoAny<KernelHooks['config']['schema']>>,
  Assert<NoAny<KernelHooks['config']['transform']>>,
  Assert<NoAny<Keyed<KernelHooks['serverType']>>>,
  Assert<NoAny<Keyed<KernelHooks['transport']>>>,
  Assert<NoAny<Keyed<KernelHooks['auth']['client']>>>,
  Assert<NoAny<Keyed<KernelHooks['auth']['verifier']>>>,
  Assert<NoAny<KernelHooks['health']>>,
  Assert<NoAny<KernelHooks['session']>>,
  Assert<NoAny<KernelHooks['commands']>>,
  Assert<NoAny<KernelHooks['lifecycle']['serverExited']>>,
  Assert<Same<ArgsOf<Keyed<KernelHooks['serverType']>>[0], ServerBuildRequest>>,
  Assert<Same<ResultOf<Keyed<KernelHooks['serverType']>>, McpServerLike | undefined>>,
  Assert<Same<ArgsOf<Keyed<KernelHooks['auth']['verifier']>>[0], VerifierRequest>>,
  Assert<Same<ResultOf<Keyed<KernelHooks['auth']['verifier']>>, AuthVerifier | undefined>>,
  Assert<Same<ResultOf<Keyed<KernelHooks['auth']['client']>>, ClientAuth | undefined>>,
  Assert<Same<ResultOf<KernelHooks['config']['transform']>, McpctlConfig>>,
  Assert<Same<ArgsOf<KernelHooks['lifecycle']['shutdown']>, []>>,
];

declare const hooks: HooksFacade;
// The facade taps with the table's argument types…
hooks.serverType.for('x').tapPromise(async (request, context) => {
  const name: string = request.name;
  const dir: string = context.baseDir;
  return name && dir ? undefined : undefined;
});
hooks.auth.verifier.for('x').tapPromise(async (request) => ({ method: request.config.method, routes: [], verify: () => ({ ok: false, status: 401, challenge: 'Basic', message: request.endpointPath }) }));
// …and declared hooks take the declaring plugin's types.
hooks.plugin<[{ path: string }], boolean | undefined>('gateway.authorize').tap((request) => request.path.length > 0);
// @ts-expect-error the facade cannot call hooks
hooks.health.promise;
// @ts-expect-error a verifier's rejection needs a challenge
hooks.auth.verifier.for('x').tap(() => ({ method: 'x', verify: () => ({ ok: false, status: 401, message: '' }) }));
export const kinds: HookDeclaration['kind'][] = ['SyncHook', 'AsyncSeriesBailHook'];
