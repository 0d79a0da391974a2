import type { ErrorLike } from '@apollo/client';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { errorMessages } from './error-messages';

/** A failed mutation split for a form: messages that belong to one input, and the rest. */
export interface FieldErrors {
  /** Message per input name, from `BAD_USER_INPUT` errors that name a `field` (`badInput(message, field)` in @market/kit). */
  fields: Record<string, string>;
  /** Everything else, to show above or below the form. */
  messages: string[];
}

/**
 * Splits a mutation's error by input. Only the fields the form knows are taken out
 * (`known`), so a message about a field the form does not show is never lost.
 */
export function fieldErrors(error: ErrorLike | undefined, known: readonly string[]): FieldErrors {
  if (!error) return { fields: {}, messages: [] };
  if (!CombinedGraphQLErrors.is(error)) return { fields: {}, messages: errorMessages(error) };
  const fields: Record<string, string> = {};
  const messages: string[] = [];
  for (const item of error.errors) {
    const field = item.extensions?.field;
    if (item.extensions?.code === 'BAD_USER_INPUT' && typeof field === 'string' && known.includes(field) && !(field in fields)) {
      fields[field] = item.message;
    } else if (item.message !== '') {
      messages.push(item.message);
    }
  }
  return { fields, messages: messages.length === 0 && Object.keys(fields).length === 0 ? [error.message] : messages };
}
