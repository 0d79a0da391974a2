import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSpaServer, type SpaServer } from '../src/spa';

const INDEX = '<!doctype html><html><body><div id="root"></div><script type="module" src="/assets/index-abc123.js"></script></body></html>';

let workDir: string;
let distDir: string;
let server: SpaServer;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'spa-test-'));
  distDir = join(workDir, 'dist');
  await mkdir(join(distDir, 'assets'), { recursive: true });
  await writeFile(join(distDir, 'index.html'), INDEX);
  await writeFile(join(distDir, 'assets', 'index-abc123.js'), 'console.info("app");');
  await writeFile(join(distDir, 'assets', 'index-abc123.css'), 'body{margin:0}');
  await writeFile(join(distDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  // A file next to the build that must never be reachable through the server.
  await writeFile(join(workDir, 'secret.txt'), 'do not serve');
  server = await startSpaServer({
    name: 'web-test',
    port: 0,
    distDir,
    config: { graphqlUrl: 'http://gateway.test/graphql' },
  });
});

afterAll(async () => {
  await server.stop();
  await rm(workDir, { recursive: true, force: true });
});

/** A raw request, so paths reach the server exactly as written (fetch would normalise `..`). */
function rawGet(path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('startSpaServer', () => {
  it('listens on the port it was given (0 = a free one) and reports its URL', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(new URL(server.url).port).not.toBe('0');
  });

  it('serves index.html at / without long caching', async () => {
    const res = await fetch(`${server.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.text()).toBe(INDEX);
  });

  it('serves fingerprinted assets with their content type and immutable caching', async () => {
    const js = await fetch(`${server.url}/assets/index-abc123.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(js.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await js.text()).toBe('console.info("app");');

    const css = await fetch(`${server.url}/assets/index-abc123.css`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('does not mark files outside /assets immutable', async () => {
    const res = await fetch(`${server.url}/favicon.svg`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml');
    expect(res.headers.get('cache-control')).toBe('no-cache');
  });

  it('answers a matching If-None-Match with 304', async () => {
    const first = await fetch(`${server.url}/assets/index-abc123.js`);
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    const second = await fetch(`${server.url}/assets/index-abc123.js`, { headers: { 'if-none-match': etag ?? '' } });
    expect(second.status).toBe(304);
  });

  it('serves /config.json from the config object, never cached', async () => {
    const res = await fetch(`${server.url}/config.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ graphqlUrl: 'http://gateway.test/graphql' });
  });

  it('falls back to index.html for client-side routes', async () => {
    for (const path of ['/orders', '/agencies/brightline-technical-services', '/users?after=abc']) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await res.text()).toBe(INDEX);
    }
  });

  it('answers 404 for missing files that have an extension', async () => {
    const res = await fetch(`${server.url}/assets/index-missing.js`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('<html>');
    expect((await fetch(`${server.url}/robots.txt`)).status).toBe(404);
  });

  it('refuses path traversal, plain or encoded', async () => {
    for (const path of [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%5c..%5csecret.txt',
    ]) {
      const res = await rawGet(path);
      expect(res.status, path).toBe(403);
      expect(res.body).not.toContain('do not serve');
    }
    expect((await rawGet('/%E0%A4%A')).status).toBe(400);
  });

  it('reports health', async () => {
    const res = await fetch(`${server.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', name: 'web-test' });
  });

  it('only answers GET and HEAD', async () => {
    const head = await fetch(`${server.url}/`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(Buffer.byteLength(INDEX)));
    const post = await fetch(`${server.url}/`, { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('refuses to start without a build, and stops cleanly', async () => {
    await expect(startSpaServer({ name: 'empty', port: 0, distDir: join(workDir, 'nope'), config: {} })).rejects.toThrow(/no index\.html/);
    const extra = await startSpaServer({ name: 'extra', port: 0, distDir, config: {} });
    await extra.stop();
    await expect(fetch(`${extra.url}/health`)).rejects.toThrow();
  });
});
