import type { CommandIO } from '@mcpctl/kernel';
import { errors } from '@mcpctl/kernel';
import { generateApiKey, hashPassword, sha256Hex } from './secret-hash.js';

/** `mcpctl auth hash`: read a secret (or make a key) and print what a verifier stores. */
export async function runAuthHash(io: CommandIO, options: { method: 'api-key' | 'basic'; generate: boolean }): Promise<number> {
  if (options.generate && options.method !== 'api-key') throw errors.USAGE_ERROR('--generate makes API keys; pick a password yourself for basic');
  const secret = options.generate ? generateApiKey() : await firstLine(io);
  if (!secret) throw errors.USAGE_ERROR('No secret on stdin: pipe the key or password in (or use --generate for a new API key)');
  if (options.method === 'api-key') {
    const sha256 = sha256Hex(secret);
    if (io.json) io.printJson(options.generate ? { key: secret, sha256 } : { sha256 });
    else if (options.generate) io.print(`key:    ${secret}\nsha256: ${sha256}`);
    else io.print(sha256);
    return 0;
  }
  const hash = await hashPassword(secret);
  if (io.json) io.printJson({ hash });
  else io.print(hash);
  return 0;
}

async function firstLine(io: CommandIO): Promise<string> {
  if ((io.stdin as { isTTY?: boolean }).isTTY) io.stderr.write('Type the secret and press Enter (Ctrl-D to end):\n');
  let text = '';
  for await (const chunk of io.stdin) {
    text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}
