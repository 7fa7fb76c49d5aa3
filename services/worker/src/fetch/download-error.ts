/** A download that failed; the message names the URL (and the proxy, when one was used) and what went wrong. */
export class DownloadError extends Error {
  override readonly name = 'DownloadError';
  constructor(
    readonly url: string,
    message: string,
  ) {
    super(message);
  }
}

interface SystemError {
  code?: string;
  syscall?: string;
  hostname?: string;
  address?: string;
  port?: number;
  message?: string;
  cause?: unknown;
  errors?: unknown[];
}

/** The innermost error with a code: fetch wraps the socket's error in `cause`, several addresses in an AggregateError. */
function rootCause(error: unknown): SystemError {
  let current = error as SystemError;
  for (let depth = 0; depth < 5 && current; depth++) {
    if (current.code && current.code !== 'UND_ERR' && !current.errors) return current;
    const next = (current.errors?.[0] ?? current.cause) as SystemError | undefined;
    if (!next) return current;
    current = next;
  }
  return current;
}

/** Why a request failed, in words: connection refused, host not found, timed out, connection closed, ... */
export function networkReason(error: unknown): string {
  const cause = rootCause(error);
  const where = cause.address ? ` (${cause.address}${cause.port ? `:${cause.port}` : ''})` : '';
  switch (cause.code) {
    case 'ECONNREFUSED':
      return `connection refused${where}`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `host ${cause.hostname ?? ''} not found (DNS ${cause.code}): offline, or the name is wrong`.replace('host  ', 'host ');
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return `connection timed out${where}`;
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
      return 'the server stopped answering';
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
      return 'the connection was closed';
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
      return `network unreachable${where}: offline?`;
    default:
      return cause.code ? `${cause.message ?? 'network error'} (${cause.code})` : (cause.message ?? String(error));
  }
}

/** `cannot download URL[ through proxy P]: reason`. */
export function downloadFailure(url: string, error: unknown, proxy: string | undefined): DownloadError {
  const through = proxy ? ` through proxy ${proxy}` : '';
  const hint = proxy ? ' (check the proxy: HTTPS_PROXY, HTTP_PROXY, NO_PROXY)' : '';
  return new DownloadError(url, `cannot download ${url}${through}: ${networkReason(error)}${hint}`);
}
