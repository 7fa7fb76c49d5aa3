/** Widths of one Inception block, in concatenation order 1x1, 3x3, 5x5, pool projection. */
export interface InceptionWidths {
  conv1x1: number;
  reduce3x3: number;
  conv3x3: number;
  reduce5x5: number;
  conv5x5: number;
  poolProj: number;
}

const w = (conv1x1: number, reduce3x3: number, conv3x3: number, reduce5x5: number, conv5x5: number, poolProj: number): InceptionWidths => ({
  conv1x1,
  reduce3x3,
  conv3x3,
  reduce5x5,
  conv5x5,
  poolProj,
});

/** InceptionV1 in Lucid's numbering (the article's): note mixed4a's 204-wide 3x3 and mixed5a's 48-wide 5x5 bottleneck. */
export const LUCID_INCEPTION_BLOCKS: ReadonlyArray<readonly [string, InceptionWidths]> = [
  ['3a', w(64, 96, 128, 16, 32, 32)],
  ['3b', w(128, 128, 192, 32, 96, 64)],
  ['4a', w(192, 96, 204, 16, 48, 64)],
  ['4b', w(160, 112, 224, 24, 64, 64)],
  ['4c', w(128, 128, 256, 24, 64, 64)],
  ['4d', w(112, 144, 288, 32, 64, 64)],
  ['4e', w(256, 160, 320, 32, 128, 128)],
  ['5a', w(256, 160, 320, 48, 128, 128)],
  ['5b', w(384, 192, 384, 48, 128, 128)],
];

/** BVLC GoogLeNet differs from Lucid only in inception_4a (3x3 = 208) and inception_5a (5x5 reduce = 32). */
export const BVLC_INCEPTION_BLOCKS: ReadonlyArray<readonly [string, InceptionWidths]> = LUCID_INCEPTION_BLOCKS.map(([id, widths]) => {
  if (id === '4a') return [id, { ...widths, conv3x3: 208 }] as const;
  if (id === '5a') return [id, { ...widths, reduce5x5: 32 }] as const;
  return [id, widths] as const;
});

/** Total output channels of a block. */
export const inceptionTotal = (x: InceptionWidths): number => x.conv1x1 + x.conv3x3 + x.conv5x5 + x.poolProj;
