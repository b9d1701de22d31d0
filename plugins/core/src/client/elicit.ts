import type { Readable, Writable } from 'node:stream';
import { createInterface, type Interface } from 'node:readline';
import { formFields, formatDefault, parseAnswer, type FormField } from './elicitation-form.js';
import { checkValue } from './json-schema-check.js';
import type { ElicitationRequest, ElicitationResult } from './server-requests.js';

/**
 * Answer with the schema's defaults, without asking. Declines when a
 * required field has no default (and says which).
 */
export function acceptDefaults(request: ElicitationRequest, note: (text: string) => void): ElicitationResult {
  const content: Record<string, string | number | boolean | string[]> = {};
  const missing: string[] = [];
  for (const field of formFields(request.requestedSchema)) {
    if (field.default !== undefined) content[field.name] = field.default as string;
    else if (field.required) missing.push(field.name);
  }
  if (missing.length > 0) {
    note(`Declined the server's question "${request.message}": --accept-defaults was given, but ${missing.join(', ')} ${missing.length > 1 ? 'have' : 'has'} no default.`);
    return { action: 'decline' };
  }
  note(`Answered the server's question "${request.message}" with its defaults (--accept-defaults).`);
  return { action: 'accept', content };
}

/**
 * Ask a form elicitation on a terminal: the server's message, then each
 * field with its description, default and choices, re-asking until the
 * answer fits the requested schema. End of input (Ctrl-D) declines. Lines
 * typed ahead of a question are kept for it.
 */
export async function askOnTerminal(request: ElicitationRequest, io: { input: Readable; output: Writable }, signal?: AbortSignal): Promise<ElicitationResult> {
  const lines = new LineQueue(io, signal);
  const out = (text: string) => io.output.write(`${text}\n`);
  try {
    out(`\nThe server asks: ${request.message}`);
    out('(Enter keeps the default shown in brackets; Ctrl-D declines.)');
    const content: Record<string, string | number | boolean | string[]> = {};
    for (const field of formFields(request.requestedSchema)) {
      const answer = await askField(lines, field, out);
      if (answer === DECLINED) return { action: 'decline' };
      if (answer !== undefined) content[field.name] = answer as string;
    }
    const problems = checkValue(content, request.requestedSchema);
    if (problems.length > 0) {
      out(`The answers do not fit the form: ${problems.map((p) => `${p.path || 'form'} ${p.message}`).join('; ')}. Declining.`);
      return { action: 'decline' };
    }
    return { action: 'accept', content };
  } finally {
    lines.close();
  }
}

const DECLINED = Symbol('declined');

/** Lines from a readline interface, queued so that none typed ahead is lost; null at end of input. */
class LineQueue {
  private readonly rl: Interface;
  private readonly queue: string[] = [];
  private waiter: ((line: string | null) => void) | undefined;
  private ended = false;

  constructor(io: { input: Readable; output: Writable }, private readonly signal?: AbortSignal) {
    this.rl = createInterface({ input: io.input, output: io.output, terminal: Boolean((io.input as { isTTY?: boolean }).isTTY) });
    this.rl.on('line', (line) => {
      if (this.waiter) this.take(line);
      else this.queue.push(line);
    });
    this.rl.once('close', () => {
      this.ended = true;
      this.take(null);
    });
  }

  /** Show `prompt` and resolve to the next line (null at end of input); rejects when the signal aborts. */
  ask(prompt: string): Promise<string | null> {
    this.rl.setPrompt(prompt);
    this.rl.prompt();
    if (this.queue.length > 0) return Promise.resolve(this.queue.shift()!);
    if (this.ended) return Promise.resolve(null);
    return new Promise((resolve, reject) => {
      const onAbort = () => reject(this.signal!.reason);
      this.signal?.addEventListener('abort', onAbort, { once: true });
      this.waiter = (line) => {
        this.signal?.removeEventListener('abort', onAbort);
        resolve(line);
      };
    });
  }

  close(): void {
    this.rl.close();
  }

  private take(line: string | null): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.(line);
  }
}

async function askField(lines: LineQueue, field: FormField, out: (text: string) => void): Promise<unknown> {
  out(`\n${field.label}${field.required ? ' (required)' : ''}${field.description ? ` — ${field.description}` : ''}`);
  if (field.choices) {
    field.choices.forEach((c, i) => out(`  ${i + 1}) ${c.title}${c.title !== c.value ? ` [${c.value}]` : ''}`));
    if (field.kind === 'multi-choice') out('  (several: comma-separated numbers or values)');
  }
  const hint = field.kind === 'boolean' && field.default === undefined ? ' [y/n]' : field.default !== undefined ? ` [${formatDefault(field)}]` : '';
  for (;;) {
    const input = await lines.ask(`${field.name}${hint}: `);
    if (input === null) return DECLINED;
    if (input.trim() === '') {
      if (field.default !== undefined) return field.default;
      if (!field.required) return undefined;
      out('  This field is required.');
      continue;
    }
    const parsed = parseAnswer(field, input);
    if ('error' in parsed) {
      out(`  ${parsed.error}`);
      continue;
    }
    const problems = checkValue(parsed.value, field.schema);
    if (problems.length > 0) {
      out(`  ${problems.map((p) => p.message).join('; ')}`);
      continue;
    }
    return parsed.value;
  }
}
