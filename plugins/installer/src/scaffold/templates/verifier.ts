import { pluginIndex, type KindTemplate } from '../kinds.js';

/**
 * A verifier: checks the credentials of requests to an endpoint mcpctl
 * exposes (`serve.auth` of an entry served over HTTP) — here, a bearer token
 * whose SHA-256 is in the config, compared in constant time.
 */
export const verifierTemplate: KindTemplate = {
  description: 'verifier',
  provides: (short) => ({ verifiers: [{ name: short, summary: 'A shared bearer token, kept as its SHA-256' }] }),
  schemaDefs: ({ short }) => ({
    [`verifier:${short}`]: {
      type: 'object',
      properties: {
        sha256: { type: 'string', pattern: '^[0-9a-fA-F]{64}$', description: 'SHA-256 (hex) of the token clients send as "Authorization: Bearer <token>"' },
        realm: { type: 'string', default: 'mcpctl' },
      },
      required: ['sha256'],
    },
  }),
  usage: (short) => `# mcpctl.config.yaml
servers:
  files:
    type: fs
    roots: [./docs]
    serve:
      auth: { method: ${short}, sha256: <echo -n "$TOKEN" | sha256sum> }

mcpctl serve files --transport http --port 8080
curl -H "Authorization: Bearer $TOKEN" …`,
  sources({ name, short }) {
    return {
      'src/index.ts': pluginIndex(name, `
// serve: { auth: { method: ${short}, sha256: <hex> } } on an entry served over HTTP.
ctx.hooks.auth.verifier.for('${short}').tapPromise(async ({ config }) => (await import('./verifier.js')).tokenVerifier(config));
`),
      'src/verifier.ts': `import { createHash, timingSafeEqual } from 'node:crypto';
import type { AuthConfig, AuthVerifier, VerifyResult } from '@mcpctl/kernel';

const sha256 = (text: string): Buffer => createHash('sha256').update(text).digest();

/** Accepts requests whose \`Authorization: Bearer <token>\` hashes to the configured SHA-256. */
export function tokenVerifier(config: AuthConfig): AuthVerifier {
  const expected = Buffer.from(String(config.sha256), 'hex');
  const realm = String(config.realm ?? 'mcpctl');
  const reject = (message: string): VerifyResult => ({ ok: false, status: 401, challenge: \`Bearer realm="\${realm}"\`, message });
  return {
    method: '${short}',
    verify(request) {
      const header = request.headers.authorization;
      const value = Array.isArray(header) ? header[0] : header;
      if (!value?.toLowerCase().startsWith('bearer ')) return reject('Unauthorized: send "Authorization: Bearer <token>"');
      // Compare digests, not tokens: equal lengths, constant time.
      if (!timingSafeEqual(sha256(value.slice('bearer '.length).trim()), expected)) return reject('Unauthorized: the token is not valid');
      return { ok: true, principal: { subject: 'token', scopes: [], method: '${short}' } };
    },
  };
}
`,
    };
  },
  tests({ short }, header) {
    return {
      'test/plugin.test.ts': `${header}import { createHash } from 'node:crypto';

const TOKEN = 'correct-horse-battery-staple';
const request = (authorization?: string) => ({
  method: 'POST',
  url: 'http://127.0.0.1:8080/mcp',
  resource: 'http://127.0.0.1:8080/mcp',
  headers: authorization ? { authorization } : {},
});

describe('verifier ${short}', () => {
  let harness: TestKernel;
  beforeAll(async () => {
    harness = await bootTestKernel({ plugins: [root] });
  });
  afterAll(() => harness.close());

  const verifier = () => harness.kernel.authVerifier({ method: '${short}', sha256: createHash('sha256').update(TOKEN).digest('hex') }, { endpointPath: '/mcp' });

  it('lets in a request with the token', async () => {
    const result = await (await verifier()).verify(request(\`Bearer \${TOKEN}\`));
    expect(result).toMatchObject({ ok: true, principal: { method: '${short}' } });
  });

  it('answers 401 with a challenge without the token, or with another one', async () => {
    for (const authorization of [undefined, 'Bearer wrong', 'Basic x']) {
      expect(await (await verifier()).verify(request(authorization))).toMatchObject({ ok: false, status: 401, challenge: 'Bearer realm="mcpctl"' });
    }
  });
});
`,
    };
  },
};
