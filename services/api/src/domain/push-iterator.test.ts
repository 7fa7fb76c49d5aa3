import { describe, expect, it } from 'vitest';
import { pushIterator } from './push-iterator';

describe('pushIterator', () => {
  it('yields values pushed before and after a read, in order, then ends', async () => {
    const stream = pushIterator<number>(() => undefined);
    stream.push(1);
    const waiting = stream.iterator.next();
    stream.push(2);
    stream.push(3);
    stream.end();
    expect(await waiting).toEqual({ value: 1, done: false });
    expect(await stream.iterator.next()).toEqual({ value: 2, done: false });
    expect(await stream.iterator.next()).toEqual({ value: 3, done: false });
    expect((await stream.iterator.next()).done).toBe(true);
  });

  it('closes once, at once, when the reader stops while waiting for a value', async () => {
    let closes = 0;
    const stream = pushIterator<number>(() => (closes += 1));
    const waiting = stream.iterator.next();
    await stream.iterator.return!();
    stream.end();
    expect((await waiting).done).toBe(true);
    expect(closes).toBe(1);
  });
});
