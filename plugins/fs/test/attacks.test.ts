import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectFs, link, makeTree, write, type CallResult, type Connected, type Sandbox } from './helpers.js';

/**
 * The attack corpus: paths that try to leave the root or reach a denied
 * path, run against every tool that takes a path. Zero escapes: every call
 * either fails or succeeds without revealing or touching anything outside
 * the root or anything denied.
 */

const SECRET_MARKERS = ['TOP SECRET', 'SECRET=1', 'PRIVATE KEY', 'root:x:0', 'git-config-secret'];

function attackPaths(t: Sandbox): string[] {
  const { base, root, outside } = t;
  return [
    '../secret.txt',
    '../root-evil/secret.txt',
    `${base}/secret.txt`,
    `${outside}/secret.txt`,
    `${root}-evil/secret.txt`,
    `${root}-evil`,
    `${root}/../secret.txt`,
    'sub/../../secret.txt',
    './../secret.txt',
    'sub/../../root-evil/secret.txt',
    `${root}/./../root-evil/secret.txt`,
    `${root}/../root/../root-evil/secret.txt`,
    '/etc/passwd',
    '/etc',
    '//etc/passwd',
    '/./etc/passwd',
    '/tmp/../etc/passwd',
    '/proc/self/environ',
    '/proc/self/root/etc/passwd',
    '/proc/self/cwd',
    'link-out/secret.txt',
    'link-out',
    'link-file',
    'link-abs/passwd',
    'link-abs',
    'sub/link-up/secret.txt',
    'sub/link-up/root-evil/secret.txt',
    'sub/link-up',
    'dangling',
    'dangling-dir/new.txt',
    'loop',
    'loop/x',
    'dir-link-in/inner.txt',
    'secret.txt\0.txt',
    'a.txt\0../../secret.txt',
    '~/.ssh/id_rsa',
    '~',
    '~root/.bashrc',
    '%2e%2e/secret.txt',
    '%2e%2e%2fsecret.txt',
    '..%2fsecret.txt',
    '..%252fsecret.txt',
    'file:///etc/passwd',
    `file://${base}/secret.txt`,
    `file://${root}/%2e%2e/secret.txt`,
    `file://${root}/..%2Fsecret.txt`,
    `file://${root}/link-out/secret.txt`,
    'file://evil.example.com/etc/passwd',
    '\uff0e\uff0e/secret.txt',
    '\u2025/secret.txt',
    '..\u2215secret.txt',
    '..\uff0fsecret.txt',
    '.\u200b./secret.txt',
    '..\\secret.txt',
    '....//secret.txt',
    '.../secret.txt',
    '.env',
    'sub/.env.local',
    '.ssh/id_rsa',
    '.ssh',
    'key.pem',
    'sub/server.key',
    '.git/config',
    '.git',
    'sub/../.env',
    './.ssh/../.env',
    'SUB/../../secret.txt',
    'x'.repeat(5000),
    '',
  ];
}

type ArgsFor = (path: string, n: number) => Record<string, unknown>;

/** Every path-taking tool, with the argument the attack path goes in. */
const TOOLS: Array<[string, string, ArgsFor]> = [
  ['stat', 'path', (path) => ({ path })],
  ['list_dir', 'path', (path) => ({ path })],
  ['tree', 'path', (path) => ({ path, maxDepth: 3 })],
  ['find', 'path', (path) => ({ path, pattern: '**' })],
  ['grep', 'path', (path) => ({ path, pattern: 'SECRET|root:|KEY|secret' })],
  ['read_text', 'path', (path) => ({ path })],
  ['read_many', 'paths', (path) => ({ paths: ['a.txt', path] })],
  ['read_binary', 'path', (path) => ({ path })],
  ['write', 'path', (path) => ({ path, content: 'PWNED', createParents: true })],
  ['write', 'path (replace)', (path) => ({ path, content: 'PWNED' })],
  ['edit', 'path', (path) => ({ path, edits: [{ old: 'SECRET', new: 'PWNED', expectedCount: 1 }] })],
  ['mkdir', 'path', (path) => ({ path: `${path}/pwned-dir` })],
  ['mkdir', 'path (itself)', (path) => ({ path })],
  ['copy', 'source', (path, n) => ({ source: path, destination: `copied-${n}` })],
  ['copy', 'destination', (path) => ({ source: 'a.txt', destination: path, overwrite: true, createParents: true })],
  ['move', 'source', (path, n) => ({ source: path, destination: `moved-${n}` })],
  ['move', 'destination', (path, n) => ({ source: `safe-${n}.txt`, destination: path, overwrite: true, createParents: true })],
  ['delete', 'path', (path) => ({ path, recursive: true })],
];

function snapshot(dir: string): string {
  const out: string[] = [];
  const visit = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) visit(p);
      else out.push(`${p}:${entry.isFile() ? readFileSync(p, 'utf8') : 'link'}`);
    }
  };
  visit(dir);
  return out.join('\n');
}

