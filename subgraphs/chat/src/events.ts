/**
 * The parts of `@market/events` this service uses, plus the helpers its MongoDB adapter needs
 * (an `event_outbox` collection with the same rows as the PostgreSQL table).
 */
import { randomUUID } from 'node:crypto';
import type { DomainEvent, NewEvent } from '@market/events';

export { eventInbox, eventOutbox, outboxInsert, recordEvents, startServiceEvents } from '@market/events';
export type { DomainEvent, EventHandlers, IdempotentEventHandlers, NewEvent, ServiceEvents } from '@market/events';

export const EVENT_SOURCE = 'chat';

/** Complete events (id, source, time) from new ones: the MongoDB outbox rows, and events handed to handlers in tests. */
export function toDomainEvents(events: readonly NewEvent[], now = new Date()): DomainEvent[] {
  return events.map((e) => ({
    id: randomUUID(),
    type: e.type,
    source: EVENT_SOURCE,
    occurredAt: now.toISOString(),
    data: e.data as Record<string, unknown>,
  }));
}
