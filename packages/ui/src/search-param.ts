/** A page's search parameters as Next.js hands them to a page. */
export type SearchParams = Record<string, string | string[] | undefined>;

/** The first value of a search parameter, or null when absent or empty. */
export function searchParam(params: SearchParams, name: string): string | null {
  const value = params[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === '' ? null : first;
}
