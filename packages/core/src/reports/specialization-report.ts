import type { NeuronDescriptor } from '../categories/categorize-by-rules';
import { describeFilters } from '../descriptors/neuron-descriptors';
import { weightFactors } from '../factors/weight-factors';
import { findBranches } from '../graph/find-branches';
import type { BlockKind, ConvWeights, Graph } from '../graph/graph';
import { layerPairMatrix } from '../graph/layer-pair-matrix';
import type { NamedBranchRange } from '../categories/parse-published-categories';
import { bimodalityTest, UNIFORM_BIMODALITY_COEFFICIENT, type BimodalityTest } from './bimodality';
import { dipTest, type DipTest } from './dip-test';
import { branchSpecializationReport, type BranchSpecializationReport } from './branch-specialization-report';
import { factorCorrelationReport, type FactorCorrelationReport } from './factor-correlation-report';
import { histogram, type Histogram } from './histogram';
import { firstLayerOf, layerFilters, nextConvOf } from './layer-filters';
import { median } from './median';
import type { SplitCriterion } from './split-criterion';
import { unitBranches } from './unit-branches';

/** What a model's weights are: the report says it first, since random weights say nothing about training. */
export type WeightsOrigin = 'seeded-random' | 'trained-here' | 'imported';

export interface SpecializationInput {
  model: { id: string; name: string };
  weights: WeightsOrigin;
  /** Where the weights come from (a seed, a checkpoint, a file name), said beside their origin. */
  weightsDetail?: string;
  graph: Graph;
  /** The OIHW weights of a conv of the graph, by name. */
  conv: (layer: string) => ConvWeights;
  /** The layers to report on; by default the first layer and the first layer whose units are split into branches. */
  layers?: readonly string[];
  criterion?: Partial<SplitCriterion>;
  /** Histogram bins over the colour index's [0, 1] (default 10). */
  bins?: number;
  /** Uniform samples the bimodality coefficient and the dip are compared with (default 999), and their seed (default 0). */
  samples?: number;
  seed?: number;
}

/** Why a layer is in the report. */
export type LayerChoice = 'first layer' | 'first branched layer' | 'first layer, branched' | 'asked for';

/** The colour indices of a layer's filters, their spread and how two-moded it is. */
export interface ColorDistribution {
  /** Colour index of each unit's filter (chroma energy / energy, clamped to [0, 1]), in unit order. */
  colorIndices: number[];
  /** Dominant spatial frequency of each unit's filter, cycles per pixel. */
  frequencies: number[];
  histogram: Histogram;
  median: number;
  mean: number;
  bimodality: BimodalityTest;
  /** Hartigan's dip and its Monte Carlo p against uniform samples of the same size. */
  dip: DipTest;
}

export interface LayerSpecialization {
  layer: string;
  units: number;
  choice: LayerChoice;
  /** Null when the layer's units are not filters on the image; `colorUnavailable` then says why. */
  color: ColorDistribution | null;
  colorUnavailable: string | null;
  /** The branches of the layer's units and the block dividing them; null (with `noBranches`) for an unbranched layer. */
  branches: { block: string; kind: BlockKind; ranges: NamedBranchRange[] } | null;
  noBranches: string | null;
  /** The per-branch split test (Mann-Whitney per pair with the written criterion, enrichment); null without branches or colour. */
  branchTest: BranchSpecializationReport | null;
  /** The conv the layer feeds, whose |W(layer → next)| is factored; null (with `noFactors`) when there is none. */
  next: string | null;
  /** Correlations of |W|'s singular vectors (uncentred 0 and 1, centred 0 and 1) with colour index and frequency. */
  factors: FactorCorrelationReport | null;
  noFactors: string | null;
  summary: string[];
}

export interface SpecializationReport {
  modelId: string;
  modelName: string;
  weights: WeightsOrigin;
  /** One sentence on what the weights are and what that lets the numbers say. */
  weightsStatement: string;
  layers: LayerSpecialization[];
  /** The weights statement, then every layer's summary. */
  summary: string[];
}

const fmt = (x: number, digits = 2): string => x.toFixed(digits);
const fmtP = (p: number): string => (p < 1e-4 ? p.toExponential(1) : p.toPrecision(2));

function weightsStatement(origin: WeightsOrigin, detail: string | undefined): string {
  const from = detail ? ` (${detail})` : '';
  switch (origin) {
    case 'seeded-random':
      return `Weights: seeded random${from}, never trained: the numbers below show what the measures give on this structure, not what training learns.`;
    case 'trained-here':
      return `Weights: trained here${from}.`;
    case 'imported':
      return `Weights: imported${from}; if the file's weights are untrained, so is everything below.`;
  }
}

/** The first layer and the first layer (in graph order) whose units a block divides, without repeats. */
export function defaultReportLayers(graph: Graph): { layer: string; choice: LayerChoice }[] {
  const blocks = findBranches(graph);
  const first = firstLayerOf(graph);
  const branched = graph.nodes.find((node) => (node.op === 'conv' || node.op === 'concat') && unitBranches(blocks, node.name) !== null)?.name ?? null;
  if (first !== null && first === branched) return [{ layer: first, choice: 'first layer, branched' }];
  return [
    ...(first !== null ? [{ layer: first, choice: 'first layer' as const }] : []),
    ...(branched !== null ? [{ layer: branched, choice: 'first branched layer' as const }] : []),
  ];
}

