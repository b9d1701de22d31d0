import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { matchesIntegrity } from '../../registry/integrity.js';

/**
 * Verified tarballs kept by their sha512, so reinstalling or updating does
 * not download them again. A file is used only if it still matches the
 * integrity it is filed under; it is written whole, then renamed.
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
      await mkdir(dirname(file), { recursive: true });
      const temporary = `${file}.${randomUUID()}.tmp`;
      await writeFile(temporary, data);
      await rename(temporary, file);
    } catch {
      // A cache that cannot be written costs a download next time, nothing more.
    }
  }

  private fileFor(integrity: string): string | undefined {
    const sha512 = integrity.split(/\s+/).find((hash) => hash.startsWith('sha512-'));
    if (!this.directory || !sha512) return undefined;
    const hex = Buffer.from(sha512.slice('sha512-'.length).split('?')[0]!, 'base64').toString('hex');
    return join(this.directory, 'sha512', hex.slice(0, 2), `${hex.slice(2)}.tgz`);
  }
}
