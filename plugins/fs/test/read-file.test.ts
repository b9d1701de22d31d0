import { closeSync, openSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeUtf8, readWhole, readWholeSmall } from '../src/read-file.js';
import { makeTree, type Sandbox } from './helpers.js';

const sha = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

describe('whole-file reads', () => {
  let tree: Sandbox;
  beforeAll(() => {
    tree = makeTree();
  });
  afterAll(() => tree.cleanup());

  async function withFile<T>(name: string, content: string | Buffer, read: (fd: number) => T | Promise<T>): Promise<T> {
    writeFileSync(join(tree.root, name), content);
    const fd = openSync(join(tree.root, name), 'r');
    try {
      return await read(fd);
    } finally {
      closeSync(fd);
    }
  }

  it('reads a small file in one go, capped, with the whole file\'s hash', async () => {
    const read = await withFile('small.txt', 'héllo\nworld\n', (fd) => readWholeSmall(fd, 100, 13));
    expect(read).toMatchObject({ size: 13, sha256: sha('héllo\nworld\n'), binary: false, cut: false });
    expect(decodeUtf8(read!.bytes)).toBe('héllo\nworld\n');
    // A cap inside "é" drops the cut character.
    const capped = await withFile('small.txt', 'héllo\nworld\n', (fd) => readWholeSmall(fd, 2, 13));
    expect(capped).toMatchObject({ size: 13, sha256: sha('héllo\nworld\n'), cut: true });
    expect(decodeUtf8(capped!.bytes)).toBe('h');
  });

  it('reads a file as it is when it shrank or grew since it was looked at', async () => {
    // Shrank: what is there now, whole.
    expect(await withFile('changed.txt', 'abc', (fd) => readWholeSmall(fd, 100, 10))).toMatchObject({ size: 3, sha256: sha('abc'), cut: false });
    // Grew: the small path declines, and readWhole streams it all.
    expect(await withFile('changed.txt', 'abcdefghijkl', (fd) => readWholeSmall(fd, 100, 5))).toBeUndefined();
    const grown = await withFile('changed.txt', 'abcdefghijkl', (fd) => readWhole(fd, 100, new AbortController().signal, 5));
    expect(grown).toMatchObject({ size: 12, sha256: sha('abcdefghijkl'), cut: false });
  });

  it('leaves files of a chunk or more to the streaming pass, and flags binary files', async () => {
    const big = 'x'.repeat(200_000);
    expect(await withFile('big.txt', big, (fd) => readWholeSmall(fd, 300_000, big.length))).toBeUndefined();
    const read = await withFile('big.txt', big, (fd) => readWhole(fd, 1000, new AbortController().signal, big.length));
    expect(read).toMatchObject({ size: 200_000, sha256: sha(big), cut: true });
    expect(read.bytes.length).toBe(1000);
    expect(await withFile('blob.bin', Buffer.from([1, 0, 2]), (fd) => readWholeSmall(fd, 100, 3))).toMatchObject({ binary: true });
  });
});
