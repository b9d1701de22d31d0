import { createInterface } from 'node:readline/promises';
import type { CommandIO } from '@mcpctl/kernel';

/** Whether to ask: only when both ends are a terminal, and neither --yes nor --json was given. */
export function shouldAsk(io: CommandIO, yes: boolean): boolean {
  return !yes && !io.json && io.isTTY && (io.stdin as { isTTY?: boolean }).isTTY === true;
}

/** Asks a yes/no question on the terminal (stderr, so stdout stays for results); default no. */
export async function confirm(io: CommandIO, question: string): Promise<boolean> {
  const reader = createInterface({ input: io.stdin, output: io.stderr, terminal: true });
  try {
    const answer = await reader.question(`${question} [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    reader.close();
  }
}
