export interface EmbedSnippetOptions {
  /** The frame's accessible name (required of an `<iframe>`), e.g. "AlexNet conv1 scatter, alexnet". */
  title: string;
  /** CSS height in pixels; the width is always 100% of the host's column. */
  height: number;
}

/**
 * The `<iframe>` element that embeds `url` in another page: full width, fixed height, no border, loaded lazily.
 * Attribute values are escaped, so any URL or title gives well-formed HTML.
 */
export function embedSnippet(url: string, { title, height }: EmbedSnippetOptions): string {
  if (!Number.isFinite(height) || height <= 0) throw new Error(`embed height must be a positive number of pixels, got ${height}`);
  return `<iframe src="${escapeAttribute(url)}" title="${escapeAttribute(title)}" width="100%" height="${Math.round(height)}" loading="lazy" style="border:0"></iframe>`;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
