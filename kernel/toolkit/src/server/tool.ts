import type { Logger } from '@mcpctl/kernel';
import { annotationsForTier, isAccessTier, type AccessTier, type TierAnnotations } from './access.js';
import type { ByteBudget } from './budget.js';
import type { ProgressFn } from './progress.js';
import { checkSchema, type ObjectSchema } from './schema.js';

/** A root the client offered (`roots/list`). */
export interface ClientRoot {
  uri: string;
  name?: string;
}

/** What a tool handler receives besides its (validated) input. */
export interface ToolContext {
  /** Aborted when the client cancels or the call's timeout passes: pass it to I/O and check it in loops. */
  readonly signal: AbortSignal;
  /** The tier the server entry grants (`access:`): enforce it where the operation runs. */
  readonly access: AccessTier;
  /** The tier this tool declares. */
  readonly tier: AccessTier;
  /** The configured server name (for messages). */
  readonly serverName: string;
  /** The result's byte budget: spend it as output is collected; stop and report `truncated` when it is refused. */
  readonly budget: ByteBudget;
  /** Report progress (a no-op unless the client asked for it). */
  readonly progress: ProgressFn;
  readonly logger: Logger;
  /** The transport session, when there is one (HTTP). */
  readonly sessionId: string | undefined;
  /** Throw an ACCESS_DENIED ToolError unless the entry's tier allows `needs`; `what` names the operation. */
  requireAccess(needs: AccessTier, what?: string): void;
  /** The client's roots, or undefined when the client does not offer roots. Cached; refreshed on `roots/list_changed`. */
  clientRoots(): Promise<ClientRoot[] | undefined>;
}

/** An extra content block for a tool result, besides the text rendering (e.g. a resource link, or one text block per item). */
export type ExtraContent =
  | { type: 'text'; text: string }
  | { type: 'resource_link'; uri: string; name: string; title?: string; description?: string; mimeType?: string; size?: number }
  | { type: 'image'; data: string; mimeType: string }
  | { type: 'audio'; data: string; mimeType: string }
  | { type: 'resource'; resource: { uri: string; mimeType?: string; text: string } | { uri: string; mimeType?: string; blob: string } };

const CONTENT = Symbol('mcpctl.withContent');

/** A handler's output plus content blocks that go only in the result's `content` (see withContent). */
export interface WithContent<O> {
  readonly [CONTENT]: readonly ExtraContent[];
  readonly output: O;
}

/**
 * Return this from a handler to send blocks in `content` that are not part
 * of structuredContent, e.g. file texts whose metadata the output lists: a
 * client then gets them once, not twice. They follow the text rendering,
 * before the blocks of `content()`.
 */
export function withContent<O>(output: O, content: readonly ExtraContent[]): WithContent<O> {
  return { [CONTENT]: content, output };
}

function isWithContent<O>(value: O | WithContent<O>): value is WithContent<O> {
  return typeof value === 'object' && value !== null && CONTENT in value;
}

export interface ToolSpec<I, O extends Record<string, unknown>> {
  /** Unique within the server: letters, digits, `_`, `-`, `.` (at most 128). */
  name: string;
  title?: string;
  /** What the tool does, for humans and models. */
  description: string;
  /** The tier the tool needs. Sets the annotations: read-only for read, destructive for destructive. */
  tier: AccessTier;
  /** For write and destructive tools: repeating the same call has no further effect. */
  idempotent?: boolean;
  /** The tool reaches an open world (the internet, other systems) rather than the server's own data. */
  openWorld?: boolean;
  inputSchema: ObjectSchema;
  /** Every successful result's structuredContent is validated against it. */
  outputSchema: ObjectSchema;
  /** Per-call timeout (ms); defaults to the server's. */
  timeoutMs?: number;
  /** Byte budget of a result; defaults to the server's. */
  maxResultBytes?: number;
  /** Do the work: the structured output (or withContent(output, blocks)). Throw a ToolError for failures the caller should read. */
  handler(input: I, ctx: ToolContext): Promise<O | WithContent<O>> | O | WithContent<O>;
  /** Text rendering of the result (default: compact JSON of the structured output). */
  render?(output: O, input: I): string;
  /** Extra content blocks after the text rendering (e.g. a resource link for a large file). */
  content?(output: O, input: I): ExtraContent[];
}

/** What the server needs of a tool's output. */
export interface ToolOutput {
  structured: Record<string, unknown>;
  text: string;
  content: ExtraContent[];
}

/** A defined tool, with its generic types erased so tools of any shape can be listed together. */
export interface Tool {
  readonly name: string;
  readonly title: string | undefined;
  readonly description: string;
  readonly tier: AccessTier;
  readonly annotations: TierAnnotations & { title?: string };
  readonly inputSchema: ObjectSchema;
  readonly outputSchema: ObjectSchema;
  readonly timeoutMs: number | undefined;
  readonly maxResultBytes: number | undefined;
  /** Run the handler on validated input and render the result. */
  execute(input: unknown, ctx: ToolContext): Promise<ToolOutput>;
}

const TOOL_NAME = /^[A-Za-z0-9_.-]{1,128}$/;

/** Define a tool. Checks the definition and its schemas now, so mistakes show at start-up. */
export function defineTool<I, O extends Record<string, unknown>>(spec: ToolSpec<I, O>): Tool {
  if (!TOOL_NAME.test(spec.name)) throw new TypeError(`Tool name "${spec.name}" must be 1-128 letters, digits, "_", "-" or "."`);
  if (!isAccessTier(spec.tier)) throw new TypeError(`Tool ${spec.name}: tier must be read, write or destructive`);
  for (const [which, schema] of [['inputSchema', spec.inputSchema], ['outputSchema', spec.outputSchema]] as const) {
    if (schema?.type !== 'object') throw new TypeError(`Tool ${spec.name}: ${which} must be a JSON Schema with type "object"`);
    try {
      checkSchema(schema);
    } catch (error) {
      throw new TypeError(`Tool ${spec.name}: ${which} is an ${(error as Error).message}`);
    }
  }
  const annotations = { ...annotationsForTier(spec.tier, { idempotent: spec.idempotent, openWorld: spec.openWorld }), ...(spec.title ? { title: spec.title } : {}) };
  return Object.freeze({
    name: spec.name,
    title: spec.title,
    description: spec.description,
    tier: spec.tier,
    annotations,
    inputSchema: spec.inputSchema,
    outputSchema: spec.outputSchema,
    timeoutMs: spec.timeoutMs,
    maxResultBytes: spec.maxResultBytes,
    async execute(input: unknown, ctx: ToolContext): Promise<ToolOutput> {
      // The server validated `input` against inputSchema before calling execute.
      const typed = input as I;
      const returned = await spec.handler(typed, ctx);
      const [output, own] = isWithContent(returned) ? [returned.output, returned[CONTENT]] : [returned, []];
      const extra = spec.content ? spec.content(output, typed) : [];
      return {
        structured: output,
        text: spec.render ? spec.render(output, typed) : JSON.stringify(output),
        content: own.length === 0 ? extra : [...own, ...extra],
      };
    },
  });
}
