import { describe, expect, it } from 'vitest';
import {
  askedLayer,
  asSentence,
  criterionSentence,
  factorName,
  formatNumber,
  formatP,
  formatPercent,
  offeredLayers,
  specializationHref,
  unitRange,
  verdictWords,
  withFullStop,
  type SplitTest,
} from './specialization-format';

describe('formatP', () => {
  it('writes two significant digits, and exponent notation below 1e-4', () => {
    expect(formatP(0.04321)).toBe('0.043');
    expect(formatP(1)).toBe('1.0');
    expect(formatP(3.2e-7)).toBe('3.2e-7');
    expect(formatP(1e-4)).toBe('0.00010');
  });
});

describe('formatNumber and formatPercent', () => {
  it('rounds to the digits asked, with a real minus sign', () => {
    expect(formatNumber(0.4567)).toBe('0.46');
    expect(formatNumber(-0.4567, 3)).toBe('−0.457');
    expect(formatPercent(0.12345)).toBe('12.3%');
  });
});

describe('verdictWords', () => {
  it('says each verdict in words', () => {
    expect(['SPLIT', 'PARTIAL', 'NONE'].map((v) => verdictWords(v as 'SPLIT'))).toEqual(['split', 'partly split', 'no split']);
  });
});

describe('criterionSentence', () => {
  it("states the test's own thresholds", () => {
    const test = { maxP: 0.01, partialP: 0.05, minColorGap: 0.1, minFrequencyGap: 0.02 } as SplitTest;
    const sentence = criterionSentence(test);
    expect(sentence).toContain('below 0.01');
    expect(sentence).toContain('at least 0.1 apart in colour index');
    expect(sentence).toContain('0.02 cycles/px');
    expect(sentence).toContain('below 0.05');
  });
});

describe('unitRange and factorName', () => {
  it('writes units start to end - 1', () => {
    expect(unitRange(0, 16)).toBe('0–15');
    expect(unitRange(16, 17)).toBe('16');
  });
  it('names a factor row by centring and vector', () => {
    expect(factorName({ centered: false, vector: 1 })).toBe('uncentred 1');
    expect(factorName({ centered: true, vector: 0 })).toBe('centred 0');
  });
});

describe('asSentence', () => {
  it('capitalizes and ends a phrase with a full stop, once', () => {
    expect(asSentence('the layer has no branches')).toBe('The layer has no branches.');
    expect(asSentence('Already a sentence.')).toBe('Already a sentence.');
    expect(asSentence('  ')).toBe('');
    expect(withFullStop('not a filter on the image')).toBe('not a filter on the image.');
    expect(withFullStop('done!')).toBe('done!');
  });
});

describe('specializationHref and askedLayer', () => {
  it('encodes the model id and the layer', () => {
    expect(specializationHref('demo-small-alexnet-2b')).toBe('/specialization/demo-small-alexnet-2b');
    expect(specializationHref('a/b c', 'mixed3a/5x5')).toBe('/specialization/a%2Fb%20c?layer=mixed3a%2F5x5');
    expect(specializationHref('alexnet', null)).toBe('/specialization/alexnet');
  });
  it('reads the first non-empty ?layer=', () => {
    expect(askedLayer(undefined)).toBeNull();
    expect(askedLayer('  ')).toBeNull();
    expect(askedLayer(' conv2 ')).toBe('conv2');
    expect(askedLayer(['conv1', 'conv2'])).toBe('conv1');
  });
});

describe('offeredLayers', () => {
  it('offers convs and concats only, in order', () => {
    const layers = [
      { name: 'input', op: 'input' },
      { name: 'conv1', op: 'conv' },
      { name: 'relu1', op: 'relu' },
      { name: 'mixed3a', op: 'concat' },
      { name: 'fc', op: 'dense' },
    ];
    expect(offeredLayers(layers)).toEqual(['conv1', 'mixed3a']);
  });
});
