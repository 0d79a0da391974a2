import { buildSubgraphSchema, type GraphQLResolverMap } from '@apollo/subgraph';
import type { Logger, Viewer } from '@market/kit';
import { execute, parse, type DocumentNode, type ExecutionResult } from 'graphql';
import type { AgencySettings, Context } from './context';
import { resolvers } from './resolvers';
import { createContext, typeDefs, type AgencyStore } from './service';

/**
 * The subgraph's schema and resolvers executed in-process over an open store, without HTTP:
 * the benchmark and the tests call the same resolvers the server runs, as any viewer.
 */
export function createExecutor(store: Pick<AgencyStore, 'db'>, settings: AgencySettings, logger: Logger) {
  const schema = buildSubgraphSchema([{ typeDefs, resolvers: resolvers as unknown as GraphQLResolverMap<Context> }]);
  const documents = new Map<string, DocumentNode>();
  return async <T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    viewer: Viewer | null = null,
  ): Promise<ExecutionResult<T>> => {
    let document = documents.get(query);
    if (!document) {
      document = parse(query);
      documents.set(query, document);
    }
    const contextValue = createContext(store, settings, { requestId: 'local', logger, viewer });
    return (await execute({ schema, document, variableValues: variables, contextValue })) as ExecutionResult<T>;
  };
}
export type Executor = ReturnType<typeof createExecutor>;
