import { describe, expect, it } from 'vitest';
import { enrichmentHref, parsePopulationParam, populationParamValue } from './enrichment-population';
import { ViewInputError } from './view-input-error';

describe('the ?population= search parameter', () => {
  it('draws from all units when absent, from labelled units for "labelled"', () => {
    expect(parsePopulationParam(null)).toBe('ALL_UNITS');
    expect(parsePopulationParam('all-units')).toBe('ALL_UNITS');
    expect(parsePopulationParam('labelled')).toBe('LABELLED');
    expect(parsePopulationParam('LABELLED')).toBe('LABELLED');
    expect(parsePopulationParam('ALL_UNITS')).toBe('ALL_UNITS');
  });

  it('names a value it does not know, as bad input', () => {
    expect(() => parsePopulationParam('labeled')).toThrow(ViewInputError);
    expect(() => parsePopulationParam('labeled')).toThrow(/population 'labeled' is neither 'all-units' nor 'labelled'/);
  });

  it('writes each population back as the value it parses from', () => {
    for (const population of ['ALL_UNITS', 'LABELLED'] as const) expect(parsePopulationParam(populationParamValue(population))).toBe(population);
  });

  it('links to a view keeping the label set and leaving the default population out', () => {
    expect(enrichmentHref('/mixed3a', { labelSet: null, population: 'ALL_UNITS' })).toBe('/mixed3a');
    expect(enrichmentHref('/mixed3a', { labelSet: 'human:1', population: 'LABELLED' })).toBe('/mixed3a?labelSet=human%3A1&population=labelled');
    expect(enrichmentHref('/inception/embed/enrichment', { layer: 'mixed3a', labelSet: 'published:inceptionv1-5x5', population: 'ALL_UNITS' })).toBe(
      '/inception/embed/enrichment?layer=mixed3a&labelSet=published%3Ainceptionv1-5x5',
    );
  });
});
