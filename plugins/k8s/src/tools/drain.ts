import { setTimeout as sleep } from 'node:timers/promises';
import { defineTool, ToolError, type Tool } from '@mcpctl/toolkit';
import type { KubeObject } from '../api/client.js';
import type { Cluster } from '../cluster.js';
import { K8sErrorCode } from '../tool-errors.js';
import { contextProperty, nameProperty } from './common.js';
import { setUnschedulable } from './cordon.js';

interface Input {
  context?: string;
  node: string;
  dryRun?: boolean;
  ignoreDaemonSets: boolean;
  deleteEmptyDirData: boolean;
  force: boolean;
  gracePeriodSeconds?: number;
  timeoutSeconds: number;
}

interface PodRef {
  namespace: string;
  name: string;
}

type Output = {
  node: string;
  dryRun: boolean;
  cordoned: boolean;
  evicted: PodRef[];
  skipped: Array<PodRef & { reason: string }>;
  /** Pods still on the node when the time ran out. */
  remaining: PodRef[];
  /** The namespaces whose pods were considered: "*" for all; under a namespace allow-list, only those. */
  namespaces: string[];
};

const MIRROR = 'kubernetes.io/config.mirror';

/**
 * kubectl drain: cordon the node, then evict its pods (through the Eviction
 * API, so PodDisruptionBudgets hold; a refused eviction is retried until the
 * timeout), skipping mirror pods and — with ignoreDaemonSets — DaemonSet
 * pods. Pods no controller would recreate, or with emptyDir data, stop the
 * drain before anything is evicted unless force / deleteEmptyDirData.
 */
