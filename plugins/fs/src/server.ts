import type { ServerBuildContext, ServerBuildRequest } from '@mcpctl/kernel';
import { createToolServer, holdMemoryPolicy, withCleanup, ACCESS_TIERS, type AccessTier, type ClientRoot, type ToolServer } from '@mcpctl/toolkit';
import { parseFsOptions } from './options.js';
import { fileResources } from './resources.js';
import { intersectRoots } from './roots.js';
import { Sandbox } from './sandbox/sandbox.js';
import type { FsDeps } from './tools/common.js';
import { copyTool } from './tools/copy.js';
import { deleteTool } from './tools/delete.js';
import { editTool } from './tools/edit.js';
import { findTool } from './tools/find.js';
import { grepTool } from './tools/grep.js';
import { listDirTool } from './tools/list-dir.js';
import { listRootsTool } from './tools/list-roots.js';
import { mkdirTool } from './tools/mkdir.js';
import { moveTool } from './tools/move.js';
import { readBinaryTool } from './tools/read-binary.js';
import { readManyTool } from './tools/read-many.js';
import { readTextTool } from './tools/read-text.js';
import { statTool } from './tools/stat.js';
import { treeTool } from './tools/tree.js';
import { writeTool } from './tools/write.js';
import { VERSION } from './version.js';

const INSTRUCTIONS = `Filesystem access under fixed roots (see list_roots). Paths are relative to the first root, or absolute inside a root.
Explore with list_dir, tree, find (glob) and grep (contents); read with read_text (ranges; returns sha256), read_many or read_binary.
Change files with write (pass ifMatchSha256 from read_text to avoid lost updates), edit (exact replacements, dryRun shows a diff), mkdir, copy, move; delete needs access: destructive.
Lists are paged: pass nextCursor back as cursor. Secrets (.env*, keys, .ssh/) and .git/ are never readable.`;

/**
 * Build one fs server (one per session): the `serverType` hook's tap for type `fs`.
 * While it is open the process holds the toolkit's young-generation memory
 * policy: a walk of 100k entries allocates a short-lived object or two per
 * entry, and V8 would otherwise grow its young generation to 64 MB semi-spaces.
 */
export async function createFsServer(request: ServerBuildRequest, build: ServerBuildContext): Promise<ToolServer> {
  const options = await parseFsOptions(request.name, request.entry, build.baseDir);
  // The server-wide tier is the highest any root grants; each root's own tier is enforced per path.
  const access: AccessTier = ACCESS_TIERS.filter((tier) => options.roots.some((root) => root.access === tier)).at(-1) ?? options.access;

  // Client roots change rarely: intersect once per roots list (the toolkit hands back the same array until they change).
  const intersections = new WeakMap<readonly ClientRoot[], Sandbox>();
  const configuredSandbox = new Sandbox(options.roots, options, request.name);
  let saidEmpty = false;
  const sandboxFor = async (ctx: { clientRoots(): Promise<ClientRoot[] | undefined> }): Promise<Sandbox> => {
    if (options.clientRoots === 'ignore') return configuredSandbox;
    const client = await ctx.clientRoots();
    if (client === undefined) return configuredSandbox;
    if (client.length === 0) {
      // An empty roots/list expresses no boundary: the configured roots apply.
      if (!saidEmpty) build.logger.info({ server: request.name }, 'the client lists no MCP roots; the configured roots apply');
      saidEmpty = true;
      return configuredSandbox;
    }
    let sandbox = intersections.get(client);
    if (!sandbox) {
      sandbox = new Sandbox(intersectRoots(options.roots, client), options, request.name);
      intersections.set(client, sandbox);
    }
    return sandbox;
  };

  const deps: FsDeps = { options, sandbox: sandboxFor };
  const server = createToolServer({
    name: 'mcpctl-fs',
    version: VERSION,
    title: `mcpctl filesystem (${request.name})`,
    entryName: request.name,
    instructions: INSTRUCTIONS,
    access,
    logger: build.logger,
    // Room for a base64 read of maxReadBytes plus its envelope.
    maxResultBytes: Math.ceil(options.maxReadBytes * 1.4) + 16 * 1024,
    tools: [
      listRootsTool(deps),
      statTool(deps),
      listDirTool(deps),
      treeTool(deps),
      findTool(deps),
      grepTool(deps),
      readTextTool(deps),
      readManyTool(deps),
      readBinaryTool(deps),
      writeTool(deps),
      editTool(deps),
      mkdirTool(deps),
      copyTool(deps),
      moveTool(deps),
      deleteTool(deps),
    ],
    resourceTemplates: [fileResources(sandboxFor, options.respectGitignore)],
  });
  return withCleanup(server, holdMemoryPolicy());
}
