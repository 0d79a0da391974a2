import { GATEWAY_IDENTITY_HEADER, type Logger } from '@market/kit';
import type { FormattedExecutionResult, GraphQLFormattedError } from 'graphql';
import { createClient, type Client, type SubscribePayload } from 'graphql-ws';
import WebSocket from 'ws';
import { SUBGRAPH_UNAVAILABLE } from '../subgraph-fetch';

/** One subscription the gateway holds on a subgraph (shared by every identical client subscription). */
export interface UpstreamSubscription {
  /** The subscribe payload, built afresh for every (re)subscribe: the identity it carries is short-lived. */
  payload(): Promise<SubscribePayload>;
  next(result: FormattedExecutionResult): void;
  /** Final: the subgraph refused or failed it, or stayed unreachable (SUBGRAPH_UNAVAILABLE). */
  error(errors: readonly GraphQLFormattedError[]): void;
  /** Final: the subgraph completed it. */
  complete(): void;
}

export interface UpstreamSocketOptions {
  subgraph: string;
  /** The subgraph's routing URL (http(s) is turned into ws(s)). */
  url: string;
  /** A gateway-signed service token for `connection_init`. */
  serviceToken: () => Promise<string>;
  logger: Logger;
  /** How long the subgraph may stay unreachable before its subscriptions end with SUBGRAPH_UNAVAILABLE. */
  giveUpMs: number;
  reconnectInitialMs?: number;
  reconnectMaxMs?: number;
}

const isCloseEvent = (value: unknown): value is { code: number; reason: string } =>
  typeof value === 'object' && value !== null && 'code' in value && 'reason' in value;

/**
 * ONE graphql-ws socket to a subgraph, multiplexing every upstream subscription the gateway holds on it. graphql-ws'
 * own retry would resend the original subscribe payloads (whose identity tokens expire), so the client is made with
 * retries off and this class reconnects itself: exponential backoff with jitter, then every live subscription is
 * subscribed again with a freshly signed payload. Client sockets never notice; if the subgraph stays unreachable
 * for `giveUpMs`, every subscription on it ends with a SUBGRAPH_UNAVAILABLE error.
 */
export class UpstreamSocket {
  private client: Client | undefined;
  /** Bumped whenever the client is replaced, so callbacks of an old client are ignored. */
  private generation = 0;
  private connected = false;
  /** A client is being made (its service token is being signed). */
  private opening = false;
  private retries = 0;
  private downSince: number | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private giveUpTimer: NodeJS.Timeout | undefined;
  /** Live subscriptions and how to stop each (undefined: waiting for the socket). */
  private readonly subscriptions = new Map<UpstreamSubscription, (() => void) | undefined>();
  private readonly url: string;
  private readonly logger: Logger;

  constructor(private readonly options: UpstreamSocketOptions) {
    this.url = options.url.replace(/^http/, 'ws');
    this.logger = options.logger.child({ subgraph: options.subgraph });
  }

  /** Subscribes (now, or once the socket is up); returns the unsubscribe. */
  add(subscription: UpstreamSubscription): () => void {
    this.subscriptions.set(subscription, undefined);
    if (this.connected) this.start(subscription);
    else if (!this.client && !this.reconnectTimer && !this.opening) this.open();
    return () => this.remove(subscription);
  }

  get size(): number {
    return this.subscriptions.size;
  }

  /** Closes the socket and forgets every subscription without notifying them (gateway shutdown). */
  close(): void {
    this.subscriptions.clear();
    this.idle();
  }

  private remove(subscription: UpstreamSubscription): void {
    if (!this.subscriptions.has(subscription)) return;
    const stop = this.subscriptions.get(subscription);
    this.subscriptions.delete(subscription);
    stop?.();
    if (this.subscriptions.size === 0) this.idle();
  }

  /** Nothing left to carry: the socket is closed (opened again on the next subscription). */
  private idle(): void {
    clearTimeout(this.reconnectTimer);
    clearTimeout(this.giveUpTimer);
    this.reconnectTimer = undefined;
    this.giveUpTimer = undefined;
    this.downSince = undefined;
    this.retries = 0;
    this.generation++;
    this.connected = false;
    this.opening = false;
    const client = this.client;
    this.client = undefined;
    void client?.dispose();
  }

