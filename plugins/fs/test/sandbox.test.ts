import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DenyList } from '../src/sandbox/deny.js';
import { absolutize, isInside, relativeTo } from '../src/sandbox/paths.js';
import { GlobRules } from '../src/sandbox/rules.js';
import { Sandbox } from '../src/sandbox/sandbox.js';
import { connectFs, makeTree, type Sandbox as Tree } from './helpers.js';
import { parseFsOptions } from '../src/options.js';

describe('path rules', () => {
  it('knows a sibling sharing a prefix is not inside', () => {
    expect(isInside('/data/x', '/data')).toBe(true);
    expect(isInside('/data', '/data')).toBe(true);
    expect(isInside('/data-evil/x', '/data')).toBe(false);
    expect(isInside('/dat', '/data')).toBe(false);
  });

  it('gives paths relative to a root, inside or not', () => {
    expect(relativeTo('/data', '/data')).toBe('');
    expect(relativeTo('/data', '/data/a/b.txt')).toBe('a/b.txt');
    expect(relativeTo('/', '/etc/passwd')).toBe('etc/passwd');
    expect(relativeTo('/data', '/data-evil/x')).toBe('../data-evil/x');
    expect(relativeTo('/data/a', '/data/b')).toBe('../b');
  });

  it('refuses NUL, ~, remote file URIs and over-long paths; keeps encodings literal', () => {
    expect(() => absolutize('a\0b', '/r')).toThrow(/NUL/);
    expect(() => absolutize('~/x', '/r')).toThrow(/not expanded/);
    expect(() => absolutize('file://host/etc/passwd', '/r')).toThrow(/not a local file/);
    expect(() => absolutize('x'.repeat(5000), '/r')).toThrow(/at most/);
    expect(() => absolutize('', '/r')).toThrow(/non-empty/);
    expect(absolutize('%2e%2e/x', '/r')).toBe('/r/%2e%2e/x');
    expect(absolutize('\uff0e\uff0e/x', '/r')).toBe('/r/\uff0e\uff0e/x');
    expect(absolutize('a/../../x', '/r')).toBe('/x');
    expect(absolutize('file:///r/a%20b', '/r')).toBe('/r/a b');
  });
});

describe('glob rules', () => {
  it('follows gitignore semantics', () => {
    const rules = new GlobRules(['*.log', '/build', 'docs/', 'src/**/gen', '!keep.log', '# comment', ''], { allowNegation: true });
    expect(rules.matches('a.log', 'file')).toBe(true);
    expect(rules.matches('deep/a.log', 'file')).toBe(true);
    expect(rules.matches('keep.log', 'file')).toBe(false);
    expect(rules.matches('build', 'dir')).toBe(true);
    expect(rules.matches('x/build', 'dir')).toBe(false);
    expect(rules.matches('docs', 'dir')).toBe(true);
    expect(rules.matches('docs', 'file')).toBe(false);
    expect(rules.matches('src/a/b/gen', 'dir')).toBe(true);
    expect(() => new GlobRules(['!x'])).toThrow(/negation/);
  });

  it('denies by default, and everything under a denied directory', () => {
    const deny = new DenyList(['private/']);
    for (const path of ['.env', 'a/.env.local', '.ssh/id_ed25519', 'x/key.pem', 'y/tls.key', '.git/HEAD', 'id_rsa.pub', '.aws/credentials', 'private/x', 'a/private/b']) {
      expect(deny.denies(path), path).toBe(true);
    }
    for (const path of ['env', 'src/a.ts', 'keys.txt', '.github/workflows/ci.yml', 'privates/x']) expect(deny.denies(path), path).toBe(false);
  });
});