function populate(t: Sandbox): void {
  write(t.root, 'a.txt', 'alpha\n');
  write(t.root, 'sub/inner.txt', 'inner\n');
  write(t.root, '.env', 'SECRET=1\n');
  write(t.root, 'sub/.env.local', 'SECRET=1\n');
  write(t.root, '.ssh/id_rsa', '-----BEGIN PRIVATE KEY-----\n');
  write(t.root, 'key.pem', '-----BEGIN PRIVATE KEY-----\n');
  write(t.root, 'sub/server.key', '-----BEGIN PRIVATE KEY-----\n');
  write(t.root, '.git/config', 'git-config-secret\n');
  link('../root-evil', join(t.root, 'link-out'));
  link('../secret.txt', join(t.root, 'link-file'));
  link('/etc', join(t.root, 'link-abs'));
  link('../../', join(t.root, 'sub/link-up'));
  link('../root-evil/created-through-link', join(t.root, 'dangling'));
  link('../root-evil/new-dir', join(t.root, 'dangling-dir'));
  link('loop', join(t.root, 'loop'));
  link('sub', join(t.root, 'dir-link-in'));
}

/** Everything a result reveals, with base64 payloads decoded. */
function resultText(result: CallResult): string {
  const structured = result.structuredContent as { base64?: unknown } | undefined;
  const decoded = typeof structured?.base64 === 'string' ? Buffer.from(structured.base64, 'base64').toString('utf8') : '';
  return JSON.stringify([result.content, result.structuredContent]) + decoded;
}

const LISTING_TOOLS = new Set(['list_dir', 'tree', 'find', 'grep']);

