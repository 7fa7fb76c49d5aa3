/**
 * Result shapes of the label and statistics operations, mirroring `services/api/src/schema.graphql`.
 * Written by hand (no codegen): when the schema changes, change these and the documents together.
 */

/** Where a label set's categories come from. */
export type LabelSource = 'HUMAN' | 'RULE' | 'PUBLISHED';

/** A label set without its labels. */
export interface LabelSetSummary {
  id: string;
  modelId: string;
  name: string;
  source: LabelSource;
  /** A person, `rules`, or the publication. */
  author: string;
  /** How the set was made, as JSON. */
  params: string;
  /** ISO 8601. */
  createdAt: string;
  labelCount: number;
}

/** One unit's category, with who gave it and when. */
export interface Label {
  layer: string;
  unit: number;
  category: string;
  author: string;
  /** ISO 8601. */
  at: string;
}

/** A label set with its labels (of one layer when the query asked for one). */
export interface LabelSet extends LabelSetSummary {
  labels: Label[];
}

/**
 * What an enrichment's chance probability draws a branch from: every unit of the layer (`ALL_UNITS`, the API's
 * default and the article's reading, where an unlabelled unit counts as outside every category) or only the
 * layer's labelled units (`LABELLED`).
 */
export type EnrichmentPopulation = 'ALL_UNITS' | 'LABELLED';

/** One branch and category of a layer: the count in the branch and its hypergeometric chance. */
export interface EnrichmentRow {
  /** e.g. `mixed3a/5x5`. */
  branch: string;
  category: string;
  /** Units of the category inside the branch. */
  inBranch: number;
  /** Labelled units of the category in the whole layer. */
  categorySize: number;
  branchSize: number;
  layerUnits: number;
  /** Units of the branch with a label in the set; 0: nobody labelled the branch, so `inBranch` 0 means unknown. */
  branchLabelled: number;
  /** Units of the layer with a label in the set. */
  layerLabelled: number;
  /** categorySize × branchSize / layerUnits (`ALL_UNITS`) or × branchLabelled / layerLabelled (`LABELLED`). */
  expected: number;
  /** P(X >= inBranch) over the chosen population; 0 where it underflows (read `logP` then). */
  p: number;
  /** Natural log of p, finite where p underflows. */
  logP: number;
  /** Benjamini-Hochberg q-value over all rows of the answer. */
  q: number;
}
