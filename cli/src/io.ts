import { createRequire } from 'node:module';
import type { Readable, Writable } from 'node:stream';
import type { CommandIO, TableColumn } from '@mcpctl/kernel';

const require = createRequire(import.meta.url);

export interface Streams {
  stdin: Readable;
  stdout: Writable & { isTTY?: boolean; columns?: number };
  stderr: Writable & { isTTY?: boolean };
}

/** The output helpers commands print through; stdout carries results only. */
export function createIO(streams: Streams, json: boolean): CommandIO {
  const isTTY = streams.stdout.isTTY === true;
  const print = (text: string) => void streams.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  return {
    stdin: streams.stdin,
    stdout: streams.stdout,
    stderr: streams.stderr,
    isTTY,
    json,
    print,
    printJson: (value) => print(JSON.stringify(value, null, 2)),
    printTable: (rows, columns) => print(isTTY ? boxedTable(rows, columns) : plainTable(rows, columns)),
  };
}

function cell(column: TableColumn, row: Record<string, unknown>): string {
  const value = row[column.key];
  return column.format ? column.format(value, row) : value === undefined || value === null ? '' : String(value);
}

/** A terminal table (cli-table3, loaded only when a table is printed to a TTY). */
function boxedTable(rows: ReadonlyArray<Record<string, unknown>>, columns: ReadonlyArray<TableColumn>): string {
  const Table = require('cli-table3') as typeof import('cli-table3');
  const table = new Table({ head: columns.map((column) => column.header), style: { head: ['bold'], border: [] } });
  for (const row of rows) table.push(columns.map((column) => cell(column, row)));
  return table.toString();
}

/** Tab-separated with a header line: easy to `cut`, `awk` or `column -t`. */
function plainTable(rows: ReadonlyArray<Record<string, unknown>>, columns: ReadonlyArray<TableColumn>): string {
  const lines = [columns.map((column) => column.header.toUpperCase()).join('\t')];
  for (const row of rows) lines.push(columns.map((column) => cell(column, row).replace(/[\t\n]/g, ' ')).join('\t'));
  return lines.join('\n');
}
