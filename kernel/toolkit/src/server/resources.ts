import { UriTemplate } from '@modelcontextprotocol/sdk/shared/uriTemplate.js';
import type { Logger } from '@mcpctl/kernel';
import type { AccessTier } from './access.js';
import type { ClientRoot } from './tool.js';

/** What resource handlers receive. */
export interface ResourceContext {
  readonly signal: AbortSignal;
  readonly access: AccessTier;
  readonly serverName: string;
  readonly logger: Logger;
  clientRoots(): Promise<ClientRoot[] | undefined>;
}

/** One entry of `resources/list`. */
export interface ResourceInfo {
  uri: string;
  name: string;
  title?: string;
  description?: string;
  mimeType?: string;
  size?: number;
}

/** One item of `resources/read`: text or base64 `blob`. */
export type ResourceContents = { uri: string; mimeType?: string; text: string } | { uri: string; mimeType?: string; blob: string };

/** A resource at a fixed URI. */
export interface Resource {
  readonly kind: 'resource';
  readonly info: ResourceInfo;
  read(ctx: ResourceContext): Promise<ResourceContents[]>;
}

export interface ResourceTemplateSpec {
  /** An RFC 6570 URI template, e.g. `file://{+path}`. */
  uriTemplate: string;
  name: string;
  title?: string;
  description?: string;
  mimeType?: string;
  /** List concrete resources of this template, one page at a time (optional). */
  list?(cursor: string | undefined, ctx: ResourceContext): Promise<{ resources: ResourceInfo[]; nextCursor?: string }>;
  /** Read a URI that matched the template; `variables` are its expansions. */
  read(uri: string, variables: Record<string, string | string[]>, ctx: ResourceContext): Promise<ResourceContents[]>;
}

export interface ResourceTemplate {
  readonly kind: 'template';
  readonly spec: ResourceTemplateSpec;
  /** The template's variables if `uri` matches it, else null. */
  match(uri: string): Record<string, string | string[]> | null;
}

export function defineResource(spec: ResourceInfo & { read(ctx: ResourceContext): Promise<ResourceContents[]> | ResourceContents[] }): Resource {
  const { read, ...info } = spec;
  return Object.freeze({ kind: 'resource' as const, info, read: async (ctx: ResourceContext) => read(ctx) });
}

export function defineResourceTemplate(spec: ResourceTemplateSpec): ResourceTemplate {
  const template = new UriTemplate(spec.uriTemplate);
  return Object.freeze({ kind: 'template' as const, spec, match: (uri: string) => template.match(uri) });
}

/** JSON-RPC error code for an unknown resource (MCP spec). */
export const RESOURCE_NOT_FOUND = -32002;
