import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { HttpError, readBody } from './http';
import type { Metrics } from './metrics';

/**
 * Bridges one node:http request to Apollo Server's `executeHTTPGraphQLRequest`
 * (GET and POST, JSON bodies up to `bodyLimit`, streamed responses). Apollo does
 * the GraphQL-over-HTTP rules itself (CSRF prevention, content negotiation).
 */
export async function executeApolloHttp<Ctx extends BaseContext>(
  apollo: ApolloServer<Ctx>,
  req: IncomingMessage,
  res: ServerResponse,
  options: { bodyLimit: number; context: () => Promise<Ctx> },
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  let body: unknown = undefined;
  if (req.method === 'POST') {
    const raw = await readBody(req, options.bodyLimit);
    if ((headers.get('content-type') ?? '').includes('application/json')) {
      try {
        body = raw.length ? JSON.parse(raw) : undefined;
      } catch {
        throw new HttpError(400, 'Request body is not valid JSON');
      }
    } else body = raw;
  }
  const response = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
    context: options.context,
  });
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    res.end(response.body.string);
  } else {
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }
}

/** Counts operations by name/type/outcome and errors by code in the service's registry. */
export function operationMetricsPlugin<Ctx extends BaseContext>(metrics: Metrics): ApolloServerPlugin<Ctx> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ operation, operationName, errors }) {
          metrics.operations.inc({
            operation: operationName ?? 'anonymous',
            type: operation?.operation ?? 'unknown',
            outcome: errors?.length ? 'error' : 'ok',
          });
          for (const error of errors ?? []) {
            const code = error.extensions.code;
            metrics.errors.inc({ code: typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR' });
          }
        },
      };
    },
  };
}
