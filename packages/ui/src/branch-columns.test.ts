import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { BranchColumns } from './branch-columns';
import { groupColor } from './group-color';

function render(summaries: (string | undefined)[]): string {
  const branches = summaries.map((summary, index) => ({
    index,
    title: `branch ${index}`,
    summary,
    children: createElement('p', { className: 'content' }, `content ${index}`),
  }));
  return renderToStaticMarkup(createElement(BranchColumns, { branches, label: 'conv2 branches' }));
}

describe('BranchColumns', () => {
  it('puts each branch in its own section, in order', () => {
    const markup = render(['a', 'b']);
    expect([...markup.matchAll(/<section [^>]*data-branch="(\d+)"/g)].map((m) => m[1])).toEqual(['0', '1']);
  });

  it('gives every branch an equal column', () => {
    expect(render(['a', 'b', 'c'])).toContain('grid-template-columns:repeat(3, minmax(0, 1fr))');
  });

  it("shows each branch's title, summary and content", () => {
    const markup = render(['median colour index 0.41']);
    expect(markup).toContain('branch 0</h3>');
    expect(markup).toContain('<p class="bs-branch-summary">median colour index 0.41</p>');
    expect(markup).toContain('content 0');
  });

  it('leaves out the summary line when a branch has none', () => {
    expect(render([undefined])).not.toContain('bs-branch-summary');
  });

  it("marks each branch with its group's colour", () => {
    expect(render(['a', 'b'])).toContain(`background:${groupColor(1)}`);
  });
});
