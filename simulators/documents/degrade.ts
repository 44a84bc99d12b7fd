import type { Degradation } from './conditions.ts';
import type { Random } from './random.ts';

/**
 * What a scanner does to a document image, as parameters drawn from a seeded generator so each
 * degraded rendering is reproducible. Geometry (rotation) and blur are applied by the renderer when
 * it lays the page on the glass; the photometric ones here work on RGBA pixels in place.
 */
export interface DegradeParams {
  /** Degrees, up to ±3; 0 when not rotated. */
  angleDeg: number;
  /** Gaussian blur radius in pixels at 300 dpi (scaled with the resolution); 0 for none. */
  blurPx: number;
  /** Standard deviation of the added noise, in grey levels (8–16); 0 for none. */
  noiseSigma: number;
  /** Contrast factor around mid grey (1 = unchanged) and the level it is lifted to. */
  contrast: number;
  contrastMid: number;
  /** Light falling off across the page: the darkest gain, where, and how wide the shadow is. */
  shadowGain: number;
  shadowAngle: number;
  /** JPEG quality (0–100) when encoded as JPEG; null for PNG. */
  jpegQuality: number | null;
}

export function chooseDegradation(degradations: readonly Degradation[], random: Random): DegradeParams {
  const has = (degradation: Degradation): boolean => degradations.includes(degradation);
  // Draw every parameter whatever the condition, so adding one degradation to a condition does
  // not shift the others' values for the same seed.
  const angle = random.between(0.8, 3) * (random.next() < 0.5 ? -1 : 1);
  const blur = random.between(1.2, 2.0);
  const sigma = random.between(8, 16);
  const contrast = random.between(0.3, 0.45);
  const mid = random.between(120, 165);
  const shadowGain = random.between(0.35, 0.55);
  const shadowAngle = random.between(0, 2 * Math.PI);
  const quality = Math.round(random.between(40, 60));
  return {
    angleDeg: has('rotation') ? angle : 0,
    blurPx: has('blur') ? blur : 0,
    noiseSigma: has('noise') ? sigma : 0,
    contrast: has('lowContrast') ? contrast : 1,
    contrastMid: mid,
    shadowGain: has('unevenLight') ? shadowGain : 1,
    shadowAngle,
    jpegQuality: has('jpeg') ? quality : null,
  };
}

/**
 * Uneven light, then low contrast, then sensor noise: the order light, optics and sensor act in.
 * Works in place on RGBA pixels.
 */
export function degradePixels(
  data: Uint8ClampedArray,
  width: number,
  height: number,
  params: DegradeParams,
  random: Random,
): void {
  if (params.shadowGain < 1) shadow(data, width, height, params.shadowGain, params.shadowAngle);
  if (params.contrast !== 1) lowerContrast(data, params.contrast, params.contrastMid);
  if (params.noiseSigma > 0) addNoise(data, params.noiseSigma, random);
}

/** A linear fall-off of light across the page in a random direction, darkest at one edge. */
function shadow(data: Uint8ClampedArray, width: number, height: number, gain: number, angle: number): void {
  const dx = Math.cos(angle);
  const dy = Math.sin(angle);
  const extent = Math.abs(dx) * width + Math.abs(dy) * height;
  const origin = Math.min(0, dx * width) + Math.min(0, dy * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const t = (dx * x + dy * y - origin) / extent;
      // Smooth from full light to `gain`, bending like a lamp's falloff rather than a straight ramp.
      const factor = 1 - (1 - gain) * t * t;
      const i = (y * width + x) * 4;
      data[i] = data[i]! * factor;
      data[i + 1] = data[i + 1]! * factor;
      data[i + 2] = data[i + 2]! * factor;
    }
  }
}

function lowerContrast(data: Uint8ClampedArray, factor: number, mid: number): void {
  for (let i = 0; i < data.length; i += 4) {
    data[i] = mid + (data[i]! - 128) * factor;
    data[i + 1] = mid + (data[i + 1]! - 128) * factor;
    data[i + 2] = mid + (data[i + 2]! - 128) * factor;
  }
}

const NORMAL_TABLE_SIZE = 4096;

/**
 * Mostly luminance noise with a little colour, like a cheap sensor. Normal samples come from a
 * seeded table indexed by a cheap generator: a few million Box–Muller draws per page would cost
 * more than the rest of the rendering.
 */
function addNoise(data: Uint8ClampedArray, sigma: number, random: Random): void {
  const table = new Float32Array(NORMAL_TABLE_SIZE);
  for (let i = 0; i < table.length; i++) table[i] = random.gaussian() * sigma;
  const mask = NORMAL_TABLE_SIZE - 1;
  let state = (random.int(0x7fffffff) | 1) >>> 0;
  const draw = (): number => {
    // xorshift32
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return table[(state >>> 0) & mask]!;
  };
  for (let i = 0; i < data.length; i += 4) {
    const luma = draw();
    data[i] = data[i]! + luma + draw() * 0.25;
    data[i + 1] = data[i + 1]! + luma + draw() * 0.25;
    data[i + 2] = data[i + 2]! + luma + draw() * 0.25;
  }
}
