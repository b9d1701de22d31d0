import type { AccessTier } from '@mcpctl/toolkit';

/** `never`: refused in every tier (transaction control, session settings, several statements). */
export type Requirement = AccessTier | 'never';

/** What the classifier says about one call's SQL. */
export interface Classification {
  /** What the statement is, for messages: "SELECT", "DELETE", "CREATE TABLE", "multiple statements". */
  kind: string;
  needs: Requirement;
  /** Why it needs that tier (shown to the caller). */
  reason: string;
  /** The statement returns rows (SELECT, VALUES, SHOW, EXPLAIN, read PRAGMAs). */
  returnsRows: boolean;
  /** MySQL/MariaDB commit implicitly before and after this statement (DDL): it cannot be rolled back. */
  implicitCommit: boolean;
  /** Offset in the SQL of the token that decided the classification, when one did. */
  position?: number;
}

export const REQUIREMENT_RANK: Readonly<Record<Requirement, number>> = { read: 0, write: 1, destructive: 2, never: 3 };

export function result(kind: string, needs: Requirement, reason: string, returnsRows: boolean, position?: number, implicitCommit = false): Classification {
  return { kind, needs, reason, returnsRows, implicitCommit, ...(position === undefined ? {} : { position }) };
}
