/** Keys whose values are secrets wherever they appear (headers, env maps, options). */
export const SECRET_KEY = /pass(word)?|secret|token|api[-_]?key|authorization|cookie|credential/i;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}
