import type { EnrichmentPopulation } from '@branchscope/client';
import { ViewInputError } from './view-input-error';

/** The search parameter that chooses what the enrichment's chance draws from: `?population=labelled`. */
export const POPULATION_PARAM = 'population';

/** The parameter's value for each population, as written in URLs. */
const PARAM_VALUES: Record<EnrichmentPopulation, string> = { ALL_UNITS: 'all-units', LABELLED: 'labelled' };

/** The population the API uses when none is chosen: all units, the article's reading. */
export const DEFAULT_POPULATION: EnrichmentPopulation = 'ALL_UNITS';

/**
 * The population a `?population=` value names (`all-units` or `labelled`, any case, `_` for `-`); the default when
 * absent.
 * @throws ViewInputError naming the value and the two accepted ones.
 */
export function parsePopulationParam(value: string | null): EnrichmentPopulation {
  if (value === null) return DEFAULT_POPULATION;
  const normalized = value.toLowerCase().replace(/_/g, '-');
  const found = (Object.keys(PARAM_VALUES) as EnrichmentPopulation[]).find((p) => PARAM_VALUES[p] === normalized);
  if (!found) throw new ViewInputError(`population '${value}' is neither 'all-units' nor 'labelled'`);
  return found;
}

/** `population` as a `?population=` value. */
export function populationParamValue(population: EnrichmentPopulation): string {
  return PARAM_VALUES[population];
}

/**
 * A link to `path` (a layer page or the embed) with `params` as its query string, leaving out null values and the default population, so the default
 * view keeps its plain URL: `enrichmentHref('/mixed3a', { labelSet: null, population: 'LABELLED' })` is
 * `/mixed3a?population=labelled`.
 */
export function enrichmentHref(path: string, params: { labelSet?: string | null; layer?: string; population: EnrichmentPopulation }): string {
  const search = new URLSearchParams();
  if (params.layer !== undefined) search.set('layer', params.layer);
  if (params.labelSet != null) search.set('labelSet', params.labelSet);
  if (params.population !== DEFAULT_POPULATION) search.set(POPULATION_PARAM, populationParamValue(params.population));
  const query = search.toString();
  return query === '' ? path : `${path}?${query}`;
}
