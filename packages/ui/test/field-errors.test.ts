import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { describe, expect, it } from 'vitest';
import { fieldErrors } from '../src/field-errors';

describe('fieldErrors', () => {
  it('puts BAD_USER_INPUT errors that name a known field under that field', () => {
    const error = new CombinedGraphQLErrors({
      data: null,
      errors: [
        { message: 'The current password is wrong', extensions: { code: 'BAD_USER_INPUT', field: 'currentPassword' } },
        { message: 'Too short', extensions: { code: 'BAD_USER_INPUT', field: 'newPassword' } },
      ],
    });
    expect(fieldErrors(error, ['currentPassword', 'newPassword'])).toEqual({
      fields: { currentPassword: 'The current password is wrong', newPassword: 'Too short' },
      messages: [],
    });
  });

  it('keeps errors about unknown fields and other codes as messages', () => {
    const error = new CombinedGraphQLErrors({
      data: null,
      errors: [
        { message: 'reason is required', extensions: { code: 'BAD_USER_INPUT', field: 'reason' } },
        { message: 'Not allowed', extensions: { code: 'FORBIDDEN', field: 'newPassword' } },
      ],
    });
    expect(fieldErrors(error, ['newPassword'])).toEqual({ fields: {}, messages: ['reason is required', 'Not allowed'] });
  });

  it('explains transport errors and is empty without an error', () => {
    expect(fieldErrors(new TypeError('Failed to fetch'), ['x']).messages[0]).toMatch(/^Cannot reach the server/);
    expect(fieldErrors(undefined, ['x'])).toEqual({ fields: {}, messages: [] });
  });
});