describe('Sandbox', () => {
  let tree: Tree;
  let sandbox: Sandbox;
  beforeAll(async () => {
    tree = makeTree({ 'a.txt': 'a', 'b.txt': 'b' });
    const options = await parseFsOptions('files', { type: 'fs', roots: [tree.root] }, '/');
    sandbox = new Sandbox(options.roots, options, 'files');
  });
  afterAll(() => tree.cleanup());

  it('refuses a descriptor that is not the path that was checked', () => {
    const fd = openSync(join(tree.root, 'b.txt'), 'r');
    expect(() => sandbox.verifyFd(fd, join(tree.root, 'a.txt'), 'a.txt')).toThrow(/changed while it was being opened/);
  });

  it('opens a regular file the way resolveExisting and openRead would', () => {
    const { resolved, fd } = sandbox.openFile('a.txt', { needs: 'read', what: 'test' });
    try {
      const expected = sandbox.resolveExisting('a.txt', { needs: 'read', what: 'test' });
      expect(resolved).toMatchObject({ root: expected.root, path: expected.path, relative: 'a.txt', shown: 'a.txt' });
      expect(resolved.stats.ino).toBe(expected.stats.ino);
      expect(readFileSync(fd, 'utf8')).toBe('a');
    } finally {
      closeSync(fd);
    }
  });

  it.skipIf(process.platform === 'win32')('never opens what is not a regular file, wherever a link leads', async () => {
    mkdirSync(join(tree.root, 'dir'));
    execFileSync('mkfifo', [join(tree.root, 'fifo'), join(tree.outside, 'fifo')]);
    symlinkSync(join(tree.outside, 'fifo'), join(tree.root, 'fifo-out'));
    symlinkSync('fifo', join(tree.root, 'fifo-in'));
    const following = await parseFsOptions('files', { type: 'fs', roots: [tree.root], followSymlinks: true }, '/');
    const follows = new Sandbox(following.roots, following, 'files');
    const code = (box: Sandbox, path: string) => {
      try {
        closeSync(box.openFile(path, { needs: 'read', what: 'test' }).fd);
        return 'opened';
      } catch (error) {
        return (error as { code?: string }).code;
      }
    };
    // A FIFO opened for reading without O_NONBLOCK would hang here; it is never opened at all.
    expect(code(sandbox, 'fifo')).toBe('NOT_A_FILE');
    expect(code(sandbox, 'dir')).toBe('NOT_A_FILE');
    expect(code(sandbox, 'fifo-in')).toBe('SYMLINK');
    expect(code(sandbox, 'fifo-out')).toBe('SYMLINK');
    expect(code(follows, 'fifo-in')).toBe('NOT_A_FILE');
    expect(code(follows, 'fifo-out')).toBe('OUTSIDE_ROOTS');
    expect(code(sandbox, 'missing')).toBe('NOT_FOUND');
    expect(code(sandbox, 'a.txt/x')).toBe('NOT_A_DIRECTORY');
  });

  it('shows paths relative to the first root', () => {
    expect(sandbox.display(join(tree.root, 'a.txt'))).toBe('a.txt');
    expect(sandbox.display(tree.root)).toBe('.');
    expect(sandbox.display('/elsewhere/x')).toBe('/elsewhere/x');
  });
});

describe('more tool errors', () => {
  let tree: Tree;
  beforeAll(() => {
    tree = makeTree();
    writeFileSync(join(tree.root, 'long.txt'), `${'x'.repeat(5000)}\nshort\n`);
  });
  afterAll(() => tree.cleanup());

  it('says when one line is longer than the byte cap, and refuses bad paths with INVALID_PATH', async () => {
    const fs = await connectFs({ roots: [tree.root] });
    try {
      const long = await fs.fail('read_text', { path: 'long.txt', startLine: 1, maxBytes: 100 });
      expect(long.code).toBe('RESULT_TOO_LARGE');
      expect(long.text).toContain('offset/length');
      for (const path of ['a\0b', '~/x', 'file://host/x']) expect((await fs.fail('stat', { path })).code, path).toBe('INVALID_PATH');
    } finally {
      await fs.close();
    }
  });
});
