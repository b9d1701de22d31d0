import { createError, ExitCode } from '@mcpctl/kernel';
import { ToolError } from '@mcpctl/toolkit';

/** Config errors of the fs server type (raised when the server is built). */
export const FS_ROOT_INVALID = createError<[string, string, string]>('MCPCTL_FS_ROOT_INVALID', 'Server %s: root %s %s', {
  exitCode: ExitCode.USAGE,
  hint: 'Each entry of `roots` must be an existing directory (relative paths resolve against the config file\'s folder).',
});
export const FS_OPTION_INVALID = createError<[string, string]>('MCPCTL_FS_OPTION_INVALID', 'Server %s: %s', { exitCode: ExitCode.USAGE });

/** Tool error codes of the fs server. */
export const FsErrorCode = Object.freeze({
  OUTSIDE_ROOTS: 'OUTSIDE_ROOTS',
  DENIED: 'DENIED',
  INVALID_PATH: 'INVALID_PATH',
  SYMLINK: 'SYMLINK',
  NOT_FOUND: 'NOT_FOUND',
  NOT_A_FILE: 'NOT_A_FILE',
  NOT_A_DIRECTORY: 'NOT_A_DIRECTORY',
  EXISTS: 'EXISTS',
  NOT_EMPTY: 'NOT_EMPTY',
  CONFLICT: 'CONFLICT',
  NO_MATCH: 'NO_MATCH',
  CHANGED: 'CHANGED',
  NO_ROOTS: 'NO_ROOTS',
  IO: 'IO',
} as const);

/** A Node fs error as a ToolError naming the user's path (never a host path they did not give). */
export function fsError(error: unknown, shown: string): ToolError {
  if (error instanceof ToolError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return new ToolError(FsErrorCode.NOT_FOUND, `${shown} does not exist`, { hint: 'Check the path with list_dir or find.' });
    case 'EEXIST':
      return new ToolError(FsErrorCode.EXISTS, `${shown} already exists`);
    case 'ENOTDIR':
      return new ToolError(FsErrorCode.NOT_A_DIRECTORY, `${shown}: a part of the path is not a directory`);
    case 'EISDIR':
      return new ToolError(FsErrorCode.NOT_A_FILE, `${shown} is a directory`);
    case 'ENOTEMPTY':
      return new ToolError(FsErrorCode.NOT_EMPTY, `${shown} is a non-empty directory`, { hint: 'Pass recursive: true to delete a directory and everything in it.' });
    case 'ELOOP':
      return new ToolError(FsErrorCode.SYMLINK, `${shown} is or passes through a symbolic link, which this server does not follow`, {
        hint: 'Use the link\'s target path, or set followSymlinks: true on the server entry.',
      });
    case 'ESTALE':
      return new ToolError(FsErrorCode.CHANGED, `${shown} changed while it was being opened`, { hint: 'Retry the call.' });
    case 'EACCES':
    case 'EPERM':
      return new ToolError(FsErrorCode.IO, `${shown}: permission denied by the operating system`);
    default:
      return new ToolError(FsErrorCode.IO, `${shown}: ${code ?? (error instanceof Error ? error.message : String(error))}`);
  }
}
