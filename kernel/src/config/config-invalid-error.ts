import { CONFIG_INVALID, type McpctlError } from '../errors.js';
import { displayPath, formatLocation } from '@mcpctl/diagnostics';
import type { ConfigIssue, RawConfigFile } from './types.js';

/** One issue as a line: `file:line:col  /pointer  message`. */
export function formatIssue(issue: ConfigIssue, filepath: string | undefined): string {
  const position = issue.line === undefined ? undefined : { line: issue.line, column: issue.column ?? 1 };
  return `${formatLocation(filepath, position)}  ${issue.pointer || '/'}  ${issue.message}`;
}

/**
 * One CONFIG_INVALID error (exit code 2) listing every issue, one per line,
 * each followed by its hint; `details.issues` carries the issues for --json.
 */
export function configInvalidError(issues: readonly ConfigIssue[], file: RawConfigFile | string | undefined): McpctlError {
  const filepath = typeof file === 'string' ? file : file?.filepath;
  const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
  const lines = issues.flatMap((issue) => [`  ${formatIssue(issue, filepath)}`, ...(issue.hint ? [`      hint: ${issue.hint}`] : [])]);
  const title = filepath === undefined ? `The config has ${count}:` : `${displayPath(filepath)} has ${count}:`;
  return CONFIG_INVALID([title, ...lines].join('\n'), {
    details: { file: filepath, issues: issues.map((issue) => ({ ...issue })) },
  });
}
