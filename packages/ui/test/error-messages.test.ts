import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { describe, expect, it } from 'vitest';
import { errorMessages } from '../src/error-messages';

describe('errorMessages', () => {
  it('shows each GraphQL error message as the server wrote it', () => {
    const error = new CombinedGraphQLErrors({
      data: null,
      errors: [
        { message: 'first must be between 1 and 100', extensions: { code: 'BAD_USER_INPUT' } },
        { message: 'Agency not found', extensions: { code: 'NOT_FOUND' } },
      ],
    });
    expect(errorMessages(error)).toEqual(['first must be between 1 and 100', 'Agency not found']);
  });

  it('explains transport failures', () => {
    expect(errorMessages(new TypeError('Failed to fetch'))).toEqual([
      'Cannot reach the server (Failed to fetch). Check your connection and try again.',
    ]);
    const server = new ServerError('Response not successful: Received status code 429', {
      response: new Response('', { status: 429 }),
      bodyText: '',
    });
    expect(errorMessages(server)[0]).toMatch(/^The server answered 429/);
    const limited = new ServerError('Response not successful: Received status code 429', {
      response: new Response('', { status: 429 }),
      bodyText: JSON.stringify({ errors: [{ message: 'Too many requests; retry in 12 s', extensions: { code: 'RATE_LIMITED' } }] }),
    });
    expect(errorMessages(limited)).toEqual(['Too many requests; retry in 12 s']);
  });
});
