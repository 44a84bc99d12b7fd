import { describe, expect, it } from 'vitest';
import { type AppProtocolOptions, mimeTypeOf, resolveAppPath, serveAppRequest } from './app-protocol.ts';

const root = '/opt/ventanilla/dist/renderer';
const files: Record<string, string> = {
  [`${root}/kiosk/index.html`]: '<!doctype html><title>Kiosk</title>',
  [`${root}/assets/kiosk-abc123.js`]: 'console.log(1)',
  [`${root}/assets/logo.svg`]: '<svg/>',
};

const options: AppProtocolOptions = {
  root,
  contentSecurityPolicy: "default-src 'self'",
  readFile: async (path) => {
    const text = files[path];
    if (text === undefined) throw Object.assign(new Error('missing'), { code: 'ENOENT' });
    return new TextEncoder().encode(text);
  },
};

describe('resolveAppPath', () => {
  it('maps app://kiosk paths into the renderer folder', () => {
    expect(resolveAppPath('app://kiosk/kiosk/index.html', root)).toBe(`${root}/kiosk/index.html`);
    expect(resolveAppPath('app://kiosk/kiosk/', root)).toBe(`${root}/kiosk/index.html`);
    expect(resolveAppPath('app://kiosk/assets/a%20b.png?v=1#x', root)).toBe(`${root}/assets/a b.png`);
  });

  it('refuses path traversal, plain and encoded', () => {
    for (const url of [
      'app://kiosk/../../etc/passwd',
      'app://kiosk/%2e%2e/%2e%2e/etc/passwd',
      'app://kiosk/kiosk/..%2f..%2f..%2fetc%2fpasswd',
      'app://kiosk/..%5c..%5cetc%5cpasswd',
      'app://kiosk/kiosk%00.html',
      'app://kiosk/%E0%A4%A',
    ]) {
      const resolved = resolveAppPath(url, root);
      expect(resolved === null || resolved.startsWith(`${root}/`), url).toBe(true);
      expect(resolved, url).not.toBe('/etc/passwd');
    }
    expect(resolveAppPath('app://kiosk/kiosk/..%2f..%2f..%2fetc%2fpasswd', root)).toBeNull();
    expect(resolveAppPath('app://kiosk/%E0%A4%A', root)).toBeNull();
  });

  it('refuses other hosts and schemes', () => {
    expect(resolveAppPath('app://evil/kiosk/index.html', root)).toBeNull();
    expect(resolveAppPath('file:///opt/ventanilla/dist/renderer/kiosk/index.html', root)).toBeNull();
    expect(resolveAppPath('app://kiosk:99/kiosk/index.html', root)).toBeNull();
  });
});

describe('mimeTypeOf', () => {
  it('names the types the renderer build emits', () => {
    expect(mimeTypeOf('index.html')).toBe('text/html; charset=utf-8');
    expect(mimeTypeOf('app.JS')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeOf('app.css')).toBe('text/css; charset=utf-8');
    expect(mimeTypeOf('font.woff2')).toBe('font/woff2');
    expect(mimeTypeOf('logo.svg')).toBe('image/svg+xml');
    expect(mimeTypeOf('blob.bin')).toBe('application/octet-stream');
  });
});

describe('serveAppRequest', () => {
  it('serves a file with its MIME type, the CSP and nosniff', async () => {
    const response = await serveAppRequest({ method: 'GET', url: 'app://kiosk/kiosk/index.html' }, options);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe("default-src 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>Kiosk</title>');
  });

  it('answers HEAD without a body', async () => {
    const response = await serveAppRequest({ method: 'HEAD', url: 'app://kiosk/assets/logo.svg' }, options);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/svg+xml');
    expect(await response.text()).toBe('');
  });

  it('answers 404 for traversal and missing files, 405 for writes, each with the CSP', async () => {
    const traversal = await serveAppRequest(
      { method: 'GET', url: 'app://kiosk/%2e%2e/%2e%2e/etc/passwd' },
      options,
    );
    const missing = await serveAppRequest({ method: 'GET', url: 'app://kiosk/kiosk/missing.js' }, options);
    const post = await serveAppRequest({ method: 'POST', url: 'app://kiosk/kiosk/index.html' }, options);
    expect([traversal.status, missing.status, post.status]).toEqual([404, 404, 405]);
    for (const response of [traversal, missing, post]) {
      expect(response.headers.get('content-security-policy')).toBe("default-src 'self'");
    }
  });

  it('answers 500 when the file cannot be read for another reason', async () => {
    const failing = {
      ...options,
      readFile: async () => Promise.reject(Object.assign(new Error('io'), { code: 'EIO' })),
    };
    const response = await serveAppRequest({ method: 'GET', url: 'app://kiosk/kiosk/index.html' }, failing);
    expect(response.status).toBe(500);
  });
});
