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

/**
 * The one way every view and embed says it could not show something: a plain, visible box (role="alert") headed
 * "Could not load <title>", the error's message, its code (also as `data-error-code`, for tests) and a hint.
 */
export function ErrorPanel({ title, message, code, hint }: ErrorPanelProps) {
  return (
    <section className="bs-error-panel" role="alert" data-error-code={code}>
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
