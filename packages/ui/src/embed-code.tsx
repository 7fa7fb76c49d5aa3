'use client';

import { useState, useSyncExternalStore } from 'react';
import { embedSnippet } from './embed-snippet';

export interface EmbedCodeProps {
  /** The embed route at the portal's origin with the view's current model and parameters, e.g. `/resnet/embed/blocks?model=resnet50-v1`. */
  path: string;
  /** What the embed shows, for the button's context and the `<iframe>`'s title. */
  title: string;
  /** The frame height the snippet asks for, in pixels. */
  height: number;
}

const noSubscription = () => () => {};

/**
 * "Copy embed code" for one view: a link to the chrome-free embed route, a button that copies an `<iframe>` snippet
 * for it (with this page's origin) to the clipboard, and the snippet itself, folded, to select by hand.
 */
export function EmbedCode({ path, title, height }: EmbedCodeProps) {
  // The origin is only known in the browser; the server renders the path alone, and the browser fills it in.
  const origin = useSyncExternalStore(noSubscription, () => window.location.origin, () => '');
  const snippet = embedSnippet(`${origin}${path}`, { title, height });
  const [status, setStatus] = useState('');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(snippet);
      setStatus('Copied');
    } catch {
      setStatus('Copying is blocked here: select the code below');
    }
  };
  return (
    <div className="bs-embed-code" data-embed-path={path}>
      <p>
        Embed {title} (read-only, no chrome): <a href={path}>{path}</a>{' '}
        <button type="button" onClick={copy} aria-label={`Copy embed code for ${title}`}>
          Copy embed code
        </button>{' '}
        <span role="status">{status}</span>
      </p>
      <details>
        <summary>Embed code</summary>
        <textarea readOnly value={snippet} rows={2} aria-label={`Embed code for ${title}`} onFocus={(event) => event.currentTarget.select()} />
      </details>
    </div>
  );
}
