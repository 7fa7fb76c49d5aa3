import { EnvHttpProxyAgent, type Dispatcher } from 'undici';

/** The proxy variables as curl and most tools read them: lower case first, then upper case. */
export interface ProxySettings {
  httpProxy: string;
  httpsProxy: string;
  noProxy: string;
}

export function readProxySettings(env: Record<string, string | undefined> = process.env): ProxySettings {
  const httpProxy = env.http_proxy ?? env.HTTP_PROXY ?? '';
  return { httpProxy, httpsProxy: env.https_proxy ?? env.HTTPS_PROXY ?? httpProxy, noProxy: env.no_proxy ?? env.NO_PROXY ?? '' };
}

/**
 * The dispatcher downloads go through: undici's EnvHttpProxyAgent given these settings explicitly (so what it does
 * and what {@link proxyFor} reports agree): HTTPS_PROXY for https URLs, HTTP_PROXY for http, none for hosts that
 * NO_PROXY lists (`host`, `.domain`, `host:port`, `*`). Node's own fetch ignores all three.
 */
export const downloadDispatcher = (settings: ProxySettings): Dispatcher => new EnvHttpProxyAgent(settings);

/** The proxy a request to `url` goes through under `settings` (credentials hidden, for messages), or undefined. */
export function proxyFor(url: URL, settings: ProxySettings): string | undefined {
  const proxy = url.protocol === 'https:' ? settings.httpsProxy : settings.httpProxy;
  if (!proxy) return undefined;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
  for (const entry of settings.noProxy.split(/[,\s]+/).filter(Boolean)) {
    if (entry === '*') return undefined;
    const [, name = entry, entryPort] = /^(.+?)(?::(\d+))?$/.exec(entry) ?? [];
    const bare = name.replace(/^\*?\./, '').replace(/^\[|\]$/g, '').toLowerCase();
    if (entryPort && Number(entryPort) !== port) continue;
    if (host === bare || host.endsWith(`.${bare}`)) return undefined;
  }
  try {
    const shown = new URL(proxy);
    if (shown.username || shown.password) [shown.username, shown.password] = ['***', ''];
    return shown.href.replace(/\/$/, '');
  } catch {
    return proxy;
  }
}
