import { DEFAULT_API_URL } from './create-branchscope-client';

/**
 * The API endpoint: `BRANCHSCOPE_API_URL`, else {@link DEFAULT_API_URL}. Call it when the URL is needed (per
 * request in a server), not at module load, so a server built once can be pointed at an API started later.
 */
export function apiUrlFromEnv(env: Record<string, string | undefined> = process.env): string {
  const url = env.BRANCHSCOPE_API_URL;
  return url === undefined || url === '' ? DEFAULT_API_URL : url;
}
