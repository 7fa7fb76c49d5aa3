import { checkHwcImage, type HwcImage } from './hwc-image';

export interface DominantFrequency {
  /** Cycles per pixel of the strongest spatial frequency (0 to about 0.71). */
  frequency: number;
  /**
   * Direction of its wave vector in degrees, [0, 180): 0 when the pattern varies along x (vertical stripes),
   * 90 when it varies along y (rows going down), 45 for x and y increasing together.
   */
  orientation: number;
}

export interface DominantFrequencyOptions {
  /** Grid size of the zero-padded DFT per axis (default max(64, 2 × the image size)); finer than 1/size. */
  padTo?: number;
}

/** cos and sin of 2π k n / size for k < bins, n < length: the real DFT as two bins × length matrices. */
function dftTables(bins: number, length: number, size: number): { cos: Float64Array; sin: Float64Array } {
  const cos = new Float64Array(bins * length);
  const sin = new Float64Array(bins * length);
  for (let k = 0; k < bins; k++) {
    for (let n = 0; n < length; n++) {
      const angle = (2 * Math.PI * ((k * n) % size)) / size;
      cos[k * length + n] = Math.cos(angle);
      sin[k * length + n] = Math.sin(angle);
    }
  }
  return { cos, sin };
}

/**
 * The strongest spatial frequency and its orientation, from the power spectrum summed over channels (each
 * channel's mean removed first, so a colour grating counts as well as a grey one). The image is zero-padded
 * so the peak is located more finely than the 1/size bins of a plain DFT.
 */
export function dominantFrequency(image: HwcImage, options: DominantFrequencyOptions = {}): DominantFrequency {
  checkHwcImage(image, 'dominantFrequency');
  const { data, height: h, width: w, channels } = image;
  const ph = options.padTo ?? Math.max(64, 2 * h);
  const pw = options.padTo ?? Math.max(64, 2 * w);
  if (ph < h || pw < w) throw new RangeError(`dominantFrequency: padTo ${options.padTo} is smaller than the image (${h} x ${w})`);
  const kxBins = Math.floor(pw / 2) + 1; // the other half mirrors this one for a real image
  const rows = dftTables(kxBins, w, pw);
  const cols = dftTables(ph, h, ph);
  const power = new Float64Array(ph * kxBins);
  const re = new Float64Array(h * kxBins);
  const im = new Float64Array(h * kxBins);
  for (let c = 0; c < channels; c++) {
    let mean = 0;
    for (let p = 0; p < h * w; p++) mean += data[p * channels + c];
    mean /= h * w;
    // Along x for every row, then along y for every kx bin.
    for (let y = 0; y < h; y++) {
      for (let k = 0; k < kxBins; k++) {
        let sr = 0;
        let si = 0;
        for (let x = 0; x < w; x++) {
          const v = data[(y * w + x) * channels + c] - mean;
          sr += v * rows.cos[k * w + x];
          si -= v * rows.sin[k * w + x];
        }
        re[y * kxBins + k] = sr;
        im[y * kxBins + k] = si;
      }
    }
    for (let ky = 0; ky < ph; ky++) {
      for (let k = 0; k < kxBins; k++) {
        let sr = 0;
        let si = 0;
        for (let y = 0; y < h; y++) {
          const cs = cols.cos[ky * h + y];
          const sn = cols.sin[ky * h + y];
          const a = re[y * kxBins + k];
          const b = im[y * kxBins + k];
          sr += a * cs + b * sn;
          si += b * cs - a * sn;
        }
        power[ky * kxBins + k] += sr * sr + si * si;
      }
    }
  }
  let best = -1;
  for (let i = 1; i < power.length; i++) if (best < 0 || power[i] > power[best]) best = i;
  if (best < 0 || !(power[best] > 0)) return { frequency: 0, orientation: 0 };
  const ky = Math.floor(best / kxBins);
  const fy = (ky <= ph / 2 ? ky : ky - ph) / ph;
  const fx = (best % kxBins) / pw;
  const orientation = ((((Math.atan2(fy, fx) * 180) / Math.PI) % 180) + 180) % 180;
  return { frequency: Math.hypot(fx, fy), orientation };
}
