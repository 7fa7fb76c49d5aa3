import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { RandomWeightsNotice } from './random-weights-notice';

const note = 'Features of a random network say nothing about what training learns.';

describe('RandomWeightsNotice', () => {
  it('says the weights are random, with the seed and the reading note, as a note', () => {
    const markup = renderToStaticMarkup(createElement(RandomWeightsNotice, { seed: 1, readingNote: note, realResults: [], noRealResults: 'None yet.' }));
    expect(markup).toContain('role="note"');
    expect(markup).toContain('data-weights-kind="SEEDED_RANDOM"');
    expect(markup).toContain('Random weights (seed 1), never trained.');
    expect(markup).toContain(note);
  });

  it('links the models that give a real result, or says why there are none', () => {
    const links = [
      { name: 'Small AlexNet (trained)', href: '/alexnet?model=demo-small-alexnet-2b' },
      { name: 'BVLC AlexNet (imported)', href: '/alexnet?model=bvlc' },
    ];
    const markup = renderToStaticMarkup(createElement(RandomWeightsNotice, { seed: 1, readingNote: note, realResults: links, noRealResults: 'None yet.' }));
    expect(markup).toContain('Real results in this view: <span><a href="/alexnet?model=demo-small-alexnet-2b">Small AlexNet (trained)</a></span>');
    expect(markup).toContain('<a href="/alexnet?model=bvlc">');
    const none = renderToStaticMarkup(createElement(RandomWeightsNotice, { seed: null, readingNote: note, realResults: [], noRealResults: 'Import one.' }));
    expect(none).toContain('Random weights, never trained.');
    expect(none).toContain('Import one.');
  });

  it('leaves the links out when compact', () => {
    const markup = renderToStaticMarkup(
      createElement(RandomWeightsNotice, { seed: 1, readingNote: note, realResults: [{ name: 'x', href: '/x' }], noRealResults: '', compact: true }),
    );
    expect(markup).not.toContain('href');
    expect(markup).toContain(note);
  });
});
