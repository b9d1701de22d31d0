/** The part of pg-cursor (which ships no types) this plugin uses. */
declare module 'pg-cursor' {
  import type { Connection, CustomTypesConfig, FieldDef, Submittable } from 'pg';

  interface CursorResult {
    fields: FieldDef[];
    rowCount: number | null;
    command: string;
  }

  interface CursorConfig {
    rowMode?: 'array';
    types?: CustomTypesConfig;
  }

  class Cursor implements Submittable {
    submit(connection: Connection): void;
    constructor(text: string, values?: unknown[], config?: CursorConfig);
    /** The rows of the read in progress (internal; a subclass that builds rows itself pushes them here). */
    protected _rows: unknown[][] | null;
    /** Protocol handlers pg calls (internal). */
    handleRowDescription(message: { fields: FieldDef[] }): void;
    handleDataRow(message: { fields: unknown[] }): void;
    read(rowCount: number, callback: (error: Error | undefined, rows: unknown[][], result: CursorResult) => void): void;
    close(callback: (error?: Error) => void): void;
  }

  export default Cursor;
}
