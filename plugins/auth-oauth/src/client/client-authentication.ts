import { createPrivateKey, type KeyObject } from 'node:crypto';
import { createPrivateKeyJwtAuth } from '@modelcontextprotocol/sdk/client/auth-extensions.js';
import type { AddClientAuthentication } from '@modelcontextprotocol/sdk/client/auth.js';
import type { AuthorizationServerMetadata, OAuthClientInformationMixed } from '@modelcontextprotocol/sdk/shared/auth.js';
import { OAUTH_CONFIG_INVALID } from '../errors.js';
import type { TokenEndpointAuthMethod } from '../types.js';

export interface ClientCredentials {
  information: OAuthClientInformationMixed;
  /** Configured method, if any. */
  method?: TokenEndpointAuthMethod;
  privateKey?: string;
  privateKeyAlg?: string;
}

/**
 * Choose the token endpoint auth method: the configured one; else the one
 * the registration returned; else private_key_jwt with a key,
 * client_secret_basic or _post with a secret (whichever the server lists,
 * basic first as RFC 6749 requires servers to support it), none otherwise.
 * A method the server does not list is refused up front.
 */
export function chooseAuthMethod(credentials: ClientCredentials, metadata: AuthorizationServerMetadata | undefined): TokenEndpointAuthMethod {
  const supported = metadata?.token_endpoint_auth_methods_supported ?? [];
  const allowed = (method: string) => supported.length === 0 ? method !== 'private_key_jwt' || Boolean(credentials.privateKey) : supported.includes(method);
  const info = credentials.information as { client_secret?: string; token_endpoint_auth_method?: string };
  let method: TokenEndpointAuthMethod;
  if (credentials.method) method = credentials.method;
  else if (info.token_endpoint_auth_method && isMethod(info.token_endpoint_auth_method) && allowed(info.token_endpoint_auth_method)) method = info.token_endpoint_auth_method;
  else if (credentials.privateKey) method = 'private_key_jwt';
  else if (info.client_secret) method = allowed('client_secret_basic') || !allowed('client_secret_post') ? 'client_secret_basic' : 'client_secret_post';
  else method = 'none';
  if (supported.length > 0 && !supported.includes(method)) {
    throw OAUTH_CONFIG_INVALID('', `the authorization server does not support token endpoint auth method ${method} (it supports ${supported.join(', ')}); set \`clientAuth\` to one of those`);
  }
  return method;
}

/** An SDK AddClientAuthentication applying the chosen method (private_key_jwt through the SDK's RFC 7523 helper). */
export function clientAuthentication(credentials: ClientCredentials, metadata: AuthorizationServerMetadata | undefined): AddClientAuthentication {
  const method = chooseAuthMethod(credentials, metadata);
  const clientId = credentials.information.client_id;
  const secret = (credentials.information as { client_secret?: string }).client_secret;
  switch (method) {
    case 'client_secret_basic':
      if (!secret) throw OAUTH_CONFIG_INVALID('', 'client_secret_basic needs a client secret');
      return (headers) => {
        // RFC 6749 §2.3.1: form-urlencode id and secret before base64.
        headers.set('Authorization', `Basic ${Buffer.from(`${formEncode(clientId)}:${formEncode(secret)}`).toString('base64')}`);
      };
    case 'client_secret_post':
      if (!secret) throw OAUTH_CONFIG_INVALID('', 'client_secret_post needs a client secret');
      return (_headers, params) => {
        params.set('client_id', clientId);
        params.set('client_secret', secret);
      };
    case 'private_key_jwt': {
      const key = parseKey(credentials.privateKey);
      const jwtAuth = createPrivateKeyJwtAuth({ issuer: clientId, subject: clientId, privateKey: key, alg: credentials.privateKeyAlg ?? defaultAlg(key) });
      return async (headers, params, url, md) => {
        params.set('client_id', clientId);
        await jwtAuth(headers, params, url, md);
      };
    }
    case 'none':
      return (_headers, params) => {
        params.set('client_id', clientId);
      };
  }
}

function parseKey(text: string | undefined): string | Record<string, unknown> {
  if (!text) throw OAUTH_CONFIG_INVALID('', 'private_key_jwt needs "privateKey" (PEM or JWK)');
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    try {
      return JSON.parse(trimmed) as Record<string, unknown>;
    } catch {
      throw OAUTH_CONFIG_INVALID('', '"privateKey" looks like JSON but does not parse as a JWK');
    }
  }
  if (!trimmed.includes('-----BEGIN PRIVATE KEY-----')) throw OAUTH_CONFIG_INVALID('', '"privateKey" must be a PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----") or a JWK');
  return trimmed;
}

function defaultAlg(key: string | Record<string, unknown>): string {
  if (typeof key !== 'string') {
    if (typeof key.alg === 'string') return key.alg;
    if (key.kty === 'EC') return key.crv === 'P-384' ? 'ES384' : 'ES256';
    if (key.kty === 'OKP') return 'EdDSA';
    return 'RS256';
  }
  // A PKCS#8 PEM does not name its key type; node:crypto reads it.
  let parsed: KeyObject;
  try {
    parsed = createPrivateKey(key);
  } catch {
    throw OAUTH_CONFIG_INVALID('', '"privateKey" is not a readable PKCS#8 private key');
  }
  const type = parsed.asymmetricKeyType;
  if (type === 'ec') return parsed.asymmetricKeyDetails?.namedCurve === 'secp384r1' ? 'ES384' : 'ES256';
  if (type === 'ed25519') return 'EdDSA';
  return 'RS256';
}

function isMethod(value: string): value is TokenEndpointAuthMethod {
  return ['client_secret_basic', 'client_secret_post', 'private_key_jwt', 'none'].includes(value);
}

function formEncode(value: string): string {
  return encodeURIComponent(value).replace(/%20/g, '+');
}
