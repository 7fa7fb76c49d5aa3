import type { EnrichmentRow } from '@branchscope/client';

/**
 * The rows whose chance probability "Branch Specialization" (Voss et al., Distill 2021, Figure 5) states in its
 * text. Only which rows, never their values: the table shows what the API computes from the labels, so a reader can
 * compare it with the article.
 */
export const ARTICLE_CLAIMS: readonly { layer: string; branch: string; category: string }[] = [
  { layer: 'mixed3a', branch: 'mixed3a/5x5', category: 'BW vs Color' },
  { layer: 'mixed3b', branch: 'mixed3b/5x5', category: 'Curve Related' },
];

/** Whether `row` of `layer`'s enrichment is one the article makes a claim about. */
export function isArticleClaim(layer: string, row: Pick<EnrichmentRow, 'branch' | 'category'>): boolean {
  return ARTICLE_CLAIMS.some((c) => c.layer === layer && c.branch === row.branch && c.category === row.category);
}
