import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { decodeImage } from './decode-image';
import { imageDataset, type DecodedImage, type ImageDataset, type SkippedImage } from './image-dataset';

export interface OpenImageFolderOptions {
  /** Side of the square crops in batches (default 32). */
  cropSize?: number;
  /** Each image is resized so its shorter side is this many pixels (default cropSize * 9/8, at least cropSize). */
  resize?: number;
  /** Images decoded at once (default 4). */
  concurrency?: number;
  /** Told about each unreadable image as it is skipped (default: console.warn). */
  onSkip?: (skipped: SkippedImage) => void;
}

const IMAGE = /\.(jpe?g|png)$/i;

async function entries(dir: string): Promise<import('node:fs').Dirent[]> {
  try {
    return (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (err) {
    throw new Error(`openImageFolder: cannot read folder '${dir}': ${err instanceof Error ? err.message : String(err)}`);
  }
}

/**
 * Opens a folder of class sub-folders holding JPEG or PNG images (`dir/<class>/<image>.jpg`): classes are
 * the sub-folder names in code-point order, images are decoded, resized (shorter side to `resize`) and kept in
 * memory as bytes. An unreadable image is reported through `onSkip` with a message naming it and left out;
 * the rest of the dataset is kept and the skipped files are listed on `dataset.skipped`. Files with other
 * extensions are ignored. Throws when there are no class folders or a class ends up with no image.
 */
export async function openImageFolder(dir: string, options: OpenImageFolderOptions = {}): Promise<ImageDataset> {
  const cropSize = options.cropSize ?? 32;
  const resize = options.resize ?? Math.max(cropSize, Math.round((cropSize * 9) / 8));
  if (!Number.isInteger(resize) || resize < cropSize) {
    throw new Error(`openImageFolder: resize (${resize}) must be an integer of at least the crop size (${cropSize})`);
  }
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const onSkip = options.onSkip ?? ((s: SkippedImage) => console.warn(`[training] openImageFolder: skipping ${s.message}`));

  const classes = (await entries(dir)).filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name);
  if (classes.length === 0) throw new Error(`openImageFolder: '${dir}' has no class sub-folders`);
  const files: Array<{ file: string; label: number }> = [];
  for (const [label, name] of classes.entries()) {
    for (const e of await entries(path.join(dir, name))) {
      if (e.isFile() && IMAGE.test(e.name)) files.push({ file: path.join(dir, name, e.name), label });
    }
  }

  const decoded: Array<DecodedImage | undefined> = new Array(files.length);
  const skipped: SkippedImage[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      const i = next++;
      const { file, label } = files[i];
      try {
        decoded[i] = { file, label, ...(await decodeImage(file, resize)) };
      } catch (err) {
        const s = { file, message: (err as Error).message };
        skipped.push(s);
        onSkip(s);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, worker));

  const images = decoded.filter((d): d is DecodedImage => d !== undefined);
  const counts = classes.map((_, label) => images.filter((d) => d.label === label).length);
  const empty = classes.filter((_, label) => counts[label] === 0);
  if (empty.length > 0) {
    throw new Error(`openImageFolder: class folder${empty.length > 1 ? 's' : ''} ${empty.map((c) => `'${c}'`).join(', ')} in '${dir}' ha${empty.length > 1 ? 've' : 's'} no readable JPEG or PNG image`);
  }
  skipped.sort((a, b) => (a.file < b.file ? -1 : 1));
  return imageDataset({ classes, images, cropSize, skipped });
}
