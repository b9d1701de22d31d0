import { createError, ExitCode } from '@mcpctl/kernel';

/**
 * The k8s plugin's coded errors for building a server (bad options, an
 * unreadable kubeconfig, a context that is not there). Failures of a tool
 * call are ToolErrors (tool-errors.ts). No message carries a credential.
 */

export const K8S_OPTIONS_INVALID = createError<[string, string]>('MCPCTL_K8S_OPTIONS_INVALID', 'Server %s: %s', {
  exitCode: ExitCode.USAGE,
  hint: 'See the k8s plugin README for the options of a `type: k8s` entry, or run `mcpctl config validate`.',
});

export const K8S_KUBECONFIG = createError<[string, string, string]>('MCPCTL_K8S_KUBECONFIG', 'Server %s: cannot load the kubeconfig %s: %s', {
  exitCode: ExitCode.USAGE,
  hint: 'Set `kubeconfig:` on the entry (or KUBECONFIG) to a readable kubeconfig file, or run mcpctl inside a pod with a service account.',
});

export const K8S_CONTEXT = createError<[string, string, string]>('MCPCTL_K8S_CONTEXT', 'Server %s: context %s %s', {
  exitCode: ExitCode.USAGE,
  hint: 'List the kubeconfig\'s contexts with `kubectl config get-contexts` (or the list_contexts tool) and name one of them in `context:` / `contexts:`.',
});
