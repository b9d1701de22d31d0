/**
 * How the client answers requests a server sends it: elicitation (form
 * questions), roots and sampling. The session wires these into the SDK
 * client; the commands decide what they do (ask on a terminal, accept
 * defaults, decline).
 */
export interface ElicitationRequest {
  message: string;
  /** The requested JSON Schema (form mode): an object of primitive properties. */
  requestedSchema: { type?: string; properties?: Record<string, Record<string, unknown>>; required?: string[] };
}

export type ElicitationResult =
  | { action: 'accept'; content: Record<string, string | number | boolean | string[]> }
  | { action: 'decline' | 'cancel' };

export interface ServerRequestHandlers {
  /** Answer a form elicitation. Absent: elicitation is not offered. */
  elicit?: (request: ElicitationRequest, signal: AbortSignal) => Promise<ElicitationResult>;
  /** Roots to offer (file:// URIs with names). Absent: roots are not offered. */
  roots?: Array<{ uri: string; name?: string }>;
  /** Told when the server asked for something mcpctl declined (for a note on stderr). */
  onDeclined?: (what: string, reason: string) => void;
  /** Log notifications from the server. */
  onLog?: (entry: { level: string; logger?: string; data: unknown }) => void;
}
