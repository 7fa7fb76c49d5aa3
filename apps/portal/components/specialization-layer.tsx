import type { LayerSpecialization } from '@branchscope/client';
import { ColorIndexHistogram } from '@branchscope/ui';
import {
  asSentence,
  criterionSentence,
  factorName,
  formatNumber,
  formatP,
  formatPercent,
  unitRange,
  verdictWords,
  withFullStop,
  type SplitTest,
  type SplitVerdict,
} from '../lib/specialization-format';

/** A verdict in words, with the API's name kept for tests and readers of the Markdown. */
function Verdict({ verdict }: { verdict: SplitVerdict }) {
  return (
    <span className={`verdict verdict-${verdict.toLowerCase()}`} data-verdict={verdict}>
      {verdictWords(verdict)}
    </span>
  );
}

/** One reported layer: why it was chosen, its colour-index distribution, its branches' split test, its |W| factors. */
export function SpecializationLayer({ layer }: { layer: LayerSpecialization }) {
  const id = `layer-${layer.layer.replace(/[^\w-]+/g, '-')}`;
  return (
    <section className="specialization-layer" aria-labelledby={id} data-layer={layer.layer}>
      <h2 id={id}>
        <code>{layer.layer}</code> <span className="count">({layer.choice}, {layer.units} units)</span>
      </h2>
      <ColorSection layer={layer} headingId={`${id}-color`} />
      <BranchSection layer={layer} headingId={`${id}-branches`} />
      <FactorSection layer={layer} headingId={`${id}-factors`} />
      <section aria-labelledby={`${id}-summary`}>
        <h3 id={`${id}-summary`}>What it says</h3>
        <ul className="specialization-summary">
          {layer.summary.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </section>
    </section>
  );
}

function ColorSection({ layer, headingId }: { layer: LayerSpecialization; headingId: string }) {
  const { color } = layer;
  return (
    <section aria-labelledby={headingId} className="specialization-color">
      <h3 id={headingId}>Colour index</h3>
      {color ? (
        <div className="specialization-color-body">
          <figure className="figure" data-color-count={color.colorIndices.length}>
            <ColorIndexHistogram
              values={color.colorIndices}
              width={360}
              height={110}
              bins={color.histogram.counts.length}
              label={`Histogram of the colour index of ${layer.layer}'s ${color.colorIndices.length} filters, median ${formatNumber(color.median)}`}
            />
            <figcaption className="caption">Chroma energy over energy of each filter, 0 grey to 1 colour.</figcaption>
          </figure>
          <dl className="specialization-stats">
            <dt>Median</dt>
            <dd data-stat="median">{formatNumber(color.median)}</dd>
            <dt>Mean</dt>
            <dd data-stat="mean">{formatNumber(color.mean)}</dd>
            <dt>Hartigan&apos;s dip</dt>
            <dd data-stat="dip">
              {formatNumber(color.dip.dip, 4)}, p = {formatP(color.dip.pUniform)}
              <span className="stat-note">
                {' '}
                ({formatNumber(1 / (2 * color.dip.n), 4)} for an even spread, 0.25 for two equal clusters; p over {color.dip.samples} uniform samples of{' '}
                {color.dip.n})
              </span>
            </dd>
            <dt>Bimodality coefficient</dt>
            <dd data-stat="bimodality">
              {formatNumber(color.bimodality.coefficient, 3)}, p = {formatP(color.bimodality.pUniform)}
              <span className="stat-note">
                {' '}
                (Sarle&apos;s; {formatNumber(5 / 9, 3)} for a uniform spread, 0.333 for a normal one; p over {color.bimodality.samples} uniform samples)
              </span>
            </dd>
          </dl>
        </div>
      ) : (
        <p className="caption" data-color="unavailable">
          Colour index not measured: {withFullStop(layer.colorUnavailable ?? 'the API gave no reason')}
        </p>
      )}
    </section>
  );
}

function BranchSection({ layer, headingId }: { layer: LayerSpecialization; headingId: string }) {
  const { branches, splitTest } = layer;
  return (
    <section aria-labelledby={headingId} className="specialization-branches">
      <h3 id={headingId}>Branches</h3>
      {!branches ? (
        <p className="caption" data-branches="none">
          {asSentence(layer.noBranches ?? 'the layer has no branches')} The colour distribution above and the |W| factors below still apply.
        </p>
      ) : splitTest ? (
        <SplitTestTables layer={layer.layer} block={branches.block} kind={branches.kind} test={splitTest} />
      ) : (
        <>
          <p className="caption">
            {branches.ranges.length} branches from {branches.kind.toLowerCase()} block <code>{branches.block}</code>; no split test without colour
            indices.
          </p>
          <table className="specialization-table">
            <caption className="visually-hidden">Branches of {layer.layer}</caption>
            <thead>
              <tr>
                <th scope="col">Branch</th>
                <th scope="col">Units</th>
              </tr>
            </thead>
            <tbody>
              {branches.ranges.map((range) => (
                <tr key={range.name} data-branch={range.name}>
                  <th scope="row">{range.name}</th>
                  <td>{unitRange(range.start, range.end)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

function SplitTestTables({ layer, block, kind, test }: { layer: string; block: string; kind: string; test: SplitTest }) {
  return (
    <>
      <p className="specialization-verdicts" data-color-verdict={test.colorVerdict} data-frequency-verdict={test.frequencyVerdict}>
        By colour: <strong><Verdict verdict={test.colorVerdict} /></strong> ({test.colorVerdict}). By frequency:{' '}
        <strong><Verdict verdict={test.frequencyVerdict} /></strong> ({test.frequencyVerdict}).
      </p>
      <p className="caption">
        Branches from {kind.toLowerCase()} block <code>{block}</code>. {criterionSentence(test)}
      </p>
      <table className="specialization-table" data-table="branches">
        <caption className="visually-hidden">Branches of {layer} with their median colour index and frequency</caption>
        <thead>
          <tr>
            <th scope="col">Branch</th>
            <th scope="col">Units</th>
            <th scope="col">Median colour index</th>
            <th scope="col">Median frequency (cycles/px)</th>
          </tr>
        </thead>
        <tbody>
          {test.branches.map((b) => (
            <tr key={b.name} data-branch={b.name} data-median-color-index={b.medianColorIndex}>
              <th scope="row">{b.name}</th>
              <td>{unitRange(b.start, b.end)}</td>
              <td>{formatNumber(b.medianColorIndex)}</td>
              <td>{formatNumber(b.medianFrequency, 3)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="specialization-table" data-table="pairs">
        <caption className="visually-hidden">Split test of each pair of branches of {layer}</caption>
        <thead>
          <tr>
            <th scope="col">Pair</th>
            <th scope="col">Colour p</th>
            <th scope="col">adjusted</th>
            <th scope="col">gap</th>
            <th scope="col">verdict</th>
            <th scope="col">Frequency p</th>
            <th scope="col">adjusted</th>
            <th scope="col">gap</th>
            <th scope="col">verdict</th>
          </tr>
        </thead>
        <tbody>
          {test.pairs.map((p) => (
            <tr key={`${p.a}|${p.b}`} data-pair={`${p.a}|${p.b}`}>
              <th scope="row">
                {p.a} vs {p.b}
              </th>
              <td>{formatP(p.colorP)}</td>
              <td>{formatP(p.colorPAdjusted)}</td>
              <td>{formatNumber(p.colorGap)}</td>
              <td data-verdict-of="color">
                <Verdict verdict={p.colorVerdict} />
              </td>
              <td>{formatP(p.frequencyP)}</td>
              <td>{formatP(p.frequencyPAdjusted)}</td>
              <td>{formatNumber(p.frequencyGap, 3)}</td>
              <td data-verdict-of="frequency">
                <Verdict verdict={p.frequencyVerdict} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function FactorSection({ layer, headingId }: { layer: LayerSpecialization; headingId: string }) {
  return (
    <section aria-labelledby={headingId} className="specialization-factors">
      <h3 id={headingId}>Factors of |W| and colour</h3>
      {layer.factors ? (
        <>
          <p className="caption">
            |W(<code>{layer.layer}</code> → <code data-next={layer.next}>{layer.next}</code>)|, summed over kernel positions. |W| is non-negative, so
            uncentred vector 0 is one-signed (overall use); a colour factor is expected at uncentred vector 1 or centred vector 0.
          </p>
          <table className="specialization-table" data-table="factors">
            <caption className="visually-hidden">
              Singular vectors of |W({layer.layer} → {layer.next})| against colour index and frequency
            </caption>
            <thead>
              <tr>
                <th scope="col">Vector</th>
                <th scope="col">Explained variance</th>
                <th scope="col">One-signed</th>
                <th scope="col">Spearman with colour</th>
                <th scope="col">Pearson with colour</th>
                <th scope="col">Spearman with frequency</th>
              </tr>
            </thead>
            <tbody>
              {layer.factors.map((row) => (
                <tr key={factorName(row)} data-factor={factorName(row)}>
                  <th scope="row">{factorName(row)}</th>
                  <td>{formatPercent(row.explainedVariance)}</td>
                  <td>{row.oneSigned ? 'yes' : 'no'}</td>
                  <td>{formatNumber(row.colorSpearman)}</td>
                  <td>{formatNumber(row.colorPearson)}</td>
                  <td>{formatNumber(row.frequencySpearman)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        <p className="caption" data-factors="none">
          None: {withFullStop(layer.noFactors ?? 'the API gave no reason')}
        </p>
      )}
    </section>
  );
}
