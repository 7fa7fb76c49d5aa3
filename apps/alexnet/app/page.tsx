import { SvdFactorsQuery, apiUrlFromEnv, createBranchscopeClient, describeQueryError, query } from '@branchscope/client';
import type { SvdFactors } from '@branchscope/client';
import { ErrorPanel, UnitScatter } from '@branchscope/ui';
import { branchNames, conv1FactorPoints } from '../lib/conv1-factor-points';

// The data lives in the API, which starts after the build: render on every request.
export const dynamic = 'force-dynamic';

const PAIR = { modelId: 'alexnet', from: 'conv1', to: 'conv2', components: 2 } as const;

export default async function AlexNetPage() {
  let svd: SvdFactors;
  try {
    ({ svdFactors: svd } = await query(createBranchscopeClient(apiUrlFromEnv()), SvdFactorsQuery, PAIR));
  } catch (error) {
    return (
      <>
        <h1>AlexNet</h1>
        <ErrorPanel title="the factors of |W(conv1 → conv2)|" {...describeQueryError(error)} />
      </>
    );
  }
  const [first = 0, second = 0] = svd.explainedVariance;
  return (
    <>
      <h1>AlexNet: conv1 units by the singular vectors of |W|</h1>
      <p className="caption">
        AlexNet&apos;s conv2 is split into two branches (a grouped convolution): each branch reads only half of
        conv1&apos;s units. <strong>|W|</strong> is the {svd.rows} × {svd.cols} matrix of conv2&apos;s absolute weights
        summed over kernel positions: one row per conv1 unit, one column per conv2 unit, each entry how strongly that
        conv1 unit feeds that conv2 unit. The <strong>singular vectors</strong> of |W| are the directions that explain
        most of it; each conv1 unit is placed by its entries in the first two left singular vectors. Units feeding the
        same branch share their non-zero columns of |W|, so these directions separate the branches. Colour is the
        branch a unit feeds.
      </p>
      <figure className="figure">
        <UnitScatter
          points={conv1FactorPoints(svd)}
          width={640}
          height={480}
          xLabel="singular vector 0"
          yLabel="singular vector 1"
          groupNames={branchNames(svd)}
          title={`${svd.fromUnits.length} conv1 units, |W(${svd.from} → ${svd.to})|`}
        />
        <figcaption>
          <dl className="variance">
            <dt>Singular vector 0</dt>
            <dd data-explained-variance="0">{percent(first)} of the variance</dd>
            <dt>Singular vector 1</dt>
            <dd data-explained-variance="1">{percent(second)} of the variance</dd>
          </dl>
          <p className="provenance">
            Computed by job <code>{svd.jobId}</code> at {svd.computedAt}; uncentred SVD of |W|.
          </p>
        </figcaption>
      </figure>
    </>
  );
}

function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}
