import type { ClientAuth, TransportContext, TransportRequest } from '@mcpctl/kernel';

/** The entry's `auth:` resolved through the auth hook (which loads the providing plugin), or undefined. */
export async function entryAuth(request: TransportRequest, ctx: TransportContext): Promise<ClientAuth | undefined> {
  return request.entry.auth ? ctx.clientAuth(request.entry.auth, request.name) : undefined;
}
