import type { ErrorLike } from '@apollo/client';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { fieldErrors, type FieldErrors } from '@market/ui';

/**
 * `fieldErrors` for forms whose inputs are nested (`address.city`, `lineItems.1.unitAmount`): every `field` the
 * server names that starts with one of `prefixes` is taken out for the form, the rest stays a form-level message.
 */
export function formFieldErrors(error: ErrorLike | undefined, prefixes: readonly string[]): FieldErrors {
  const named =
    error && CombinedGraphQLErrors.is(error)
      ? error.errors.map((item) => item.extensions?.field).filter((field): field is string => typeof field === 'string')
      : [];
  const split = fieldErrors(
    error,
    named.filter((field) =>
      prefixes.some((prefix) => field === prefix || field.startsWith(`${prefix}.`) || field.startsWith(`${prefix}[`)),
    ),
  );
  // `lineItems[1].unitAmount` and `lineItems.1.unitAmount` name the same input.
  const fields = Object.fromEntries(Object.entries(split.fields).map(([field, message]) => [field.replace(/\[(\d+)\]/g, '.$1'), message]));
  return { fields, messages: split.messages };
}

/** The message for `field` or any field nested below it (e.g. `lineItems` → `lineItems.0.description`). */
export function errorUnder(fields: Record<string, string>, field: string): string | undefined {
  if (fields[field]) return fields[field];
  const key = Object.keys(fields).find((name) => name.startsWith(`${field}.`) || name.startsWith(`${field}[`));
  return key ? fields[key] : undefined;
}
