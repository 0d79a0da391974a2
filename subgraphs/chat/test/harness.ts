import { randomUUID } from 'node:crypto';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { Viewer } from '@market/kit';
import { testLogger } from '@market/testkit';
import { execute, parse, subscribe, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { handleChatEvent } from '../src/event-handlers';
import { toDomainEvents } from '../src/events';
import { resolvers } from '../src/resolvers';
import { chatContext, openChatRuntime, typeDefs, type ChatRuntime, type RuntimeEnv } from '../src/service';

/**
 * The chat subgraph in-process: its federated schema executed directly (queries, mutations and
 * subscriptions through graphql-js), with a real store and the real pub/sub.
 */
export interface Harness {
  runtime: ChatRuntime;
  schema: GraphQLSchema;
  run: <T = Record<string, unknown>>(
    viewer: Viewer | null,
    query: string,
    variables?: Record<string, unknown>,
  ) => Promise<ExecutionResult<T>>;
  /** Subscribes; resolves once the subscription is active (or with the refusal). */
  subscribe: <T = Record<string, unknown>>(
    viewer: Viewer | null,
    query: string,
    variables?: Record<string, unknown>,
  ) => Promise<AsyncGenerator<ExecutionResult<T>> | ExecutionResult<T>>;
  event: (type: string, data: unknown) => Promise<void>;
  close: () => Promise<void>;
}

export const schema = buildSubgraphSchema([{ typeDefs, resolvers: resolvers as never }]);

export async function openHarness(env: Partial<RuntimeEnv> = {}): Promise<Harness> {
  const runtime = await openChatRuntime({ REDIS_PREFIX: `chat-test:${randomUUID()}:`, ...env }, testLogger('chat'));
  const context = (viewer: Viewer | null) => chatContext(runtime, { requestId: randomUUID(), logger: testLogger('chat'), viewer });
  return {
    runtime,
    schema,
    run: async (viewer, query, variables = {}) =>
      (await execute({ schema, document: parse(query), variableValues: variables, contextValue: context(viewer) })) as never,
    subscribe: async (viewer, query, variables = {}) =>
      (await subscribe({ schema, document: parse(query), variableValues: variables, contextValue: context(viewer) })) as never,
    event: async (type, data) => {
      const [event] = toDomainEvents([{ type, data: data as object }]);
      await handleChatEvent(runtime.store, event!);
    },
    close: () => runtime.close(),
  };
}

export const viewer = (id: string, roles: string[] = ['CUSTOMER'], scopes: string[] = []): Viewer => ({
  id,
  roles,
  scopes,
  clientId: 'web-client',
  ip: '203.0.113.7',
  userAgent: 'vitest',
});
export const adminViewer = (id: string, scopes = ['admin:users', 'admin:orders']) => viewer(id, ['ADMIN'], scopes);

/** The next event of a subscription, or a failure after `ms`. */
export async function nextEvent<T>(iterator: AsyncGenerator<ExecutionResult<T>>, ms = 5_000): Promise<ExecutionResult<T>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no subscription event within ${ms} ms`)), ms);
  });
  try {
    const result = await Promise.race([iterator.next(), timeout]);
    if (result.done) throw new Error('the subscription ended');
    return result.value;
  } finally {
    clearTimeout(timer);
  }
}

export function isIterator<T>(value: AsyncGenerator<ExecutionResult<T>> | ExecutionResult<T>): value is AsyncGenerator<ExecutionResult<T>> {
  return Symbol.asyncIterator in value;
}

export const codes = (result: ExecutionResult) => result.errors?.map((e) => e.extensions?.code);
