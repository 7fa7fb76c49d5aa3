import type { Resolvers } from '../generated/resolver-types';
import { mutationResolvers } from './mutation-resolvers';
import { queryResolvers } from './query-resolvers';
import { subscriptionResolvers } from './subscription-resolvers';
import { typeResolvers } from './type-resolvers';

/** Every resolver, typed by the `Resolvers` generated from schema.graphql (`npm run codegen -w @branchscope/api`). */
export const resolvers: Resolvers = { Query: queryResolvers, Mutation: mutationResolvers, Subscription: subscriptionResolvers, ...typeResolvers };
