import { modelId as toModelId, type ModelId } from '../ids';
import { labelSetId, type LabelSet, type UnitLabel } from './label-set';

/** Measurements of one neuron from its weights or feature visualization. */
export interface NeuronDescriptor {
  layer: string;
  unit: number;
  /** 0 for a grey (black-and-white) feature, 1 for a fully chromatic one. */
  colorIndex: number;
  /** Dominant spatial frequency in cycles per pixel (0 to the Nyquist limit 0.5). */
  frequency: number;
  /** Dominant orientation in degrees, where one is defined; carried for rules that need it. */
  orientation?: number;
}

/** Which descriptor a rule set turns into categories; each gives a unit at most one label. */
export type RuleDimension = 'color' | 'frequency';

/** Thresholds of the rule categories. Units between two thresholds get no label in that dimension. */
export interface CategoryRules {
  dimensions: readonly RuleDimension[];
  /** `color` when colorIndex >= this. */
  colorAtLeast: number;
  /** `black-and-white` when colorIndex <= this. */
  blackAndWhiteAtMost: number;
  /** `low-frequency` when frequency < this (cycles/pixel). */
  lowFrequencyBelow: number;
  /** `high-frequency` when frequency >= this; `mid-frequency` in between. */
  highFrequencyAtLeast: number;
}

/** The default thresholds; every one can be overridden per call. */
export const DEFAULT_CATEGORY_RULES: Readonly<CategoryRules> = Object.freeze<CategoryRules>({
  dimensions: ['color', 'frequency'],
  colorAtLeast: 0.6,
  blackAndWhiteAtMost: 0.3,
  lowFrequencyBelow: 0.06,
  highFrequencyAtLeast: 0.16,
});

export interface RuleLabelSetInfo {
  modelId?: ModelId;
  id?: string;
  name?: string;
}

function checkRules(rules: CategoryRules): void {
  const unit = (name: keyof CategoryRules, value: number, max: number) => {
    if (!Number.isFinite(value) || value < 0 || value > max) {
      throw new RangeError(`rule ${name} must be in [0, ${max}], got ${value}`);
    }
  };
  unit('colorAtLeast', rules.colorAtLeast, 1);
  unit('blackAndWhiteAtMost', rules.blackAndWhiteAtMost, 1);
  unit('lowFrequencyBelow', rules.lowFrequencyBelow, Infinity);
  unit('highFrequencyAtLeast', rules.highFrequencyAtLeast, Infinity);
  if (rules.blackAndWhiteAtMost >= rules.colorAtLeast) {
    throw new RangeError(`rule blackAndWhiteAtMost (${rules.blackAndWhiteAtMost}) must be below colorAtLeast (${rules.colorAtLeast})`);
  }
  if (rules.lowFrequencyBelow > rules.highFrequencyAtLeast) {
    throw new RangeError(`rule lowFrequencyBelow (${rules.lowFrequencyBelow}) must not exceed highFrequencyAtLeast (${rules.highFrequencyAtLeast})`);
  }
}

function colorCategory(d: NeuronDescriptor, rules: CategoryRules): string | undefined {
  if (d.colorIndex >= rules.colorAtLeast) return 'color';
  if (d.colorIndex <= rules.blackAndWhiteAtMost) return 'black-and-white';
  return undefined;
}

function frequencyCategory(d: NeuronDescriptor, rules: CategoryRules): string {
  if (d.frequency < rules.lowFrequencyBelow) return 'low-frequency';
  return d.frequency >= rules.highFrequencyAtLeast ? 'high-frequency' : 'mid-frequency';
}

/**
 * Labels neurons by thresholds on their descriptors: `color` / `black-and-white` by colour index (units in between
 * stay unlabelled) and `low-` / `mid-` / `high-frequency` by spatial frequency. Each dimension gives a unit at most
 * one label, so a single dimension suits {@link permutationTest}, which needs one category per unit.
 * @throws RangeError naming the layer and unit of a descriptor out of range or repeated, or the bad threshold.
 */
export function categorizeByRules(
  descriptors: readonly NeuronDescriptor[],
  rules: Partial<CategoryRules> = {},
  info: RuleLabelSetInfo = {},
): LabelSet {
  const merged: CategoryRules = { ...DEFAULT_CATEGORY_RULES, ...rules };
  checkRules(merged);
  const seen = new Set<string>();
  const labels: UnitLabel[] = [];
  for (const d of descriptors) {
    const where = `layer ${d.layer} unit ${d.unit}`;
    if (!Number.isInteger(d.unit) || d.unit < 0) throw new RangeError(`${where}: unit must be a non-negative integer`);
    if (!(d.colorIndex >= 0 && d.colorIndex <= 1)) throw new RangeError(`${where}: colorIndex must be in [0, 1], got ${d.colorIndex}`);
    if (!(d.frequency >= 0 && Number.isFinite(d.frequency))) throw new RangeError(`${where}: frequency must be finite and >= 0, got ${d.frequency}`);
    const key = `${d.layer}\u0000${d.unit}`;
    if (seen.has(key)) throw new RangeError(`${where}: described twice`);
    seen.add(key);
    const color = merged.dimensions.includes('color') ? colorCategory(d, merged) : undefined;
    if (color) labels.push({ layer: d.layer, unit: d.unit, category: color, author: 'rules' });
    if (merged.dimensions.includes('frequency')) {
      labels.push({ layer: d.layer, unit: d.unit, category: frequencyCategory(d, merged), author: 'rules' });
    }
  }
  return {
    id: labelSetId(info.id ?? `rule:${merged.dimensions.join('+')}`),
    name: info.name ?? `Rules: colour >= ${merged.colorAtLeast}, b/w <= ${merged.blackAndWhiteAtMost}, frequency bands < ${merged.lowFrequencyBelow} / >= ${merged.highFrequencyAtLeast} cycles/px`,
    source: 'rule',
    modelId: info.modelId ?? toModelId('unknown'),
    labels,
  };
}
