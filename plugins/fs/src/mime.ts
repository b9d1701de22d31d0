import { extname } from 'node:path';

/** MIME types by extension: enough to label resources; anything else is text/plain or octet-stream. */
const TYPES: Readonly<Record<string, string>> = {
  '.txt': 'text/plain', '.md': 'text/markdown', '.markdown': 'text/markdown', '.html': 'text/html', '.htm': 'text/html',
  '.css': 'text/css', '.csv': 'text/csv', '.tsv': 'text/tab-separated-values', '.xml': 'application/xml',
  '.js': 'text/javascript', '.mjs': 'text/javascript', '.cjs': 'text/javascript', '.ts': 'text/x-typescript', '.tsx': 'text/x-typescript',
  '.json': 'application/json', '.yaml': 'application/yaml', '.yml': 'application/yaml', '.toml': 'application/toml',
  '.py': 'text/x-python', '.rb': 'text/x-ruby', '.go': 'text/x-go', '.rs': 'text/x-rust', '.java': 'text/x-java', '.c': 'text/x-c',
  '.h': 'text/x-c', '.cpp': 'text/x-c++', '.sh': 'application/x-sh', '.sql': 'application/sql', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp', '.ico': 'image/x-icon',
  '.pdf': 'application/pdf', '.zip': 'application/zip', '.gz': 'application/gzip', '.tar': 'application/x-tar',
  '.wasm': 'application/wasm', '.mp3': 'audio/mpeg', '.wav': 'audio/wav', '.mp4': 'video/mp4',
};

export function mimeTypeOf(path: string, binary?: boolean): string {
  return TYPES[extname(path).toLowerCase()] ?? (binary ? 'application/octet-stream' : 'text/plain');
}

/** Bytes sniffed for binary detection (like git and grep: a NUL byte means binary). */
const SNIFF_BYTES = 8000;

export function looksBinary(chunk: Buffer): boolean {
  const nul = chunk.indexOf(0);
  return nul !== -1 && nul < SNIFF_BYTES;
}
