import { modelId as toModelId, type ModelId } from '../ids';
import { labelSetId, type LabelSet, type UnitLabel } from './label-set';

/** A named branch of a layer as a half-open unit range [start, end). */
export interface NamedBranchRange {
  name: string;
  range: [number, number];
}

/** A published claim about one category, with the chance probability the publication gives. */
export interface PublishedClaim {
  category: string;
  text: string;
  probability: number;
}

export interface PublishedLayer {
  layer: string;
  /** Units in the layer's whole output. */
  units: number;
  branch: NamedBranchRange;
  claim?: PublishedClaim;
}

export interface PublishedCategories {
  labelSet: LabelSet;
  layers: PublishedLayer[];
}

/** Thrown on a malformed published-categories document; `path` names the bad field. */
export class PublishedCategoriesError extends Error {
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(`published categories: ${path} ${problem}`);
    this.name = 'PublishedCategoriesError';
  }
}

type Json = Record<string, unknown>;

function object(value: unknown, path: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new PublishedCategoriesError(path, `must be an object, got ${JSON.stringify(value)}`);
  }
  return value as Json;
}

function text(value: unknown, path: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new PublishedCategoriesError(path, `must be a non-empty string, got ${JSON.stringify(value)}`);
  }
  return value;
}

function integer(value: unknown, path: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new PublishedCategoriesError(path, `must be an integer in [${min}, ${max}], got ${JSON.stringify(value)}`);
  }
  return value;
}

function array(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw new PublishedCategoriesError(path, `must be an array, got ${JSON.stringify(value)}`);
  return value;
}

function parseClaim(value: unknown, path: string, categories: Json): PublishedClaim {
  const claim = object(value, path);
  const category = text(claim.category, `${path}.category`);
  if (!(category in categories)) {
    throw new PublishedCategoriesError(`${path}.category`, `names "${category}", which is not among the layer's categories`);
  }
  const probability = claim.probability;
  if (typeof probability !== 'number' || !(probability >= 0 && probability <= 1)) {
    throw new PublishedCategoriesError(`${path}.probability`, `must be a number in [0, 1], got ${JSON.stringify(probability)}`);
  }
  return { category, text: text(claim.text, `${path}.text`), probability };
}

/**
 * Reads a published label set in the format of `published/inceptionv1-5x5-categories.json`:
 * `{ model, layers: { [layer]: { units, branch, range: [start, end), categories: { [name]: unit[] }, claim? } } }`.
 * @param json the parsed document.
 * @param id the label set's id.
 * @param model the catalogue id of the model the units belong to.
 * @throws PublishedCategoriesError naming the bad field (e.g. `layers.mixed3a.range[1]`) and the value found.
 */
export function parsePublishedCategories(
  json: unknown,
  id = 'published:inceptionv1-5x5',
  model: ModelId = toModelId('inceptionv1'),
): PublishedCategories {
  const root = object(json, '(root)');
  const modelName = text(root.model, 'model');
  const layersJson = object(root.layers, 'layers');
  const labels: UnitLabel[] = [];
  const layers: PublishedLayer[] = [];
  for (const [layer, value] of Object.entries(layersJson)) {
    const path = `layers.${layer}`;
    const entry = object(value, path);
    const units = integer(entry.units, `${path}.units`, 1, Number.MAX_SAFE_INTEGER);
    const rangeJson = array(entry.range, `${path}.range`);
    if (rangeJson.length !== 2) throw new PublishedCategoriesError(`${path}.range`, `must be [start, end), got ${rangeJson.length} values`);
    const start = integer(rangeJson[0], `${path}.range[0]`, 0, units - 1);
    const end = integer(rangeJson[1], `${path}.range[1]`, start + 1, units);
    const categories = object(entry.categories, `${path}.categories`);
    const owner = new Map<number, string>();
    for (const [category, unitsJson] of Object.entries(categories)) {
      const categoryPath = `${path}.categories[${JSON.stringify(category)}]`;
      array(unitsJson, categoryPath).forEach((unitJson, i) => {
        const unit = integer(unitJson, `${categoryPath}[${i}]`, 0, units - 1);
        const previous = owner.get(unit);
        if (previous !== undefined) {
          throw new PublishedCategoriesError(`${categoryPath}[${i}]`, `puts unit ${unit} in a second category (already "${previous}")`);
        }
        owner.set(unit, category);
        labels.push({ layer, unit, category });
      });
    }
    const branch = { name: text(entry.branch, `${path}.branch`), range: [start, end] as [number, number] };
    const parsed: PublishedLayer = { layer, units, branch };
    if (entry.claim !== undefined) parsed.claim = parseClaim(entry.claim, `${path}.claim`, categories);
    layers.push(parsed);
  }
  const labelSet: LabelSet = {
    id: labelSetId(id),
    name: `Published categories (${modelName})`,
    source: 'published',
    modelId: model,
    labels,
  };
  return { labelSet, layers };
}
