import { describe, expect, it, vi } from 'vitest';
import { codeFingerprint } from '../../../src/incremental/code-fingerprint.js';

describe('codeFingerprint', () => {
  it('is a SHA-256 in hex', () => {
    expect(codeFingerprint()).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is the same on every call', () => {
    expect(codeFingerprint()).toBe(codeFingerprint());
  });

  it('is the same when worked out afresh from the same code (it is not random)', async () => {
    const first = codeFingerprint();
    vi.resetModules();
    const fresh = await import('../../../src/incremental/code-fingerprint.js');
    expect(fresh.codeFingerprint).not.toBe(codeFingerprint);
    expect(fresh.codeFingerprint()).toBe(first);
  });
});
