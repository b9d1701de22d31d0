import { basename, dirname, join } from 'node:path';
import picomatch from 'picomatch';
import { cursorScope, decodeCursor, defineTool, encodeCursor, pageOutputProperties, ToolError, ToolErrorCode, type Tool } from '@mcpctl/toolkit';
import type { SearchSpec } from '../grep/batch.js';
import { ParallelSearch, type QueuedFile } from '../grep/parallel.js';
import { searchFile, type LineMatch, type SearchOptions } from '../grep/search.js';
import { workerPool } from '../pool/pool.js';
import { closeQuietly, O_NONBLOCK, O_RDONLY, openAt } from '../sandbox/fd.js';
import { GlobRules } from '../sandbox/rules.js';
import { walk } from '../walk.js';
import { excludeProperty, optionalPathProperty, resolveDirectory, type FsDeps } from './common.js';

interface Input {
  pattern: string;
  literal: boolean;
  ignoreCase: boolean;
  path: string;
  include?: string;
  exclude: string[];
  contextLines: number;
  maxMatches: number;
  cursor?: string;
}

interface Match extends LineMatch {
  path: string;
}

interface Output extends Record<string, unknown> {
  matches: Match[];
  filesSearched: number;
  filesMatched: number;
  nextCursor?: string;
  truncated: boolean;
}

const MAX_LINE = 400;
/**
 * For a literal pattern, the files searched in this thread before the rest
 * go to the worker pool: a small search is over before batches would pay for
 * themselves (and the first one in a process for starting the workers). A
 * regular expression runs only on workers, from the first file: one that runs
 * away on a long line must not hold the server's thread, where nothing can
 * stop it, while on a worker a cancelled or timed-out call stops it.
 */
const INLINE_LITERAL_FILES = 256;

interface GrepFile extends QueuedFile {
  path: string;
  fromStart: string;
}

