import { throwIfAborted } from '@mcpctl/toolkit/base';
import { closeQuietly, O_NONBLOCK, O_RDONLY, openAt } from '../sandbox/fd.js';
import { searchFile, type LineMatch, type SearchOptions } from './search.js';

/**
 * A batch of files searched on a pool worker. The files are named by the
 * directory descriptors the walk opened and verified (descriptors are shared
 * by every thread of a process), so a worker opens exactly what the walk
 * would have: a name inside a checked directory, never a symlink.
 */

export interface SearchSpec {
  source: string;
  flags: string;
  /** A case-sensitive literal, searched as bytes (see SearchOptions.needle). */
  needle?: string;
  contextLines: number;
  maxLineLength: number;
}

export interface BatchFile {
  dirFd: number;
  dirPath: string;
  name: string;
}

/**
 * Files of one directory, names joined by NUL (which no name holds): one
 * string per directory is far cheaper to post to a worker than an object per file.
 */
export interface BatchDirectory {
  dirFd: number;
  dirPath: string;
  names: string;
}

/** The batch's files, in order, grouped by directory. */
export function groupByDirectory(files: readonly BatchFile[]): BatchDirectory[] {
  const groups: Array<{ dirFd: number; dirPath: string; names: string[] }> = [];
  for (const file of files) {
    const last = groups.at(-1);
    if (last?.dirFd === file.dirFd) last.names.push(file.name);
    else groups.push({ dirFd: file.dirFd, dirPath: file.dirPath, names: [file.name] });
  }
  return groups.map((group) => ({ dirFd: group.dirFd, dirPath: group.dirPath, names: group.names.join('\0') }));
}

export interface SearchBatch {
  kind: 'grep';
  spec: SearchSpec;
  directories: BatchDirectory[];
  /** Stop after this many matches: the caller cannot take more from this batch. */
  maxMatches: number;
  /** Stop once the matches, as compact JSON, pass this many bytes (what is left of the caller's budget). */
  maxBytes: number;
  /** Report matches of the batch's first file only after this line (resuming a page inside it). */
  firstAfterLine?: number;
}

export interface SearchBatchResult {
  /** Files[0..end) were looked at; the rest were not (the batch stopped on a limit). */
  end: number;
  /** Indexes of files that could not be opened (vanished, or swapped for a link): not searched. */
  unopened: number[];
  /** [index, matches] of each file with matches, in order. */
  matched: Array<[number, LineMatch[]]>;
}

export async function searchBatch(batch: SearchBatch, signal: AbortSignal): Promise<SearchBatchResult> {
  const { spec } = batch;
  const result: SearchBatchResult = { end: 0, unopened: [], matched: [] };
  let taken = 0;
  let bytes = 0;
  let current: LineMatch[] = [];
  const options: SearchOptions = {
    regex: new RegExp(spec.source, spec.flags),
    ...(spec.needle ? { needle: Buffer.from(spec.needle, 'utf8') } : {}),
    contextLines: spec.contextLines,
    afterLine: 0,
    maxLineLength: spec.maxLineLength,
    signal,
    onMatch(match) {
      current.push(match);
      taken++;
      bytes += Buffer.byteLength(JSON.stringify(match), 'utf8');
      return taken < batch.maxMatches && bytes <= batch.maxBytes;
    },
  };
  let index = 0;
  for (const directory of batch.directories) {
    for (const name of directory.names.split('\0')) {
      throwIfAborted(signal);
      result.end = index + 1;
      let fd: number;
      try {
        fd = openAt(directory.dirFd, directory.dirPath, name, O_RDONLY | O_NONBLOCK);
      } catch {
        result.unopened.push(index++);
        continue;
      }
      current = [];
      options.afterLine = index === 0 ? (batch.firstAfterLine ?? 0) : 0;
      let outcome: Awaited<ReturnType<typeof searchFile>>;
      try {
        const searched = searchFile(fd, options);
        outcome = searched instanceof Promise ? await searched : searched;
      } finally {
        closeQuietly(fd);
      }
      if (current.length > 0) result.matched.push([index, current]);
      if (outcome === 'stopped') return result;
      index++;
    }
  }
  return result;
}
