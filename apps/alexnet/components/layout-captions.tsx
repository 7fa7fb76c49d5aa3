import { unitRangeText } from '../lib/branch-units';
import type { AlexNetView } from '../lib/resolve-alexnet-model';

/** The page's heading for the layout of `view`. */
export function viewHeading(view: AlexNetView): string {
  const n = view.columns.length;
  if (view.layout === 'grouped') return `AlexNet view: the ${n} branches of ${view.to}`;
  if (view.layout === 'first-layer-split') return `AlexNet view: ${view.from} in ${n} parallel branches`;
  return `AlexNet view: ${view.from} → ${view.to}, no branches`;
}

/** One sentence on how the first layer pair is branched. */
export function StructureSentence({ view }: { view: AlexNetView }) {
  const { from, to, columns } = view;
  if (view.layout === 'grouped') {
    const reads = columns.map((c) => `branch ${c.index} reads only ${from} ${unitRangeText(c.units.start, c.units.end)}`);
    return <>{to} is a grouped convolution: {reads.join('; ')}.</>;
  }
  if (view.layout === 'first-layer-split') {
    return (
      <>
        {from} joins {columns.length} parallel convs ({columns.map((c) => c.relation).join(', ')}); {to} reads all of them.
      </>
    );
  }
  return (
    <>
      {to} reads every {from} unit: an unbranched layer, where a split can only show in the singular vectors of |W|.
    </>
  );
}

/** What the weights section draws, and what to look for. */
export function WeightsCaption({ view }: { view: AlexNetView }) {
  const { from, to } = view;
  const colorIndex = (
    <>
      The bar under each filter and the histogram give its <strong>colour index</strong>, its chroma energy over its
      total energy: 0 grey, towards 1 colourful.
    </>
  );
  if (view.layout === 'grouped') {
    return (
      <p className="caption">
        Each square is one {from} filter drawn as an RGB image, mid-grey where a weight is zero. Because each {to} branch
        reads only its own slice of {from}, training is free to give the slices different jobs: in the trained BVLC
        AlexNet one holds black-and-white Gabor filters and the other colour blobs (random weights show no such split).{' '}
        {colorIndex}
      </p>
    );
  }
  if (view.layout === 'first-layer-split') {
    return (
      <p className="caption">
        Each square is one {from} filter drawn as an RGB image, mid-grey where a weight is zero, in the column of the
        parallel conv it belongs to. Each branch has its own filters, so training is free to give the branches
        different jobs (colour against black-and-white in the article&apos;s models). {colorIndex}
      </p>
    );
  }
  return (
    <p className="caption">
      Each square is one {from} filter drawn as an RGB image, mid-grey where a weight is zero. {from} has no branches:
      every filter feeds every {to} unit, so any division of labour has to show elsewhere, in the singular vectors of
      |W| below. {colorIndex}
    </p>
  );
}

/** What the features section renders. */
export function FeaturesCaption({ view, perColumn, steps, size }: { view: AlexNetView; perColumn: number; steps: number; size: number }) {
  const which =
    view.layout === 'grouped' ? `the first ${perColumn} ${view.to} units of each branch` : `the first ${perColumn} ${view.to} units (${view.to} reads all of ${view.from})`;
  return (
    <p className="caption">
      Feature visualizations of {which}: an input image optimised from noise to excite one unit (Fourier-space,
      colour-decorrelated parameterization with the standard transforms; {steps} steps at {size} px). The worker
      renders them once and stores them by content; the colour index under each is measured on the image.
    </p>
  );
}

/** What the scatter places, and what its pattern does and does not mean for this layout. */
export function ScatterCaption({ view }: { view: AlexNetView }) {
  const { from, to } = view;
  const what = (
    <>
      <strong>|W|</strong> is {to}&apos;s absolute weights summed over kernel positions: one row per {from} unit, one
      column per {to} unit, each entry how strongly that {from} unit feeds that {to} unit. Each {from} unit is placed by
      its entries in the first two left <strong>singular vectors</strong> of |W|, the directions that explain most of it.
    </>
  );
  if (view.layout === 'grouped') {
    return (
      <p className="caption">
        {what} Units feeding the same branch share their non-zero columns: |W| is block-diagonal, so these directions
        separate the branches whatever the weights, random ones included; colour is the branch a unit feeds. What
        training adds shows in the filters above, not in this separation.
      </p>
    );
  }
  if (view.layout === 'first-layer-split') {
    return (
      <p className="caption">
        {what} {to} is not grouped, so |W| is dense: any separation of the branches here comes from the weights, not
        from the structure. Colour is the branch a unit belongs to.
      </p>
    );
  }
  return (
    <p className="caption">
      {what} With no branches, this is where the article finds the split of an unbranched layer: in a trained network
      colour and black-and-white units lie apart along these directions. Points are shaded by their filter&apos;s colour
      index.
    </p>
  );
}
