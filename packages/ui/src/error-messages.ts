import type { ErrorLike } from '@apollo/client';
import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';

/** `errors[].message` of a GraphQL response body, if `bodyText` is one. */
function messagesInBody(bodyText: string): string[] {
  try {
    const body: unknown = JSON.parse(bodyText);
    if (typeof body !== 'object' || body === null || !('errors' in body) || !Array.isArray(body.errors)) return [];
    return body.errors.flatMap((e: unknown) =>
      typeof e === 'object' && e !== null && 'message' in e && typeof e.message === 'string' && e.message !== '' ? [e.message] : [],
    );
  } catch {
    return [];
  }
}

/** The messages a person should read: the GraphQL errors' messages, else the transport error's. */
export function errorMessages(error: ErrorLike): string[] {
  if (CombinedGraphQLErrors.is(error)) {
    const messages = error.errors.map((e) => e.message).filter((m) => m !== '');
    return messages.length > 0 ? messages : [error.message];
  }
  if (ServerError.is(error)) {
    // A 4xx/5xx from the gateway (rate limit, request too large …) still carries GraphQL errors in its body.
    const fromBody = messagesInBody(error.bodyText);
    return fromBody.length > 0 ? fromBody : [`The server answered ${error.statusCode}: ${error.message}`];
  }
  // fetch() rejects with a TypeError when the gateway cannot be reached at all.
  if (error.name === 'TypeError') return [`Cannot reach the server (${error.message}). Check your connection and try again.`];
  return [error.message || 'Something went wrong.'];
}