  private open(): void {
    this.reconnectTimer = undefined;
    this.opening = true;
    const generation = ++this.generation;
    const current = () => generation === this.generation;
    this.options.serviceToken().then(
      (token) => {
        this.opening = false;
        if (!current()) return;
        // The token goes on the upgrade request too, so a subgraph refuses unsigned upgrades at the HTTP level.
        const headers = { [GATEWAY_IDENTITY_HEADER]: token };
        class SignedWebSocket extends WebSocket {
          constructor(address: string | URL, protocols?: string | string[]) {
            super(address, protocols, { headers });
          }
        }
        this.client = createClient({
          url: this.url,
          webSocketImpl: SignedWebSocket,
          lazy: false,
          retryAttempts: 0,
          keepAlive: 10_000,
          connectionParams: { gatewayIdentity: token },
          onNonLazyError: () => undefined,
          on: {
            connected: () => {
              if (current()) this.onConnected();
            },
            closed: (event) => {
              if (current()) this.onClosed(event);
            },
          },
        });
      },
      (error: unknown) => {
        this.opening = false;
        this.logger.error({ err: error }, 'cannot sign the service token for the subgraph socket');
        if (current()) this.onClosed(error);
      },
    );
  }

  private onConnected(): void {
    if (this.downSince !== undefined) {
      this.logger.info({ downMs: Date.now() - this.downSince }, 'subgraph subscription socket reconnected; resubscribing');
    }
    this.connected = true;
    this.retries = 0;
    this.downSince = undefined;
    clearTimeout(this.giveUpTimer);
    this.giveUpTimer = undefined;
    for (const [subscription, stop] of this.subscriptions) if (!stop) this.start(subscription);
  }

  private start(subscription: UpstreamSubscription): void {
    const generation = this.generation;
    const client = this.client;
    const live = () => generation === this.generation && this.subscriptions.has(subscription);
    subscription.payload().then(
      (payload) => {
        if (!live() || !client || this.subscriptions.get(subscription)) return;
        const stop = client.subscribe(payload, {
          next: (result) => {
            if (live()) subscription.next(result as FormattedExecutionResult);
          },
          error: (error) => {
            // A closed socket is the reconnect's business; anything else ends this subscription.
            if (!live() || isCloseEvent(error)) return;
            this.subscriptions.delete(subscription);
            subscription.error(
              Array.isArray(error)
                ? (error as GraphQLFormattedError[])
                : [this.unavailable(`The ${this.options.subgraph} subgraph failed this subscription`)],
            );
          },
          complete: () => {
            if (!live() || !this.connected) return;
            this.subscriptions.delete(subscription);
            subscription.complete();
          },
        });
        this.subscriptions.set(subscription, stop);
      },
      (error: unknown) => {
        this.logger.error({ err: error }, 'cannot build an upstream subscribe payload');
        if (!this.subscriptions.delete(subscription)) return;
        subscription.error([this.unavailable('The gateway could not sign this subscription')]);
      },
    );
  }

  private onClosed(event: unknown): void {
    const code = isCloseEvent(event) ? event.code : undefined;
    this.generation++;
    this.connected = false;
    const client = this.client;
    this.client = undefined;
    void client?.dispose();
    for (const subscription of this.subscriptions.keys()) this.subscriptions.set(subscription, undefined);
    if (this.subscriptions.size === 0) return this.idle();
    const now = Date.now();
    this.downSince ??= now;
    this.giveUpTimer ??= setTimeout(() => this.giveUp(), Math.max(0, this.options.giveUpMs - (now - this.downSince)));
    const initial = this.options.reconnectInitialMs ?? 100;
    const max = this.options.reconnectMaxMs ?? 5_000;
    // Full backoff doubles per failed attempt; jitter spreads the gateways' reconnects over the last half.
    const delay = Math.min(max, initial * 2 ** this.retries) * (0.5 + Math.random() / 2);
    this.retries++;
    this.logger.warn({ code, attempt: this.retries, delayMs: Math.round(delay) }, 'subgraph subscription socket closed; reconnecting');
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => this.open(), delay);
  }

  private giveUp(): void {
    const downMs = this.downSince === undefined ? 0 : Date.now() - this.downSince;
    this.logger.error({ downMs }, 'subgraph unreachable for too long; ending its subscriptions');
    const ended = [...this.subscriptions.keys()];
    this.subscriptions.clear();
    this.idle();
    const error = this.unavailable(
      `The ${this.options.subgraph} subgraph has been unreachable for ${Math.round(downMs / 1000)} s; this subscription has ended (subscribe again later)`,
    );
    for (const subscription of ended) subscription.error([error]);
  }

  private unavailable(message: string): GraphQLFormattedError {
    return { message, extensions: { code: SUBGRAPH_UNAVAILABLE, serviceName: this.options.subgraph } };
  }
}