export function drainTool(cluster: Cluster): Tool {
  return defineTool<Input, Output>({
    name: 'drain',
    title: 'Drain a node',
    description: 'Cordon a node and evict its pods (Eviction API: PodDisruptionBudgets are respected and retried until timeoutSeconds). DaemonSet and mirror pods are skipped; unmanaged pods need force, pods with emptyDir need deleteEmptyDirData. Under a namespace allow-list only those namespaces\' pods are evicted. dryRun reports what would happen.',
    tier: 'destructive',
    idempotent: true,
    timeoutMs: 660_000,
    inputSchema: {
      type: 'object',
      properties: {
        ...contextProperty(cluster),
        node: nameProperty('Node name.'),
        dryRun: { type: 'boolean', description: 'Server-side dry run of the cordon and every eviction.' },
        ignoreDaemonSets: { type: 'boolean', default: true, description: 'Skip DaemonSet pods (otherwise they stop the drain).' },
        deleteEmptyDirData: { type: 'boolean', default: false, description: 'Evict pods with emptyDir volumes (their data is lost).' },
        force: { type: 'boolean', default: false, description: 'Evict pods no controller manages (they are not recreated).' },
        gracePeriodSeconds: { type: 'integer', minimum: 0, maximum: 3600 },
        timeoutSeconds: { type: 'integer', minimum: 1, maximum: 600, default: 120, description: 'How long to keep retrying evictions and waiting for pods to go.' },
      },
      required: ['node'],
      additionalProperties: false,
    },
    outputSchema: {
      type: 'object',
      properties: {
        node: { type: 'string' }, dryRun: { type: 'boolean' }, cordoned: { type: 'boolean' },
        evicted: { type: 'array', items: { type: 'object', properties: { namespace: { type: 'string' }, name: { type: 'string' } }, required: ['namespace', 'name'] } },
        skipped: { type: 'array', items: { type: 'object', properties: { namespace: { type: 'string' }, name: { type: 'string' }, reason: { type: 'string' } }, required: ['namespace', 'name', 'reason'] } },
        remaining: { type: 'array', items: { type: 'object', properties: { namespace: { type: 'string' }, name: { type: 'string' } }, required: ['namespace', 'name'] } },
        namespaces: { type: 'array', items: { type: 'string' } },
      },
      required: ['node', 'dryRun', 'cordoned', 'evicted', 'skipped', 'remaining', 'namespaces'],
    },
    async handler(input, ctx) {
      const client = cluster.client(input.context);
      const dryRun = input.dryRun === true;
      const pods = await client.resolve('pods', 'v1');
      await client.requireCan('create', pods, cluster.allowedNamespaces?.[0], undefined, 'eviction', ctx.signal);
      const scopes = cluster.listScopes(client, pods, undefined, true);
      const onNode: KubeObject[] = [];
      for (const namespace of scopes) onNode.push(...(await client.listAll(pods, { namespace, fieldSelector: `spec.nodeName=${input.node}`, signal: ctx.signal })).items);
      const skipped: Output['skipped'] = [];
      const toEvict: PodRef[] = [];
      const blockers: string[] = [];
      for (const pod of onNode) {
        const ref = { namespace: pod.metadata?.namespace ?? '', name: pod.metadata?.name ?? '' };
        const controller = pod.metadata?.ownerReferences?.find((o) => o.controller);
        const phase = (pod.status as { phase?: string } | undefined)?.phase;
        if (pod.metadata?.annotations?.[MIRROR] !== undefined) skipped.push({ ...ref, reason: 'mirror pod (managed by the kubelet)' });
        else if (controller?.kind === 'DaemonSet') {
          if (input.ignoreDaemonSets) skipped.push({ ...ref, reason: 'DaemonSet pod' });
          else blockers.push(`${ref.namespace}/${ref.name} is a DaemonSet pod (pass ignoreDaemonSets: true)`);
        } else if (!controller && phase !== 'Succeeded' && phase !== 'Failed' && !input.force) blockers.push(`${ref.namespace}/${ref.name} is not managed by a controller (pass force: true; it will not be recreated)`);
        else if (!input.deleteEmptyDirData && ((pod.spec as { volumes?: Array<{ emptyDir?: unknown }> } | undefined)?.volumes ?? []).some((v) => v.emptyDir !== undefined)) blockers.push(`${ref.namespace}/${ref.name} has emptyDir data (pass deleteEmptyDirData: true)`);
        else toEvict.push(ref);
      }
      const cordoned = await setUnschedulable(client, input.node, true, { dryRun, signal: ctx.signal });
      if (blockers.length > 0) {
        throw new ToolError(K8sErrorCode.CONFLICT, `Cannot drain node ${input.node}${cordoned && !dryRun ? ' (it is now cordoned)' : ''}: ${blockers.join('; ')}`, { hint: 'Pass the named option, or move those pods first; uncordon undoes the cordon.', details: { blockers } });
      }
      const deadline = Date.now() + input.timeoutSeconds * 1000;
      const evicted: PodRef[] = [];
      let pending = [...toEvict];
      while (pending.length > 0) {
        const retry: PodRef[] = [];
        for (const pod of pending) {
          try {
            await client.evict(pod.namespace, pod.name, { dryRun, signal: ctx.signal, ...(input.gracePeriodSeconds !== undefined ? { gracePeriodSeconds: input.gracePeriodSeconds } : {}) });
            evicted.push(pod);
          } catch (error) {
            if (ctx.signal.aborted) throw error;
            const status = (error as ToolError).details?.status;
            if (status === 404) continue;
            // 429: a PodDisruptionBudget does not allow it yet.
            if (status === 429) retry.push(pod);
            else throw error;
          }
          ctx.progress(evicted.length, toEvict.length);
        }
        pending = retry;
        if (pending.length === 0 || Date.now() >= deadline) break;
        await sleep(2000, undefined, { signal: ctx.signal });
      }
      let remaining: PodRef[] = [...pending];
      if (!dryRun) {
        let waiting = evicted;
        while (waiting.length > 0 && Date.now() < deadline) {
          const still: PodRef[] = [];
          for (const pod of waiting) if (await client.find(pods, pod.namespace, pod.name, ctx.signal)) still.push(pod);
          waiting = still;
          if (waiting.length > 0) await sleep(1000, undefined, { signal: ctx.signal });
        }
        remaining = [...remaining, ...waiting];
      }
      return { node: input.node, dryRun, cordoned, evicted, skipped, remaining, namespaces: cluster.allowedNamespaces ?? ['*'] };
    },
    render: (out) => [
      `node/${out.node} ${out.cordoned ? 'cordoned' : 'already cordoned'}${out.dryRun ? ' (dry run)' : ''}`,
      ...out.evicted.map((p) => `evicted ${p.namespace}/${p.name}`),
      ...out.skipped.map((p) => `skipped ${p.namespace}/${p.name}: ${p.reason}`),
      ...out.remaining.map((p) => `still there ${p.namespace}/${p.name}`),
      out.remaining.length === 0 ? (out.dryRun ? 'dry run complete' : `node/${out.node} drained`) : 'timed out before every pod was gone',
    ].join('\n'),
  });
}
