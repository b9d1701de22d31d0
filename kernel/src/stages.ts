/**
 * Tap ordering. Lower stages run first; taps in the same stage run in
 * registration order (plugin precedence order).
 */
export const Stage = Object.freeze({
  /** Before everything else, e.g. resolving secret references in config. */
  FIRST: -200,
  EARLY: -100,
  DEFAULT: 0,
  LATE: 100,
  /** After everything else, e.g. final defaults or auditing. */
  LAST: 200,
} as const);
