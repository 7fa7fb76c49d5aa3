export interface GraphqlError {
  message: string;
  extensions?: { code?: string; [key: string]: unknown };
}

export interface GraphqlResponse<T> {
  status: number;
  data?: T;
  errors?: GraphqlError[];
}

/** POSTs one GraphQL operation with plain fetch, the way a script would. */
export async function postGraphql<T>(url: string, query: string, variables?: Record<string, unknown>): Promise<GraphqlResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: GraphqlError[] };
  return { status: response.status, data: body.data ?? undefined, errors: body.errors };
}

/** Like {@link postGraphql}, but throws with the server's messages when the answer has errors. */
export async function queryData<T>(url: string, query: string, variables?: Record<string, unknown>): Promise<T> {
  const { data, errors, status } = await postGraphql<T>(url, query, variables);
  if (errors?.length || !data) {
    throw new Error(`GraphQL request failed (HTTP ${status}): ${errors?.map((e) => e.message).join('; ') ?? 'no data'}`);
  }
  return data;
}
