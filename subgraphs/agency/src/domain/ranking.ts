/**
 * The agency ranking: a deterministic, performance-based score 0…100 (formula and example in README.md).
 * Pure: the same inputs and `now` always give the same score, breakdown and tier.
 */

export type RankingFactorKey = 'RATING' | 'COMPLETION' | 'ON_TIME' | 'RESPONSE_TIME' | 'DISPUTES' | 'PENALTIES' | 'RECENCY';
export type Tier = 'BRONZE' | 'SILVER' | 'GOLD' | 'PLATINUM';

/** The measured inputs of one agency. */
export interface RankingInputs {
  ratingSum: number;
  reviewCount: number;
  completed: number;
  cancelledByAgency: number;
  disputed: number;
  /** Orders that went past PENDING (the base of the dispute rate). */
  ordersTotal: number;
  deliveredWithDue: number;
  deliveredOnTime: number;
  /** Median agency first-response time in chat; null without samples. */
  medianResponseSeconds: number | null;
  /** Penalties issued in the last 365 days: how many and their sum in minor units. */
  penaltyCount365: number;
  penaltyAmount365: number;
  /** Last order activity; null when the agency has had no orders yet. */
  lastActivityAt: Date | null;
}

export interface RankingFactor {
  key: RankingFactorKey;
  label: string;
  value: number | null;
  normalized: number;
  weight: number;
  points: number;
  detail: string | null;
}

export interface Ranking {
  score: number;
  tier: Tier;
  breakdown: RankingFactor[];
}

/** Weights sum to 1. */
export const WEIGHTS: Record<RankingFactorKey, number> = {
  RATING: 0.3,
  COMPLETION: 0.2,
  ON_TIME: 0.1,
  RESPONSE_TIME: 0.1,
  DISPUTES: 0.1,
  PENALTIES: 0.1,
  RECENCY: 0.1,
};

/** Bayesian rating: C phantom reviews of m stars. */
export const RATING_PRIOR = { mean: 4.0, weight: 5 };
/** Bayesian completion rate: C phantom orders at a 0.8 success rate. */
export const COMPLETION_PRIOR = { rate: 0.8, weight: 5 };
/** Response time: at most FAST scores 1, SLOW or more scores 0, linear in between. */
export const RESPONSE_FAST_S = 3_600;
export const RESPONSE_SLOW_S = 48 * 3_600;
/** Penalties: one penalty, or each PENALTY_UNIT minor units (€500), halves the factor once more. */
export const PENALTY_UNIT = 50_000;
/** Activity loses half its weight every RECENCY_HALF_LIFE_DAYS. */
export const RECENCY_HALF_LIFE_DAYS = 90;

const DAY_MS = 86_400_000;
const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
const round = (x: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round((x + Number.EPSILON) * f) / f;
};

/** (C·m + Σratings) / (C + n): a handful of 5-star reviews does not beat a long record of 4.8s. */
export function bayesianRating(ratingSum: number, reviewCount: number): number {
  return (RATING_PRIOR.weight * RATING_PRIOR.mean + ratingSum) / (RATING_PRIOR.weight + reviewCount);
}

export function tierOf(score: number): Tier {
  if (score >= 85) return 'PLATINUM';
  if (score >= 70) return 'GOLD';
  if (score >= 50) return 'SILVER';
  return 'BRONZE';
}

export function rankAgency(inputs: RankingInputs, now: Date): Ranking {
  const factors: Omit<RankingFactor, 'points' | 'weight'>[] = [];

  const rating = bayesianRating(inputs.ratingSum, inputs.reviewCount);
  factors.push({
    key: 'RATING',
    label: 'Rating',
    value: round(rating, 3),
    normalized: clamp01((rating - 1) / 4),
    detail: `${inputs.reviewCount} review${inputs.reviewCount === 1 ? '' : 's'}, Bayesian average with ${RATING_PRIOR.weight} × ${RATING_PRIOR.mean.toFixed(1)} prior`,
  });

  const failed = inputs.cancelledByAgency + inputs.disputed;
  const completion =
    (inputs.completed + COMPLETION_PRIOR.weight * COMPLETION_PRIOR.rate) / (inputs.completed + failed + COMPLETION_PRIOR.weight);
  factors.push({
    key: 'COMPLETION',
    label: 'Completion rate',
    value: round(completion, 4),
    normalized: clamp01(completion),
    detail: `${inputs.completed} completed, ${inputs.cancelledByAgency} cancelled by the agency, ${inputs.disputed} disputed`,
  });

  const onTime = inputs.deliveredWithDue > 0 ? inputs.deliveredOnTime / inputs.deliveredWithDue : null;
  factors.push({
    key: 'ON_TIME',
    label: 'On-time delivery',
    value: onTime === null ? null : round(onTime, 4),
    normalized: onTime ?? 0.5,
    detail:
      onTime === null ? 'no deliveries with a due date yet (neutral)' : `${inputs.deliveredOnTime} of ${inputs.deliveredWithDue} on time`,
  });

  const median = inputs.medianResponseSeconds;
  factors.push({
    key: 'RESPONSE_TIME',
    label: 'Chat response time',
    value: median === null ? null : round(median / 3_600, 3),
    normalized: median === null ? 0.5 : clamp01(1 - (median - RESPONSE_FAST_S) / (RESPONSE_SLOW_S - RESPONSE_FAST_S)),
    detail: median === null ? 'no chat replies yet (neutral)' : 'median hours to the first reply',
  });

  const disputeRate = inputs.ordersTotal > 0 ? inputs.disputed / inputs.ordersTotal : null;
  factors.push({
    key: 'DISPUTES',
    label: 'Disputes',
    value: disputeRate === null ? null : round(disputeRate, 4),
    normalized: disputeRate === null ? 0.5 : clamp01(1 - 2 * disputeRate),
    detail: disputeRate === null ? 'no orders yet (neutral)' : `${inputs.disputed} of ${inputs.ordersTotal} orders disputed`,
  });

  const burden = inputs.penaltyCount365 + inputs.penaltyAmount365 / PENALTY_UNIT;
  factors.push({
    key: 'PENALTIES',
    label: 'Penalties (365 days)',
    value: inputs.penaltyCount365,
    normalized: 1 / (1 + burden),
    detail: `${inputs.penaltyCount365} penalt${inputs.penaltyCount365 === 1 ? 'y' : 'ies'}, ${(inputs.penaltyAmount365 / 100).toFixed(2)} in total`,
  });

  const idleDays = inputs.lastActivityAt ? Math.max(0, (now.getTime() - inputs.lastActivityAt.getTime()) / DAY_MS) : null;
  factors.push({
    key: 'RECENCY',
    label: 'Recent activity',
    value: idleDays === null ? null : round(idleDays, 1),
    normalized: idleDays === null ? 0.5 : 0.5 ** (idleDays / RECENCY_HALF_LIFE_DAYS),
    detail: idleDays === null ? 'no orders yet (neutral)' : `days since the last order activity (half-life ${RECENCY_HALF_LIFE_DAYS} days)`,
  });

  const breakdown = factors.map((f) => {
    const weight = WEIGHTS[f.key];
    return { ...f, normalized: round(f.normalized, 4), weight, points: round(weight * f.normalized * 100, 2) };
  });
  const score = round(
    factors.reduce((sum, f) => sum + WEIGHTS[f.key] * f.normalized * 100, 0),
    2,
  );
  return { score, tier: tierOf(score), breakdown };
}
