import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { RunningAuthorizationServer } from './authorization-server.js';

/**
 * An MCP endpoint at `<issuer>/mcp` on the authorization server's own
 * server, answering 401 with a bare `Bearer` challenge (no PRM: the
 * 2025-03-26 revision). Tokens are the AS's JWTs for this resource.
 */
export function createMcpHandler(as: RunningAuthorizationServer, url: string) {
  const jwks = createRemoteJWKSet(new URL(as.jwksUri));
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if (!req.url?.startsWith('/mcp')) return false;
    void (async () => {
      const header = req.headers.authorization ?? '';
      let clientId: string;
      try {
        const { payload } = await jwtVerify(header.replace(/^Bearer /, ''), jwks, { issuer: as.issuer, audience: url });
        clientId = String(payload.client_id);
      } catch {
        res.writeHead(401, { 'WWW-Authenticate': 'Bearer realm="mcp"' }).end();
        return;
      }
      if (req.method !== 'POST') {
        res.writeHead(405).end();
        return;
      }
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      const mcp = new McpServer({ name: 'legacy', version: '1.0.0' });
      mcp.registerTool('whoami', { description: 'who' }, async () => ({ content: [{ type: 'text', text: JSON.stringify({ clientId }) }] }));
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
      res.on('close', () => void mcp.close());
      await mcp.connect(transport);
      await transport.handleRequest(req, res, body);
    })();
    return true;
  };
}
