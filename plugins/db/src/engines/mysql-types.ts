import mysql, { type FieldPacket } from 'mysql2';

/** MySQL column type codes → names ("VARCHAR", "LONGLONG"…), from mysql2's own table. */
const NAMES = new Map<number, string>(
  Object.entries(mysql.Types as unknown as Record<string, number | string>)
    .filter((entry): entry is [string, number] => typeof entry[1] === 'number')
    .map(([name, code]) => [code, name]),
);

export function mysqlTypeName(field: FieldPacket): string {
  const code = field.columnType ?? field.type;
  if (code === undefined) return 'unknown';
  return NAMES.get(code) ?? `type:${code}`;
}
