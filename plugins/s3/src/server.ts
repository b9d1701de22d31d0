import type { ServerBuildContext, ServerBuildRequest } from '@mcpctl/kernel';
import { createToolServer, holdMemoryPolicy, withCleanup, type ToolServer } from '@mcpctl/toolkit';
import { AllowList } from './allow-list.js';
import { createS3Client } from './client.js';
import { normalizeOptions } from './options.js';
import { objectResources } from './resources.js';
import type { S3Deps } from './tools/context.js';
import { copyObjectTool } from './tools/copy-object.js';
import { deleteObjectTool } from './tools/delete-object.js';
import { deleteObjectsTool } from './tools/delete-objects.js';
import { getObjectTool } from './tools/get-object.js';
import { headObjectTool } from './tools/head-object.js';
import { listBucketsTool } from './tools/list-buckets.js';
import { listObjectsTool } from './tools/list-objects.js';
import { presignTool } from './tools/presign.js';
import { putObjectTaggingTool } from './tools/put-object-tagging.js';
import { putObjectTool } from './tools/put-object.js';
import { searchObjectsTool } from './tools/search-objects.js';
import { VERSION } from './version.js';

/**
 * Build the MCP server for one `type: s3` entry: check its options, make the
 * S3 client with the enforcement middleware installed, and serve the object
 * tools and the object resources. No request is sent until a tool runs.
 * Closing the server closes the client's connections.
 */
export async function createS3Server(request: ServerBuildRequest, context: ServerBuildContext): Promise<ToolServer> {
  const options = normalizeOptions(request.entry, request.name);
  const allow = new AllowList(options.buckets, options.access, request.name);
  const client = createS3Client(options, allow);
  // Presigned URLs carry no checksum parameters, so any HTTP client can use them.
  const presignClient = createS3Client({ ...options, checksums: 'when_required' }, allow);
  const logger = context.logger.child({ server: request.name, store: options.endpoint ?? `aws:${options.region}` });
  const deps: S3Deps = { client, options, allow, serverName: request.name };
  const presignDeps: S3Deps = { ...deps, client: presignClient };
  const releaseMemoryPolicy = holdMemoryPolicy();
  const cleanup = (): void => {
    client.destroy();
    presignClient.destroy();
    releaseMemoryPolicy();
  };
  try {
    const server = createToolServer({
      name: 'mcpctl-s3',
      version: VERSION,
      title: `Object storage ${request.name}`,
      entryName: request.name,
      access: options.access,
      instructions:
        `S3 object storage (${options.endpoint ?? `AWS ${options.region}`}), access: ${options.access}; only these buckets/prefixes: ` +
        `${options.buckets.map((grant) => `${grant.bucket}/${grant.prefix}`).join(', ')}. ` +
        'Browse with list_buckets, list_objects (delimiter "/" for folders) and search_objects; read with head_object and get_object (ranges for large objects); presign_get for a download URL' +
        (options.access === 'read' ? '.' : '; write with put_object (ifNoneMatch: "*" to create only, ifMatch: <etag> to update safely), copy_object, put_object_tagging, presign_put') +
        (options.access === 'destructive' ? '; delete with delete_object and delete_objects (dryRun first).' : '.'),
      tools: [
        listBucketsTool(deps),
        listObjectsTool(deps),
        headObjectTool(deps),
        getObjectTool(deps),
        searchObjectsTool(deps),
        presignTool(presignDeps, 'GET'),
        putObjectTool(deps),
        copyObjectTool(deps),
        putObjectTaggingTool(deps),
        presignTool(presignDeps, 'PUT'),
        deleteObjectTool(deps),
        deleteObjectsTool(deps),
      ],
      resourceTemplates: [objectResources(deps)],
      logger,
      // A little past one request's own limit times its attempts, so the store's clearer error wins.
      timeoutMs: Math.max(60_000, options.requestTimeoutMs * options.maxAttempts + 5_000),
      ...(options.maxResultBytes ? { maxResultBytes: options.maxResultBytes } : {}),
    });
    return withCleanup(server, cleanup);
  } catch (error) {
    cleanup();
    throw error;
  }
}
