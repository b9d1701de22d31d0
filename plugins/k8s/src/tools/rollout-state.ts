import type { KubeObject } from '../api/client.js';

/** Whether a Deployment, StatefulSet or DaemonSet has finished rolling out, as `kubectl rollout status` decides it. */

export type RolloutState = {
  done: boolean;
  message: string;
  generation?: number;
  observedGeneration?: number;
  replicas: number;
  updatedReplicas: number;
  readyReplicas: number;
  availableReplicas: number;
};

export const ROLLOUT_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet'] as const;

export function rolloutState(kind: string, object: KubeObject): RolloutState {
  const spec = (object.spec ?? {}) as { replicas?: number; updateStrategy?: { type?: string; rollingUpdate?: { partition?: number } } };
  const s = (object.status ?? {}) as Record<string, unknown> & { conditions?: Array<{ type: string; status: string; reason?: string }> };
  const num = (key: string) => (typeof s[key] === 'number' ? (s[key] as number) : 0);
  const generation = object.metadata?.generation;
  const observedGeneration = typeof s.observedGeneration === 'number' ? s.observedGeneration : undefined;
  const base = { ...(generation !== undefined ? { generation } : {}), ...(observedGeneration !== undefined ? { observedGeneration } : {}) };
  const name = object.metadata?.name ?? '';
  if (generation !== undefined && (observedGeneration === undefined || observedGeneration < generation)) {
    return { ...base, done: false, message: `Waiting for ${kind.toLowerCase()} "${name}" spec update to be observed...`, replicas: 0, updatedReplicas: 0, readyReplicas: 0, availableReplicas: 0 };
  }
  if (kind === 'DaemonSet') {
    const desired = num('desiredNumberScheduled');
    const updated = num('updatedNumberScheduled');
    const available = num('numberAvailable');
    const counts = { replicas: desired, updatedReplicas: updated, readyReplicas: num('numberReady'), availableReplicas: available };
    if (updated < desired) return { ...base, ...counts, done: false, message: `Waiting for daemon set "${name}" rollout to finish: ${updated} out of ${desired} new pods have been updated...` };
    if (available < desired) return { ...base, ...counts, done: false, message: `Waiting for daemon set "${name}" rollout to finish: ${available} of ${desired} updated pods are available...` };
    return { ...base, ...counts, done: true, message: `daemon set "${name}" successfully rolled out` };
  }
  const replicas = spec.replicas ?? 1;
  const updated = num('updatedReplicas');
  const ready = num('readyReplicas');
  const available = num('availableReplicas');
  const total = num('replicas');
  const counts = { replicas, updatedReplicas: updated, readyReplicas: ready, availableReplicas: available };
  if (kind === 'StatefulSet') {
    const partition = spec.updateStrategy?.rollingUpdate?.partition ?? 0;
    if (ready < replicas) return { ...base, ...counts, done: false, message: `Waiting for ${replicas - ready} pods to be ready...` };
    if (updated < replicas - partition) return { ...base, ...counts, done: false, message: `Waiting for partitioned roll out to finish: ${updated} out of ${replicas} new pods have been updated...` };
    return { ...base, ...counts, done: true, message: `statefulset rolling update complete ${ready} pods at revision ${String(s.updateRevision ?? '')}...` };
  }
  const progressing = s.conditions?.find((c) => c.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') return { ...base, ...counts, done: false, message: `deployment "${name}" exceeded its progress deadline` };
  if (updated < replicas) return { ...base, ...counts, done: false, message: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${replicas} new replicas have been updated...` };
  if (total > updated) return { ...base, ...counts, done: false, message: `Waiting for deployment "${name}" rollout to finish: ${total - updated} old replicas are pending termination...` };
  if (available < updated) return { ...base, ...counts, done: false, message: `Waiting for deployment "${name}" rollout to finish: ${available} of ${updated} updated replicas are available...` };
  return { ...base, ...counts, done: true, message: `deployment "${name}" successfully rolled out` };
}