describe.each([
  ['followSymlinks: false', false],
  ['followSymlinks: true', true],
])('attack corpus (%s)', (_label, followSymlinks) => {
  it('has at least 50 attack paths', () => {
    const t = makeTree();
    try {
      expect(attackPaths(t).length).toBeGreaterThanOrEqual(50);
    } finally {
      t.cleanup();
    }
  });

  // Each tool faces a fresh tree, so one tool's (legitimate, in-root) changes cannot mask another's escape.
  it.each(TOOLS)('%s (%s): zero escapes', async (tool, _arg, argsFor) => {
    const t = makeTree();
    populate(t);
    const outsideBefore = snapshot(t.outside);
    const fs = await connectFs({ roots: [t.root], access: 'destructive', followSymlinks });
    try {
      const escapes: string[] = [];
      for (const [n, path] of attackPaths(t).entries()) {
        writeFileSync(join(t.root, `safe-${n}.txt`), 'safe\n');
        const result = await fs.call(tool, argsFor(path, n));
        const structured = JSON.stringify(result.structuredContent ?? {});
        for (const marker of SECRET_MARKERS) if (resultText(result).includes(marker)) escapes.push(`${JSON.stringify(path)} revealed ${marker}`);
        // Listings must not show names that exist only outside the root or inside denied folders.
        if (!result.isError && LISTING_TOOLS.has(tool) && /root-evil|passwd|id_rsa|\.git\/|\.env|\.pem|\.key"/.test(structured)) {
          escapes.push(`${JSON.stringify(path)} listed an outside or denied name: ${structured.slice(0, 300)}`);
        }
      }
      expect(escapes).toEqual([]);
      // Nothing outside the root changed, and no secret was touched.
      expect(snapshot(t.outside)).toBe(outsideBefore);
      expect(readFileSync(join(t.base, 'secret.txt'), 'utf8')).toBe('TOP SECRET parent\n');
      expect(readdirSync(t.base).sort()).toEqual(['root', 'root-evil', 'secret.txt']);
      expect(existsSync(join(t.outside, 'created-through-link'))).toBe(false);
      expect(existsSync(join(t.outside, 'new-dir'))).toBe(false);
      expect(readFileSync(join(t.root, '.env'), 'utf8')).toBe('SECRET=1\n');
      expect(readFileSync(join(t.root, '.git/config'), 'utf8')).toBe('git-config-secret\n');
      expect(readFileSync(join(t.root, '.ssh/id_rsa'), 'utf8')).toContain('PRIVATE KEY');
    } finally {
      await fs.close();
      t.cleanup();
    }
  });

  it('resources/read and resources/list: zero escapes', async () => {
    const t = makeTree();
    populate(t);
    const fs = await connectFs({ roots: [t.root], followSymlinks });
    try {
      for (const path of attackPaths(t)) {
        const uri = path.startsWith('file:') ? path : `file://${path.startsWith('/') ? '' : `${t.root}/`}${encodeURI(path)}`;
        const outcome = await fs.client.readResource({ uri }).then(
          (result) => JSON.stringify(result),
          (error: Error) => error.message,
        );
        for (const marker of SECRET_MARKERS) expect(outcome, uri).not.toContain(marker);
      }
      const listed = JSON.stringify(await fs.client.listResources());
      expect(listed).not.toMatch(/root-evil|passwd|id_rsa|\.git\/|\.env|\.pem|\.key"/);
    } finally {
      await fs.close();
      t.cleanup();
    }
  });
});

describe('races: a path swapped between check and use', () => {
  let tree: Sandbox;
  let fs: Connected;
  let swapper: ReturnType<typeof import('node:child_process').spawn> | undefined;

  beforeAll(async () => {
    tree = makeTree({ 'a.txt': 'alpha\n' });
    mkdirSync(join(tree.outside, 'dir'));
    writeFileSync(join(tree.outside, 'dir', 'file.txt'), 'TOP SECRET in dir\n');
    fs = await connectFs({ roots: [tree.root], access: 'destructive' });
  });
  afterAll(async () => {
    swapper?.kill();
    await fs.close();
    tree.cleanup();
  });

  /** A child process that keeps swapping root/<name> between a real entry and a symlink out. */
  async function startSwapping(name: string, kind: 'file' | 'dir'): Promise<void> {
    const { spawn } = await import('node:child_process');
    const script = `
      const fs = require('node:fs'); const path = require('node:path');
      const at = ${JSON.stringify(join(tree.root, name))};
      const real = at + '.real', evil = at + '.evil';
      ${kind === 'dir' ? `fs.mkdirSync(real, { recursive: true }); fs.writeFileSync(path.join(real, 'file.txt'), 'harmless\\n');` : `fs.writeFileSync(real, 'harmless\\n');`}
      fs.symlinkSync(${JSON.stringify(kind === 'dir' ? join(tree.outside, 'dir') : join(tree.outside, 'secret.txt'))}, evil);
      const end = Date.now() + 20000;
      while (Date.now() < end) {
        try { fs.renameSync(real, at); fs.renameSync(at, real); } catch {}
        try { fs.renameSync(evil, at); fs.renameSync(at, evil); } catch {}
      }`;
    swapper?.kill();
    swapper = spawn(process.execPath, ['-e', script], { stdio: 'ignore' });
    await new Promise((resolve) => setTimeout(resolve, 150));
  }

  it('reads never return what a swapped-in symlink points to', async () => {
    await startSwapping('swap', 'file');
    let successes = 0;
    for (let i = 0; i < 300; i++) {
      for (const tool of ['read_text', 'read_binary', 'stat'] as const) {
        const result = await fs.call(tool, { path: 'swap' });
        expect(resultText(result)).not.toContain('TOP SECRET');
        if (!result.isError) successes++;
      }
      const many = await fs.call('read_many', { paths: ['swap', 'a.txt'] });
      expect(resultText(many)).not.toContain('TOP SECRET');
    }
    expect(successes).toBeGreaterThan(0);
  });

  it('directory reads and walks never enter a swapped-in directory link', async () => {
    await startSwapping('swapdir', 'dir');
    for (let i = 0; i < 200; i++) {
      for (const [tool, args] of [
        ['read_text', { path: 'swapdir/file.txt' }],
        ['read_many', { paths: ['swapdir/file.txt'] }],
        ['list_dir', { path: 'swapdir' }],
        ['grep', { pattern: 'SECRET|harmless' }],
        ['find', { pattern: '**/file.txt' }],
        ['tree', {}],
      ] as const) {
        const result = await fs.call(tool, args);
        expect(resultText(result)).not.toContain('TOP SECRET');
      }
    }
  });

  it('writes never land in a swapped-in directory link', async () => {
    await startSwapping('wdir', 'dir');
    for (let i = 0; i < 200; i++) {
      await fs.call('write', { path: `wdir/new-${i}.txt`, content: 'PWNED' });
      await fs.call('mkdir', { path: `wdir/dir-${i}` });
      await fs.call('copy', { source: 'a.txt', destination: `wdir/copy-${i}.txt` });
    }
    expect(readdirSync(join(tree.outside, 'dir'))).toEqual(['file.txt']);
  });

  it('deletes never remove through a swapped-in directory link', async () => {
    await startSwapping('ddir', 'dir');
    for (let i = 0; i < 200; i++) await fs.call('delete', { path: 'ddir/file.txt' });
    expect(readFileSync(join(tree.outside, 'dir', 'file.txt'), 'utf8')).toBe('TOP SECRET in dir\n');
  });
});

// A symlink at the root path itself is resolved once, at start-up, so `roots` may name a link.
it('a root given through a symlink is confined to its target', async () => {
  const t = makeTree({ 'a.txt': 'alpha\n' });
  symlinkSync(t.root, join(t.base, 'root-link'));
  const fs = await connectFs({ roots: [join(t.base, 'root-link')] });
  try {
    expect(await fs.ok('read_text', { path: 'a.txt' })).toMatchObject({ text: 'alpha\n' });
    expect((await fs.fail('read_text', { path: '../secret.txt' })).code).toBe('OUTSIDE_ROOTS');
  } finally {
    await fs.close();
    t.cleanup();
  }
});
