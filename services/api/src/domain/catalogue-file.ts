import { readFile } from 'node:fs/promises';
import { DOWNLOAD_FORMATS, type DownloadFormat } from '@branchscope/jobs';
import { urlFileName, type CatalogueEntry } from './catalogue-entry';

/** A catalogue file that cannot be used; the message names the file, the entry and the field. */
export class CatalogueFileError extends Error {
  override readonly name = 'CatalogueFileError';
}

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

function checkEntry(raw: unknown, where: string): CatalogueEntry {
  if (!isRecord(raw)) throw new CatalogueFileError(`${where} is not an object`);
  const text = (field: string, optional = false): string => {
    const value = raw[field];
    if (optional && value === undefined) return '';
    if (typeof value !== 'string' || value.trim() === '') throw new CatalogueFileError(`${where}: '${field}' must be a non-empty string`);
    return value;
  };
  const id = text('id');
  if (!/^[a-z0-9][a-z0-9._-]*$/.test(id)) throw new CatalogueFileError(`${where}: id '${id}' may hold lower-case letters, digits, '.', '_' and '-' only`);
  const url = text('url');
  if (!/^https?:\/\/[^/]/.test(url)) throw new CatalogueFileError(`${where}: url '${url}' must be an http:// or https:// URL`);
  const format = text('format') as DownloadFormat;
  if (!DOWNLOAD_FORMATS.includes(format)) throw new CatalogueFileError(`${where}: format '${format}' is not one of ${DOWNLOAD_FORMATS.join(', ')}`);
  const sha256 = raw.sha256 ?? null;
  if (sha256 !== null && (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/i.test(sha256))) throw new CatalogueFileError(`${where}: sha256 must be 64 hex digits or null`);
  const bytes = raw.bytes ?? null;
  if (bytes !== null && (typeof bytes !== 'number' || !Number.isSafeInteger(bytes) || bytes < 1)) throw new CatalogueFileError(`${where}: bytes must be a positive whole number or null`);
  const range = raw.inputRange ?? [0, 1];
  if (!Array.isArray(range) || range.length !== 2 || !range.every(Number.isFinite) || !(range[0] < range[1])) {
    throw new CatalogueFileError(`${where}: inputRange must be [low, high] with low < high`);
  }
  const fileName = text('fileName', true) || urlFileName(url);
  if (!/^[^/\\]+$/.test(fileName) || fileName.startsWith('.')) throw new CatalogueFileError(`${where}: fileName '${fileName}' must be a plain file name`);
  return {
    id,
    name: text('name'),
    format,
    url,
    fileName,
    sha256: sha256 === null ? null : (sha256 as string).toLowerCase(),
    bytes: bytes as number | null,
    inputRange: [range[0], range[1]],
    preprocessing: text('preprocessing', true),
    licence: text('licence', true) || 'not stated',
    source: text('source', true) || url,
    notes: text('notes', true),
  };
}

/**
 * Reads a catalogue from a JSON file (`BRANCHSCOPE_CATALOGUE`): an array of entries with `id`, `name`, `format`
 * (`onnx` or `graphdef`), `url`, and optionally `sha256`, `bytes`, `inputRange` (default [0, 1]), `fileName`
 * (default: the URL's last segment), `preprocessing`, `licence`, `source`, `notes`. It replaces the built-in list
 * (a lab mirror, or test twins).
 * @throws CatalogueFileError naming the file, the entry and the field.
 */
export async function readCatalogueFile(file: string): Promise<CatalogueEntry[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new CatalogueFileError(`cannot read the catalogue file '${file}': ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (!Array.isArray(parsed)) throw new CatalogueFileError(`catalogue file '${file}' must hold a JSON array of entries`);
  const entries = parsed.map((raw, i) => checkEntry(raw, `catalogue file '${file}', entry ${i}${isRecord(raw) && typeof raw.id === 'string' ? ` ('${raw.id}')` : ''}`));
  const seen = new Set<string>();
  for (const entry of entries) {
    if (seen.has(entry.id)) throw new CatalogueFileError(`catalogue file '${file}' lists id '${entry.id}' twice`);
    seen.add(entry.id);
  }
  return entries;
}
