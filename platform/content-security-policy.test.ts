import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from './content-security-policy.ts';

describe('contentSecurityPolicy', () => {
  it('is the shared policy with only self in connect-src when no extra source is given', () => {
    expect(contentSecurityPolicy({ connectSrc: [] })).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; " +
        "media-src 'self' blob: mediastream:; connect-src 'self'; object-src 'none'; base-uri 'none'; " +
        "frame-ancestors 'none'; form-action 'self'",
    );
  });

  it('adds extra connect-src sources after self, once each', () => {
    const policy = contentSecurityPolicy({
      connectSrc: ['ws://127.0.0.1:4100', "'self'", 'ws://127.0.0.1:4100'],
    });
    expect(policy).toContain("connect-src 'self' ws://127.0.0.1:4100;");
  });

  it('never allows inline or eval script', () => {
    const policy = contentSecurityPolicy({ connectSrc: ['https://bank.example'] });
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toContain('unsafe-eval');
  });

  it('refuses a source that would add or cut directives', () => {
    expect(() =>
      contentSecurityPolicy({ connectSrc: ["https://a.example; script-src 'unsafe-eval'"] }),
    ).toThrow(/invalid connect-src/);
    expect(() => contentSecurityPolicy({ connectSrc: ['https://a.example,https://b.example'] })).toThrow();
    expect(() => contentSecurityPolicy({ connectSrc: [''] })).toThrow();
  });
});
