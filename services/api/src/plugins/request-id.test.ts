import { describe, expect, it } from 'vitest';
import { requestIdFrom } from './request-id';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('requestIdFrom', () => {
  it('keeps a sane incoming id: UUIDs, hex trace ids, dotted and colon-separated tokens up to 128 characters', () => {
    for (const id of ['0f8fad5b-d9cb-469f-a165-70867728950e', '4bf92f3577b34da6a3ce929d0e0e4736', 'lb.7f3a:01_x', 'a'.repeat(128)]) {
      expect(requestIdFrom(id)).toBe(id);
    }
    expect(requestIdFrom(['first-id', 'second-id'])).toBe('first-id');
  });

  it('replaces a missing, empty, overlong or unsafe id with a new UUID', () => {
    for (const header of [undefined, '', 'a'.repeat(129), 'two words', 'line\nbreak', 'quote"', 'key=value', '-dash-first', 'ünïcode', '<script>']) {
      expect(requestIdFrom(header)).toMatch(UUID);
    }
    expect(requestIdFrom(undefined)).not.toBe(requestIdFrom(undefined));
  });
});