function colorDistribution(layer: string, descriptors: readonly NeuronDescriptor[], options: SpecializationInput): ColorDistribution {
  const colorIndices = descriptors.map((d) => d.colorIndex);
  const frequencies = descriptors.map((d) => d.frequency);
  if (colorIndices.length < 4) throw new Error(`${layer}: ${colorIndices.length} units are too few for a bimodality measure (at least 4)`);
  return {
    colorIndices,
    frequencies,
    histogram: histogram(colorIndices, options.bins ?? 10, 0, 1),
    median: median(colorIndices),
    mean: colorIndices.reduce((s, v) => s + v, 0) / colorIndices.length,
    bimodality: bimodalityTest(colorIndices, { samples: options.samples ?? 999, seed: options.seed ?? 0 }),
    dip: dipTest(colorIndices, { samples: options.samples ?? 999, seed: options.seed ?? 0 }),
  };
}

function distributionSentence(layer: string, c: ColorDistribution): string {
  const b = c.bimodality;
  const modes = c.dip.pUniform < 0.05 ? 'more than one mode' : b.coefficient > UNIFORM_BIMODALITY_COEFFICIENT ? 'flat, but no clear second mode' : 'one mode';
  return (
    `${layer}: ${c.colorIndices.length} filters, colour index median ${fmt(c.median)}, mean ${fmt(c.mean)}; ` +
    `Hartigan's dip ${fmt(c.dip.dip, 3)} (p = ${fmtP(c.dip.pUniform)} against ${c.dip.samples} uniform samples of ${c.dip.n}), ` +
    `bimodality coefficient ${fmt(b.coefficient, 3)} (uniform ${fmt(UNIFORM_BIMODALITY_COEFFICIENT, 3)}; p = ${fmtP(b.pUniform)}): ${modes}.`
  );
}

function layerReport(input: SpecializationInput, layer: string, choice: LayerChoice): LayerSpecialization {
  const { graph } = input;
  const node = graph.nodes.find((n) => n.name === layer);
  if (!node) throw new Error(`${graph.name} has no layer '${layer}'`);
  const blocks = findBranches(graph);
  let descriptors: NeuronDescriptor[] | null = null;
  let colorUnavailable: string | null = null;
  try {
    descriptors = describeFilters(layerFilters(graph, layer, input.conv)).map((d, unit) => ({
      layer,
      unit,
      colorIndex: Math.min(1, Math.max(0, d.colorIndex)),
      frequency: d.frequency,
    }));
  } catch (error) {
    colorUnavailable = (error as Error).message;
  }
  const color = descriptors ? colorDistribution(layer, descriptors, input) : null;
  const found = unitBranches(blocks, layer);
  const branches = found ? { block: found.block, kind: found.kind, ranges: found.ranges } : null;
  const noBranches = found
    ? null
    : `${layer} has no branches: no grouped conv reads its units in separate groups and it is no Concat of parallel paths`;
  const branchTest = found && descriptors ? branchSpecializationReport({ layer, descriptors, branches: found.ranges, ...(input.criterion ? { criterion: input.criterion } : {}) }) : null;
  const next = nextConvOf(graph, layer);
  let factors: FactorCorrelationReport | null = null;
  let noFactors: string | null = null;
  if (!descriptors) noFactors = `no colour index for ${layer}, so nothing to correlate |W|'s factors with`;
  else if (next === null) noFactors = `${layer} feeds no single conv through channel-preserving ops only, so there is no |W(${layer} → next)| to factor`;
  else {
    const a = layerPairMatrix(graph, layer, next, input.conv(next));
    factors = factorCorrelationReport({ layer, descriptors, uncentered: weightFactors(a, { centered: false }), centered: weightFactors(a, { centered: true }) });
  }
  const summary = [
    color ? distributionSentence(layer, color) : `${layer}: ${node.channels} units; colour index not measured: ${colorUnavailable}.`,
    ...(branchTest ? [`${layer} branches from ${found!.kind} block ${found!.block}:`, ...branchTest.summary] : []),
    ...(found && !branchTest ? [`${layer} branches from ${found.kind} block ${found.block} (${found.ranges.length}); no split test without colour indices.`] : []),
    ...(noBranches ? [`${noBranches}; the distribution and the |W| factors still apply.`] : []),
    ...(factors ? [`|W(${layer} → ${next})|:`, ...factors.summary] : [`No |W| factors: ${noFactors}.`]),
  ];
  return { layer, units: node.channels, choice, color, colorUnavailable, branches, noBranches, branchTest, next, factors, noFactors, summary };
}

/**
 * The specialization report of any model, from its graph and weights alone: for each chosen layer (by default the
 * first layer and the first layer whose units a block divides), the colour-index distribution of its filters with
 * Hartigan's dip test and Sarle's bimodality coefficient, the per-branch split test where the layer has branches
 * (saying so where it has none), and the correlations of |W(layer → next conv)|'s singular vectors with colour. Pure
 * and deterministic given `seed`.
 * @throws Error naming the graph and layer when a layer asked for is unknown, or when the graph has neither a first
 *   layer nor a branched one and no layer was asked for.
 */
export function specializationReport(input: SpecializationInput): SpecializationReport {
  const chosen = input.layers?.length
    ? input.layers.map((layer) => ({ layer, choice: 'asked for' as const }))
    : defaultReportLayers(input.graph);
  if (chosen.length === 0) {
    throw new Error(`${input.graph.name}: no first layer (one conv on the image, or a Concat of parallel ones) and no branched layer to report on; name a layer`);
  }
  const statement = weightsStatement(input.weights, input.weightsDetail);
  const layers = chosen.map(({ layer, choice }) => layerReport(input, layer, choice));
  return {
    modelId: input.model.id,
    modelName: input.model.name,
    weights: input.weights,
    weightsStatement: statement,
    layers,
    summary: [statement, ...layers.flatMap((l) => l.summary)],
  };
}
