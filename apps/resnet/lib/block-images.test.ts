import type { FeatureImage, FeatureImagesQueryResult } from '@branchscope/client';
import { describe, expect, it } from 'vitest';
import { mergeImageAnswers } from './block-images';

type Answer = FeatureImagesQueryResult['featureImages'];

const image = (unit: number) => ({ unit, url: `/artifacts/${unit}.png` }) as FeatureImage;
const job = (id: string) => ({ id, kind: 'render-features', status: 'RUNNING', progress: 0.5, error: null }) as NonNullable<Answer['job']>;

describe('mergeImageAnswers', () => {
  it("gathers every request's images in the order asked, taking the full result where there is one", () => {
    const answers: Answer[] = [
      { result: [image(0), image(1)], stored: [image(0), image(1)], job: null },
      { result: null, stored: [image(3)], job: job('a') },
    ];
    const merged = mergeImageAnswers(answers);
    expect(merged.stored.map((i) => i.unit)).toEqual([0, 1, 3]);
    expect(merged.jobs.map((j) => j.id)).toEqual(['a']);
  });

  it('lists each render job once, and none once every image is stored', () => {
    expect(mergeImageAnswers([{ result: null, stored: [], job: job('a') }, { result: null, stored: [], job: job('a') }, { result: null, stored: [], job: job('b') }]).jobs.map((j) => j.id)).toEqual(['a', 'b']);
    expect(mergeImageAnswers([{ result: [image(0)], stored: [image(0)], job: null }]).jobs).toEqual([]);
  });
});
