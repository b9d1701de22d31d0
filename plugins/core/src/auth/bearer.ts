import type { AuthConfig, ClientAuth } from '@mcpctl/kernel';
import { checkHeader, requiredString } from './fields.js';

/** `auth: { method: bearer, token: "${env:TOKEN}" }` — `Authorization: Bearer <token>`. */
export function bearerAuth(config: AuthConfig, serverName?: string): ClientAuth {
  const token = requiredString(config, 'token', serverName);
  const value = `Bearer ${token}`;
  checkHeader(config, 'Authorization', value, serverName);
  return { method: 'bearer', headers: () => ({ Authorization: value }) };
}
