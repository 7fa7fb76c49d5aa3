import { COLOR_TRACKING_MIN_RHO, colorTrackingRow, type ExperimentRun } from './experiment-summary';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/**
 * One scatter per unbranched control run: each first-layer unit's colour index (x) against its loading on the
 * |W| singular vector expected to track colour (y: uncentred 1 or centred 0, whichever has the larger |ρ|), titled
 * with the seed, the vector and ρ. An implicit colour split shows as a slope: colour units at one end of the
 * vector, black-and-white ones at the other. Loadings are scaled to each panel (a singular vector's sign and
 * scale are arbitrary).
 */
export function controlFactorsSvg(runs: readonly ExperimentRun[]): string {
  const panels = runs.flatMap((run) => {
    const row = colorTrackingRow(run);
    return row && run.report.kind === 'control' ? [{ run, row, colorIndices: run.report.descriptors.map((d) => d.colorIndex) }] : [];
  });
  const size = 150;
  const gap = 30;
  const perRow = 5;
  const cols = Math.max(1, Math.min(perRow, panels.length));
  const rows = Math.max(1, Math.ceil(panels.length / perRow));
  const width = Math.max(620, 20 + cols * (size + gap));
  const height = 44 + rows * (size + gap + 20);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="10">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="10" y="14">${esc([...new Set(panels.map((p) => p.run.model))].join(', '))}: x, each first-layer unit's colour index; y, its loading on the |W| vector that tracks colour best</text>`,
    `<text x="10" y="28">(uncentred 1 or centred 0), scaled per panel. Bold: |ρ| &gt; ${COLOR_TRACKING_MIN_RHO}.</text>`,
  ];
  panels.forEach(({ run, row, colorIndices }, i) => {
    const x0 = 20 + (i % perRow) * (size + gap);
    const y0 = 54 + Math.floor(i / perRow) * (size + gap + 20);
    const lo = Math.min(...row.loadings);
    const hi = Math.max(...row.loadings);
    const span = hi - lo || 1;
    const vector = `${row.centered ? 'centred' : 'uncentred'} ${row.vector}`;
    const strong = Math.abs(row.colorSpearman) > COLOR_TRACKING_MIN_RHO;
    parts.push(
      `<rect x="${x0}" y="${y0}" width="${size}" height="${size}" fill="none" stroke="#bbb"/>`,
      `<text x="${x0}" y="${y0 + size + 11}">0</text><text x="${x0 + size}" y="${y0 + size + 11}" text-anchor="end">1</text>`,
      `<text x="${x0}" y="${y0 - 5}"${strong ? ' font-weight="bold"' : ''}>seed ${run.seed}: ${vector}, ρ ${row.colorSpearman.toFixed(2)}</text>`,
    );
    row.loadings.forEach((loading, unit) => {
      const cx = x0 + size * (colorIndices[unit] ?? 0);
      const cy = y0 + size * (1 - (loading - lo) / span);
      parts.push(`<circle cx="${cx.toFixed(1)}" cy="${cy.toFixed(1)}" r="2" fill="#555" fill-opacity="0.7"/>`);
    });
  });
  parts.push('</svg>');
  return parts.join('\n');
}
