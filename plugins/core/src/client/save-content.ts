import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { errors } from '@mcpctl/kernel';
import { WRITE_FAILED } from '../errors.js';

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp', 'image/svg+xml': 'svg',
  'audio/wav': 'wav', 'audio/x-wav': 'wav', 'audio/mpeg': 'mp3', 'audio/ogg': 'ogg', 'audio/webm': 'webm',
  'application/pdf': 'pdf', 'application/gzip': 'gz', 'application/zip': 'zip', 'application/json': 'json',
  'text/plain': 'txt', 'text/markdown': 'md', 'text/html': 'html', 'application/octet-stream': 'bin',
};

/** A file name for a piece of content: from its URI when it has one, else `<index>-<kind>.<ext>`. */
export function contentFileName(index: number, kind: string, mimeType: string | undefined, uri?: string): string {
  const ext = (mimeType && EXTENSIONS[mimeType.split(';')[0]!.trim()]) ?? 'bin';
  if (uri) {
    const last = basename(uri.replace(/[?#].*$/, '')).replace(/[^A-Za-z0-9._-]/g, '_');
    if (last && last !== '.' && last !== '..') return `${index}-${last}${/\.[A-Za-z0-9]{1,5}$/.test(last) ? '' : `.${ext}`}`;
  }
  return `${index}-${kind}.${ext}`;
}

/** Write base64 data (or text) to `dir/name`, creating the directory. Returns the path. */
export async function saveToDir(dir: string, name: string, data: string, encoding: 'base64' | 'utf8'): Promise<string> {
  const path = join(dir, name);
  await saveToFile(path, data, encoding, { mkdirs: true });
  return path;
}

/** Write base64 data (or text) to `path`; a failure is WRITE_FAILED naming the path. */
export async function saveToFile(path: string, data: string, encoding: 'base64' | 'utf8', options: { mkdirs?: boolean } = {}): Promise<void> {
  try {
    if (options.mkdirs) await mkdir(dirname(path), { recursive: true });
    await writeFile(path, Buffer.from(data, encoding));
  } catch (error) {
    throw WRITE_FAILED(path, (error as Error).message, { cause: error });
  }
}
