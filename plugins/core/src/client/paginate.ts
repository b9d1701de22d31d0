import type { ClientSession, SessionRequestOptions } from '@mcpctl/kernel';

/** A bound on pages, against a server whose cursors never end. */
const MAX_PAGES = 1000;

/** Fetch every page of a list method (`tools/list`, `resources/list`…), following nextCursor. */
export async function listAll<T>(session: ClientSession, method: string, key: string, options: SessionRequestOptions = {}): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  const seen = new Set<string>();
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await session.request<Record<string, unknown>>(method, cursor ? { cursor } : undefined, options);
    const list = result[key];
    if (Array.isArray(list)) items.push(...(list as T[]));
    const next = result.nextCursor;
    if (typeof next !== 'string' || next.length === 0 || seen.has(next)) break;
    seen.add(next);
    cursor = next;
  }
  return items;
}
