import { isPlainObject } from './json-schema-check.js';
import { contentFileName, saveToDir } from './save-content.js';
import { base64Size, formatBytes, oneLine } from './text.js';

export interface RenderOptions {
  /** Save binary content into this directory (--out). */
  outDir?: string;
  /** Numbering for saved files, shared across calls of one command. */
  counter?: { next: number };
}

/**
 * Render MCP content blocks as text lines for a person: text as is,
 * resource links and embedded resources with their URI, image / audio /
 * binary saved with --out (the path is printed) or summarized by type and size.
 */
export async function renderContent(blocks: unknown[], options: RenderOptions = {}): Promise<string[]> {
  const lines: string[] = [];
  const counter = options.counter ?? { next: 1 };
  for (const block of blocks) {
    if (!isPlainObject(block)) continue;
    switch (block.type) {
      case 'text':
        lines.push(String(block.text ?? ''));
        break;
      case 'image':
      case 'audio':
        lines.push(await binary(String(block.type), String(block.data ?? ''), str(block.mimeType), undefined, options, counter));
        break;
      case 'resource_link': {
        const meta = [str(block.mimeType), typeof block.size === 'number' ? formatBytes(block.size) : undefined].filter(Boolean).join(', ');
        const title = str(block.title) ?? str(block.name) ?? '';
        lines.push(`→ ${title ? `${title} ` : ''}<${String(block.uri)}>${meta ? ` (${meta})` : ''}${block.description ? ` — ${oneLine(block.description)}` : ''}`);
        break;
      }
      case 'resource': {
        const resource = isPlainObject(block.resource) ? block.resource : {};
        lines.push(...(await renderResourceContents([resource], options, counter)));
        break;
      }
      default:
        lines.push(`[${String(block.type)} content]`);
    }
  }
  return lines;
}

/** Render `resources/read` contents (and embedded resources). */
export async function renderResourceContents(contents: unknown[], options: RenderOptions = {}, counter = options.counter ?? { next: 1 }): Promise<string[]> {
  const lines: string[] = [];
  for (const item of contents) {
    if (!isPlainObject(item)) continue;
    const uri = str(item.uri) ?? '';
    const mime = str(item.mimeType);
    if (typeof item.text === 'string') {
      lines.push(`── ${uri}${mime ? ` (${mime})` : ''} ──`, item.text);
    } else if (typeof item.blob === 'string') {
      lines.push(await binary('resource', item.blob, mime, uri, options, counter));
    }
  }
  return lines;
}

async function binary(kind: string, data: string, mime: string | undefined, uri: string | undefined, options: RenderOptions, counter: { next: number }): Promise<string> {
  const size = formatBytes(base64Size(data));
  const what = `${kind}${mime ? ` ${mime}` : ''}${uri ? ` <${uri}>` : ''}, ${size}`;
  if (!options.outDir) return `[${what} — pass --out <dir> to save it]`;
  const path = await saveToDir(options.outDir, contentFileName(counter.next++, kind, mime, uri), data, 'base64');
  return `[${what} — saved to ${path}]`;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
