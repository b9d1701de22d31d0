import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '@mcpctl/kernel';
import { matchesIntegrity, sha512Digest } from '../../registry/integrity.js';

/**
 * Verified tarballs kept by their sha512, so reinstalling or updating does
 * not download them again. A file is used only if it still matches the
 * integrity it is filed under; it is written atomically.
 */
export class TarballCache {
  constructor(private readonly directory: string | undefined) {}

  async read(integrity: string): Promise<Buffer | undefined> {
    const file = this.fileFor(integrity);
    if (!file) return undefined;
    const data = await readFile(file).catch(() => undefined);
    return data && matchesIntegrity(data, integrity) ? data : undefined;
  }

  async write(integrity: string, data: Buffer): Promise<void> {
    const file = this.fileFor(integrity);
    if (!file) return;
    try {
      await writeFileAtomic(file, data);
    } catch {
      // A cache that cannot be written costs a download next time, nothing more.
    }
  }

  private fileFor(integrity: string): string | undefined {
    const digest = sha512Digest(integrity);
    if (!this.directory || !digest) return undefined;
    const hex = Buffer.from(digest, 'base64').toString('hex');
    return join(this.directory, 'sha512', hex.slice(0, 2), `${hex.slice(2)}.tgz`);
  }
}
