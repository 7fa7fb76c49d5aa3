import type { SniffedFormat } from './model-file-format';

/**
 * What a model folder is, from the names of the files in it: a TensorFlow SavedModel (`saved_model.pb` or
 * `saved_model.pbtxt`), a TF.js model (`model.json`), or `unknown`.
 */
export function sniffModelFolder(names: readonly string[]): SniffedFormat {
  const savedModel = names.find((name) => name === 'saved_model.pb' || name === 'saved_model.pbtxt');
  if (savedModel) return { format: 'tf-saved-model', evidence: `a folder with ${savedModel}` };
  if (names.includes('model.json')) return { format: 'tfjs', evidence: 'a folder with model.json' };
  return { format: 'unknown', evidence: names.length === 0 ? 'an empty folder' : `a folder with ${names.slice(0, 3).join(', ')}${names.length > 3 ? ', ...' : ''}` };
}
