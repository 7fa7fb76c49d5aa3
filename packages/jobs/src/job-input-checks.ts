import type { JobKinds, KindOf } from './job-kinds';
import { CLUSTERABILITY_JOB } from './kinds/clusterability';
import { DATASET_EXAMPLES_JOB } from './kinds/dataset-examples';
import { DOWNLOAD_FORMATS, FETCH_MODEL_JOB } from './kinds/fetch-model';
import { IMPORT_MODEL_JOB, MODEL_FORMATS } from './kinds/import-model';
import { PERMUTATION_TEST_JOB } from './kinds/permutation-test';
import { RENDER_FEATURES_JOB } from './kinds/render-features';
import { RENDER_LAYER_JOB } from './kinds/render-layer';
import { SPECIALIZATION_REPORT_JOB } from './kinds/specialization-report';
import { SVD_FACTORS_JOB } from './kinds/svd-factors';
import { WEIGHT_IMAGES_JOB } from './kinds/weight-images';

/** What one field of a job input must be. */
type FieldRule =
  | 'string'
  | 'boolean'
  | 'integer'
  | 'number'
  | 'object'
  | 'string list'
  | 'integer list'
  | 'range'
  | { oneOf: readonly string[] }
  | { orNull: FieldRule };

/** A rule for every field of `I`, optional ones included: a field added to an input type without a rule does not compile. */
type InputRules<I> = { readonly [F in keyof I]-?: FieldRule };

const RENDER_RULES: InputRules<JobKinds[typeof RENDER_FEATURES_JOB]['input']> = {
  modelId: 'string',
  layer: 'string',
  units: 'integer list',
  steps: 'integer',
  size: 'integer',
  seed: 'integer',
  backend: { orNull: 'string' },
};

/** The fields of every product kind's input, checked where an input arrives from elsewhere (the store, Redis). */
const INPUT_RULES: { readonly [K in KindOf]: InputRules<JobKinds[K]['input']> } = {
  [SVD_FACTORS_JOB]: { modelId: 'string', from: 'string', to: 'string', centered: 'boolean' },
  [WEIGHT_IMAGES_JOB]: { modelId: 'string', layer: 'string' },
  [PERMUTATION_TEST_JOB]: { modelId: 'string', test: 'object' },
  [RENDER_FEATURES_JOB]: RENDER_RULES,
  [RENDER_LAYER_JOB]: RENDER_RULES,
  [CLUSTERABILITY_JOB]: { modelId: 'string', layers: 'string list', k: 'integer', shuffles: 'integer', seed: 'integer' },
  [IMPORT_MODEL_JOB]: {
    modelId: 'string',
    name: 'string',
    format: { oneOf: MODEL_FORMATS },
    path: 'string',
    upload: 'boolean',
    fileName: 'string',
    bytes: 'integer',
    sha256: 'string',
    inputRange: 'range',
    importKey: 'string',
  },
  [FETCH_MODEL_JOB]: {
    entryId: 'string',
    name: 'string',
    url: 'string',
    fileName: 'string',
    sha256: { orNull: 'string' },
    bytes: { orNull: 'integer' },
    format: { oneOf: DOWNLOAD_FORMATS },
    inputRange: 'range',
  },
  [DATASET_EXAMPLES_JOB]: { modelId: 'string', datasetId: 'string', datasetPath: 'string', layer: 'string' },
  [SPECIALIZATION_REPORT_JOB]: { modelId: 'string', layers: 'string list' },
};

const fits = (rule: FieldRule, value: unknown): boolean => {
  if (typeof rule === 'object') return 'oneOf' in rule ? typeof value === 'string' && rule.oneOf.includes(value) : value === null || fits(rule.orNull, value);
  switch (rule) {
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return Number.isSafeInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'string list':
      return Array.isArray(value) && value.every((item) => typeof item === 'string');
    case 'integer list':
      return Array.isArray(value) && value.every((item) => Number.isSafeInteger(item));
    case 'range':
      return Array.isArray(value) && value.length === 2 && value.every((item) => typeof item === 'number' && Number.isFinite(item));
  }
};

const described = (rule: FieldRule): string => {
  if (typeof rule === 'object') return 'oneOf' in rule ? `one of ${rule.oneOf.map((v) => `'${v}'`).join(', ')}` : `${described(rule.orNull)} or null`;
  return { string: 'a string', boolean: 'true or false', integer: 'an integer', number: 'a finite number', object: 'an object', 'string list': 'a list of strings', 'integer list': 'a list of integers', range: 'a pair of finite numbers [low, high]' }[rule];
};

const shown = (value: unknown): string => (value === undefined ? 'nothing' : JSON.stringify(value)?.slice(0, 80) ?? String(value));

/** An input that does not fit its kind: the message names the kind and the field. */
export class JobInputError extends Error {
  override readonly name = 'JobInputError';
}

/**
 * Checks an input arriving from outside the type system (read from the store, taken from Redis, built by hand)
 * against its kind's fields, and returns it. Throws a {@link JobInputError} naming the kind and the first field that
 * does not fit. Kinds that are not product kinds (tests' own) pass unchecked.
 */
export function checkJobInput<I>(kind: string, input: I): I {
  if (!Object.hasOwn(INPUT_RULES, kind)) return input;
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new JobInputError(`a '${kind}' job's input must be an object of its fields, got ${shown(input)}`);
  }
  for (const [field, rule] of Object.entries(INPUT_RULES[kind as KindOf] as Record<string, FieldRule>)) {
    const value = (input as Record<string, unknown>)[field];
    if (!fits(rule, value)) throw new JobInputError(`a '${kind}' job's input field '${field}' must be ${described(rule)}, got ${shown(value)}`);
  }
  return input;
}
