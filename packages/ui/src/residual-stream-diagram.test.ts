import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { blockLabel, ResidualStreamDiagram } from './residual-stream-diagram';
import type { ResidualBlockMark } from './residual-stream-diagram';

/** ResNet-50's stages: 3, 4, 6 and 3 blocks of inner width 64 to 512. */
function resnet50(): ResidualBlockMark[] {
  return [3, 4, 6, 3].flatMap((count, s) =>
    Array.from({ length: count }, (_, u) => ({
      name: `stage${s + 1}_unit${u + 1}`,
      stage: `stage${s + 1}`,
      units: 64 * 2 ** s,
      layers: [`stage${s + 1}_unit${u + 1}_conv1`, `stage${s + 1}_unit${u + 1}_conv2`],
    })),
  );
}

function boxWidths(markup: string): Map<string, number> {
  const widths = new Map<string, number>();
  for (const [, block, width] of markup.matchAll(/data-block="([^"]+)"[\s\S]*?<rect[^>]* width="([\d.]+)"/g)) {
    widths.set(block ?? '', Number(width));
  }
  return widths;
}

describe('ResidualStreamDiagram', () => {
  const markup = renderToStaticMarkup(createElement(ResidualStreamDiagram, { blocks: resnet50() }));

  it('draws one group per block with its stage and units', () => {
    expect(markup.match(/<g class="bs-block"/g)).toHaveLength(16);
    expect(markup).toContain('data-block="stage3_unit6" data-stage="stage3" data-units="256"');
  });

  it('groups consecutive blocks into one band per stage', () => {
    const bands = [...markup.matchAll(/class="bs-stage" data-stage="([^"]+)" data-blocks="(\d+)"/g)];
    expect(bands.map((m) => [m[1], Number(m[2])])).toEqual([
      ['stage1', 3],
      ['stage2', 4],
      ['stage3', 6],
      ['stage4', 3],
    ]);
  });

  it('draws branch boxes in proportion to their inner widths, within 1 px', () => {
    const widths = boxWidths(markup);
    expect(Math.abs(widths.get('stage4_unit1')! / 8 - widths.get('stage1_unit1')!)).toBeLessThan(1);
  });

  it('lists the member layers in the hover title', () => {
    expect(markup).toContain('layers: stage2_unit1_conv1, stage2_unit1_conv2');
  });

  it('rejects a block with a fractional unit count, naming it', () => {
    const blocks = [{ name: 'b0', stage: 's', units: 1.5, layers: [] }];
    expect(() => renderToStaticMarkup(createElement(ResidualStreamDiagram, { blocks }))).toThrow(
      'ResidualStreamDiagram: block b0 has 1.5 units; expected a non-negative integer',
    );
  });

  describe('labels of long block names, as PyTorch exports name them', () => {
    const blocks: ResidualBlockMark[] = ['features/features.6/features.6.1', 'features/features.6/features.6.2'].map((name) => ({
      name,
      stage: 'stage 5',
      units: 1152,
      layers: [`${name}/block/block.0/block.0.0`],
    }));
    const long = renderToStaticMarkup(createElement(ResidualStreamDiagram, { blocks }));

    it('keeps every label inside the drawing, shortened to its last path segments, the full name in the hover title', () => {
      const labels = [...long.matchAll(/<text x="([\d.]+)"[^>]*>([^<]*· 1152)<\/text>/g)].map((m) => [Number(m[1]), m[2]!] as const);
      expect(labels.map(([, text]) => text)).toEqual(['…/features.6/features.6.1 · 1152', '…/features.6/features.6.2 · 1152']);
      for (const [x, text] of labels) expect(x + text.length * 6.4).toBeLessThanOrEqual(640);
      expect(long).toContain('<title>features/features.6/features.6.1 (stage 5)');
    });

    it('keeps short names whole and cuts a name without segments at its start', () => {
      expect(blockLabel('stage1_unit1', 64, 140)).toBe('stage1_unit1 · 64');
      expect(blockLabel('a_very_long_block_name_without_any_slashes', 64, 140)).toBe('…out_any_slashes · 64');
    });
  });
});
