import { fileURLToPath, pathToFileURL } from 'node:url';
import { decodeCursor, defineResourceTemplate, encodeCursor, ToolError, ToolErrorCode, type ResourceContext, type ResourceContents, type ResourceInfo, type ResourceTemplate } from '@mcpctl/toolkit';
import { FsErrorCode } from './errors.js';
import { mimeTypeOf } from './mime.js';
import { readWhole } from './read-file.js';
import { closeQuietly } from './sandbox/fd.js';
import type { Sandbox } from './sandbox/sandbox.js';
import { walk } from './walk.js';

/** Files under the roots as `file://` resources: listed a page at a time, read with their MIME type. */

const PAGE = 500;
/** resources/read returns whole files (that is what read_binary's resource links are for), up to this. */
const MAX_RESOURCE_BYTES = 16 * 1024 * 1024;

export function fileResources(sandboxFor: (ctx: ResourceContext) => Promise<Sandbox>, respectGitignore: boolean): ResourceTemplate {
  return defineResourceTemplate({
    uriTemplate: 'file://{+path}',
    name: 'file',
    title: 'Files under the roots',
    description: 'Any file under the server\'s roots, by absolute file:// URI.',
    async list(cursor, ctx) {
      const sandbox = await sandboxFor(ctx);
      let rootIndex = 0;
      let after: string | undefined;
      if (cursor !== undefined) {
        const state = decodeCursor(cursor, 'fs-resources');
        if (typeof state !== 'object' || state === null || Array.isArray(state) || typeof state.r !== 'number' || !(state.a === undefined || typeof state.a === 'string')) {
          throw new ToolError(ToolErrorCode.INVALID_CURSOR, 'Invalid cursor');
        }
        rootIndex = state.r;
        after = state.a;
      }
      const resources: ResourceInfo[] = [];
      for (; rootIndex < sandbox.roots.length; rootIndex++, after = undefined) {
        const root = sandbox.roots[rootIndex];
        if (!root) break;
        const start = sandbox.resolveExisting(root.path, { needs: 'read', what: 'resources/list' });
        let last: string | undefined;
        const complete = await walk({
          sandbox,
          start,
          respectGitignore,
          after,
          signal: ctx.signal,
          visit(entry) {
            if (entry.kind !== 'file') return undefined;
            if (resources.length >= PAGE) return 'stop';
            resources.push({ uri: pathToFileURL(entry.path).href, name: sandbox.display(entry.path), mimeType: mimeTypeOf(entry.path) });
            last = entry.fromStart;
            return undefined;
          },
        });
        if (!complete) return { resources, nextCursor: encodeCursor({ r: rootIndex, ...(last !== undefined ? { a: last } : after !== undefined ? { a: after } : {}) }, 'fs-resources') };
      }
      return { resources };
    },
    async read(uri, _variables, ctx): Promise<ResourceContents[]> {
      const sandbox = await sandboxFor(ctx);
      let path: string;
      try {
        path = fileURLToPath(uri);
      } catch {
        throw new ToolError(FsErrorCode.NOT_FOUND, `Not a local file URI: ${uri}`);
      }
      const resolved = sandbox.resolveExisting(path, { needs: 'read', what: 'resources/read' });
      if (!resolved.stats.isFile()) throw new ToolError(FsErrorCode.NOT_FOUND, `${uri} is not a file`);
      if (resolved.stats.size > MAX_RESOURCE_BYTES) {
        throw new ToolError(ToolErrorCode.RESULT_TOO_LARGE, `${uri} is ${resolved.stats.size} bytes, over the ${MAX_RESOURCE_BYTES}-byte limit for resources`, { hint: 'Use read_text or read_binary with a range.' });
      }
      const fd = sandbox.openRead(resolved);
      try {
        const read = await readWhole(fd, MAX_RESOURCE_BYTES, ctx.signal, resolved.stats.size);
        const mimeType = mimeTypeOf(resolved.path, read.binary);
        return read.binary ? [{ uri, mimeType, blob: read.bytes.toString('base64') }] : [{ uri, mimeType, text: read.bytes.toString('utf8') }];
      } finally {
        closeQuietly(fd);
      }
    },
  });
}
