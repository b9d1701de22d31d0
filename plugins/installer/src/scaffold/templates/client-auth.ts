import type { KindTemplate } from '../kinds.js';

/** A client auth method: credentials mcpctl sends to a remote server (a token from the environment, in a header). */
export const clientAuthTemplate: KindTemplate = {
  description: 'auth method',
  provides: (short) => ({ clientAuth: [{ name: short, summary: 'A token from an environment variable, in a header' }] }),
  schemaDefs: ({ short }) => ({ [`clientAuth:${short}`]: { type: 'object', properties: { tokenEnv: { type: 'string', description: 'Environment variable holding the token' }, header: { type: 'string', default: 'x-api-token' } }, required: ['tokenEnv'] } }),
  usage: (short) => `# mcpctl.config.yaml\nservers:\n  remote: { type: http, url: https://example.com/mcp, auth: { method: ${short}, tokenEnv: EXAMPLE_TOKEN } }`,
  sources({ name, short }) {
    return {
      'src/index.ts': `import { createError, definePlugin, ExitCode } from '@mcpctl/kernel';

const TOKEN_MISSING = createError<[string]>('${short.toUpperCase().replace(/-/g, '_')}_TOKEN_MISSING', 'The environment variable %s is not set', {
  exitCode: ExitCode.USAGE,
  hint: 'Export the variable named by auth.tokenEnv before running mcpctl.',
});

export default definePlugin({
  name: '${name}',
  setup(ctx) {
    // auth: { method: ${short}, tokenEnv: NAME, header?: x-api-token } on a server entry.
    ctx.hooks.auth.client.for('${short}').tapPromise(async ({ config }) => {
      const tokenEnv = String(config.tokenEnv);
      const header = String(config.header ?? 'x-api-token');
      return {
        method: '${short}',
        headers() {
          const token = process.env[tokenEnv];
          if (!token) throw TOKEN_MISSING(tokenEnv);
          return { [header]: token };
        },
      };
    });
  },
});
`,
    };
  },
  tests({ short }, header) {
    return {
      'test/plugin.test.ts': `${header}
describe('auth method ${short}', () => {
  let harness: TestKernel;
  beforeAll(async () => {
    harness = await bootTestKernel({ plugins: [root], env: { EXAMPLE_TOKEN: 's3cret' } });
  });
  afterAll(() => harness.close());

  it('sends the token from the environment in a header', async () => {
    process.env.EXAMPLE_TOKEN = 's3cret';
    const auth = await harness.kernel.clientAuth({ method: '${short}', tokenEnv: 'EXAMPLE_TOKEN' });
    expect(await auth.headers?.()).toEqual({ 'x-api-token': 's3cret' });
  });

  it('says which variable is missing', async () => {
    const auth = await harness.kernel.clientAuth({ method: '${short}', tokenEnv: 'NOT_SET_ANYWHERE' });
    expect(() => auth.headers?.()).toThrow(/NOT_SET_ANYWHERE/);
  });
});
`,
    };
  },
};
