import { createHash } from 'node:crypto';
import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { SupergraphSdlHook, SupergraphSdlUpdateFunction } from '@apollo/gateway';
import { Supergraph } from '@apollo/federation-internals';
import type { Logger } from '@market/kit';
import { authorizationRules, servableSupergraph, type AuthorizationRules } from './authorization';

export interface LoadedSupergraph {
  /** The file's content. */
  sdl: string;
  /** What Apollo's gateway is given: `sdl` with the security features the gateway enforces itself marked servable. */
  servedSdl: string;
  /** `@authenticated` / `@requiresScopes` / `@policy` rules, enforced by the gateway before planning. */
  authorization: AuthorizationRules;
  /** sha256 of the SDL, short; shown in logs and /ready. */
  id: string;
  subgraphs: readonly { name: string; url: string }[];
  loadedAt: Date;
}

/**
 * Parses and validates a supergraph the way the gateway will use it (join
 * metadata, API schema); throws a readable error when it cannot serve it.
 */
export function inspectSupergraph(sdl: string): LoadedSupergraph {
  const servedSdl = servableSupergraph(sdl);
  const supergraph = Supergraph.build(servedSdl, { validateSupergraph: true });
  supergraph.apiSchema();
  return {
    sdl,
    servedSdl,
    authorization: authorizationRules(sdl),
    id: createHash('sha256').update(sdl).digest('hex').slice(0, 12),
    subgraphs: supergraph.subgraphsMetadata(),
    loadedAt: new Date(),
  };
}

export interface SupergraphFileOptions {
  path: string;
  logger: Logger;
  /** Called after the gateway switched to a new supergraph (also for the first one). */
  onLoaded: (supergraph: LoadedSupergraph) => void;
  /** Called when a changed file was refused. */
  onRejected?: (error: unknown) => void;
  debounceMs?: number;
}

export interface SupergraphFile {
  /** For ApolloGateway's `supergraphSdl`. */
  hook: SupergraphSdlHook;
  current(): LoadedSupergraph | undefined;
  /** Re-reads the file now; rejects (and keeps serving the old one) when it is invalid. */
  reload(): Promise<void>;
}

/**
 * The supergraph from a file, watched for changes. The folder is watched rather
 * than the file because editors and `npm run compose` may replace the file,
 * which ends a watch on the old inode. An invalid file is logged and ignored:
 * the gateway keeps serving the last good supergraph.
 */
export function supergraphFile({ path, logger, onLoaded, onRejected, debounceMs = 150 }: SupergraphFileOptions): SupergraphFile {
  let current: LoadedSupergraph | undefined;
  let update: SupergraphSdlUpdateFunction | undefined;
  // Loads run one at a time so a burst of writes ends on the newest content.
  let queue: Promise<unknown> = Promise.resolve();

  const load = async (): Promise<LoadedSupergraph> => {
    const sdl = await readFile(path, 'utf8');
    if (current && sdl === current.sdl) return current;
    let next: LoadedSupergraph;
    try {
      next = inspectSupergraph(sdl);
    } catch (error) {
      throw new Error(`${path} is not a valid supergraph: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    if (update) update(next.servedSdl);
    current = next;
    logger.info({ supergraph: next.id, subgraphs: next.subgraphs.map((s) => s.name) }, 'supergraph loaded');
    onLoaded(next);
    return next;
  };
  const enqueue = () => {
    const run = queue.then(load, load);
    queue = run.catch((error: unknown) => onRejected?.(error));
    return run;
  };

  const hook: SupergraphSdlHook = async (options) => {
    const first = await load();
    update = options.update;
    let timer: NodeJS.Timeout | undefined;
    const name = basename(path);
    const watcher: FSWatcher = watch(dirname(path), (_event, filename) => {
      if (filename !== null && filename !== name) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        enqueue().catch((error: unknown) => {
          logger.error({ err: error }, 'supergraph change rejected; still serving the previous supergraph');
        });
      }, debounceMs);
    });
    watcher.on('error', (error) => logger.error({ err: error }, 'watching the supergraph file failed'));
    return {
      supergraphSdl: first.servedSdl,
      cleanup: async () => {
        clearTimeout(timer);
        watcher.close();
        update = undefined;
      },
    };
  };

  return {
    hook,
    current: () => current,
    reload: async () => {
      await enqueue();
    },
  };
}
