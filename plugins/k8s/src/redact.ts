/**
 * Removes credentials from text before it reaches a tool result, a resource
 * or a log line: every secret the kubeconfig holds (tokens, passwords, client
 * keys, auth-provider and exec-plugin settings), every Authorization value the
 * process has sent (exec-plugin and OIDC tokens are only known then), and
 * anything shaped like a bearer token, a JWT or a PEM private key.
 */
export class Redactor {
  readonly #secrets = new Set<string>();

  /** Remember a secret value (short values are ignored: they would blank out ordinary words). */
  add(value: unknown): void {
    if (typeof value !== 'string') return;
    const trimmed = value.trim();
    if (trimmed.length >= 6) this.#secrets.add(trimmed);
  }

  /** Remember the credential in an Authorization header value ("Bearer x", "Basic x"). */
  addAuthorization(header: string | undefined): void {
    if (!header) return;
    this.add(header);
    const space = header.indexOf(' ');
    if (space > 0) this.add(header.slice(space + 1));
  }

  /**
   * Replace only the credentials this process knows: cheap enough for every
   * response body (API objects, logs, exec output), and exact, so it cannot
   * mangle data that merely looks like a token.
   */
  redactKnown(text: string): string {
    let out = text;
    for (const secret of this.#secrets) if (out.includes(secret)) out = out.split(secret).join('[redacted]');
    return out;
  }

  /** redactKnown, plus anything shaped like a credential: for error messages and log lines. */
  redact(text: string): string {
    return this.redactKnown(text)
      .replace(/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g, '[redacted private key]')
      .replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, '$1 [redacted]')
      .replace(/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, '[redacted token]');
  }
}
