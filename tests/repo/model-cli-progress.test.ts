import { describe, expect, it } from 'vitest';
import { createProgressReporter, describeDownload, progressBar } from '../../scripts/lib/progress-line.mjs';

const stream = (isTTY: boolean) => {
  const written: string[] = [];
  return { isTTY, columns: 80, written, write: (text: string) => void written.push(text) };
};
const at = (fraction: number, total: number | null = 200e6) => ({ fraction, bytes: total === null ? null : fraction * total, totalBytes: total, done: fraction >= 1 });

describe('npm run model -- fetch: progress display', () => {
  it('describes a download with its percentage and megabytes, or the percentage alone when the size is unknown', () => {
    expect(describeDownload(at(0.425))).toBe('42% (85.0 MB of 200.0 MB)');
    expect(describeDownload(at(0.5, null))).toBe('50%');
    expect(progressBar(at(0.5), 10)).toBe('[#####-----] 50% (100.0 MB of 200.0 MB)');
  });

  it('redraws one bar in place on a terminal, and ends it before a message', () => {
    const tty = stream(true);
    const reporter = createProgressReporter('bvlcalexnet-8', tty);
    reporter.update(at(0.1));
    reporter.update(at(0.2));
    reporter.line('downloaded and verified; importing');
    expect(tty.written[0]).toMatch(/^\rbvlcalexnet-8 \[#+-+\] 10% \(20\.0 MB of 200\.0 MB\)$/);
    expect(tty.written[1]).toMatch(/^\rbvlcalexnet-8 \[#+-+\] 20%/);
    expect(tty.written.slice(2)).toEqual(['\n', 'bvlcalexnet-8: downloaded and verified; importing\n']);
  });

  it('prints one line per 10% when not on a terminal (a log, CI)', () => {
    const log = stream(false);
    const reporter = createProgressReporter('resnet18-v2-7', log);
    for (const fraction of [0, 0.03, 0.09, 0.1, 0.15, 0.55, 1]) reporter.update(at(fraction, 46806737));
    expect(log.written).toEqual([
      'resnet18-v2-7: 0% (0.0 MB of 46.8 MB)\n',
      'resnet18-v2-7: 10% (4.7 MB of 46.8 MB)\n',
      'resnet18-v2-7: 55% (25.7 MB of 46.8 MB)\n',
      'resnet18-v2-7: 100% (46.8 MB of 46.8 MB)\n',
    ]);
  });
});
