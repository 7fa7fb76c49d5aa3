import type { DownloadFormat } from '@branchscope/jobs';

/** A pretrained model users can fetch by id: where it is, what it must hash to, and how to import it. */
export interface CatalogueEntry {
  /** From the file name: `bvlcalexnet-8`. */
  id: string;
  /** The imported model's name. */
  name: string;
  format: DownloadFormat;
  url: string;
  /** Name of the downloaded file (the URL's last segment). */
  fileName: string;
  /** SHA-256 (hex) the download must have; null when none is published (the fetch then only reports it). */
  sha256: string | null;
  /** Size in bytes; null when not published. */
  bytes: number | null;
  /** Value range the model expects its input pixels in. */
  inputRange: [number, number];
  /** How that range arises (the preprocessing the model was trained with). */
  preprocessing: string;
  licence: string;
  /** Where it comes from (the model zoo). */
  source: string;
  notes: string;
}

/** The last segment of a URL's path, as the downloaded file's name. */
export const urlFileName = (url: string): string => decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '');
