export interface ErrorPanelProps {
  /** What could not be shown, e.g. "the AlexNet weight factors". */
  title: string;
  /** The error's own message, shown as is. */
  message: string;
  /** A machine-readable code (e.g. `NETWORK_ERROR`, `NOT_FOUND`), when there is one. */
  code?: string;
  /** One line on what to try next. */
  hint?: string;
}

/** A plain, visible error box (role="alert") for a view whose data could not be loaded. */
export function ErrorPanel({ title, message, code, hint }: ErrorPanelProps) {
  return (
    <section className="bs-error-panel" role="alert">
      <h2>Could not load {title}</h2>
      <p className="bs-error-message">{message}</p>
      {code ? (
        <p>
          Error code: <code>{code}</code>
        </p>
      ) : null}
      {hint ? <p className="bs-error-hint">{hint}</p> : null}
    </section>
  );
}
