import { StoreError } from './store-error';

/**
 * JSON text for a column, refusing values JSON would silently change: NaN and Infinity (which become null),
 * undefined, functions, symbols and bigints. `what` names the record in the error.
 */
export function toJsonColumn(value: unknown, what: string): string {
  const problem = findUnstorable(value, '$', new Set());
  if (problem) throw new StoreError(`cannot store ${what}: ${problem}`);
  return JSON.stringify(value);
}

/** Parses a JSON column, naming the record when the text is not JSON. */
export function fromJsonColumn<T>(text: string, what: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new StoreError(`stored ${what} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
}

function findUnstorable(value: unknown, at: string, seen: Set<object>): string | undefined {
  switch (typeof value) {
    case 'number':
      return Number.isFinite(value) ? undefined : `${at} is ${value}, not a finite number`;
    case 'string':
    case 'boolean':
      return undefined;
    case 'undefined':
    case 'function':
    case 'symbol':
    case 'bigint':
      return `${at} is a ${typeof value}, which JSON cannot hold`;
  }
  if (value === null) return undefined;
  const object = value as object;
  if (seen.has(object)) return `${at} refers back to itself`;
  seen.add(object);
  try {
    if (ArrayBuffer.isView(object)) return `${at} is a typed array; convert it with Array.from first`;
    if (Array.isArray(object)) {
      for (let i = 0; i < object.length; i++) {
        const problem = findUnstorable(object[i], `${at}[${i}]`, seen);
        if (problem) return problem;
      }
      return undefined;
    }
    for (const [key, item] of Object.entries(object)) {
      // JSON.stringify drops undefined properties, which is what callers expect of optional fields.
      if (item === undefined) continue;
      const problem = findUnstorable(item, `${at}.${key}`, seen);
      if (problem) return problem;
    }
    return undefined;
  } finally {
    seen.delete(object);
  }
}
