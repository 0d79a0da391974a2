/** What a file is attached to. */
export const FILE_SUBJECTS = ['ORDER', 'AGENCY'] as const;
export type FileSubject = (typeof FILE_SUBJECTS)[number];

/** Where clients download a file's content: this service's `/files/<id>` route. */
export function fileUrl(publicUrl: string, id: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/files/${encodeURIComponent(id)}`;
}

const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/;

/**
 * A storage key names an object in the blob store (a path under the blobs
 * folder on local disk, an object key in S3). Only plain relative keys of
 * safe segments are accepted, so a key can never reach outside the store:
 * no absolute paths, no `.`/`..`, no backslashes, no empty segments.
 */
export function isSafeStorageKey(key: string): boolean {
  if (key.length === 0 || key.length > 512) return false;
  return key.split('/').every((segment) => SEGMENT.test(segment) && segment !== '.' && segment !== '..');
}

// Types a browser will not run as a page of this origin; anything else downloads.
const INLINE = /^(image\/(png|jpeg|gif|webp|avif)|application\/pdf|text\/plain|audio\/[\w.+-]+|video\/[\w.+-]+)$/i;

/** `Content-Disposition` for serving a file: inline for harmless types, attachment otherwise. */
export function contentDisposition(name: string, contentType: string): string {
  const kind = INLINE.test(contentType.split(';')[0]?.trim() ?? '') ? 'inline' : 'attachment';
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

const MIME = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/i;

/** The content type to send: the stored one when it is a well-formed media type, else a plain download. */
export function servedContentType(contentType: string): string {
  return MIME.test(contentType) ? contentType.toLowerCase() : 'application/octet-stream';
}
