import type { ErrorObject } from 'ajv';
import { describeValue, jsonType } from './describe-value.js';
import { childPointer, parsePointer } from './json-pointer.js';
import { didYouMean } from './suggest.js';

/** One problem in a validated document, in words a person can act on. */
export interface SchemaIssue {
  /** JSON pointer of the problem ("" is the root). */
  pointer: string;
  message: string;
  /** What the schema wanted, in words ("string", "one of stdio, http"). */
  expected?: string;
  /** What the document had, in words ("number 42"). */
  found?: string;
  hint: string;
}

export interface IssueContext {
  /** Pointer of the validated value inside the document ("" for the whole document); issues' pointers start with it. */
  prefix: string;
  /** Option names allowed at an object (pointer with the prefix), for "did you mean". */
  knownOptions(pointer: string, error: ErrorObject): readonly string[];
  /** Whether the value at a pointer is a secret: messages then give its type only. */
  isSecret(pointer: string): boolean;
}


/**
 * Turn ajv's errors into issues a person can act on: one per problem, at
 * the most specific pointer, saying what was expected and what was found.
 * Compile the validator with `verbose: true`: what was found is read from
 * each error's `data`.
 */
export function ajvErrorsToIssues(errors: readonly ErrorObject[], context: IssueContext): SchemaIssue[] {
  // Errors inside propertyNames say why a name is bad; the propertyNames error says which name.
  const nameRules = new Map<string, string>();
  for (const error of errors) {
    if (!isInsidePropertyNames(error)) continue;
    const description = (error.parentSchema as Record<string, unknown> | undefined)?.['description'];
    nameRules.set(error.propertyName, typeof description === 'string' ? description : `Names must be ${constraintText(error)}.`);
  }
  const kept = collapseAlternatives(errors.filter((error) => !isNoise(error)));
  const issues: SchemaIssue[] = [];
  const seen = new Set<string>();
  for (const error of kept) {
    const issue = toIssue(error, context, nameRules);
    const key = `${issue.pointer}\0${issue.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      issues.push(issue);
    }
  }
  return issues;
}

function isNoise(error: ErrorObject): boolean {
  // "must match then schema" repeats the then-branch's own errors; errors
  // inside propertyNames repeat the propertyNames error.
  return error.keyword === 'if' || isInsidePropertyNames(error);
}

/** An error about a property name, from the schema inside `propertyNames` (ajv sets `propertyName` on those). */
function isInsidePropertyNames(error: ErrorObject): error is ErrorObject & { propertyName: string } {
  return error.propertyName !== undefined && error.keyword !== 'propertyNames';
}

/**
 * An anyOf/oneOf failure comes with every branch's errors. Keep one story:
 * "expected A or B" when each branch only disagreed on the type, else the
 * errors of the branch that got furthest (deepest pointer, fewest errors).
 */
function collapseAlternatives(errors: ErrorObject[]): ErrorObject[] {
  const alternatives = errors.filter((error) => (error.keyword === 'anyOf' || error.keyword === 'oneOf') && !('passingSchemas' in error.params && error.params['passingSchemas']));
  let result = errors;
  for (const alt of alternatives) {
    const prefix = `${alt.schemaPath}/`;
    const branches = new Map<string, ErrorObject[]>();
    for (const error of result) {
      if (!error.schemaPath.startsWith(prefix)) continue;
      const branch = error.schemaPath.slice(prefix.length).split('/')[0]!;
      branches.set(branch, [...(branches.get(branch) ?? []), error]);
    }
    const inner = [...branches.values()].flat();
    if (inner.length === 0) continue;
    let replacement: ErrorObject[];
    if (inner.every((error) => error.keyword === 'type' && error.instancePath === alt.instancePath)) {
      const types = inner.flatMap((error) => [error.params['type']].flat() as string[]);
      replacement = [{ ...alt, keyword: 'type', params: { type: [...new Set(types)] } }];
    } else {
      const depth = (list: ErrorObject[]) => Math.max(...list.map((error) => parsePointer(error.instancePath).length));
      const best = [...branches.values()].sort((a, b) => depth(b) - depth(a) || a.length - b.length)[0]!;
      replacement = best;
    }
    result = result.filter((error) => error !== alt && !inner.includes(error));
    result.push(...replacement);
  }
  return result;
}

function toIssue(error: ErrorObject, context: IssueContext, nameRules: ReadonlyMap<string, string>): SchemaIssue {
  const at = context.prefix + error.instancePath;
  const params = error.params as Record<string, unknown>;
  const found = (pointer: string) => (context.isSecret(pointer) ? `${jsonType(error.data)} (secret)` : describeValue(error.data));
  switch (error.keyword) {
    case 'type': {
      const expected = ([params['type']].flat() as string[]).join(' or ');
      const what = found(at);
      return { pointer: at, message: `expected ${expected}, found ${what}`, expected, found: what, hint: `Write a value of type ${expected} here.` };
    }
    case 'required': {
      const missing = String(params['missingProperty']);
      return { pointer: at, message: `missing required option \`${missing}\``, expected: `option \`${missing}\``, hint: `Add \`${missing}:\` here.` };
    }
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const name = String(params['additionalProperty'] ?? params['unevaluatedProperty']);
      const known = context.knownOptions(at, error);
      const suggestion = didYouMean(name, known);
      const what = at === '' ? 'top-level key' : 'option';
      return {
        pointer: childPointer(at, name),
        message: `unknown ${what} \`${name}\`${suggestion ? ` (did you mean \`${suggestion}\`?)` : ''}`,
        found: `\`${name}\``,
        ...(known.length > 0 ? { expected: `one of ${known.map((k) => `\`${k}\``).join(', ')}` } : {}),
        hint: suggestion ? `Rename it to \`${suggestion}\`.` : known.length > 0 ? `Allowed here: ${known.join(', ')}.` : 'Remove it.',
      };
    }
    case 'propertyNames': {
      const name = String(params['propertyName']);
      return { pointer: childPointer(at, name), message: `invalid name \`${name}\``, found: `\`${name}\``, hint: nameRules.get(name) ?? 'Rename it.' };
    }
    case 'enum': {
      const allowed = (params['allowedValues'] as unknown[]) ?? [];
      const what = found(at);
      const suggestion = typeof error.data === 'string' ? didYouMean(error.data, allowed.filter((v): v is string => typeof v === 'string')) : undefined;
      const expected = `one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`;
      return {
        pointer: at,
        message: `expected ${expected}, found ${what}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`,
        expected,
        found: what,
        hint: suggestion ? `Did you mean "${suggestion}"?` : `Use ${expected}.`,
      };
    }
    case 'const': {
      const expected = JSON.stringify(params['allowedValue']);
      const what = found(at);
      return { pointer: at, message: `expected ${expected}, found ${what}`, expected, found: what, hint: `Use ${expected}.` };
    }
    case 'false schema':
    case 'not':
      return { pointer: at, message: 'this value is not allowed here', found: found(at), hint: 'Remove it.' };
    case 'dependentRequired': {
      const property = String(params['property']);
      const missing = String(params['missingProperty']);
      return { pointer: at, message: `option \`${property}\` needs option \`${missing}\``, expected: `option \`${missing}\``, hint: `Add \`${missing}:\`, or remove \`${property}\`.` };
    }
    case 'oneOf':
      return { pointer: at, message: 'matches more than one allowed form', found: found(at), hint: 'Make the value match exactly one of the allowed forms (the schema lists them).' };
    default: {
      // Range, length, pattern and format keywords: ajv's "must …" phrasing reads well after "expected a value that".
      const expected = constraintText(error);
      const what = found(at);
      return { pointer: at, message: `expected ${expected}, found ${what}`, expected, found: what, hint: `Use ${expected}.` };
    }
  }
}

function constraintText(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'minLength':
      return params['limit'] === 1 ? 'a non-empty string' : `a string of at least ${String(params['limit'])} characters`;
    case 'maxLength':
      return `a string of at most ${String(params['limit'])} characters`;
    case 'pattern':
      return `a string matching /${String(params['pattern'])}/`;
    case 'format':
      return `a ${String(params['format'])}`;
    case 'minItems':
      return `at least ${String(params['limit'])} item(s)`;
    case 'maxItems':
      return `at most ${String(params['limit'])} item(s)`;
    case 'uniqueItems':
      return `no duplicate items (items ${String(params['j'])} and ${String(params['i'])} are equal)`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `a number ${String(params['comparison'])} ${String(params['limit'])}`;
    case 'multipleOf':
      return `a multiple of ${String(params['multipleOf'])}`;
    default:
      return `a value that ${error.message ?? `satisfies ${error.keyword}`}`;
  }
}
