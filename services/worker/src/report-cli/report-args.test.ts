import { describe, expect, it } from 'vitest';
import { parseReportArgs } from './report-args';

describe('parseReportArgs', () => {
  it('reads --model, repeated --layer and --json, in either spelling', () => {
    expect(parseReportArgs(['--model', 'alexnet'])).toEqual({ model: 'alexnet', layers: [], json: false });
    expect(parseReportArgs(['--model=a.onnx', '--layer', 'conv1', '--layer=conv2', '--json'])).toEqual({ model: 'a.onnx', layers: ['conv1', 'conv2'], json: true });
  });

  it('names what is missing, repeated or unknown', () => {
    expect(() => parseReportArgs([])).toThrow(/--model is missing\nusage: npm run report/);
    expect(() => parseReportArgs(['--model', 'a', '--model', 'b'])).toThrow(/--model is given twice/);
    expect(() => parseReportArgs(['--model', '--json'])).toThrow(/--model needs a value/);
    expect(() => parseReportArgs(['--model', 'a', '--colour'])).toThrow(/unknown argument '--colour'/);
  });
});
