import pg from 'pg';

/**
 * PostgreSQL type handling: result values keep the text the server sent for
 * dates and times (no time-zone shifts through JS Date), and type OIDs map
 * to names without a catalog query for the built-in types.
 */

const RAW_TEXT_OIDS = new Set([1082, 1083, 1114, 1184, 1266, 1186]); // date, time, timestamp, timestamptz, timetz, interval

const identity = (value: string): string => value;
/** int8: a number when it is exact in JS, else the digits as a string. */
const int8 = (value: string): number | string => {
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : value;
};

export const resultTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) => {
    if (RAW_TEXT_OIDS.has(oid) && format !== 'binary') return identity;
    if (oid === 20 && format !== 'binary') return int8;
    return pg.types.getTypeParser(oid, format === 'binary' ? 'binary' : 'text');
  }) as pg.CustomTypesConfig['getTypeParser'],
};

const BUILTIN_NAMES = new Map<number, string>(Object.entries(pg.types.builtins).map(([name, oid]) => [oid as number, name.toLowerCase()]));

/** A built-in type's name, or undefined for types that need a catalog lookup (arrays, enums, domains…). */
export function builtinTypeName(oid: number): string | undefined {
  return BUILTIN_NAMES.get(oid);
}
