import { defineTool, ToolError, type Tool } from '@mcpctl/toolkit';
import { classify } from '../sql/classify.js';
import { DbErrorCode } from '../tool-errors.js';
import type { DbToolContext } from './context.js';
import { refuseNever } from './guard.js';
import { bindParams, paramsProperty } from './params.js';

interface Input {
  sql: string;
  params?: unknown[] | Record<string, unknown>;
  analyze?: boolean;
}

interface Output extends Record<string, unknown> {
  format: 'json' | 'text';
  plan: unknown;
  analyzed: boolean;
}

export function explainTool(db: DbToolContext): Tool {
  return defineTool<Input, Output>({
    name: 'explain',
    title: 'Show a query plan',
    description:
      'Show how the database would run one statement, without running it. analyze: true runs the statement to measure it ' +
      '(always rolled back) and so needs access: write, or destructive for statements that need it.',
    tier: 'read',
    inputSchema: {
      type: 'object',
      properties: {
        sql: { type: 'string', minLength: 1, description: 'The statement to explain (without EXPLAIN).' },
        params: paramsProperty,
        analyze: { type: 'boolean', default: false, description: 'Execute the statement to report real timings (rolled back afterwards).' },
      },
      required: ['sql'],
      additionalProperties: false,
    },
    outputSchema: {
      type: 'object',
      properties: {
        format: { enum: ['json', 'text'] },
        plan: { description: 'The plan as the database gives it: a JSON document, or lines of text.' },
        analyzed: { type: 'boolean' },
      },
      required: ['format', 'plan', 'analyzed'],
    },
    async handler(input, ctx) {
      const c = classify(input.sql, db.engine.dialect);
      if (c.needs === 'never') refuseNever(c);
      if (/^\s*(EXPLAIN|ANALYZE)\b/i.test(input.sql)) {
        throw new ToolError(DbErrorCode.BAD_PARAMS, 'Give the statement itself; explain adds EXPLAIN', { hint: 'Drop the leading EXPLAIN / ANALYZE and use analyze: true for timings.' });
      }
      const analyze = input.analyze === true;
      if (analyze) {
        // EXPLAIN ANALYZE executes: never in read tier, and the statement's own tier applies.
        ctx.requireAccess(c.needs === 'read' ? 'write' : c.needs, `EXPLAIN ANALYZE executes \`${c.kind}\``);
      }
      const bound = bindParams(input.sql, input.params, db.engine.dialect);
      const result = await db.engine.explain(bound.sql, bound.params, { analyze, timeoutMs: db.options.statementTimeoutMs, signal: ctx.signal });
      return { ...result, analyzed: analyze };
    },
    render: (out) => (out.format === 'text' && Array.isArray(out.plan) ? out.plan.join('\n') : JSON.stringify(out.plan, null, 2)),
  });
}
