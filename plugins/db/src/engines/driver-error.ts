/** A network driver's (pg, mysql2) reason, with its error code when the message lacks it. */
export function describeDriverError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: string }).code;
  const message = error.message || (error as AggregateError).errors?.map((e: Error) => e.message).join('; ') || 'unknown error';
  return code && !message.includes(code) ? `${message} (${code})` : message;
}
