/**
 * Rounding of prices, quantities and money. The engine keeps money in float64 but rounds it
 * explicitly at every fill: prices to the instrument's tick, quantities down to its lot, cash and
 * commissions to the currency's minor unit (cents by default). Dividing by a step and rounding
 * naively misfires on representation error (1.005 / 0.01 = 100.49999999999999), so the quotient
 * is first snapped to 12 significant digits, and the result is rebuilt through the step's own
 * number of decimals so that 3 × 0.1 reads 0.3, not 0.30000000000000004. Plain arithmetic, no
 * strings: these run at every fill.
 */

/** Decimals needed to write a step exactly: 0.01 → 2, 0.25 → 2, 5 → 0, 1e-8 → 8. */
export function decimalsOf(step: number): number {
  const [mantissa, exponent] = step.toExponential().split("e");
  const fraction = mantissa.split(".")[1]?.length ?? 0;
  return Math.max(0, fraction - Number(exponent));
}

// A run rounds with the same two or three steps (tick, lot, money unit) over and over: the last
// two are checked before the map, which costs more than the rounding itself.
const scales = new Map<number, number>();
let lastStep = Number.NaN;
let lastScale = 1;
let otherStep = Number.NaN;
let otherScale = 1;

function scaleOf(step: number): number {
  if (step === lastStep) return lastScale;
  let scale: number;
  if (step === otherStep) scale = otherScale;
  else {
    const known = scales.get(step);
    if (known === undefined) {
      scale = 10 ** Math.min(20, decimalsOf(step));
      if (scales.size > 64) scales.clear();
      scales.set(step, scale);
    } else scale = known;
  }
  otherStep = lastStep;
  otherScale = lastScale;
  lastStep = step;
  lastScale = scale;
  return scale;
}

/** value / step, or the whole number it is within float noise of: 1e-9 of the quotient, at least 1e-9. */
function stepsIn(value: number, step: number): number {
  const q = value / step;
  const nearest = Math.round(q);
  return Math.abs(q - nearest) <= 1e-9 * Math.max(1, Math.abs(q)) ? nearest : q;
}

/**
 * A quotient that is not a whole number, with float noise below its 12th significant digit removed.
 * Snapping moves it by less than 1e-11 of itself, and stepsIn leaves only quotients further than
 * 1e-9 of themselves from a whole number: so the snap never changes their floor or ceiling, and
 * changes their nearest whole number only within 1e-9 of a half. Only then is it worth its
 * logarithm and power, which cost more than the rest of the rounding.
 */
function snapped(q: number): number {
  const scale = 10 ** (11 - Math.floor(Math.log10(Math.abs(q))));
  return Math.round(q * scale) / scale;
}

function fromSteps(count: number, step: number): number {
  const scale = scaleOf(step);
  return Math.round(count * step * scale) / scale;
}

/** The nearest multiple of `tick` (halves round up); a tick of 0 or less leaves the price as it is. */
export function roundToTick(price: number, tick: number): number {
  // Zero (most commissions) is on every grid; the arithmetic below would give it back too.
  if (price === 0 || !(tick > 0) || !Number.isFinite(price)) return price;
  const q = stepsIn(price, tick);
  const count = Math.round(q);
  const fromHalf = Math.abs(Math.abs(q - count) - 0.5);
  if (q === count || !(fromHalf <= 1e-9 * Math.max(1, Math.abs(q)))) return fromSteps(count, tick);
  return fromSteps(Math.round(snapped(q)), tick);
}

/** The multiple of `tick` at or above the price: what a buyer pays when a price falls between ticks. */
export function ceilToTick(price: number, tick: number): number {
  if (!(tick > 0) || !Number.isFinite(price)) return price;
  return fromSteps(Math.ceil(stepsIn(price, tick)), tick);
}

/** The multiple of `tick` at or below the price: what a seller gets when a price falls between ticks. */
export function floorToTick(price: number, tick: number): number {
  if (!(tick > 0) || !Number.isFinite(price)) return price;
  return fromSteps(Math.floor(stepsIn(price, tick)), tick);
}

/** Whole lots only, rounded down, so an order never exceeds what the sizing asked for. */
export function floorToLot(quantity: number, lot: number): number {
  if (!Number.isFinite(quantity) || quantity <= 0) return 0;
  if (!(lot > 0)) return quantity;
  return fromSteps(Math.floor(stepsIn(quantity, lot)), lot);
}

/** Money rounded to the currency's minor unit (0.01 for cents). */
export function roundMoney(amount: number, unit: number): number {
  return roundToTick(amount, unit);
}
