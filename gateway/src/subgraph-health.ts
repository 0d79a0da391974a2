import type { Logger, ReadinessCheck } from '@market/kit';
import type { Gauge } from 'prom-client';
import { fetch as undiciFetch, type Agent } from 'undici';

export interface SubgraphHealthOptions {
  agent: Agent;
  logger: Logger;
  up: Gauge<'subgraph'>;
  /** Deadline of one /health call. */
  timeoutMs: number;
  /** Background polling period. */
  intervalMs: number;
}

/** A subgraph's /health, next to its routing URL (http://host:port/graphql → http://host:port/health). */
export const healthUrl = (routingUrl: string) => new URL('/health', routingUrl).toString();

/**
 * Knows whether each subgraph answers. /ready asks on demand (short deadline);
 * a background poll keeps the `gateway_subgraph_up` gauge current and logs
 * each subgraph going down or coming back, once.
 */
export function subgraphHealth({ agent, logger, up, timeoutMs, intervalMs }: SubgraphHealthOptions) {
  let subgraphs: readonly { name: string; url: string }[] = [];
  const lastState = new Map<string, boolean>();

  const probe = async (url: string): Promise<void> => {
    let response;
    try {
      response = await undiciFetch(healthUrl(url), { dispatcher: agent, signal: AbortSignal.timeout(timeoutMs) });
      await response.arrayBuffer();
    } catch (error) {
      if (error instanceof Error && error.name === 'TimeoutError') throw new Error(`no answer from /health within ${timeoutMs} ms`);
      const cause = error instanceof Error ? error.cause : undefined;
      const code = cause instanceof Error && 'code' in cause ? String(cause.code) : undefined;
      throw new Error(code === 'ECONNREFUSED' ? 'not running (connection refused)' : `unreachable (${code ?? String(error)})`);
    }
    if (!response.ok) throw new Error(`/health answered ${response.status}`);
  };

  const record = (name: string, ok: boolean, error?: unknown) => {
    up.set({ subgraph: name }, ok ? 1 : 0);
    const previous = lastState.get(name);
    lastState.set(name, ok);
    if (previous === ok) return;
    if (ok && previous === false) logger.info({ subgraph: name }, 'subgraph is back');
    if (!ok) logger.warn({ subgraph: name, reason: error instanceof Error ? error.message : String(error) }, 'subgraph is down');
  };

  const checkOne = async (name: string, url: string) => {
    try {
      await probe(url);
      record(name, true);
    } catch (error) {
      record(name, false, error);
      throw error;
    }
  };

  const pollAll = () => Promise.allSettled(subgraphs.map(({ name, url }) => checkOne(name, url)));
  const timer = setInterval(() => void pollAll(), intervalMs);
  timer.unref();

  return {
    /** Switches to the subgraphs of a new supergraph. */
    setSubgraphs(next: readonly { name: string; url: string }[]) {
      subgraphs = next;
      for (const name of lastState.keys()) {
        if (!next.some((s) => s.name === name)) {
          lastState.delete(name);
          up.remove({ subgraph: name });
        }
      }
    },
    /** One readiness check per subgraph, named after it. */
    checks(): ReadinessCheck[] {
      return subgraphs.map(({ name, url }) => ({ name, check: () => checkOne(name, url) }));
    },
    pollNow: pollAll,
    stop() {
      clearInterval(timer);
    },
  };
}
