/**
 * Optional extras a transport may offer so that errors can say what the
 * server did. Structural, so any transport (a community plugin's too) can
 * offer them; callers check with the guards below.
 */
export interface TransportDiagnostics {
  /** The last lines the server wrote to stderr (oldest first). */
  stderrTail(): string[];
  /** "exited with code 1", "killed by SIGKILL", or undefined while it runs. */
  exitDescription(): string | undefined;
}

/** HTTP transports: the WWW-Authenticate challenge of the last 401, if any. */
export interface AuthChallengeSource {
  lastAuthChallenge(): string | undefined;
}

export function hasDiagnostics(value: unknown): value is TransportDiagnostics {
  return typeof value === 'object' && value !== null
    && typeof (value as Partial<TransportDiagnostics>).stderrTail === 'function'
    && typeof (value as Partial<TransportDiagnostics>).exitDescription === 'function';
}

export function hasAuthChallenge(value: unknown): value is AuthChallengeSource {
  return typeof value === 'object' && value !== null && typeof (value as Partial<AuthChallengeSource>).lastAuthChallenge === 'function';
}
