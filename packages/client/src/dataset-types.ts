import type { JobState } from './types';

/** An image folder registered for dataset examples. */
export interface Dataset {
  id: string;
  name: string;
  /** The folder on the server. */
  path: string;
  images: number;
  classes: string[];
  createdAt: string;
}

export type ExampleMeasure = 'MEAN' | 'MAX';
export type ExampleOrder = 'TOP' | 'BOTTOM';

/** One image of a unit's dataset examples, with the crop around the max. */
export interface DatasetExample {
  rank: number;
  image: number;
  /** The image's path inside the dataset folder. */
  file: string;
  value: number;
  y: number;
  x: number;
  box: { y0: number; x0: number; y1: number; x1: number };
  /** Path of the crop's PNG on the API's origin. */
  cropUrl: string;
}

export interface DatasetExamplesAnswer {
  result: DatasetExample[] | null;
  job: JobState | null;
}
