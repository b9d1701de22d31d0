import { isPlainObject, typeList } from './json-schema-check.js';

/** One field of a form elicitation, normalized from its JSON Schema. */
export interface FormField {
  name: string;
  label: string;
  description?: string;
  kind: 'string' | 'number' | 'integer' | 'boolean' | 'choice' | 'multi-choice';
  required: boolean;
  default?: unknown;
  /** For choice kinds: the values and how to show them. */
  choices?: Array<{ value: string; title: string }>;
  schema: Record<string, unknown>;
}

export function formFields(requestedSchema: unknown): FormField[] {
  if (!isPlainObject(requestedSchema) || !isPlainObject(requestedSchema.properties)) return [];
  const required = new Set(Array.isArray(requestedSchema.required) ? requestedSchema.required : []);
  return Object.entries(requestedSchema.properties).filter(([, s]) => isPlainObject(s)).map(([name, raw]) => {
    const schema = raw as Record<string, unknown>;
    const type = typeList(schema.type)[0] ?? 'string';
    const single = choicesOf(schema);
    const items = isPlainObject(schema.items) ? schema.items : undefined;
    const multi = type === 'array' && items ? choicesOf(items) : undefined;
    const kind: FormField['kind'] = multi ? 'multi-choice' : single ? 'choice'
      : type === 'boolean' || type === 'number' || type === 'integer' ? type : 'string';
    return {
      name,
      label: typeof schema.title === 'string' ? schema.title : name,
      ...(typeof schema.description === 'string' ? { description: schema.description } : {}),
      kind,
      required: required.has(name),
      ...('default' in schema ? { default: schema.default } : {}),
      ...(multi ?? single ? { choices: (multi ?? single)! } : {}),
      schema,
    };
  });
}

function choicesOf(schema: Record<string, unknown>): Array<{ value: string; title: string }> | undefined {
  if (Array.isArray(schema.enum)) {
    const names = Array.isArray(schema.enumNames) ? schema.enumNames : [];
    return schema.enum.map((v, i) => ({ value: String(v), title: typeof names[i] === 'string' ? names[i] : String(v) }));
  }
  const branches = Array.isArray(schema.oneOf) ? schema.oneOf : Array.isArray(schema.anyOf) ? schema.anyOf : undefined;
  if (branches && branches.every((b) => isPlainObject(b) && 'const' in b)) {
    return branches.map((b) => {
      const branch = b as Record<string, unknown>;
      return { value: String(branch.const), title: typeof branch.title === 'string' ? branch.title : String(branch.const) };
    });
  }
  return undefined;
}

/** Parse what a person typed for a field; returns an error message instead when it does not fit. */
export function parseAnswer(field: FormField, input: string): { value: unknown } | { error: string } {
  const text = input.trim();
  switch (field.kind) {
    case 'boolean': {
      const v = text.toLowerCase();
      if (['y', 'yes', 'true', '1'].includes(v)) return { value: true };
      if (['n', 'no', 'false', '0'].includes(v)) return { value: false };
      return { error: 'answer y or n' };
    }
    case 'number':
    case 'integer': {
      const n = Number(text);
      if (text === '' || !Number.isFinite(n)) return { error: 'enter a number' };
      if (field.kind === 'integer' && !Number.isInteger(n)) return { error: 'enter a whole number' };
      return { value: n };
    }
    case 'choice': {
      const choice = pick(field.choices!, text);
      return choice === undefined ? { error: `choose 1-${field.choices!.length} or one of the values` } : { value: choice };
    }
    case 'multi-choice': {
      const picked: string[] = [];
      for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
        const choice = pick(field.choices!, part);
        if (choice === undefined) return { error: `"${part}" is not one of the choices` };
        picked.push(choice);
      }
      return { value: picked };
    }
    default:
      return { value: input };
  }
}

function pick(choices: Array<{ value: string; title: string }>, text: string): string | undefined {
  if (/^\d+$/.test(text)) {
    const i = Number(text) - 1;
    if (i >= 0 && i < choices.length) return choices[i]!.value;
  }
  return choices.find((c) => c.value === text || c.title.toLowerCase() === text.toLowerCase())?.value;
}

export function formatDefault(field: FormField): string {
  if (field.default === undefined) return '';
  if (field.kind === 'boolean') return field.default ? 'Y/n' : 'y/N';
  if (Array.isArray(field.default)) return field.default.join(',');
  return String(field.default);
}
