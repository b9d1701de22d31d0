import { BAD_TARGET } from './errors.js';

/**
 * Split a `--cmd` command line into argv the way a POSIX shell would for
 * plain words: whitespace separates, '…' is literal, "…" allows \" \\ \$ \`,
 * a backslash outside quotes escapes the next character. No expansion, no
 * pipes: the command is spawned directly.
 */
export function splitCommandLine(line: string): string[] {
  const argv: string[] = [];
  let word = '';
  let inWord = false;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote === "'") {
      if (ch === "'") quote = undefined;
      else word += ch;
    } else if (quote === '"') {
      if (ch === '"') quote = undefined;
      else if (ch === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1]!)) word += line[++i];
      else word += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (ch === '\\' && i + 1 < line.length) {
      word += line[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) argv.push(word);
      word = '';
      inWord = false;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (quote) throw BAD_TARGET(`--cmd has an unterminated ${quote} quote: ${line}`);
  if (inWord) argv.push(word);
  if (argv.length === 0) throw BAD_TARGET('--cmd is empty');
  return argv;
}

/** Parse repeated `KEY=VALUE` options (--env) into a map. */
export function parseAssignments(values: readonly string[], option: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const value of values) {
    const eq = value.indexOf('=');
    if (eq <= 0) throw BAD_TARGET(`${option} expects KEY=VALUE, got "${value}"`);
    out[value.slice(0, eq)] = value.slice(eq + 1);
  }
  return out;
}

/** Parse repeated `Name: value` options (--header) into a map. */
export function parseHeaders(values: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const value of values) {
    const colon = value.indexOf(':');
    const name = colon > 0 ? value.slice(0, colon).trim() : '';
    if (!name || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) throw BAD_TARGET(`--header expects 'Name: value', got "${value}"`);
    out[name] = value.slice(colon + 1).trim();
  }
  return out;
}
