import { badInput } from '@market/kit';
import type { StoredLineItem } from '../store/schema';

/** The currencies orders may be placed in (ISO 4217). */
export const SUPPORTED_CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF', 'PLN', 'SEK', 'DKK', 'NOK', 'CZK'] as const;
export const MAX_LINE_ITEMS = 50;
export const MAX_QUANTITY = 10_000;
export const MAX_UNIT_AMOUNT = 10_000_000;
/** The largest total a PostgreSQL integer holds. */
export const MAX_TOTAL = 2_147_483_647;

export interface PlaceOrderInput {
  agencyId: string;
  title: string;
  description: string;
  lineItems?: readonly { description: string; quantity?: number | null; unitAmount: number }[] | null;
  amount?: number | null;
  currency?: string | null;
  dueDate?: Date | null;
}

export interface ValidOrder {
  agencyId: string;
  title: string;
  description: string;
  lineItems: StoredLineItem[];
  amount: number;
  currency: string;
  dueDate: Date | null;
}

/**
 * Checks a placement field by field (the first problem is reported, naming its field) and
 * normalises it: trimmed texts, the amount derived from the line items. Pure: `now` is given.
 */
export function validatePlaceOrder(input: PlaceOrderInput, now: Date): ValidOrder {
  const title = input.title.trim();
  if (title.length < 3 || title.length > 120) throw badInput('title must be 3 to 120 characters', 'title');
  const description = input.description.trim();
  if (description.length < 1 || description.length > 5000) throw badInput('description must be 1 to 5000 characters', 'description');

  const currency = input.currency ?? 'EUR';
  if (!(SUPPORTED_CURRENCIES as readonly string[]).includes(currency)) {
    throw badInput(`currency must be one of ${SUPPORTED_CURRENCIES.join(', ')}`, 'currency');
  }

  const lines = input.lineItems ?? [];
  if (lines.length > MAX_LINE_ITEMS) throw badInput(`an order has at most ${MAX_LINE_ITEMS} line items`, 'lineItems');
  if (lines.length && input.amount != null) {
    throw badInput('give either lineItems or amount: the amount of an order with line items is their sum', 'amount');
  }
  const lineItems: StoredLineItem[] = lines.map((line, i) => {
    const text = line.description.trim();
    if (text.length < 1 || text.length > 500) throw badInput(`lineItems[${i}].description must be 1 to 500 characters`, 'lineItems');
    const quantity = line.quantity ?? 1;
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY) {
      throw badInput(`lineItems[${i}].quantity must be 1 to ${MAX_QUANTITY}`, 'lineItems');
    }
    if (!Number.isInteger(line.unitAmount) || line.unitAmount < 0 || line.unitAmount > MAX_UNIT_AMOUNT) {
      throw badInput(`lineItems[${i}].unitAmount must be 0 to ${MAX_UNIT_AMOUNT} minor units`, 'lineItems');
    }
    return { description: text, quantity, unitAmount: line.unitAmount };
  });

  let amount: number;
  if (lineItems.length) {
    amount = lineItems.reduce((sum, line) => sum + line.quantity * line.unitAmount, 0);
    if (amount > MAX_TOTAL) throw badInput(`the total of the line items must not exceed ${MAX_TOTAL} minor units`, 'lineItems');
  } else {
    amount = input.amount ?? 0;
    if (!Number.isInteger(amount) || amount < 0 || amount > MAX_TOTAL)
      throw badInput(`amount must be 0 to ${MAX_TOTAL} minor units`, 'amount');
  }

  const dueDate = input.dueDate ?? null;
  if (dueDate && !(dueDate.getTime() > now.getTime())) throw badInput('dueDate must be in the future', 'dueDate');

  return { agencyId: input.agencyId, title, description, lineItems, amount, currency, dueDate };
}

export const MAX_REVIEW_COMMENT = 2000;
export const MAX_REPLY = 2000;

/** A review's rating and comment, checked (pure). */
export function validateReview(rating: number, comment: string | null | undefined): { rating: number; comment: string | null } {
  if (!Number.isInteger(rating) || rating < 1 || rating > 5) throw badInput('rating must be a whole number from 1 to 5', 'rating');
  const text = comment?.trim() ?? '';
  if (text.length > MAX_REVIEW_COMMENT) throw badInput(`comment must be at most ${MAX_REVIEW_COMMENT} characters`, 'comment');
  return { rating, comment: text || null };
}

/** The agency's reply to a review, checked (pure). */
export function validateReply(body: string): string {
  const text = body.trim();
  if (text.length < 1 || text.length > MAX_REPLY) throw badInput(`body must be 1 to ${MAX_REPLY} characters`, 'body');
  return text;
}
