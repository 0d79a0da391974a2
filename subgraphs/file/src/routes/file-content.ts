import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { isUuid, sendJson, type RequestInfo } from '@market/kit';
import { contentDisposition, servedContentType } from '../domain/files';
import type { BlobStore } from '../store/blobs';
import type { FileRepository } from '../store/repository';

const ROUTE = /^\/files\/([^/]*)$/;

/**
 * `GET /files/:id`: the file's content, streamed from the blob store with its
 * content type. Files whose content has not been uploaded (every seeded demo
 * file) answer 404 `{ error: 'file content not uploaded yet' }`.
 */
export function fileContentRoute(repo: FileRepository, blobs: BlobStore) {
  return async (req: IncomingMessage, res: ServerResponse, { logger }: RequestInfo): Promise<boolean> => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path !== '/files' && !path.startsWith('/files/')) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendJson(res, 405, { error: 'method not allowed' }, { allow: 'GET, HEAD' });
      return true;
    }
    // The id is matched raw (never URL-decoded): only a UUID can name a file, so `..`, `%2e%2e` or
    // `%2f` never reach the store.
    const id = ROUTE.exec(path)?.[1];
    const row = id && isUuid(id) ? ((await repo.byIds([id]))[0] ?? null) : null;
    if (!row) {
      sendJson(res, 404, { error: 'file not found' });
      return true;
    }
    const blob = row.storageKey ? await blobs.open(row.storageKey) : null;
    if (!blob) {
      if (row.storageKey) logger.warn({ fileId: row.id }, 'file content missing from the blob store');
      sendJson(res, 404, { error: 'file content not uploaded yet' });
      return true;
    }
    res.writeHead(200, {
      'content-type': servedContentType(row.contentType),
      'content-length': String(blob.size),
      'content-disposition': contentDisposition(row.name, row.contentType),
      // Uploaded content is never run as a page of this origin.
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'cache-control': 'private, no-cache',
    });
    if (req.method === 'HEAD') {
      res.end();
      return true;
    }
    try {
      await pipeline(blob.stream(), res);
    } catch (error) {
      // The client went away mid-download: nothing to answer.
      if ((error as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') throw error;
    }
    return true;
  };
}
