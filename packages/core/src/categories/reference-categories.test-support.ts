/**
 * Test fixture: the published InceptionV1 5x5 categories, kept outside the repo in `shared/reference/` beside the
 * repo root. The file reader is passed in so that this module stays free of I/O imports (core's boundary rule).
 */

/** The repo root (four folders up from this one), then `../shared/reference/...`. */
export const REFERENCE_CATEGORIES_URL = new URL('../../../../../shared/reference/inceptionv1-5x5-categories.json', import.meta.url);

/**
 * Reads and parses the reference file with `readText` (e.g. `(url) => readFileSync(url, 'utf8')`).
 * @throws Error naming the expected path when the file is missing or unreadable.
 */
export function loadReferenceCategories(readText: (url: URL) => string): unknown {
  let text: string;
  try {
    text = readText(REFERENCE_CATEGORIES_URL);
  } catch (error) {
    throw new Error(
      `reference file missing: expected ${decodeURIComponent(REFERENCE_CATEGORIES_URL.pathname)} ` +
        `(shared/reference/ beside the repo root): ${(error as Error).message}`,
    );
  }
  return JSON.parse(text);
}
