import type { LayerSpecialization } from '@branchscope/client';

/** The split test of one layer, as the API answers it. */
export type SplitTest = NonNullable<LayerSpecialization['splitTest']>;
/** SPLIT, PARTIAL or NONE. */
export type SplitVerdict = SplitTest['colorVerdict'];
/** One row of a layer's |W| factors against colour. */
export type FactorRow = NonNullable<LayerSpecialization['factors']>[number];

/** A number with `digits` decimals; a minus sign, not a hyphen. */
export function formatNumber(x: number, digits = 2): string {
  return x.toFixed(digits).replace(/^-/, '−');
}

/** A p value as the report's Markdown writes it: two significant digits, exponent notation below 1e-4. */
export function formatP(p: number): string {
  return p < 1e-4 ? p.toExponential(1) : p.toPrecision(2);
}

/** A share in [0, 1] as a percentage with one decimal. */
export function formatPercent(share: number): string {
  return `${(100 * share).toFixed(1)}%`;
}

const VERDICT_WORDS: Readonly<Record<SplitVerdict, string>> = {
  SPLIT: 'split',
  PARTIAL: 'partly split',
  NONE: 'no split',
};

/** A verdict in words: `split`, `partly split`, `no split`. */
export function verdictWords(verdict: SplitVerdict): string {
  return VERDICT_WORDS[verdict];
}

/** The written criterion of the split test, as one sentence. */
export function criterionSentence(test: SplitTest): string {
  return (
    `A pair of branches is split when its Mann-Whitney p, Bonferroni-adjusted over all pairs, is below ${test.maxP} and ` +
    `their medians are at least ${test.minColorGap} apart in colour index (${test.minFrequencyGap} cycles/px in frequency); ` +
    `partly split when p is below ${test.partialP} and the medians at least half that gap apart.`
  );
}

/** Units `start` to `end - 1`, as the page writes a range. */
export function unitRange(start: number, end: number): string {
  return end - start === 1 ? `${start}` : `${start}–${end - 1}`;
}

/** `uncentred 0`, `centred 1`: which singular vector a factor row is. */
export function factorName(row: Pick<FactorRow, 'centered' | 'vector'>): string {
  return `${row.centered ? 'centred' : 'uncentred'} ${row.vector}`;
}

/** A phrase ended with a full stop, once. */
export function withFullStop(phrase: string): string {
  const trimmed = phrase.trim();
  return trimmed === '' || /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** The API's plain phrases (`noBranches`, `colorUnavailable`, `noFactors`) as a sentence: capital first, full stop last. */
export function asSentence(phrase: string): string {
  const ended = withFullStop(phrase);
  return ended === '' ? ended : ended[0]!.toUpperCase() + ended.slice(1);
}

/** The portal path of a model's specialization report, on `layer` when one is given. */
export function specializationHref(modelId: string, layer?: string | null): string {
  const path = `/specialization/${encodeURIComponent(modelId)}`;
  return layer ? `${path}?layer=${encodeURIComponent(layer)}` : path;
}

/** The `?layer=` asked for: the first value, trimmed; null when absent or empty (the API's default layers). */
export function askedLayer(value: string | string[] | undefined): string | null {
  const first = (Array.isArray(value) ? value[0] : value)?.trim();
  return first ? first : null;
}


/** The layers worth offering in the "another layer" form: convs and the Concats of parallel ones, in graph order. */
export function offeredLayers(layers: readonly { name: string; op: string }[]): string[] {
  return layers.filter((layer) => layer.op === 'conv' || layer.op === 'concat').map((layer) => layer.name);
}
