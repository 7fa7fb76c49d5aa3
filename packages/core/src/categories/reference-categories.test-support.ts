/**
 * Test fixture: the published InceptionV1 5x5 categories as committed with the code
 * (`published/inceptionv1-5x5-categories.json`, a byte-exact copy of the article's published file). The file reader
 * is passed in so that this module stays free of I/O imports (core's boundary rule).
 */

export const REFERENCE_CATEGORIES_URL = new URL('./published/inceptionv1-5x5-categories.json', import.meta.url);

/** sha256 of the article's published file (Voss et al., Distill 2021), which the committed copy must equal byte for byte. */
export const REFERENCE_CATEGORIES_SHA256 = '9bd20ae2105dc2a44cd075560d2a03d0b5e42b2f17bf4468345f264777df45fb';

/**
 * Reads and parses the committed file with `readText` (e.g. `(url) => readFileSync(url, 'utf8')`).
 * @throws Error naming the path when the file is missing or unreadable.
 */
export function loadReferenceCategories(readText: (url: URL) => string): unknown {
  let text: string;
  try {
    text = readText(REFERENCE_CATEGORIES_URL);
  } catch (error) {
    throw new Error(`published categories missing: expected ${decodeURIComponent(REFERENCE_CATEGORIES_URL.pathname)}: ${(error as Error).message}`);
  }
  return JSON.parse(text);
}
