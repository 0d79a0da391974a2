import { createReadStream, type ReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { isSafeStorageKey } from '../domain/files';

export interface Blob {
  size: number;
  stream: () => ReadStream;
}

/**
 * File contents on local disk, one file per storage key under `root` (the
 * embedded stand-in for the S3-compatible object store).
 */
export function createBlobStore(root: string) {
  const base = resolve(root);
  return {
    root: base,
    /** The content stored under `key`, or null when there is none (or the key could leave the store). */
    open: async (key: string): Promise<Blob | null> => {
      if (!isSafeStorageKey(key)) return null;
      const path = resolve(base, key);
      if (!path.startsWith(base + sep)) return null;
      try {
        // A symlink inside the store must not lead out of it either.
        const [real, realBase] = await Promise.all([realpath(path), realpath(base)]);
        if (!real.startsWith(realBase + sep)) return null;
        const info = await stat(real);
        if (!info.isFile()) return null;
        return { size: info.size, stream: () => createReadStream(real) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return null;
        throw error;
      }
    },
  };
}
export type BlobStore = ReturnType<typeof createBlobStore>;
