import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ModelPicker } from './model-picker';

const models = [
  { id: 'alexnet', name: 'AlexNet', group: 'Random weights' },
  { id: 'small-alexnet-2b', name: 'small-alexnet-2b', group: 'Random weights' },
  { id: 'demo-split', name: 'Split demo', group: 'Trained here' },
];

describe('ModelPicker', () => {
  it('is a GET form to the view with one option per model, grouped, the current one selected', () => {
    const markup = renderToStaticMarkup(createElement(ModelPicker, { models, current: 'demo-split', action: '/alexnet' }));
    const form = markup.match(/<form [^>]*>/)?.[0] ?? '';
    expect(form).toContain('method="get"');
    expect(form).toContain('action="/alexnet"');
    expect(markup.match(/<optgroup/g)).toHaveLength(2);
    expect(markup).toContain('<option value="alexnet" title="alexnet">AlexNet (alexnet)</option>');
    expect(markup).toContain('<option value="small-alexnet-2b" title="small-alexnet-2b">small-alexnet-2b</option>');
    expect(markup).toMatch(/<option value="demo-split"[^>]*selected=""/);
    expect(markup).toContain('<label for="bs-model-picker-select">Model</label>');
  });

  it('asks to choose a model when the current one is not offered, and keeps other parameters', () => {
    const markup = renderToStaticMarkup(
      createElement(ModelPicker, { models: models.slice(0, 1), current: 'gone', action: '/inception', keep: { labelSet: 'ls-1' } }),
    );
    expect(markup).toMatch(/<option value="" disabled="" selected="">choose a model<\/option>/);
    expect(markup).toContain('<input type="hidden" name="labelSet" value="ls-1"/>');
  });
});
