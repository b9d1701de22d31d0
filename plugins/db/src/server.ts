import type { ServerBuildContext, ServerBuildRequest } from '@mcpctl/kernel';
import { createToolServer, holdMemoryPolicy, withCleanup, type ToolServer } from '@mcpctl/toolkit';
import { CursorRegistry } from './cursor-registry.js';
import { createEngine } from './engines/index.js';
import { DB_OPTIONS_INVALID } from './errors.js';
import { normalizeOptions } from './options.js';
import { tableResources } from './resources.js';
import type { DbToolContext } from './tools/context.js';
import { describeTableTool } from './tools/describe-table.js';
import { executeTool } from './tools/execute.js';
import { explainTool } from './tools/explain.js';
import { listSchemasTool } from './tools/list-schemas.js';
import { listTablesTool } from './tools/list-tables.js';
import { namedQueryTool } from './tools/named-query.js';
import { queryTool } from './tools/query.js';
import { searchObjectsTool } from './tools/search-objects.js';
import { parseDbUrl } from './url.js';
import { VERSION } from './version.js';

/**
 * Build the MCP server for one `type: db` entry: parse and check its
 * options, connect (a failure names host, port and database, credentials
 * masked), and serve the catalog, query and execute tools, the configured
 * named queries, and each table's schema as a resource. Closing the server
 * closes open cursors and the connection pool. While it is open, the
 * process holds the toolkit's young-generation memory policy.
 */
export async function createDbServer(request: ServerBuildRequest, context: ServerBuildContext): Promise<ToolServer> {
  const options = normalizeOptions(request.entry, request.name, context.baseDir);
  const url = parseDbUrl(options.url, context.baseDir);
  const logger = context.logger.child({ server: request.name, database: url.display });
  const engine = await createEngine(url, {
    access: options.access,
    poolSize: options.pool.max,
    idleTimeoutMs: options.pool.idleTimeoutMs,
    connectTimeoutMs: options.pool.connectTimeoutMs,
    cursorIdleMs: options.cursorIdleMs,
    statementTimeoutMs: options.statementTimeoutMs,
    ...(options.tls ? { tls: options.tls } : {}),
  }, logger);
  await engine.connect();
  const releaseMemoryPolicy = holdMemoryPolicy();

  // Each open cursor holds a connection: leave one free for catalog calls.
  const cursors = new CursorRegistry({ max: Math.max(1, options.pool.max - 1), idleMs: options.cursorIdleMs });
  const cleanup = async (): Promise<void> => {
    await cursors.closeAll();
    await engine.close();
    releaseMemoryPolicy();
  };
  const db: DbToolContext = { engine, options, cursors, serverName: request.name };
  try {
    const builtIn = [
      listSchemasTool(db),
      listTablesTool(db),
      describeTableTool(db),
      searchObjectsTool(db),
      queryTool(db),
      explainTool(db),
      executeTool(db),
    ];
    for (const query of options.queries) {
      if (builtIn.some((tool) => tool.name === query.name)) throw DB_OPTIONS_INVALID(request.name, `queries.${query.name}: the name is taken by a built-in tool; rename the query`);
    }
    const tools = [...builtIn, ...options.queries.map((query) => namedQueryTool(db, query))];
    const server = createToolServer({
      name: 'mcpctl-db',
      version: VERSION,
      title: `Database ${request.name}`,
      entryName: request.name,
      access: options.access,
      instructions:
        `SQL database (${engine.dialect}) ${engine.target}, access: ${options.access}. ` +
        'Explore with list_schemas, list_tables, describe_table and search_objects; read with query (one statement per call; follow nextCursor for more rows); ' +
        'use explain for plans' + (options.access === 'read' ? '.' : '; change data with execute (dryRun: true to try first).'),
      tools,
      resourceTemplates: [tableResources(db)],
      logger,
      // Every tool's call timeout: a little past the database's own statement limit, so the database's clearer message wins.
      timeoutMs: options.statementTimeoutMs + 5_000,
      ...(options.maxResultBytes ? { maxResultBytes: options.maxResultBytes } : {}),
    });
    return withCleanup(server, cleanup);
  } catch (error) {
    await cleanup();
    throw error;
  }
}
