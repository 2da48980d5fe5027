import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';

/** Depth of the deepest field of an operation, following fragments (each fragment once per path). */
export function operationDepth(document: DocumentNode, operationName?: string | null): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  let operation: OperationDefinitionNode | undefined;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    if (
      definition.kind === Kind.OPERATION_DEFINITION &&
      (!operationName || definition.name?.value === operationName)
    ) {
      operation ??= definition;
    }
  }
  const depthOf = (set: SelectionSetNode | undefined, seen: Set<string>): number => {
    if (!set) return 0;
    let deepest = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        deepest = Math.max(deepest, 1 + depthOf(selection.selectionSet, seen));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        deepest = Math.max(deepest, depthOf(selection.selectionSet, seen));
      } else {
        const name = selection.name.value;
        if (seen.has(name)) continue;
        deepest = Math.max(deepest, depthOf(fragments.get(name)?.selectionSet, new Set(seen).add(name)));
      }
    }
    return deepest;
  };
  return operation ? depthOf(operation.selectionSet, new Set()) : 0;
}

/**
 * Rejects operations nested deeper than `maxDepth` fields (introspection included) or whose
 * estimated cost exceeds `maxComplexity`. Fields declare their cost
 * with `complexity` (lists multiply their children by `first`); other fields cost 1.
 */
export function queryLimitsPlugin(limits: { maxDepth: number; maxComplexity: number }): ApolloServerPlugin {
  const { maxDepth, maxComplexity } = limits;
  // Depth and cost depend only on the document and its variables; clients repeat both.
  const measured = new Map<string, { depth: number; complexity: number }>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
          const cacheKey = `${request.operationName ?? ''}\u0000${request.query ?? ''}\u0000${JSON.stringify(request.variables ?? {})}`;
          let known = measured.get(cacheKey);
          if (!known) {
            known = {
              depth: operationDepth(document, request.operationName),
              complexity: getComplexity({
                schema,
                operationName: request.operationName,
                query: document,
                variables: request.variables,
                estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
              }),
            };
            if (measured.size >= 1000) measured.delete(measured.keys().next().value!);
            measured.set(cacheKey, known);
          }
          const { depth, complexity } = known;
          if (depth > maxDepth) {
            throw new GraphQLError(`query depth ${depth} exceeds the limit of ${maxDepth}`, {
              extensions: { code: 'QUERY_TOO_DEEP', depth, maxDepth },
            });
          }
          if (complexity > maxComplexity) {
            throw new GraphQLError(`query complexity ${complexity} exceeds the limit of ${maxComplexity}`, {
              extensions: { code: 'QUERY_TOO_COMPLEX', complexity, maxComplexity },
            });
          }
        },
      };
    },
  };
}
