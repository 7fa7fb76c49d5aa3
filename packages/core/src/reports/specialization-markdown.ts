import type { LayerSpecialization, SpecializationReport } from './specialization-report';

const fmt = (x: number, digits = 2): string => x.toFixed(digits);
const fmtP = (p: number): string => (p < 1e-4 ? p.toExponential(1) : p.toPrecision(2));
const BAR = 40;

function histogramLines(layer: LayerSpecialization): string[] {
  const { histogram } = layer.color!;
  const bins = histogram.counts.length;
  const most = Math.max(1, ...histogram.counts);
  const width = (histogram.max - histogram.min) / bins;
  return [
    '```',
    ...histogram.counts.map((count, b) => {
      const from = histogram.min + b * width;
      return `${fmt(from)}–${fmt(from + width)} ${String(count).padStart(4)} ${'#'.repeat(Math.round((BAR * count) / most))}`;
    }),
    '```',
  ];
}

function layerSection(layer: LayerSpecialization): string[] {
  const lines = [`## ${layer.layer} (${layer.choice}, ${layer.units} units)`, ''];
  if (layer.color) {
    const b = layer.color.bimodality;
    const dip = layer.color.dip;
    lines.push(
      `Colour index of each filter (chroma energy / energy, 0 grey to 1 colour): median ${fmt(layer.color.median)}, mean ${fmt(layer.color.mean)}.`,
      '',
      ...histogramLines(layer),
      '',
      `Hartigan's dip ${fmt(dip.dip, 4)} (1/(2n) = ${fmt(1 / (2 * dip.n), 4)} for an even spread, 0.25 for two equal clusters); p = ${fmtP(dip.pUniform)} that ${dip.samples} uniform samples of ${dip.n} reach it.`,
      '',
      `Bimodality coefficient ${fmt(b.coefficient, 3)} (a uniform spread gives ${fmt(5 / 9, 3)}, a normal 0.333; skewness ${fmt(b.skewness, 3)}, excess kurtosis ${fmt(b.excessKurtosis, 3)}); ` +
        `p = ${fmtP(b.pUniform)} that ${b.samples} uniform samples of ${b.n} reach it (seed ${b.seed}).`,
    );
  } else {
    lines.push(`Colour index not measured: ${layer.colorUnavailable}.`);
  }
  lines.push('', '### Branches', '');
  if (layer.branchTest) {
    const t = layer.branchTest;
    lines.push(
      `From ${layer.branches!.kind} block ${layer.branches!.block}. Split criterion: p < ${t.criterion.maxP} (Bonferroni over pairs) and medians ${t.criterion.minColorGap} apart in colour index.`,
      '',
      '| branch | units | median colour index | median frequency |',
      '|---|---|---|---|',
      ...t.branches.map((br) => `| ${br.name} | [${br.range[0]}, ${br.range[1]}) | ${fmt(br.medianColorIndex)} | ${fmt(br.medianFrequency, 3)} |`),
      '',
      '| pair | colour p | adjusted | gap | verdict | frequency p | verdict |',
      '|---|---|---|---|---|---|---|',
      ...t.pairs.map((p) => `| ${p.a} vs ${p.b} | ${fmtP(p.colorP)} | ${fmtP(p.colorPAdjusted)} | ${fmt(p.colorGap)} | ${p.colorVerdict} | ${fmtP(p.frequencyP)} | ${p.frequencyVerdict} |`),
      '',
      `**Colour: ${t.colorVerdict}. Frequency: ${t.frequencyVerdict}.**`,
    );
  } else if (layer.branches) {
    lines.push(`${layer.branches.ranges.length} branches from ${layer.branches.kind} block ${layer.branches.block}; no split test without colour indices.`);
  } else {
    lines.push(`${layer.noBranches}. The colour distribution above and the |W| factors below still apply.`);
  }
  lines.push('', '### Factors of |W| and colour', '');
  if (layer.factors) {
    lines.push(
      `|W(${layer.layer} → ${layer.next})|, summed over kernel positions. |W| is non-negative, so uncentred vector 0 is one-signed (overall use); the colour factor is expected at uncentred vector 1 or centred vector 0.`,
      '',
      '| vector | energy | one-signed | Spearman colour | Pearson colour | Spearman frequency |',
      '|---|---|---|---|---|---|',
      ...layer.factors.rows.map(
        (r) =>
          `| ${r.centered ? 'centred' : 'uncentred'} ${r.vector} | ${fmt(100 * r.explainedVariance, 1)}% | ${r.oneSigned ? 'yes' : 'no'} | ${fmt(r.colorSpearman)} | ${fmt(r.colorPearson)} | ${fmt(r.frequencySpearman)} |`,
      ),
    );
  } else {
    lines.push(`None: ${layer.noFactors}.`);
  }
  return [...lines, ''];
}

/** The report as Markdown: the weights first, then one section per layer with its histogram and tables. */
export function specializationMarkdown(report: SpecializationReport): string {
  return [
    `# Specialization report: ${report.modelName} (\`${report.modelId}\`)`,
    '',
    `**${report.weightsStatement}**`,
    '',
    ...report.layers.flatMap(layerSection),
    '## Summary',
    '',
    ...report.summary.map((line) => `- ${line}`),
    '',
  ].join('\n');
}
