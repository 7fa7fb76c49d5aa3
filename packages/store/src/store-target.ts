/** A store target is a SQLite file path or a PostgreSQL URL (`postgres://user:password@host:5432/database`). */
export function isPostgresTarget(target: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(target.trim());
}

/** The target with any password replaced by `***` (in the user part and in a `password=` parameter), for messages and logs. */
export function maskStoreTarget(target: string): string {
  if (!isPostgresTarget(target)) return target;
  return target.replace(/^(postgres(?:ql)?:\/\/[^:/@?#]*:)[^@/?#]*@/i, '$1***@').replace(/([?&]password=)[^&#]*/gi, '$1***');
}

/** Host and port of a PostgreSQL URL, as `host:port` (5432 when it names none). */
export function postgresHostPort(url: URL): string {
  return `${url.hostname || 'localhost'}:${url.port || '5432'}`;
}
