import type { DatasetExample, ExampleLists, UnitExamples } from '@branchscope/jobs';

/** A list kept sorted (highest first for `top`, lowest first for `bottom`) and at most `limit` long. */
function insert(list: DatasetExample[], example: DatasetExample, limit: number, highest: boolean): void {
  const better = (a: DatasetExample, b: DatasetExample) => (highest ? a.value > b.value : a.value < b.value);
  if (list.length === limit && !better(example, list[limit - 1]!)) return;
  let i = list.length;
  while (i > 0 && better(example, list[i - 1]!)) i--;
  list.splice(i, 0, example);
  if (list.length > limit) list.pop();
}

function offer(lists: ExampleLists, example: DatasetExample, limit: number): void {
  insert(lists.top, example, limit, true);
  insert(lists.bottom, example, limit, false);
}

/** Empty lists for `units` units. */
export const emptyUnitExamples = (units: number): UnitExamples[] =>
  Array.from({ length: units }, () => ({ mean: { top: [], bottom: [] }, max: { top: [], bottom: [] } }));

/**
 * Offers one image to a unit's four lists: by mean (`meanValue`) and by max (`example.value`), both with the max's
 * position. Ties keep the image seen first, so the lists do not depend on batch sizes.
 */
export function offerImage(unit: UnitExamples, example: DatasetExample, meanValue: number, limit: number): void {
  offer(unit.mean, { ...example, value: meanValue }, limit);
  offer(unit.max, example, limit);
}
