import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { KubeConfig, type Cluster, type User } from '@kubernetes/client-node';
import { K8S_CONTEXT, K8S_KUBECONFIG } from './errors.js';
import type { K8sOptions } from './options.js';
import type { Redactor } from './redact.js';

/**
 * Loading the kubeconfig and choosing the contexts an entry may use. Every
 * credential the file holds is handed to the redactor as it is loaded, so no
 * later message can carry one.
 */

const SERVICE_ACCOUNT_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

/** What a tool may say about a context: never a credential. */
export interface ContextInfo {
  name: string;
  cluster: string;
  /** The API server URL, without any user:password part. */
  server: string;
  namespace?: string;
}

export interface LoadedContexts {
  /** Where the kubeconfig came from (a path, or "in-cluster"), for messages. */
  source: string;
  defaultContext: string;
  contexts: Map<string, { info: ContextInfo; config: KubeConfig }>;
}

export function loadContexts(options: K8sOptions, serverName: string, redactor: Redactor): LoadedContexts {
  const { config, source } = loadKubeConfig(options, serverName);
  for (const user of config.getUsers()) rememberUserSecrets(user, redactor);
  const names = config.getContexts().map((c) => c.name);
  const allowed = options.contexts ?? [options.context ?? config.getCurrentContext()];
  for (const name of allowed) {
    if (!name) throw K8S_CONTEXT(serverName, '(none)', `is not set: the kubeconfig ${source} has no current-context`);
    if (!names.includes(name)) throw K8S_CONTEXT(serverName, JSON.stringify(name), `is not in the kubeconfig ${source} (it has: ${names.join(', ') || 'none'})`);
  }
  const defaultContext = options.context ?? (allowed[0] as string);
  if (!allowed.includes(defaultContext)) throw K8S_CONTEXT(serverName, JSON.stringify(defaultContext), 'is set as `context` but is not in `contexts`');
  const contexts = new Map<string, { info: ContextInfo; config: KubeConfig }>();
  for (const name of allowed) {
    const scoped = new KubeConfig();
    scoped.loadFromOptions({ clusters: config.getClusters(), users: config.getUsers(), contexts: config.getContexts(), currentContext: name });
    const context = scoped.getContextObject(name);
    const cluster = scoped.getCurrentCluster();
    if (!context || !cluster) throw K8S_CONTEXT(serverName, JSON.stringify(name), 'names a cluster the kubeconfig does not define');
    contexts.set(name, { info: { name, cluster: cluster.name, server: safeServerUrl(cluster), ...(context.namespace ? { namespace: context.namespace } : {}) }, config: scoped });
  }
  return { source, defaultContext, contexts };
}

function loadKubeConfig(options: K8sOptions, serverName: string): { config: KubeConfig; source: string } {
  const config = new KubeConfig();
  const files = options.kubeconfig ? [options.kubeconfig] : defaultFiles();
  if (files.length === 0) {
    if (process.env.KUBERNETES_SERVICE_HOST && existsSync(SERVICE_ACCOUNT_TOKEN)) {
      config.loadFromCluster();
      return { config, source: 'in-cluster' };
    }
    throw K8S_KUBECONFIG(serverName, '~/.kube/config', 'no kubeconfig found ($KUBECONFIG is unset, ~/.kube/config does not exist, and this is not a pod with a service account)');
  }
  for (const [index, file] of files.entries()) {
    const part = index === 0 ? config : new KubeConfig();
    try {
      part.loadFromFile(file);
    } catch (error) {
      throw K8S_KUBECONFIG(serverName, file, describeLoadError(error));
    }
    if (part !== config) config.mergeConfig(part, true);
  }
  return { config, source: files.join(delimiter) };
}

function defaultFiles(): string[] {
  const fromEnv = (process.env.KUBECONFIG ?? '').split(delimiter).filter((file) => file !== '');
  if (fromEnv.length > 0) return fromEnv;
  const home = join(homedir(), '.kube', 'config');
  return existsSync(home) ? [home] : [];
}

/** A load failure without the file's text: YAML errors quote the offending line, which may be a token. */
function describeLoadError(error: unknown): string {
  const e = error as { code?: string; name?: string; mark?: { line?: number }; message?: string };
  if (e.code === 'ENOENT') return 'the file does not exist';
  if (e.code === 'EACCES') return 'permission denied';
  if (e.name === 'YAMLException') return `not valid YAML${e.mark?.line !== undefined ? ` (line ${e.mark.line + 1})` : ''}`;
  if (e.code) return `${e.code}`;
  return 'not a valid kubeconfig (clusters, users and contexts need a name and their required fields)';
}

function rememberUserSecrets(user: User, redactor: Redactor): void {
  redactor.add(user.token);
  redactor.add(user.password);
  redactor.add(user.keyData);
  const provider = user.authProvider as { config?: Record<string, unknown> } | undefined;
  for (const value of Object.values(provider?.config ?? {})) redactor.add(value);
  const exec = user.exec as { env?: Array<{ value?: string }> | null; args?: string[] } | undefined;
  for (const variable of exec?.env ?? []) redactor.add(variable.value);
}

function safeServerUrl(cluster: Cluster): string {
  try {
    const url = new URL(cluster.server);
    url.username = '';
    url.password = '';
    url.search = '';
    return url.toString().replace(/\/$/, '');
  } catch {
    return '(unparsable server URL)';
  }
}
