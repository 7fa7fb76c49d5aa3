import { buildSchema, getIntrospectionQuery, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { typeDefs } from '../schema';
import { depthLimitRule } from './depth-limit';

const schema = buildSchema(typeDefs);
const errorsOf = (query: string, maxDepth = 12) =>
  validate(schema, parse(query), [depthLimitRule(maxDepth)]).map((error) => error.message);
const nested = (levels: number) =>
  `{ model(id: "a") { layers { ${'inputLayers { '.repeat(levels)}name${' }'.repeat(levels)} } } }`;

describe('depthLimitRule', () => {
  it('accepts a query exactly at the limit', () => {
    expect(errorsOf(nested(1), 4)).toEqual([]);
  });

  it('rejects a query one field past the limit, naming depth and limit', () => {
    expect(errorsOf(nested(2), 4)).toEqual(['the query is nested 5 fields deep, more than the limit of 4']);
  });

  it('counts the fields inside fragments, not the fragments themselves', () => {
    const query = `query Deep { model(id: "a") { ...M } } fragment M on Model { layers { ... on Layer { inputLayers { name } } } }`;
    expect(errorsOf(query, 3)).toEqual(["operation 'Deep' is nested 4 fields deep, more than the limit of 3"]);
  });

  it('does not loop on a fragment that spreads itself', () => {
    const query = `{ model(id: "a") { layers { ...L } } } fragment L on Layer { inputLayers { ...L } }`;
    expect(errorsOf(query, 12)).toEqual([]);
  });

  it('lets the standard introspection query through', () => {
    expect(errorsOf(getIntrospectionQuery())).toEqual([]);
  });
});
