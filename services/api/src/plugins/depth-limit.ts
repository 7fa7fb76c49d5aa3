import { GraphQLError, Kind, type FragmentDefinitionNode, type SelectionSetNode, type ValidationRule } from 'graphql';

/** Deepest field nesting a query may have. */
export const MAX_QUERY_DEPTH = 12;
/** Introspection (`__schema`, `__type`) nests deeper by design: the standard introspection query is 15 deep. */
export const MAX_INTROSPECTION_DEPTH = 20;

/**
 * A validation rule rejecting operations nested deeper than `maxDepth` fields (fragments are followed, not
 * counted), with a message naming the depth and the limit. Introspection subtrees have their own limit.
 */
export function depthLimitRule(maxDepth = MAX_QUERY_DEPTH, maxIntrospectionDepth = MAX_INTROSPECTION_DEPTH): ValidationRule {
  return (context) => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    const depthOf = (set: SelectionSetNode, visiting: Set<string>): number => {
      let deepest = 0;
      for (const selection of set.selections) {
        let depth = 0;
        if (selection.kind === Kind.FIELD) {
          depth = 1 + (selection.selectionSet ? depthOf(selection.selectionSet, visiting) : 0);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          depth = depthOf(selection.selectionSet, visiting);
        } else {
          const name = selection.name.value;
          const fragment = fragments.get(name);
          // Unknown or cyclic fragments are reported by graphql's own rules.
          if (!fragment || visiting.has(name)) continue;
          visiting.add(name);
          depth = depthOf(fragment.selectionSet, visiting);
          visiting.delete(name);
        }
        deepest = Math.max(deepest, depth);
      }
      return deepest;
    };
    return {
      OperationDefinition(operation) {
        let deepest = 0;
        let deepestIntrospection = 0;
        for (const selection of operation.selectionSet.selections) {
          const depth = depthOf({ kind: Kind.SELECTION_SET, selections: [selection] }, new Set());
          const introspection = selection.kind === Kind.FIELD && selection.name.value.startsWith('__');
          if (introspection) deepestIntrospection = Math.max(deepestIntrospection, depth);
          else deepest = Math.max(deepest, depth);
        }
        const name = operation.name ? `operation '${operation.name.value}'` : 'the query';
        if (deepest > maxDepth) {
          context.reportError(
            new GraphQLError(`${name} is nested ${deepest} fields deep, more than the limit of ${maxDepth}`, {
              nodes: [operation],
              extensions: { maxDepth, depth: deepest },
            }),
          );
        }
        if (deepestIntrospection > maxIntrospectionDepth) {
          context.reportError(
            new GraphQLError(
              `${name} nests introspection ${deepestIntrospection} fields deep, more than the limit of ${maxIntrospectionDepth}`,
              { nodes: [operation], extensions: { maxDepth: maxIntrospectionDepth, depth: deepestIntrospection } },
            ),
          );
        }
      },
    };
  };
}
