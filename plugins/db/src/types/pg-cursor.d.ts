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
    read(rowCount: number, callback: (error: Error | undefined, rows: unknown[][], result: CursorResult) => void): void;
    close(callback: (error?: Error) => void): void;
  }

  export default Cursor;
}
