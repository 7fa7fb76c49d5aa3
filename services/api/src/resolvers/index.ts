import { mutationResolvers } from './mutation-resolvers';
import { queryResolvers } from './query-resolvers';
import { subscriptionResolvers } from './subscription-resolvers';
import { typeResolvers } from './type-resolvers';

export const resolvers = { Query: queryResolvers, Mutation: mutationResolvers, Subscription: subscriptionResolvers, ...typeResolvers };
