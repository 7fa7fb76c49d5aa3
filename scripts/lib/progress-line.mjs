// How `npm run model -- fetch` shows a download: a bar redrawn in place on a terminal, one line per 10% otherwise.

const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;

/** `42% (102.4 of 243.9 MB)`, or `42%` when the size is unknown. */
export function describeDownload(download) {
  const percent = Math.floor(download.fraction * 100);
  return download.totalBytes ? `${percent}% (${mb(download.bytes ?? 0)} of ${mb(download.totalBytes)})` : `${percent}%`;
}

/** `[##########----------] 50% (1.2 of 2.4 MB)`, `width` cells wide. */
export function progressBar(download, width = 30) {
  const filled = Math.round(Math.min(1, Math.max(0, download.fraction)) * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${describeDownload(download)}`;
}

/**
 * A reporter for one download: `update(download)` redraws the bar (TTY) or prints a line when the download passes
 * the next 10% (not a TTY); `line(text)` prints a message on a line of its own.
 */
export function createProgressReporter(label, stream = process.stdout) {
  const tty = Boolean(stream.isTTY);
  let step = -1;
  let drawn = false;
  return {
    update(download) {
      if (tty) {
        stream.write(`\r${label} ${progressBar(download, Math.max(10, Math.min(40, (stream.columns ?? 80) - label.length - 32)))}`);
        drawn = true;
        return;
      }
      const reached = Math.floor(download.fraction * 10);
      if (reached > step) {
        step = reached;
        stream.write(`${label}: ${describeDownload(download)}\n`);
      }
    },
    line(text) {
      if (drawn) stream.write('\n');
      drawn = false;
      stream.write(`${label}: ${text}\n`);
    },
  };
}
