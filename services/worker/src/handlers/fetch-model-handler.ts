import { unsupportedFormatMessage } from '@branchscope/core';
import {
  downloadProgress,
  FETCH_VERIFIED_PROGRESS,
  importModelInput,
  importModelKey,
  MODEL_FORMATS,
  type DownloadFormat,
  type FetchModelInput,
  type JobData,
  type JobHandler,
  type ModelFormat,
} from '@branchscope/jobs';
import { fetchDownload } from '../fetch/fetch-download';
import type { ProxySettings } from '../fetch/proxy-settings';
import { throttledProgress } from '../fetch/progress-throttle';
import { importModelHandler } from './import-model-handler';

export interface FetchModelDeps {
  data: JobData;
  /** Where downloads (and the `.part` files of interrupted ones) are kept. */
  downloadDir: string;
  /** The proxy variables; read from the environment at each fetch by default. */
  proxy?: ProxySettings;
  /** Wait before resuming an interrupted body (doubled each time); 500 ms by default. */
  resumeDelayMs?: number;
  /** The formats the import step reads; MODEL_FORMATS by default (a test leaves one out to see the refusal). */
  importFormats?: readonly string[];
}

/** How the sniffer names each download format, for the message when it cannot be imported yet. */
const SNIFFED_AS = { onnx: 'onnx', graphdef: 'tf-graphdef' } as const satisfies Record<DownloadFormat, string>;


/**
 * The `fetch-model` handler: download the catalogue file (progress is bytes over the total, scaled to
 * FETCH_DOWNLOAD_SHARE), verify it (FETCH_VERIFIED_PROGRESS), then run the `import-model` handler on it, so the
 * model, its source and the import result are stored exactly as an import of that file would store them, under the
 * same import key (which is the job's result key). A format the worker cannot import fails after the download,
 * saying how to convert the file, which stays in the download folder.
 */
export function fetchModelHandler(deps: FetchModelDeps): JobHandler<FetchModelInput> {
  const runImport = importModelHandler({ data: deps.data });
  const formats = deps.importFormats ?? MODEL_FORMATS;
  const importable = (format: DownloadFormat): format is DownloadFormat & ModelFormat => formats.includes(format);
  return async ({ input, job, reportProgress }) => {
    if (input.sha256 && importable(input.format)) {
      const importKey = importModelKey({ sha256: input.sha256, format: input.format, inputRange: input.inputRange });
      if (await deps.data.reads.hasImportedModel(importKey)) return { resultKey: importKey };
    }
    const progress = throttledProgress(reportProgress);
    const fetched = await fetchDownload(input, {
      downloadDir: deps.downloadDir,
      proxy: deps.proxy,
      resumeDelayMs: deps.resumeDelayMs,
      onProgress: (bytes, total) => progress(downloadProgress(bytes, total ?? 0)),
    });
    await progress(FETCH_VERIFIED_PROGRESS, true);
    if (!importable(input.format)) {
      throw new Error(`${unsupportedFormatMessage(SNIFFED_AS[input.format], input.fileName)}. The verified download is kept at ${fetched.file}`);
    }
    const importInput = importModelInput(
      { name: input.name, format: input.format, inputRange: input.inputRange },
      { path: fetched.file, fileName: input.fileName, bytes: fetched.bytes, sha256: fetched.sha256 },
    );
    const rest = 1 - FETCH_VERIFIED_PROGRESS;
    return runImport({
      job: { ...job, input: importInput },
      input: importInput,
      reportProgress: (fraction) => reportProgress(FETCH_VERIFIED_PROGRESS + rest * fraction),
    });
  };
}
