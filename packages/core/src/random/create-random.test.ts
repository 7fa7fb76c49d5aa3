import { describe, expect, it } from 'vitest';
import { createRandom } from './create-random';

describe('createRandom', () => {
  it('repeats the same sequence for the same seed', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const first = Array.from({ length: 20 }, () => [a.next(), a.int(7), a.normal()]);
    const second = Array.from({ length: 20 }, () => [b.next(), b.int(7), b.normal()]);
    expect(first).toEqual(second);
  });

  it('gives different sequences for neighbouring seeds', () => {
    const a = Array.from({ length: 8 }, ((r) => () => r.next())(createRandom(1)));
    const b = Array.from({ length: 8 }, ((r) => () => r.next())(createRandom(2)));
    expect(a).not.toEqual(b);
  });

  it('draws next() uniformly in [0, 1): mean within 0.01 of 1/2 over 20000 draws', () => {
    const random = createRandom(7);
    let sum = 0;
    for (let i = 0; i < 20000; i++) {
      const x = random.next();
      expect(x >= 0 && x < 1).toBe(true);
      sum += x;
    }
    expect(Math.abs(sum / 20000 - 0.5)).toBeLessThan(0.01);
  });

  it('hits every value of int(n) with frequency within 10% of 1/n', () => {
    const random = createRandom(3);
    const counts = new Array<number>(6).fill(0);
    for (let i = 0; i < 12000; i++) counts[random.int(6)]!++;
    for (const count of counts) expect(Math.abs(count - 2000)).toBeLessThan(200);
  });

  it('draws normals with mean within 0.03 of 0 and variance within 0.05 of 1 over 20000 draws', () => {
    const random = createRandom(11);
    const values = Array.from({ length: 20000 }, () => random.normal());
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
  });

  it('shuffles in place into a permutation of the input, typed arrays included', () => {
    const random = createRandom(5);
    const array = Array.from({ length: 50 }, (_, i) => i);
    const shuffled = random.shuffle(array);
    expect(shuffled).toBe(array);
    expect([...array].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(array).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
    const typed = random.shuffle(new Float64Array([1, 2, 3, 4, 5, 6, 7, 8]));
    expect([...typed].sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('puts each element of a 3-element array first about a third of the time', () => {
    const random = createRandom(9);
    const firsts = [0, 0, 0];
    for (let i = 0; i < 6000; i++) firsts[random.shuffle([0, 1, 2])[0]!]!++;
    for (const count of firsts) expect(Math.abs(count - 2000)).toBeLessThan(200);
  });

  it('rejects a non-integer seed and an empty range, naming the value', () => {
    expect(() => createRandom(1.5)).toThrow(/seed .*1\.5/);
    expect(() => createRandom(1).int(0)).toThrow(/got 0/);
  });
});