export function grepTool(deps: FsDeps): Tool {
  return defineTool<Input, Output>({
    name: 'grep',
    title: 'Search file contents',
    description:
      'Search files under a directory for a regular expression (JavaScript syntax) or a literal string, line by line, with optional context lines. Skips binary files, honours .gitignore and deny rules; streams large files. Paged by maxMatches.',
    tier: 'read',
    inputSchema: {
      type: 'object',
      properties: {
        pattern: { type: 'string', minLength: 1, maxLength: 1000 },
        literal: { type: 'boolean', default: false, description: 'Treat pattern as a plain string' },
        ignoreCase: { type: 'boolean', default: false },
        path: optionalPathProperty,
        include: { type: 'string', minLength: 1, description: 'Only files matching this glob (by name, or by path relative to `path` if it has a "/")' },
        exclude: excludeProperty,
        contextLines: { type: 'integer', minimum: 0, maximum: 10, default: 0 },
        maxMatches: { type: 'integer', minimum: 1, maximum: 5000, default: 100, description: 'Matches per page' },
        cursor: { type: 'string', description: 'nextCursor of the previous page' },
      },
      required: ['pattern'],
      additionalProperties: false,
    },
    outputSchema: {
      type: 'object',
      properties: {
        matches: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              path: { type: 'string' },
              line: { type: 'integer', minimum: 1 },
              text: { type: 'string' },
              before: { type: 'array', items: { type: 'string' } },
              after: { type: 'array', items: { type: 'string' } },
            },
            required: ['path', 'line', 'text'],
          },
        },
        filesSearched: { type: 'integer' },
        filesMatched: { type: 'integer' },
        ...pageOutputProperties,
      },
      required: ['matches', 'filesSearched', 'filesMatched', 'truncated'],
    },
    async handler(input, ctx) {
      const sandbox = await deps.sandbox(ctx);
      const start = resolveDirectory(sandbox, input.path, 'grep', 'grep searches a directory; use include to pick files.');
      let regex: RegExp;
      try {
        const source = input.literal ? input.pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : input.pattern;
        regex = new RegExp(source, input.ignoreCase ? 'mi' : 'm');
      } catch (error) {
        throw new ToolError(ToolErrorCode.INVALID_ARGUMENTS, `Invalid regular expression: ${(error as Error).message}`, { hint: 'Escape special characters, or pass literal: true.' });
      }
      const needle = input.literal && !input.ignoreCase ? Buffer.from(input.pattern, 'utf8') : undefined;
      const scope = cursorScope({ ...input, path: start.path });
      const resume = input.cursor === undefined ? undefined : decodeResume(input.cursor, scope);
      const includeByPath = input.include?.includes('/') ?? false;
      const include = input.include ? picomatch(input.include, { dot: true }) : undefined;

      const matches: Match[] = [];
      let filesSearched = 0;
      let filesMatched = 0;
      let full = false;
      let last: { file: string; line: number } | undefined;

      // The file being searched. One at a time (a large file is awaited before the walk goes on),
      // so one match handler serves every file and nothing is allocated per file that does not match.
      let currentPath = '';
      let currentFromStart = '';
      let currentDisplay: string | undefined;
      const options: SearchOptions = {
        regex,
        ...(needle ? { needle } : {}),
        contextLines: input.contextLines,
        afterLine: 0,
        maxLineLength: MAX_LINE,
        signal: ctx.signal,
        onMatch(match) {
          currentDisplay ??= sandbox.display(currentPath);
          const item: Match = { path: currentDisplay, ...match };
          if (matches.length >= input.maxMatches || !ctx.budget.takeJson(item)) {
            full = true;
            return false;
          }
          if (last?.file !== currentFromStart) filesMatched++;
          matches.push(item);
          last = { file: currentFromStart, line: match.line };
          return true;
        },
      };

      /** A file's matches are about to come in (from this thread or a worker). */
      const beginFile = (path: string, fromStart: string): void => {
        filesSearched++;
        if (filesSearched % 1000 === 0) ctx.progress(filesSearched);
        currentPath = path;
        currentFromStart = fromStart;
        currentDisplay = undefined;
      };

      /** Search one open file (and close it): synchronously when small. False once the page is full. */
      const searchOne = (fd: number, path: string, fromStart: string, afterLine: number): boolean | Promise<boolean> => {
        beginFile(path, fromStart);
        options.afterLine = afterLine;
        let outcome: ReturnType<typeof searchFile>;
        try {
          outcome = searchFile(fd, options);
        } catch (error) {
          closeQuietly(fd);
          throw error;
        }
        if (outcome instanceof Promise) return outcome.then((result) => result !== 'stopped').finally(() => closeQuietly(fd));
        closeQuietly(fd);
        return outcome !== 'stopped';
      };

      // Past the inline files (none for a regex), files go to the pool in batches; results come back in walk order.
      const spec: SearchSpec = { source: regex.source, flags: regex.flags, ...(needle ? { needle: input.pattern } : {}), contextLines: input.contextLines, maxLineLength: MAX_LINE };
      const limits = () => ({ maxMatches: input.maxMatches - matches.length + 1, maxBytes: ctx.budget.remaining });
      const consume = (file: GrepFile, found: LineMatch[] | undefined): boolean => {
        if (found === undefined) return true; // vanished, or swapped for a link: skipped
        beginFile(file.path, file.fromStart);
        for (const match of found) if (!options.onMatch(match)) return false;
        return true;
      };
      const inlineFiles = input.literal ? INLINE_LITERAL_FILES : 0;
      let parallel: ParallelSearch<GrepFile> | undefined;
      const startParallel = (firstAfterLine?: number) => (parallel ??= new ParallelSearch(workerPool(), spec, limits, consume, ctx.signal, firstAfterLine));

      let go = true;
      let dirOfResume: number | undefined;
      try {
        if (resume) {
          // Finish the file the last page stopped in, then walk on after it.
          const file = sandbox.resolve(join(start.path, resume.file), { needs: 'read', what: 'grep', allowMissing: true });
          if (file.stats?.isFile() && inlineFiles > 0) go = await searchOne(sandbox.openRead(file), file.path, resume.file, resume.line);
          else if (file.stats?.isFile()) {
            // A worker opens it by name inside its checked directory, like any file of the walk.
            const dir = sandbox.resolveExisting(dirname(file.path), { needs: 'read', what: 'grep' });
            const dirFd = sandbox.openRead(dir, true);
            dirOfResume = dirFd;
            go = await startParallel(resume.line).add({ file: { dirFd, dirPath: dir.path, name: basename(file.path) }, path: file.path, fromStart: resume.file, release: () => undefined });
          }
        }
        let seen = 0;
        if (go) {
          go = await walk({
            sandbox,
            start,
            respectGitignore: deps.options.respectGitignore,
            exclude: input.exclude.length > 0 ? new GlobRules(input.exclude) : undefined,
            after: resume?.file,
            signal: ctx.signal,
            visit(entry) {
              if (entry.kind !== 'file') return undefined;
              if (include && !include(includeByPath ? entry.fromStart : entry.name)) return undefined;
              if (parallel === undefined && ++seen > inlineFiles) startParallel();
              if (parallel) {
                const more = parallel.add({ file: { dirFd: entry.dirFd, dirPath: entry.dirPath, name: entry.name }, path: entry.path, fromStart: entry.fromStart, release: entry.retainDir() });
                if (more instanceof Promise) return more.then((go) => (go ? undefined : 'stop'));
                return more ? undefined : 'stop';
              }
              let fd: number;
              try {
                fd = openAt(entry.dirFd, entry.dirPath, entry.name, O_RDONLY | O_NONBLOCK);
              } catch {
                return undefined; // vanished, or swapped for a link: skipped
              }
              const more = searchOne(fd, entry.path, entry.fromStart, 0);
              if (more instanceof Promise) return more.then((go) => (go ? undefined : 'stop'));
              return more ? undefined : 'stop';
            },
          });
        }
        if (go && parallel) await parallel.finish();
      } finally {
        // Cancelled, timed out or failed: stop the workers' batches and let go of the directories.
        await parallel?.abandon();
        if (dirOfResume !== undefined) closeQuietly(dirOfResume);
      }
      return {
        matches,
        filesSearched,
        filesMatched,
        ...(full && last ? { nextCursor: encodeCursor({ f: last.file, l: last.line }, scope) } : {}),
        truncated: full,
      };
    },
    render: (o) =>
      [
        ...o.matches.map((m) => [...(m.before ?? []).map((l, i) => `${m.path}-${m.line - (m.before?.length ?? 0) + i}-${l}`), `${m.path}:${m.line}:${m.text}`, ...(m.after ?? []).map((l, i) => `${m.path}-${m.line + 1 + i}-${l}`)].join('\n')),
        ...(o.truncated ? ['… more matches (pass nextCursor)'] : []),
      ].join('\n') || '(no matches)',
  });
}

function decodeResume(cursor: string, scope: string): { file: string; line: number } {
  const state = decodeCursor(cursor, scope);
  if (typeof state !== 'object' || state === null || Array.isArray(state) || typeof state.f !== 'string' || typeof state.l !== 'number' || state.f.split('/').includes('..')) {
    throw new ToolError(ToolErrorCode.INVALID_CURSOR, 'Invalid cursor: it is not a cursor this server made');
  }
  return { file: state.f, line: state.l };
}
