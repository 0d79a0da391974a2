/** Where clients download a file of the file subgraph (its `GET /files/<id>` route), as File.url says. */
export function fileUrl(baseUrl: string, fileId: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/files/${encodeURIComponent(fileId)}`;
}
