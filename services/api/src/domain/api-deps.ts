import type { JobQueue } from '@branchscope/jobs';
import type { Store } from '@branchscope/store';
import type { CatalogueEntry } from './catalogue-entry';
import type { ModelCatalog } from './model-catalog';

/** What the domain functions need; built once by the server, passed to every resolver through the context. */
export interface ApiDeps {
  store: Store;
  queue: JobQueue;
  catalog: ModelCatalog;
  /** The TensorFlow.js backend of the in-process worker, or null when this process runs none. */
  workerBackend: string | null;
  /**
   * Redis mode: the backend renders that name none are pinned to, from the live workers (see `defaultRenderBackend`);
   * absent in-process, where it is `workerBackend`.
   */
  renderBackend?: () => Promise<string | null>;
  /** Largest model file accepted as base64 in `importModel` (decoded bytes). */
  maxUploadBytes: number;
  /** Where uploaded model files wait for their import job (which deletes them). */
  uploadDir: string;
  /** The pretrained models `fetchCatalogueModel` fetches: the built-in list, or `BRANCHSCOPE_CATALOGUE`'s. */
  catalogue: readonly CatalogueEntry[];
}
