import type { ExperimentRun } from './experiment-summary';

const BRANCH_COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd'];
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/**
 * A strip plot of first-layer colour index: one column per branched run (model and seed), one dot per unit,
 * coloured and offset by branch, with each branch's median as a bar and the verdict under the column.
 * Dots are spread by a fixed pattern of the unit index, so the picture is the same on every run.
 */
export function experimentSvg(runs: readonly ExperimentRun[]): string {
  const branched = runs.filter((r) => r.report.kind === 'branched');
  const colW = 70;
  const left = 50;
  const top = 20;
  const plotH = 240;
  const width = Math.max(260, left + Math.max(1, branched.length) * colW + 20);
  const height = top + plotH + 60;
  const y = (ci: number) => top + plotH * (1 - ci);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="10">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
  ];
  for (const t of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(`<line x1="${left}" x2="${width - 20}" y1="${y(t)}" y2="${y(t)}" stroke="#ddd"/>`, `<text x="${left - 6}" y="${y(t) + 3}" text-anchor="end">${t}</text>`);
  }
  parts.push(`<text transform="translate(12 ${top + plotH / 2}) rotate(-90)" text-anchor="middle">first-layer colour index</text>`);
  BRANCH_COLORS.slice(0, Math.max(0, ...branched.map((r) => (r.report.kind === 'branched' ? r.report.branches.branches.length : 0)))).forEach((color, k) => {
    parts.push(`<circle cx="${left + 8 + k * 55}" cy="9" r="3" fill="${color}"/><text x="${left + 14 + k * 55}" y="12">branch ${k}</text>`);
  });
  branched.forEach((run, i) => {
    if (run.report.kind !== 'branched') return;
    const x0 = left + i * colW;
    const branches = run.report.branches.branches;
    const slot = (colW - 10) / branches.length;
    branches.forEach((b, k) => {
      const color = BRANCH_COLORS[k % BRANCH_COLORS.length];
      const cx = x0 + 5 + slot * (k + 0.5);
      b.colorIndices.forEach((ci, u) => {
        const dx = (((u * 7) % 9) - 4) * (slot / 12);
        parts.push(`<circle cx="${(cx + dx).toFixed(1)}" cy="${y(ci).toFixed(1)}" r="2.2" fill="${color}" fill-opacity="0.7"/>`);
      });
      parts.push(`<line x1="${cx - slot / 2.5}" x2="${cx + slot / 2.5}" y1="${y(b.medianColorIndex)}" y2="${y(b.medianColorIndex)}" stroke="black" stroke-width="2"/>`);
    });
    parts.push(
      `<text x="${x0 + colW / 2}" y="${top + plotH + 14}" text-anchor="middle">${esc(run.model.replace(/^small-|^split-first-layer-/, ''))}</text>`,
      `<text x="${x0 + colW / 2}" y="${top + plotH + 26}" text-anchor="middle">seed ${run.seed}</text>`,
      `<text x="${x0 + colW / 2}" y="${top + plotH + 38}" text-anchor="middle" font-weight="bold">${run.report.branches.colorVerdict}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('\n');
}
