import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connectFs, makeTree, type Connected, type Sandbox } from './helpers.js';

const sha = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

describe('read tools', () => {
  let tree: Sandbox;
  let fs: Connected;
  beforeAll(async () => {
    tree = makeTree({
      'README.md': '# Title\nline two\nline three\n',
      'src/a.ts': 'export const a = 1;\n// TODO: more\n',
      'src/b.ts': 'export const b = 2;\n',
      'src/deep/c.ts': 'const c = "needle";\n',
      'src/deep/deeper/d.json': '{"needle": true}\n',
      'notes/é.txt': 'unicode ünïcödé\n',
      'bin/blob.bin': '',
      'ignored/skip.txt': 'needle in ignored\n',
      '.gitignore': 'ignored/\n*.log\n',
      'app.log': 'needle in log\n',
      '.env.local': 'SECRET=1\n',
    });
    writeFileSync(join(tree.root, 'bin/blob.bin'), Buffer.from([0, 1, 2, 3, 255, 0, 10]));
    writeFileSync(join(tree.root, 'many.txt'), Array.from({ length: 100 }, (_, i) => `row ${i + 1}`).join('\n') + '\n');
    mkdirSync(join(tree.root, 'empty'));
    symlinkSync('README.md', join(tree.root, 'readme-link'));
    fs = await connectFs({ roots: [tree.root] });
  });
  afterAll(async () => {
    await fs.close();
    tree.cleanup();
  });

  it('list_roots shows roots with their tier', async () => {
    expect(await fs.ok('list_roots')).toEqual({ roots: [{ name: 'root', path: tree.root, access: 'read' }], narrowedByClient: false });
  });

  it('stat describes files, directories and links', async () => {
    expect(await fs.ok('stat', { path: 'README.md' })).toMatchObject({ path: 'README.md', type: 'file', size: 28, mimeType: 'text/markdown', mode: '0644' });
    expect(await fs.ok('stat', { path: 'src' })).toMatchObject({ type: 'directory' });
    expect(await fs.ok('stat', { path: 'readme-link' })).toMatchObject({ type: 'symlink' });
    expect(await fs.ok('stat', { path: '.' })).toMatchObject({ path: '.', type: 'directory' });
    expect((await fs.fail('stat', { path: 'missing' })).code).toBe('NOT_FOUND');
  });

  it('list_dir lists sorted entries with sizes, hides denied ones, and pages', async () => {
    const page = await fs.ok<{ entries: Array<{ name: string; type: string; size?: number }>; total: number; truncated: boolean; nextCursor?: string }>('list_dir', { limit: 3 });
    expect(page.entries.map((e) => e.name)).toEqual(['.gitignore', 'README.md', 'app.log']);
    expect(page.entries[1]).toEqual({ name: 'README.md', type: 'file', size: 28 });
    expect(page.truncated).toBe(true);
    const names = page.entries.map((e) => e.name);
    let cursor = page.nextCursor;
    while (cursor) {
      const next = await fs.ok<typeof page>('list_dir', { limit: 3, cursor });
      names.push(...next.entries.map((e) => e.name));
      cursor = next.nextCursor;
    }
    expect(names).toEqual(['.gitignore', 'README.md', 'app.log', 'bin', 'empty', 'ignored', 'many.txt', 'notes', 'readme-link', 'src']);
    expect(names).not.toContain('.env.local');
    expect(page.total).toBe(10);
    expect((await fs.fail('list_dir', { path: 'README.md' })).code).toBe('NOT_A_DIRECTORY');
    expect((await fs.fail('list_dir', { cursor: 'bogus' })).code).toBe('INVALID_CURSOR');
    const other = await fs.ok<typeof page>('list_dir', { path: 'src', limit: 1 });
    expect((await fs.fail('list_dir', { cursor: other.nextCursor })).code).toBe('INVALID_CURSOR');
  });

  it('tree walks depth first, honours .gitignore, maxDepth, maxEntries and excludes', async () => {
    const full = await fs.ok<{ entries: Array<{ path: string; type: string }>; truncated: boolean }>('tree', { maxDepth: 10 });
    const paths = full.entries.map((e) => e.path);
    expect(paths).toContain('src/deep/deeper/d.json');
    expect(paths.indexOf('src')).toBeLessThan(paths.indexOf('src/a.ts'));
    expect(paths).not.toContain('ignored');
    expect(paths).not.toContain('app.log');
    expect(paths).not.toContain('.env.local');
    expect(full.truncated).toBe(false);
    const shallow = await fs.ok<typeof full>('tree', { maxDepth: 1 });
    expect(shallow.entries.every((e) => !e.path.includes('/'))).toBe(true);
    const cut = await fs.ok<typeof full>('tree', { maxEntries: 2 });
    expect(cut.entries).toHaveLength(2);
    expect(cut.truncated).toBe(true);
    const excluded = await fs.ok<typeof full>('tree', { maxDepth: 10, exclude: ['deep'] });
    expect(excluded.entries.map((e) => e.path).some((p) => p.includes('deep'))).toBe(false);
    const text = await fs.call('tree', { path: 'src', maxDepth: 5 });
    expect((text.content as Array<{ text: string }>)[0]?.text).toContain('  deep/');
  });

  it('find matches names or paths, pages, and filters by type', async () => {
    const ts = await fs.ok<{ matches: Array<{ path: string }>; truncated: boolean }>('find', { pattern: '*.ts' });
    expect(ts.matches.map((m) => m.path)).toEqual(['src/a.ts', 'src/b.ts', 'src/deep/c.ts']);
    const byPath = await fs.ok<typeof ts>('find', { pattern: 'src/deep/**' });
    expect(byPath.matches.map((m) => m.path)).toEqual(['src/deep', 'src/deep/c.ts', 'src/deep/deeper', 'src/deep/deeper/d.json']);
    const dirs = await fs.ok<typeof ts>('find', { pattern: '*', type: 'directory', maxDepth: 1 });
    expect(dirs.matches.map((m) => m.path)).toEqual(['bin', 'empty', 'notes', 'src']);
    const inSrc = await fs.ok<typeof ts>('find', { pattern: '*.ts', path: 'src/deep' });
    expect(inSrc.matches.map((m) => m.path)).toEqual(['src/deep/c.ts']);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await fs.ok<{ matches: Array<{ path: string }>; nextCursor?: string }>('find', { pattern: '*', limit: 4, ...(cursor ? { cursor } : {}) });
      seen.push(...page.matches.map((m) => m.path));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual((await fs.ok<typeof ts>('find', { pattern: '*', limit: 1000 })).matches.map((m) => m.path));
    expect(new Set(seen).size).toBe(seen.length);
    expect((await fs.fail('find', { pattern: '*', cursor: 'nope' })).code).toBe('INVALID_CURSOR');
  });

  it('grep finds regex and literal matches with context, skips binaries and ignored files', async () => {
    const result = await fs.ok<{ matches: Array<{ path: string; line: number; text: string; before?: string[]; after?: string[] }>; filesMatched: number }>('grep', { pattern: 'needle' });
    expect(result.matches.map((m) => `${m.path}:${m.line}`)).toEqual(['src/deep/c.ts:1', 'src/deep/deeper/d.json:1']);
    const regex = await fs.ok<typeof result>('grep', { pattern: '^export const [ab]', include: '*.ts' });
    expect(regex.matches.map((m) => m.path)).toEqual(['src/a.ts', 'src/b.ts']);
    const literal = await fs.ok<typeof result>('grep', { pattern: '"needle"', literal: true });
    expect(literal.matches).toHaveLength(2);
    const context = await fs.ok<typeof result>('grep', { pattern: 'row 50$', contextLines: 2, path: '.' });
    expect(context.matches).toEqual([{ path: 'many.txt', line: 50, text: 'row 50', before: ['row 48', 'row 49'], after: ['row 51', 'row 52'] }]);
    const caseless = await fs.ok<typeof result>('grep', { pattern: 'TODO: MORE', ignoreCase: true, literal: true });
    expect(caseless.matches.map((m) => m.line)).toEqual([2]);
    const unicode = await fs.ok<typeof result>('grep', { pattern: 'ünïcödé' });
    expect(unicode.matches.map((m) => m.path)).toEqual(['notes/é.txt']);
    expect((await fs.fail('grep', { pattern: '(' })).code).toBe('INVALID_ARGUMENTS');
    expect((await fs.fail('grep', { pattern: 'x', path: 'README.md' })).code).toBe('NOT_A_DIRECTORY');
  });

  it('grep pages through matches, resuming inside a file', async () => {
    const lines: number[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await fs.ok<{ matches: Array<{ line: number }>; nextCursor?: string; truncated: boolean }>('grep', { pattern: '^row [0-9]*5$', maxMatches: 3, ...(cursor ? { cursor } : {}) });
      lines.push(...page.matches.map((m) => m.line));
      expect(page.truncated).toBe(page.nextCursor !== undefined);
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(lines).toEqual([5, 15, 25, 35, 45, 55, 65, 75, 85, 95]);
    expect(pages).toBe(4);
  });

  it('read_text reads whole files, line ranges and byte ranges, with sha256', async () => {
    const whole = await fs.ok('read_text', { path: 'README.md' });
    expect(whole).toMatchObject({ text: '# Title\nline two\nline three\n', sha256: sha('# Title\nline two\nline three\n'), totalLines: 3, truncated: false, size: 28 });
    expect(await fs.ok('read_text', { path: 'README.md', startLine: 2, endLine: 2 })).toMatchObject({ text: 'line two\n', startLine: 2, endLine: 2, truncated: false });
    expect(await fs.ok('read_text', { path: 'README.md', offset: 2, length: 5 })).toMatchObject({ text: 'Title', offset: 2 });
    const capped = await fs.ok<{ text: string; truncated: boolean; nextLine?: number }>('read_text', { path: 'many.txt', startLine: 10, maxBytes: 20 });
    expect(capped).toMatchObject({ text: 'row 10\nrow 11\n', truncated: true, nextLine: 12, endLine: 11 });
    const bytes = await fs.ok<{ text: string; nextOffset?: number }>('read_text', { path: 'many.txt', maxBytes: 10 });
    expect(bytes).toMatchObject({ text: 'row 1\nrow ', truncated: true, nextOffset: 10 });
    expect(await fs.ok('read_text', { path: 'notes/é.txt', maxBytes: 9 })).toMatchObject({ text: 'unicode ', truncated: true });
    expect((await fs.fail('read_text', { path: 'readme-link' })).code).toBe('SYMLINK');
    const following = await connectFs({ roots: [tree.root], followSymlinks: true });
    try {
      expect(await following.ok('read_text', { path: 'readme-link' })).toMatchObject({ path: 'README.md', text: '# Title\nline two\nline three\n' });
    } finally {
      await following.close();
    }
  });

  it('read_text errors: directory, binary, missing, bad range', async () => {
    expect((await fs.fail('read_text', { path: 'src' })).code).toBe('NOT_A_FILE');
    expect((await fs.fail('read_text', { path: 'bin/blob.bin' })).code).toBe('NOT_A_FILE');
    expect((await fs.fail('read_text', { path: 'nope.txt' })).code).toBe('NOT_FOUND');
    expect((await fs.fail('read_text', { path: 'README.md', startLine: 3, endLine: 1 })).code).toBe('INVALID_ARGUMENTS');
    expect((await fs.fail('read_text', { path: 'README.md', offset: 1, startLine: 1 })).code).toBe('INVALID_ARGUMENTS');
  });

  it('read_many reads several files with per-file errors: one text block each, metadata in structuredContent', async () => {
    type Many = { files: Array<{ path: string; size?: number; sha256?: string; truncated?: boolean; error?: { code: string } }>; truncated: boolean };
    const paths = ['README.md', 'src/a.ts', 'missing', '.env.local', 'bin/blob.bin', 'src', 'readme-link'];
    const result = await fs.call('read_many', { paths });
    const many = result.structuredContent as Many;
    expect(many.files.map((f) => f.path)).toEqual(paths);
    expect(many.files.map((f) => f.error?.code)).toEqual([undefined, undefined, 'NOT_FOUND', 'DENIED', 'NOT_A_FILE', 'NOT_A_FILE', 'SYMLINK']);
    expect(many.files[0]).toEqual({ path: 'README.md', size: 28, sha256: sha('# Title\nline two\nline three\n'), truncated: false });
    expect(many.truncated).toBe(false);
    // The texts travel once, in content: a summary, then files[i] as block i + 1.
    expect(JSON.stringify(many)).not.toContain('line two');
    const blocks = result.content as Array<{ type: string; text: string }>;
    expect(blocks.map((b) => b.type)).toEqual(Array(paths.length + 1).fill('text'));
    expect(blocks[0]?.text).toBe('2 of 7 files read (5 failed). One block per file follows, in the order asked.');
    expect(blocks[1]?.text).toBe('==> README.md <==\n# Title\nline two\nline three\n');
    expect(blocks[2]?.text).toBe('==> src/a.ts <==\nexport const a = 1;\n// TODO: more\n');
    expect(blocks[3]?.text).toMatch(/^==> missing <== error: missing does not exist$/);
    expect(blocks[4]?.text).toMatch(/^==> \.env\.local <== error: .*denied/);
    expect(blocks[5]?.text).toBe('==> bin/blob.bin <== error: looks binary; use read_binary');

    const capped = await fs.call('read_many', { paths: ['README.md', 'many.txt'], maxBytesPerFile: 5 });
    expect((capped.content as Array<{ text: string }>).slice(1).map((b) => b.text)).toEqual(['==> README.md <== (first 5 of 28 bytes)\n# Tit', '==> many.txt <== (first 5 of 692 bytes)\nrow 1']);
    expect(capped.structuredContent).toMatchObject({ truncated: true, files: [{ truncated: true, size: 28 }, { truncated: true, size: 692 }] });
  });

  it('read_many follows a link inside the roots when allowed, and reads a file larger than one chunk', async () => {
    const big = `${'0123456789abcdef'.repeat(8192)}tail\n`;
    const own = makeTree({ 'README.md': '# Title\nline two\nline three\n', 'big.txt': big });
    symlinkSync('README.md', join(own.root, 'readme-link'));
    const following = await connectFs({ roots: [own.root], followSymlinks: true });
    try {
      const result = await following.call('read_many', { paths: ['readme-link', 'big.txt'] });
      expect((result.content as Array<{ text: string }>)[1]?.text).toBe('==> readme-link <==\n# Title\nline two\nline three\n');
      expect((result.content as Array<{ text: string }>)[2]?.text).toBe(`==> big.txt <==\n${big}`);
      expect(result.structuredContent).toMatchObject({ files: [{ path: 'readme-link', size: 28 }, { path: 'big.txt', size: big.length, sha256: sha(big), truncated: false }] });
    } finally {
      await following.close();
      own.cleanup();
    }
  });

  it('read_binary returns base64 ranges, and links large files', async () => {
    const blob = await fs.ok<{ base64: string; size: number; mimeType: string }>('read_binary', { path: 'bin/blob.bin' });
    expect(Buffer.from(blob.base64, 'base64')).toEqual(Buffer.from([0, 1, 2, 3, 255, 0, 10]));
    expect(blob.mimeType).toBe('application/octet-stream');
    const range = await fs.ok<{ base64: string; length: number }>('read_binary', { path: 'bin/blob.bin', offset: 2, length: 3 });
    expect(Buffer.from(range.base64, 'base64')).toEqual(Buffer.from([2, 3, 255]));
    const small = await connectFs({ roots: [tree.root], maxReadBytes: 100 });
    try {
      const linked = await small.call('read_binary', { path: 'many.txt' });
      expect(linked.structuredContent).toMatchObject({ resourceUri: pathToFileURL(join(tree.root, 'many.txt')).href, length: 0, truncated: true });
      expect(linked.content).toContainEqual(expect.objectContaining({ type: 'resource_link', uri: pathToFileURL(join(tree.root, 'many.txt')).href }));
      const read = await small.client.readResource({ uri: pathToFileURL(join(tree.root, 'many.txt')).href });
      expect(read.contents[0]).toMatchObject({ mimeType: 'text/plain' });
      expect((read.contents[0] as { text: string }).text).toContain('row 100');
    } finally {
      await small.close();
    }
  });

  it('refuses every write tool on a read entry, naming the setting', async () => {
    for (const [tool, args] of [
      ['write', { path: 'x', content: 'x' }],
      ['edit', { path: 'README.md', edits: [{ old: 'Title', new: 'T' }] }],
      ['mkdir', { path: 'd' }],
      ['copy', { source: 'README.md', destination: 'c' }],
      ['move', { source: 'README.md', destination: 'm' }],
      ['delete', { path: 'README.md' }],
    ] as const) {
      const error = await fs.fail(tool, args);
      expect(error.code).toBe('ACCESS_DENIED');
      expect(error.text).toContain(`${tool} needs access: ${tool === 'delete' ? 'destructive' : 'write'} on server files (currently read)`);
    }
    expect(existsSync(join(tree.root, 'x'))).toBe(false);
  });

  it('lists files as resources and reads them with a MIME type', async () => {
    const { resources } = await fs.client.listResources();
    const names = resources.map((r) => r.name);
    expect(names).toContain('src/deep/c.ts');
    expect(names).not.toContain('.env.local');
    expect(names).not.toContain('ignored/skip.txt');
    const templates = await fs.client.listResourceTemplates();
    expect(templates.resourceTemplates[0]?.uriTemplate).toBe('file://{+path}');
    const read = await fs.client.readResource({ uri: pathToFileURL(join(tree.root, 'README.md')).href });
    expect(read.contents[0]).toMatchObject({ mimeType: 'text/markdown', text: '# Title\nline two\nline three\n' });
    const bin = await fs.client.readResource({ uri: pathToFileURL(join(tree.root, 'bin/blob.bin')).href });
    expect(bin.contents[0]).toMatchObject({ blob: Buffer.from([0, 1, 2, 3, 255, 0, 10]).toString('base64') });
    await expect(fs.client.readResource({ uri: pathToFileURL(join(tree.root, 'nope')).href })).rejects.toMatchObject({ code: -32002 });
    await expect(fs.client.readResource({ uri: pathToFileURL(join(tree.root, '.env.local')).href })).rejects.toThrow(/denied/);
  });

  it('pages resources across a tree larger than a page', async () => {
    const big = makeTree();
    for (let i = 0; i < 1100; i++) writeFileSync(join(big.root, `f${String(i).padStart(4, '0')}.txt`), 'x');
    const server = await connectFs({ roots: [big.root] });
    try {
      const uris: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await server.client.listResources(cursor ? { cursor } : {});
        uris.push(...page.resources.map((r) => r.uri));
        cursor = page.nextCursor;
      } while (cursor);
      expect(uris).toHaveLength(1100);
      expect(new Set(uris).size).toBe(1100);
    } finally {
      await server.close();
      big.cleanup();
    }
  });
});

