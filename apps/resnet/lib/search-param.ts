/** The first value of a search parameter, or null when absent or empty. */
export function searchParam(params: Record<string, string | string[] | undefined>, name: string): string | null {
  const value = params[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === '' ? null : first;
}
