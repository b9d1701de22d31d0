import type pg from 'pg';
import Cursor from 'pg-cursor';
import { rowToJson } from '../values.js';
import { resultTypes } from './pg-types.js';

type Parser = (text: string) => unknown;

/**
 * A pg-cursor whose rows are the DataRow messages' own field arrays.
 * pg-protocol already gives every row a fresh array of field texts; this
 * parses the values into it and turns them into JSON values in place, where
 * pg-cursor would copy each row into a second array (through pg's Result)
 * and emit a 'row' event nobody listens to. Fewer short-lived objects per
 * row means fewer young collections on long scans.
 */
export class RowArrayCursor extends Cursor {
  #parsers: Parser[] = [];

  constructor(text: string, values: unknown[]) {
    super(text, values, { rowMode: 'array', types: resultTypes });
  }

  override handleRowDescription(message: { fields: pg.FieldDef[] }): void {
    const typeParser = resultTypes.getTypeParser as (oid: number, format: string) => Parser;
    this.#parsers = message.fields.map((field) => typeParser(field.dataTypeID, field.format || 'text'));
    super.handleRowDescription(message);
  }

  override handleDataRow(message: { fields: unknown[] }): void {
    const row = message.fields;
    for (let i = 0; i < row.length; i++) {
      const text = row[i];
      if (text !== null && text !== undefined) row[i] = (this.#parsers[i] as Parser)(text as string);
    }
    this._rows?.push(rowToJson(row));
  }
}
