import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

/** An ISO-8601 date and time with seconds and a zone: 2026-12-03T15:37:57Z, 2026-12-03T15:37:57.123+01:00. */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

const EXAMPLE = '2026-12-03T15:37:57.000Z';

/** Whether `text` is an ISO-8601 date-time with a zone that names a real instant (no 2026-02-30). */
export function isIsoDateTime(text: string): boolean {
  if (!ISO_DATE_TIME.test(text)) return false;
  const time = Date.parse(text);
  if (Number.isNaN(time)) return false;
  // Date.parse rolls 2026-02-30 over to March: the calendar date must survive the round trip in its own zone.
  const [, zone] = text.match(/(Z|[+-]\d{2}:\d{2})$/) ?? [];
  const offsetMinutes = zone === 'Z' || zone === undefined ? 0 : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  const local = new Date(time + offsetMinutes * 60_000).toISOString();
  return local.slice(0, 19) === text.slice(0, 19);
}

function parseDateTime(value: unknown): string {
  if (typeof value !== 'string' || !isIsoDateTime(value)) {
    throw new GraphQLError(`DateTime must be an ISO-8601 date and time with a zone, e.g. ${EXAMPLE}; got ${JSON.stringify(value)}`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return value;
}

/**
 * `DateTime`: an instant as an ISO-8601 string on the wire (the store's `toISOString()` text, sent as it is). A `Date`
 * from a resolver is sent as its `toISOString()`; an input that is not an ISO-8601 date-time with a zone is
 * BAD_USER_INPUT naming the value.
 */
export const DateTimeScalar = new GraphQLScalarType<string, string>({
  name: 'DateTime',
  description: `An instant, as an ISO-8601 date and time with a zone (${EXAMPLE}).`,
  serialize(value) {
    if (value instanceof Date) {
      if (Number.isNaN(value.getTime())) throw new GraphQLError('DateTime cannot send an invalid Date');
      return value.toISOString();
    }
    if (typeof value === 'string' && isIsoDateTime(value)) return value;
    throw new GraphQLError(`DateTime cannot send ${JSON.stringify(value)}: not an ISO-8601 date and time with a zone`);
  },
  parseValue: parseDateTime,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new GraphQLError(`DateTime must be a string such as "${EXAMPLE}"; got a ${ast.kind} literal`, { extensions: { code: 'BAD_USER_INPUT' } });
    return parseDateTime(ast.value);
  },
});
