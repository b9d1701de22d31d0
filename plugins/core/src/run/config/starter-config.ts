/** The schema file `mcpctl init` points editors at, next to the config. */
export const SCHEMA_FILE = 'mcpctl.schema.json';

/** The starter config `mcpctl init` writes, as YAML (with comments) or JSON. */
export function starterConfig(format: 'yaml' | 'json'): string {
  if (format === 'json') {
    const config = {
      $schema: `./${SCHEMA_FILE}`,
      servers: {
        everything: {
          type: 'stdio',
          description: 'The MCP reference test server',
          command: 'npx',
          args: ['-y', '@modelcontextprotocol/server-everything'],
        },
      },
      plugins: [],
      logging: { level: 'info' },
    };
    return `${JSON.stringify(config, null, 2)}\n`;
  }
  return `# yaml-language-server: $schema=./${SCHEMA_FILE}
# mcpctl configuration (docs/configuration.md).
# After adding plugins, refresh the editor schema: mcpctl config schema > ${SCHEMA_FILE}

# Each server has a \`type\`: a transport to an external MCP server (stdio, http,
# sse) or a server type hosted by mcpctl (from plugins, e.g. fs or db).
servers:
  # Started as a child process and spoken to over stdin/stdout.
  everything:
    type: stdio
    description: The MCP reference test server
    command: npx
    args: [-y, "@modelcontextprotocol/server-everything"]

  # A remote server over Streamable HTTP. Secrets come from the environment:
  # \${env:NAME} or \${env:NAME:-default}.
  # remote:
  #   type: http
  #   url: https://example.com/mcp
  #   headers:
  #     Authorization: "Bearer \${env:REMOTE_TOKEN}"

# Extra plugins: npm package names, or paths relative to this file.
plugins: []

# Overlays chosen with --profile <name> or MCPCTL_PROFILE: objects merge,
# lists replace, null removes a key.
# profiles:
#   ci:
#     servers:
#       everything: null

logging:
  level: info
`;
}
