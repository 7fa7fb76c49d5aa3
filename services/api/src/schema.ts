import { readFileSync } from 'node:fs';

/** The GraphQL schema contract (`schema.graphql` beside this file). */
export const typeDefs = readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8');
