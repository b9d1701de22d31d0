/**
 * Official plugins and what they provide, so an unknown `type` can say which
 * plugin to install. Data only; the kernel loads nothing from it.
 */
export const KNOWN_PROVIDERS: Readonly<Record<string, string>> = Object.freeze({
  stdio: '@mcpctl/plugin-core',
  http: '@mcpctl/plugin-core',
  sse: '@mcpctl/plugin-core',
  fs: '@mcpctl/plugin-fs',
  db: '@mcpctl/plugin-db',
  s3: '@mcpctl/plugin-s3',
  k8s: '@mcpctl/plugin-k8s',
  oauth: '@mcpctl/plugin-auth-oauth',
});
