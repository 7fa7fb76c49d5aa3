/** A model's id in the catalogue, e.g. `alexnet`. Branded so it is never confused with a layer name. */
export type ModelId = string & { readonly __brand: 'ModelId' };
/** A unit (channel) index within one layer's output. */
export type UnitIndex = number & { readonly __brand: 'UnitIndex' };

export const modelId = (value: string): ModelId => value as ModelId;
export const unitIndex = (value: number): UnitIndex => value as UnitIndex;
