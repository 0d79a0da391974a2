import { describe, expect, it } from 'vitest';
import { contentDisposition, fileUrl, isSafeStorageKey, servedContentType } from './files';

describe('fileUrl', () => {
  it('points at the /files route of the public URL', () => {
    expect(fileUrl('http://localhost:3007', 'abc')).toBe('http://localhost:3007/files/abc');
    expect(fileUrl('https://files.example.com/', 'abc')).toBe('https://files.example.com/files/abc');
  });
});

describe('isSafeStorageKey', () => {
  it('accepts plain relative keys', () => {
    expect(isSafeStorageKey('ab/cd/0f1e2d3c-file.bin')).toBe(true);
    expect(isSafeStorageKey('photo.v2.jpg')).toBe(true);
  });
  it.each([
    ['', 'empty'],
    ['../secret', 'parent segment'],
    ['a/../../etc/passwd', 'parent segment inside'],
    ['/etc/passwd', 'absolute'],
    ['a//b', 'empty segment'],
    ['./a', 'current segment'],
    ['a\\..\\b', 'backslash'],
    ['.hidden', 'dot file'],
    ['a/b\u0000', 'NUL byte'],
    ['C:/x', 'drive letter'],
    ['x'.repeat(600), 'too long'],
  ])('refuses %j (%s)', (key) => {
    expect(isSafeStorageKey(key)).toBe(false);
  });
});

describe('contentDisposition', () => {
  it('shows images and PDFs inline and downloads anything a browser could run', () => {
    expect(contentDisposition('a.pdf', 'application/pdf')).toMatch(/^inline;/);
    expect(contentDisposition('a.jpg', 'image/jpeg')).toMatch(/^inline;/);
    expect(contentDisposition('a.html', 'text/html')).toMatch(/^attachment;/);
    expect(contentDisposition('a.svg', 'image/svg+xml')).toMatch(/^attachment;/);
  });
  it('keeps the header safe for any file name', () => {
    const header = contentDisposition('Angebot "Müller"\r\n.pdf', 'application/pdf');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).toContain('filename="Angebot _M_ller___.pdf"');
    expect(header).toContain("filename*=UTF-8''Angebot%20%22M%C3%BCller%22%0D%0A.pdf");
  });
});

describe('servedContentType', () => {
  it('keeps well-formed media types and replaces anything else', () => {
    expect(servedContentType('application/pdf')).toBe('application/pdf');
    expect(servedContentType('Image/JPEG')).toBe('image/jpeg');
    expect(servedContentType('text/html\r\nset-cookie: x=1')).toBe('application/octet-stream');
    expect(servedContentType('')).toBe('application/octet-stream');
  });
});
