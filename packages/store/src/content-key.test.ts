import { describe, expect, it } from 'vitest';
import { contentKey } from './content-key';

describe('contentKey', () => {
  it('names the same parameters the same whatever their key order', () => {
    expect(contentKey('k', 'm', { a: 1, b: { c: 2, d: 3 } })).toBe(contentKey('k', 'm', { b: { d: 3, c: 2 }, a: 1 }));
  });

  it('names different parameters differently', () => {
    expect(contentKey('k', 'm', { centered: true })).not.toBe(contentKey('k', 'm', { centered: false }));
  });

  it('names a different model differently', () => {
    expect(contentKey('k', 'm1', {})).not.toBe(contentKey('k', 'm2', {}));
  });

  it('is a 64-character hex digest', () => {
    expect(contentKey('k', 'm', {})).toMatch(/^[0-9a-f]{64}$/);
  });
});
