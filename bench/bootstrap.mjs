// The interval every ratio of the benchmarks is reported with: a paired bootstrap over interleaved rounds.

/** Deterministic PRNG (mulberry32): the same rounds give the same interval. */
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `statistic` of all `rounds`, and its 95 % interval: `rounds` resampled with replacement `resamples`
 * times, each round whole (every variant measured in it stays together, so load that hit one round hit
 * both sides of the ratio), `statistic` recomputed on each resample, the 2.5th and 97.5th percentiles
 * taken.
 *
 * @param rounds - one entry per round, whatever shape `statistic` reads
 * @param statistic - e.g. a ratio of pooled means: (rounds) => Σ a.cpu / Σ a.n ÷ (Σ b.cpu / Σ b.n)
 * @returns `{ value, low, high }`
 */
export function bootstrap(rounds, statistic, resamples = 10_000) {
  const next = random(12);
  const values = [];
  for (let b = 0; b < resamples; b++) values.push(statistic(rounds.map(() => rounds[Math.floor(next() * rounds.length)])));
  values.sort((a, b) => a - b);
  return { value: statistic(rounds), low: values[Math.floor(resamples * 0.025)], high: values[Math.ceil(resamples * 0.975) - 1] };
}

/** Σ `cost` ÷ Σ `count` of one variant over `rounds` (each round: `{ [variant]: { cost, count } }`). */
export function pooled(rounds, variant) {
  let cost = 0;
  let count = 0;
  for (const round of rounds) {
    cost += round[variant].cost;
    count += round[variant].count;
  }
  return cost / count;
}

/** The middle value (mean of the two middle ones for an even count). */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Statistic for {@link bootstrap}: the median over rounds of each round's cost ratio `a` ÷ `b` (each:
 * cost ÷ count in that round). Robust to a load spike that hit one variant's run in a round, which
 * would pull a ratio of pooled means.
 */
export const medianRatio = (a, b) => (rounds) => median(rounds.map((r) => r[a].cost / r[a].count / (r[b].cost / r[b].count)));

/** "0.912× (95 % interval 0.884–0.941×)". */
export const formatInterval = ({ value, low, high }, digits = 3) =>
  `${value.toFixed(digits)}× (95 % interval ${low.toFixed(digits)}–${high.toFixed(digits)}×)`;

/** Met when the whole interval is on the right side of the goal, not met when all of it is on the wrong side. */
export function verdict({ low, high }, goal, atLeast) {
  if (atLeast) return low >= goal ? 'met' : high < goal ? 'not met' : 'not decided';
  return high <= goal ? 'met' : low > goal ? 'not met' : 'not decided';
}

/** Interleaving order of two or more variants in round `round`: ABBA for two, rotation otherwise. */
export function orderOf(variants, round) {
  if (variants.length === 2) return round % 4 === 0 || round % 4 === 3 ? variants : [...variants].reverse();
  const k = round % variants.length;
  return variants.slice(k).concat(variants.slice(0, k));
}
