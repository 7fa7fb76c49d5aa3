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
  /** categorySize × branchSize / layerUnits. */
  expected: number;
  /** P(X >= inBranch); 0 where it underflows (read `logP` then). */
  p: number;
  /** Natural log of p, finite where p underflows. */
  logP: number;
  /** Benjamini-Hochberg q-value over all rows of the answer. */
  q: number;
}
