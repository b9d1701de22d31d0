import { describe, expect, it } from 'vitest';
import { Stage, isMcpctlError } from '@mcpctl/kernel';
import type { HealthCheckResult } from '@mcpctl/kernel';
import { createHooks } from '../../src/hooks/create-hooks.js';
import { createHooksFacade } from '../../src/hooks/facade.js';
import { interceptAll } from '../../src/hooks/interceptor.js';

function setup(env: NodeJS.ProcessEnv = {}) {
  const hooks = createHooks();
  const disabled = new Set<string>();
  const records: Array<{ plugin: string; hook: string; failed: boolean }> = [];
  interceptAll(hooks, { isDisabled: (plugin) => disabled.has(plugin), record: (plugin, hook, _ms, error) => records.push({ plugin, hook, failed: !!error }), env });
  return { hooks, disabled, records, facade: (name: string) => createHooksFacade(hooks, name) };
}

describe('kernel hooks', () => {
  it('are frozen: no hook can be added, replaced or removed', () => {
    const { hooks } = setup();
    expect(Object.isFrozen(hooks)).toBe(true);
    expect(Object.isFrozen(hooks.config)).toBe(true);
    expect(Object.isFrozen(hooks.lifecycle)).toBe(true);
    expect(() => Object.assign(hooks, { commands: null })).toThrow(TypeError);
  });

  it('give plugins a facade that can tap but not call or intercept', () => {
    const { facade } = setup();
    const hooks = facade('p') as unknown as Record<string, Record<string, unknown>>;
    expect(Object.keys(hooks.commands!).sort()).toEqual(['tap', 'tapPromise']);
    expect(hooks.commands!.call).toBeUndefined();
    expect(hooks.health!.promise).toBeUndefined();
    expect(Object.keys((hooks.transport!.for as (key: string) => object)('stdio')).sort()).toEqual(['tap', 'tapPromise']);
  });

  it('name every tap after its plugin and order taps by stage', async () => {
    const { hooks, facade } = setup();
    const order: string[] = [];
    facade('late').config.transform.tapPromise({ stage: Stage.LATE }, async (config) => (order.push('late'), config));
    facade('default').config.transform.tapPromise(async (config) => (order.push('default'), config));
    facade('first').config.transform.tapPromise({ stage: Stage.FIRST }, async (config) => (order.push('first'), config));
    expect(hooks.config.transform.taps.map((tap) => tap.name)).toEqual(['first', 'default', 'late']);
    await hooks.config.transform.promise({ servers: {}, plugins: [], pluginConfig: {}, profiles: {}, logging: {} }, { logger: console as never });
    expect(order).toEqual(['first', 'default', 'late']);
  });

  it('time every tap and record which plugin ran in which hook', async () => {
    const { hooks, facade, records } = setup();
    facade('transporter').transport.for('carrier-pigeon').tapPromise(async () => undefined);
    await hooks.transport.for('carrier-pigeon').promise({ transport: 'carrier-pigeon', entry: { type: 'carrier-pigeon' } }, {} as never);
    expect(records).toEqual([{ plugin: 'transporter', hook: 'transport.for(carrier-pigeon)', failed: false }]);
  });

  it('turn an error in a tap into a coded error that names the plugin and the hook', async () => {
    const { hooks, facade } = setup();
    facade('clumsy').serverType.for('fs').tapPromise(async () => {
      throw new Error('disk on fire');
    });
    const error = await hooks.serverType.for('fs').promise({ name: 'files', entry: { type: 'fs' } }, {} as never).catch((e: unknown) => e);
    expect(isMcpctlError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'MCPCTL_PLUGIN_HOOK_FAILED', message: 'Plugin clumsy failed in hook serverType.for(fs): disk on fire' });
  });

  it('let coded errors from plugins through unchanged (they already say what to do)', async () => {
    const { hooks, facade } = setup();
    const { McpctlError } = await import('@mcpctl/kernel');
    facade('precise').transport.for('x').tapPromise(async () => {
      throw new McpctlError('MCPCTL_CONNECT_REFUSED', 'connection refused', { exitCode: 3 });
    });
    await expect(hooks.transport.for('x').promise({ transport: 'x', entry: { type: 'x' } }, {} as never)).rejects.toMatchObject({ code: 'MCPCTL_CONNECT_REFUSED', exitCode: 3 });
  });

  it('bound each async tap by a timeout that names the plugin', async () => {
    const { hooks, facade } = setup({ MCPCTL_HOOK_TIMEOUT_MS: '50' });
    facade('sleepy').transport.for('slow').tapPromise(() => new Promise(() => {}));
    await expect(hooks.transport.for('slow').promise({ transport: 'slow', entry: { type: 'slow' } }, {} as never)).rejects.toMatchObject({
      code: 'MCPCTL_PLUGIN_HOOK_TIMEOUT',
      message: 'Plugin sleepy did not answer hook transport.for(slow) within 50ms',
    });
  });

  it('pass through the taps of a disabled plugin (a waterfall keeps its value)', async () => {
    const { hooks, facade, disabled } = setup();
    facade('broken').config.schema.tap(() => ({ poisoned: true }));
    facade('broken').serverType.for('fs').tapPromise(async () => ({ connect: async () => {}, close: async () => {} }));
    disabled.add('broken');
    expect(hooks.config.schema.call({ ok: true })).toEqual({ ok: true });
    expect(await hooks.serverType.for('fs').promise({ name: 'f', entry: { type: 'fs' } }, {} as never)).toBeUndefined();
  });

  it('collect health results and turn a throwing or hanging check into a failed result, never an exception', async () => {
    const { hooks, facade } = setup({ MCPCTL_HOOK_TIMEOUT_MS: '100' });
    facade('good').health.tapPromise(async (subject, report) => report({ check: 'good.ping', status: 'ok', message: subject.name }));
    facade('thrower').health.tapPromise(async () => {
      throw new Error('cannot reach the mothership');
    });
    facade('hanger').health.tapPromise(() => new Promise(() => {}));
    const results: HealthCheckResult[] = [];
    await hooks.health.promise({ name: 'files' }, (result) => results.push(result));
    expect(results).toHaveLength(3);
    expect(results.find((result) => result.check === 'good.ping')).toMatchObject({ status: 'ok', message: 'files' });
    expect(results.find((result) => result.check === 'thrower')).toMatchObject({ status: 'fail', message: expect.stringContaining('cannot reach the mothership') });
    expect(results.find((result) => result.check === 'hanger')).toMatchObject({ status: 'fail', message: expect.stringContaining('within 100ms') });
  });
});