describe('write tools', () => {
  let tree: Sandbox;
  let fs: Connected;
  beforeEach(async () => {
    tree = makeTree({ 'a.txt': 'alpha\nbeta\nalpha\n', 'dir/b.txt': 'bee\n', 'dir/sub/c.txt': 'sea\n' });
    fs = await connectFs({ roots: [tree.root], access: 'destructive' });
  });
  afterEach(async () => {
    await fs.close();
    tree.cleanup();
  });
  const read = (path: string) => readFileSync(join(tree.root, path), 'utf8');

  it('write creates and replaces atomically, with createOnly and ifMatchSha256', async () => {
    expect(await fs.ok('write', { path: 'new.txt', content: 'hello' })).toEqual({ path: 'new.txt', bytes: 5, sha256: sha('hello'), created: true });
    expect(read('new.txt')).toBe('hello');
    expect((await fs.fail('write', { path: 'new.txt', content: 'again', createOnly: true })).code).toBe('EXISTS');
    const stale = await fs.fail('write', { path: 'new.txt', content: 'x', ifMatchSha256: sha('other') });
    expect(stale.code).toBe('CONFLICT');
    expect(read('new.txt')).toBe('hello');
    expect(await fs.ok('write', { path: 'new.txt', content: 'bye', ifMatchSha256: sha('hello') })).toMatchObject({ created: false, bytes: 3 });
    expect(read('new.txt')).toBe('bye');
    expect(await fs.ok('write', { path: 'bin.dat', content: Buffer.from([1, 2, 3]).toString('base64'), encoding: 'base64' })).toMatchObject({ bytes: 3 });
    expect(readFileSync(join(tree.root, 'bin.dat'))).toEqual(Buffer.from([1, 2, 3]));
    expect((await fs.fail('write', { path: 'x/y/z.txt', content: 'x' })).code).toBe('NOT_FOUND');
    expect(await fs.ok('write', { path: 'x/y/z.txt', content: 'x', createParents: true })).toMatchObject({ created: true });
    expect((await fs.fail('write', { path: 'dir', content: 'x' })).code).toBe('NOT_A_FILE');
    expect((await fs.fail('write', { path: '.env', content: 'x' })).code).toBe('DENIED');
    expect((await fs.fail('write', { path: 'q', content: 'x', createOnly: true, ifMatchSha256: sha('x') })).code).toBe('INVALID_ARGUMENTS');
  });

  it('write keeps the mode of a replaced file and leaves no temp files', async () => {
    chmodSync(join(tree.root, 'a.txt'), 0o600);
    await fs.ok('write', { path: 'a.txt', content: 'new' });
    expect(statSync(join(tree.root, 'a.txt')).mode & 0o777).toBe(0o600);
    const listing = await fs.ok<{ entries: Array<{ name: string }> }>('list_dir');
    expect(listing.entries.map((e) => e.name).some((n) => n.includes('.tmp'))).toBe(false);
  });

  it('write replaces a symlink itself, never its target', async () => {
    symlinkSync(join(tree.outside, 'secret.txt'), join(tree.root, 'link'));
    const result = await fs.call('write', { path: 'link', content: 'x' });
    expect(result.isError).toBe(true);
    expect(readFileSync(join(tree.outside, 'secret.txt'), 'utf8')).toBe('TOP SECRET outside\n');
  });

  it('edit applies all replacements or none, and dryRun shows a diff', async () => {
    const dry = await fs.ok<{ diff: string; dryRun: boolean }>('edit', { path: 'a.txt', edits: [{ old: 'beta', new: 'BETA' }], dryRun: true });
    expect(dry.dryRun).toBe(true);
    expect(dry.diff).toContain('-beta\n+BETA');
    expect(read('a.txt')).toBe('alpha\nbeta\nalpha\n');
    const none = await fs.fail('edit', { path: 'a.txt', edits: [{ old: 'beta', new: 'B' }, { old: 'alpha', new: 'A' }] });
    expect(none.code).toBe('NO_MATCH');
    expect(none.text).toContain('Edit 2: found 2 occurrence(s)');
    expect(read('a.txt')).toBe('alpha\nbeta\nalpha\n');
    const done = await fs.ok<{ applied: number; sha256: string }>('edit', { path: 'a.txt', edits: [{ old: 'beta', new: 'B' }, { old: 'alpha', new: 'A', expectedCount: 2 }] });
    expect(done.applied).toBe(2);
    expect(read('a.txt')).toBe('A\nB\nA\n');
    expect(done.sha256).toBe(sha('A\nB\nA\n'));
    expect((await fs.fail('edit', { path: 'a.txt', edits: [{ old: 'zzz', new: 'y' }] })).text).toContain('found 0');
    expect((await fs.fail('edit', { path: 'a.txt', edits: [{ old: 'A', new: 'y', expectedCount: 2 }], ifMatchSha256: sha('old') })).code).toBe('CONFLICT');
    expect((await fs.fail('edit', { path: 'dir', edits: [{ old: 'a', new: 'b' }] })).code).toBe('NOT_A_FILE');
  });

  it('mkdir creates directories, idempotently', async () => {
    expect(await fs.ok('mkdir', { path: 'n1/n2' })).toEqual({ path: 'n1/n2', created: true });
    expect(await fs.ok('mkdir', { path: 'n1/n2' })).toEqual({ path: 'n1/n2', created: false });
    expect((await fs.fail('mkdir', { path: 'p1/p2', parents: false })).code).toBe('NOT_FOUND');
    expect((await fs.fail('mkdir', { path: 'a.txt' })).code).toBe('EXISTS');
  });

  it('copy copies files and trees, refusing to overwrite unless asked', async () => {
    expect(await fs.ok('copy', { source: 'a.txt', destination: 'a2.txt' })).toMatchObject({ type: 'file', replaced: false });
    expect(read('a2.txt')).toBe(read('a.txt'));
    expect((await fs.fail('copy', { source: 'dir/b.txt', destination: 'a2.txt' })).code).toBe('EXISTS');
    expect(await fs.ok('copy', { source: 'dir/b.txt', destination: 'a2.txt', overwrite: true })).toMatchObject({ replaced: true });
    expect(read('a2.txt')).toBe('bee\n');
    writeFileSync(join(tree.root, 'dir/.env'), 'SECRET=1');
    expect(await fs.ok('copy', { source: 'dir', destination: 'dir2' })).toMatchObject({ type: 'directory', copied: 4, skipped: 1 });
    expect(read('dir2/sub/c.txt')).toBe('sea\n');
    expect(existsSync(join(tree.root, 'dir2/.env'))).toBe(false);
    expect((await fs.fail('copy', { source: 'dir', destination: 'dir/inside' })).code).toBe('CONFLICT');
    expect((await fs.fail('copy', { source: 'nope', destination: 'x' })).code).toBe('NOT_FOUND');
  });

  it('move renames files and directories, refusing to overwrite unless asked', async () => {
    expect(await fs.ok('move', { source: 'a.txt', destination: 'moved.txt' })).toMatchObject({ type: 'file', replaced: false });
    expect(existsSync(join(tree.root, 'a.txt'))).toBe(false);
    writeFileSync(join(tree.root, 'other.txt'), 'other');
    expect((await fs.fail('move', { source: 'other.txt', destination: 'moved.txt' })).code).toBe('EXISTS');
    expect(await fs.ok('move', { source: 'other.txt', destination: 'moved.txt', overwrite: true })).toMatchObject({ replaced: true });
    expect(read('moved.txt')).toBe('other');
    expect(await fs.ok('move', { source: 'dir', destination: 'newdir/inner', createParents: true })).toMatchObject({ type: 'directory' });
    expect(read('newdir/inner/sub/c.txt')).toBe('sea\n');
    expect((await fs.fail('move', { source: 'newdir', destination: 'newdir/inner/x' })).code).toBe('CONFLICT');
    expect((await fs.fail('move', { source: '.', destination: 'x' })).code).toBe('CONFLICT');
    writeFileSync(join(tree.root, 'newdir/.env'), 'SECRET=1');
    expect((await fs.fail('move', { source: 'newdir', destination: 'elsewhere' })).code).toBe('DENIED');
  });

  it('delete removes files and links, and directories only when recursive', async () => {
    expect(await fs.ok('delete', { path: 'a.txt' })).toEqual({ path: 'a.txt', type: 'file', removed: 1 });
    const notRecursive = await fs.fail('delete', { path: 'dir' });
    expect(notRecursive.code).toBe('NOT_A_FILE');
    expect(notRecursive.text).toContain('recursive: true');
    mkdirSync(join(tree.root, 'empty-dir'));
    expect((await fs.fail('delete', { path: 'empty-dir' })).code).toBe('NOT_A_FILE');
    expect(await fs.ok('delete', { path: 'empty-dir', recursive: true })).toEqual({ path: 'empty-dir', type: 'directory', removed: 1 });
    expect(await fs.ok('delete', { path: 'dir', recursive: true })).toEqual({ path: 'dir', type: 'directory', removed: 4 });
    expect(existsSync(join(tree.root, 'dir'))).toBe(false);
    expect((await fs.fail('delete', { path: '.' })).code).toBe('CONFLICT');
    expect((await fs.fail('delete', { path: 'nope' })).code).toBe('NOT_FOUND');
    mkdirSync(join(tree.root, 'keep'));
    writeFileSync(join(tree.root, 'keep/id_rsa'), 'key');
    expect((await fs.fail('delete', { path: 'keep', recursive: true })).code).toBe('DENIED');
    expect(existsSync(join(tree.root, 'keep/id_rsa'))).toBe(true);
    symlinkSync(join(tree.outside, 'secret.txt'), join(tree.root, 'ln'));
    expect(await fs.ok('delete', { path: 'ln' })).toMatchObject({ type: 'symlink' });
    expect(existsSync(join(tree.outside, 'secret.txt'))).toBe(true);
  });

  it('a write entry allows writes but not deletes', async () => {
    const writer = await connectFs({ roots: [tree.root], access: 'write' });
    try {
      await writer.ok('write', { path: 'w.txt', content: 'w' });
      const denied = await writer.fail('delete', { path: 'w.txt' });
      expect(denied.text).toContain('delete needs access: destructive on server files (currently write)');
    } finally {
      await writer.close();
    }
  });
});

