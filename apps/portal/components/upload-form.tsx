'use client';

import { ImportModelMutation, operationText } from '@branchscope/client';
import type { ImportModelMutationResult, ImportModelMutationVariables, JobState, ModelFormat } from '@branchscope/client';
import { useState, type FormEvent } from 'react';
import { browserGraphqlUrl } from '../lib/browser-client';
import { postGraphqlWithProgress, readAsBase64 } from '../lib/post-graphql-with-progress';
import { JobOutcome } from './job-outcome';
import { useFollowedJob } from './use-followed-job';

type Phase = { step: 'idle' } | { step: 'reading' | 'uploading'; done: number; total: number } | { step: 'importing' } | { step: 'refused'; message: string };

const MIB = 2 ** 20;

/** The format a file name suggests: `.pb` is a TensorFlow GraphDef, anything else ONNX. */
const formatOf = (fileName: string): ModelFormat => (fileName.toLowerCase().endsWith('.pb') ? 'GRAPHDEF' : 'ONNX');

/**
 * Uploads a model file (ONNX or a frozen TensorFlow GraphDef) through `importModel` as base64, with a progress bar
 * for reading and sending it, then follows its `import-model` job live; or imports a file or TF.js folder already on
 * the server by path.
 */
export function UploadForm() {
  const [phase, setPhase] = useState<Phase>({ step: 'idle' });
  const [job, setJob] = useState<JobState | null>(null);
  const followed = useFollowedJob(job?.id ?? null, job);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get('file');
    const path = String(form.get('path') ?? '').trim();
    const chosen = file instanceof File && file.size > 0 ? file : null;
    if (!chosen && !path) {
      setPhase({ step: 'refused', message: 'Choose a model file to upload, or give a path on the server.' });
      return;
    }
    const name = String(form.get('name') ?? '').trim() || (chosen?.name ?? path.split('/').pop() ?? '').replace(/\.[^.]+$/, '');
    const formatField = String(form.get('format') ?? 'auto');
    const format = (formatField === 'auto' ? formatOf(chosen?.name ?? path) : formatField) as ModelFormat;
    const inputRange: [number, number] = [Number(form.get('low') ?? 0), Number(form.get('high') ?? 1)];
    setJob(null);
    try {
      let base64: string | null = null;
      if (chosen) {
        setPhase({ step: 'reading', done: 0, total: chosen.size });
        base64 = await readAsBase64(chosen, (done, total) => setPhase({ step: 'reading', done, total }));
      }
      const variables: ImportModelMutationVariables = { input: { name, format, inputRange, ...(base64 ? { base64 } : { path }) } };
      setPhase({ step: 'uploading', done: 0, total: 0 });
      const answer = await postGraphqlWithProgress<ImportModelMutationResult>(
        browserGraphqlUrl(),
        { query: operationText(ImportModelMutation), variables: variables as unknown as Record<string, unknown> },
        (done, total) => setPhase({ step: 'uploading', done, total }),
      );
      const error = answer.errors?.[0];
      if (error || !answer.data) {
        const code = error?.extensions?.code;
        setPhase({ step: 'refused', message: `${error?.message ?? 'the API answered no data'}${code ? ` (${code})` : ''}` });
        return;
      }
      setJob(answer.data.importModel);
      setPhase({ step: 'importing' });
    } catch (error) {
      setPhase({ step: 'refused', message: (error as Error).message });
    }
  };

  const busy = phase.step === 'reading' || phase.step === 'uploading';
  return (
    <form className="upload-form" onSubmit={(event) => void submit(event)} aria-labelledby="upload-heading">
      <p>
        <label>
          Model file (<code>.onnx</code>, or a frozen TensorFlow <code>.pb</code>){' '}
          <input type="file" name="file" accept=".onnx,.pb" disabled={busy} />
        </label>
      </p>
      <p>
        <label>
          or a path on the server (a file, or a TF.js folder with <code>model.json</code>) <input type="text" name="path" disabled={busy} size={40} />
        </label>
      </p>
      <p>
        <label>
          Name <input type="text" name="name" placeholder="from the file name" disabled={busy} />
        </label>{' '}
        <label>
          Format{' '}
          <select name="format" defaultValue="auto" disabled={busy}>
            <option value="auto">from the file name</option>
            <option value="ONNX">ONNX</option>
            <option value="GRAPHDEF">TensorFlow GraphDef</option>
            <option value="TFJS">TF.js folder (path only)</option>
          </select>
        </label>
      </p>
      <fieldset>
        <legend>Input pixel range the model expects</legend>
        <label>
          low <input type="number" name="low" defaultValue={0} step="any" disabled={busy} />
        </label>{' '}
        <label>
          high <input type="number" name="high" defaultValue={1} step="any" disabled={busy} />
        </label>
      </fieldset>
      <p>
        <button type="submit" disabled={busy}>
          Import
        </button>
      </p>
      {phase.step === 'reading' || phase.step === 'uploading' ? (
        <p role="status" className="upload-progress" data-upload-step={phase.step}>
          <progress max={phase.total || 1} value={phase.total ? phase.done : 0} aria-label={phase.step === 'reading' ? 'reading the file' : 'uploading the file'} />{' '}
          {phase.step === 'reading' ? 'Reading' : 'Uploading'}
          {phase.total ? `: ${(phase.done / MIB).toFixed(1)} of ${(phase.total / MIB).toFixed(1)} MiB` : '…'}
        </p>
      ) : null}
      {phase.step === 'refused' ? (
        <p className="bs-error-message" role="alert">
          {phase.message}
        </p>
      ) : null}
      {phase.step === 'importing' ? <JobOutcome job={followed} what="the import" /> : null}
    </form>
  );
}
