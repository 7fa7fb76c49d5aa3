/** A backend label as a queue name may hold it: letters, digits, `_`, `.`, `+` and `-`. */
const BACKEND_LABEL = /^[\w.+-]+$/;

/** Returns `backend`, or throws a RangeError naming it when it cannot be routed to (it would not fit a queue name). */
export function checkBackendLabel(backend: string): string {
  if (!BACKEND_LABEL.test(backend)) throw new RangeError(`a backend is named with letters, digits, '_', '.', '+' and '-' only, got '${backend}'`);
  return backend;
}
