import { describe, expect, it } from 'vitest';
import { searchParam } from './search-param';

describe('searchParam', () => {
  it('reads the first value of a parameter', () => {
    expect(searchParam({ model: 'inception-v1' }, 'model')).toBe('inception-v1');
    expect(searchParam({ model: ['a', 'b'] }, 'model')).toBe('a');
  });

  it('reads an absent or empty parameter as null', () => {
    expect(searchParam({}, 'model')).toBeNull();
    expect(searchParam({ model: '' }, 'model')).toBeNull();
    expect(searchParam({ model: [] }, 'model')).toBeNull();
  });
});