describe('roots', () => {
  let tree: Sandbox;
  beforeAll(() => {
    tree = makeTree({ 'docs/a.md': 'a\n', 'src/b.ts': 'b\n', 'ro/c.txt': 'c\n' });
  });
  afterAll(() => tree.cleanup());

  it('gives each root its own tier; the entry tier is the default', async () => {
    const fs = await connectFs({ roots: [join(tree.root, 'docs'), { path: join(tree.root, 'src'), access: 'write' }, { path: join(tree.root, 'ro'), name: 'readonly' }] });
    try {
      expect((await fs.ok<{ roots: Array<{ name: string; access: string }> }>('list_roots')).roots.map((r) => `${r.name}:${r.access}`)).toEqual(['docs:read', 'src:write', 'readonly:read']);
      expect(await fs.ok('write', { path: join(tree.root, 'src/new.ts'), content: 'x' })).toMatchObject({ created: true });
      const denied = await fs.fail('write', { path: 'new.md', content: 'x' });
      expect(denied.code).toBe('ACCESS_DENIED');
      expect(denied.text).toContain(`write needs access: write on root ${join(tree.root, 'docs')} of server files (currently read)`);
      expect(await fs.ok('read_text', { path: join(tree.root, 'ro/c.txt') })).toMatchObject({ text: 'c\n' });
    } finally {
      await fs.close();
    }
  });

  it('intersects with the client roots, re-reading them on roots/list_changed', async () => {
    const { ListRootsRequestSchema } = await import('@modelcontextprotocol/sdk/types.js');
    let offered = [{ uri: pathToFileURL(join(tree.root, 'docs')).href, name: 'client-docs' }, { uri: pathToFileURL(tree.outside).href }];
    const fs = await connectFs({ roots: [tree.root] }, { clientCapabilities: { roots: { listChanged: true } } });
    fs.client.setRequestHandler(ListRootsRequestSchema, () => ({ roots: offered }));
    try {
      const listed = await fs.ok<{ roots: Array<{ path: string; name: string }>; narrowedByClient: boolean }>('list_roots');
      expect(listed).toEqual({ roots: [{ name: 'client-docs', path: join(tree.root, 'docs'), access: 'read' }], narrowedByClient: true });
      expect(await fs.ok('read_text', { path: 'a.md' })).toMatchObject({ text: 'a\n' });
      expect((await fs.fail('read_text', { path: join(tree.root, 'src/b.ts') })).code).toBe('OUTSIDE_ROOTS');
      expect((await fs.fail('read_text', { path: join(tree.outside, 'secret.txt') })).code).toBe('OUTSIDE_ROOTS');
      // A client root wider than the configured one does not widen access.
      offered = [{ uri: pathToFileURL(tree.base).href, name: 'everything' }];
      await fs.client.sendRootsListChanged();
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect((await fs.ok<{ roots: Array<{ path: string }> }>('list_roots')).roots.map((r) => r.path)).toEqual([tree.root]);
      expect((await fs.fail('read_text', { path: join(tree.base, 'secret.txt') })).code).toBe('OUTSIDE_ROOTS');
      // Roots that do not overlap leave nothing.
      offered = [{ uri: pathToFileURL(tree.outside).href }];
      await fs.client.sendRootsListChanged();
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect((await fs.fail('read_text', { path: 'a.md' })).code).toBe('NO_ROOTS');
    } finally {
      await fs.close();
    }
  });

  it('applies the configured roots when the client lists no roots (an empty roots/list is no boundary)', async () => {
    const { ListRootsRequestSchema } = await import('@modelcontextprotocol/sdk/types.js');
    let offered: Array<{ uri: string; name?: string }> = [];
    const fs = await connectFs({ roots: [join(tree.root, 'docs')] }, { clientCapabilities: { roots: { listChanged: true } } });
    fs.client.setRequestHandler(ListRootsRequestSchema, () => ({ roots: offered }));
    try {
      expect(await fs.ok('list_roots')).toEqual({ roots: [{ name: 'docs', path: join(tree.root, 'docs'), access: 'read' }], narrowedByClient: false });
      expect(await fs.ok('read_text', { path: 'a.md' })).toMatchObject({ text: 'a\n' });
      // The configured roots still bound an empty list: nothing outside them opens.
      expect((await fs.fail('read_text', { path: join(tree.root, 'src/b.ts') })).code).toBe('OUTSIDE_ROOTS');
      // Roots that are then listed narrow as before, and non-overlapping ones leave none.
      offered = [{ uri: pathToFileURL(tree.outside).href }];
      await fs.client.sendRootsListChanged();
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect((await fs.fail('read_text', { path: 'a.md' })).code).toBe('NO_ROOTS');
    } finally {
      await fs.close();
    }
  });

  it('with clientRoots: ignore, uses the configured roots whatever the client lists, and never asks', async () => {
    const { ListRootsRequestSchema } = await import('@modelcontextprotocol/sdk/types.js');
    let asked = 0;
    const fs = await connectFs({ roots: [join(tree.root, 'docs')], clientRoots: 'ignore' }, { clientCapabilities: { roots: { listChanged: true } } });
    fs.client.setRequestHandler(ListRootsRequestSchema, () => {
      asked += 1;
      return { roots: [{ uri: pathToFileURL(tree.outside).href }] };
    });
    try {
      expect(await fs.ok('read_text', { path: 'a.md' })).toMatchObject({ text: 'a\n' });
      expect(await fs.ok('list_roots')).toMatchObject({ narrowedByClient: false });
      expect(asked).toBe(0);
      await expect(connectFs({ roots: [tree.root], clientRoots: 'union' })).rejects.toThrow(/clientRoots/);
    } finally {
      await fs.close();
    }
  });

  it('rejects bad configuration when the server is built', async () => {
    await expect(connectFs({ roots: [] })).rejects.toThrow(/at least one directory/);
    await expect(connectFs({ roots: [join(tree.root, 'missing')] })).rejects.toThrow(/MCPCTL_FS_ROOT_INVALID|cannot be used/);
    await expect(connectFs({ roots: [join(tree.root, 'docs/a.md')] })).rejects.toThrow(/not a directory/);
    await expect(connectFs({ roots: [tree.root], access: 'admin' })).rejects.toThrow(/access must be/);
    await expect(connectFs({ roots: [tree.root], deny: ['!x'] })).rejects.toThrow(/negation/);
    const relative = await connectFs({ roots: ['./docs'] }, { baseDir: tree.root });
    try {
      expect((await relative.ok<{ roots: Array<{ path: string }> }>('list_roots')).roots[0]?.path).toBe(join(tree.root, 'docs'));
    } finally {
      await relative.close();
    }
  });

  it('applies extra deny globs from the entry', async () => {
    const fs = await connectFs({ roots: [tree.root], deny: ['src/'] });
    try {
      expect((await fs.fail('read_text', { path: 'src/b.ts' })).code).toBe('DENIED');
      expect((await fs.ok<{ matches: unknown[] }>('find', { pattern: '*.ts' })).matches).toEqual([]);
    } finally {
      await fs.close();
    }
  });
});
