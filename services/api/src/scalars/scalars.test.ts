import { describe, expect, it } from 'vitest';
import { parseValue } from 'graphql';
import { DateTimeScalar, isIsoDateTime } from './date-time';
import { JsonScalar } from './json';

describe('DateTime', () => {
  it('sends ISO-8601 strings as they are and Dates as their toISOString()', () => {
    expect(DateTimeScalar.serialize('2026-12-03T15:37:57.123Z')).toBe('2026-12-03T15:37:57.123Z');
    expect(DateTimeScalar.serialize(new Date(Date.UTC(2026, 11, 3, 15, 37, 57)))).toBe('2026-12-03T15:37:57.000Z');
  });

  it('accepts zones and rejects what is not an instant, naming the value', () => {
    expect(isIsoDateTime('2026-12-03T16:37:57+01:00')).toBe(true);
    expect(isIsoDateTime('2026-12-03 15:37:57')).toBe(false);
    expect(isIsoDateTime('2026-12-03T15:37:57')).toBe(false);
    expect(isIsoDateTime('2026-02-30T00:00:00Z')).toBe(false);
    expect(isIsoDateTime('2026-02-28T23:30:00-01:00')).toBe(true);
    expect(() => DateTimeScalar.parseValue('yesterday')).toThrow('DateTime must be an ISO-8601 date and time with a zone, e.g. 2026-12-03T15:37:57.000Z; got "yesterday"');
    expect(() => DateTimeScalar.parseLiteral(parseValue('12'))).toThrow('DateTime must be a string');
    expect(() => DateTimeScalar.serialize('soon')).toThrow('DateTime cannot send "soon"');
  });
});

describe('JSON', () => {
  it('sends and reads JSON values as themselves', () => {
    const value = { layer: 'conv1', units: [0, 1], centered: false, note: null };
    expect(JsonScalar.serialize(value)).toEqual(value);
    expect(JsonScalar.parseValue(value)).toEqual(value);
  });

  it('reads literals, variables substituted', () => {
    expect(JsonScalar.parseLiteral(parseValue('{ a: [1, 2.5, "x", true, null], b: $v }'), { v: { c: 1 } })).toEqual({ a: [1, 2.5, 'x', true, null], b: { c: 1 } });
    expect(() => JsonScalar.parseLiteral(parseValue('RED'))).toThrow('JSON has no enum values; write "RED" as a string');
  });

  it('refuses what JSON cannot carry', () => {
    expect(() => JsonScalar.serialize({ n: Number.NaN })).toThrow('not a JSON value');
    expect(() => JsonScalar.parseValue(() => 1)).toThrow('is not a JSON value');
  });
});
