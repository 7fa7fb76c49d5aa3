import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';

/** A JSON value from a literal in the query text, variables substituted. */
function literalValue(ast: ValueNode, variables: Record<string, unknown> | null | undefined): unknown {
  switch (ast.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return ast.values.map((value) => literalValue(value, variables));
    case Kind.OBJECT:
      return Object.fromEntries(ast.fields.map((field) => [field.name.value, literalValue(field.value, variables)]));
    case Kind.VARIABLE:
      return variables?.[ast.name.value] ?? null;
    case Kind.ENUM:
      throw new GraphQLError(`JSON has no enum values; write "${ast.value}" as a string`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
}

/** Whether a value survives JSON: no functions, undefined, symbols, bigints or non-finite numbers. */
function isJsonValue(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isJsonValue);
  if (typeof value === 'object') return Object.values(value as object).every(isJsonValue);
  return false;
}

/**
 * `JSON`: any JSON value (object, list, string, number, boolean, null), sent as itself rather than as JSON text in a
 * string. A value that JSON cannot carry (a function, a non-finite number) is an error naming it.
 */
export const JsonScalar = new GraphQLScalarType<unknown, unknown>({
  name: 'JSON',
  description: 'Any JSON value, sent as itself (not as JSON text in a string).',
  serialize(value) {
    if (!isJsonValue(value)) throw new GraphQLError(`JSON cannot send ${String(value)}: not a JSON value`);
    return value;
  },
  parseValue(value) {
    if (!isJsonValue(value)) throw new GraphQLError(`JSON input ${String(value)} is not a JSON value`, { extensions: { code: 'BAD_USER_INPUT' } });
    return value;
  },
  parseLiteral: literalValue,
});
