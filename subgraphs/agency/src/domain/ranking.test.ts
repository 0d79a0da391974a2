import { describe, expect, it } from 'vitest';
import { bayesianRating, rankAgency, tierOf, WEIGHTS, type RankingInputs } from './ranking';

const now = new Date('2026-06-01T00:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);

const fresh: RankingInputs = {
  ratingSum: 0,
  reviewCount: 0,
  completed: 0,
  cancelledByAgency: 0,
  disputed: 0,
  ordersTotal: 0,
  deliveredWithDue: 0,
  deliveredOnTime: 0,
  medianResponseSeconds: null,
  penaltyCount365: 0,
  penaltyAmount365: 0,
  lastActivityAt: null,
};

/** The worked example of README.md. */
const example: RankingInputs = {
  ratingSum: 45,
  reviewCount: 10,
  completed: 8,
  cancelledByAgency: 1,
  disputed: 1,
  ordersTotal: 12,
  deliveredWithDue: 8,
  deliveredOnTime: 6,
  medianResponseSeconds: 7_200,
  penaltyCount365: 1,
  penaltyAmount365: 25_000,
  lastActivityAt: daysAgo(45),
};

const pointsOf = (inputs: RankingInputs) => Object.fromEntries(rankAgency(inputs, now).breakdown.map((f) => [f.key, f.points]));

describe('ranking formula', () => {
  it('weights sum to 1', () => {
    expect(Object.values(WEIGHTS).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
  });

  it('Bayesian rating pulls few reviews towards the 4.0 prior: (5·4 + Σ) / (5 + n)', () => {
    expect(bayesianRating(0, 0)).toBe(4);
    expect(bayesianRating(5, 1)).toBeCloseTo(25 / 6, 10); // one 5-star review: 4.1667, not 5
    expect(bayesianRating(45, 10)).toBeCloseTo(65 / 15, 10); // ten reviews averaging 4.5: 4.3333
  });

  it('scores the README example to 77.69 (GOLD), factor by factor', () => {
    const ranking = rankAgency(example, now);
    expect(pointsOf(example)).toEqual({
      RATING: 25, // (4.3333 − 1) / 4 = 0.8333 × 0.30
      COMPLETION: 16, // (8 + 5·0.8) / (8 + 2 + 5) = 0.8 × 0.20
      ON_TIME: 7.5, // 6 / 8 = 0.75 × 0.10
      RESPONSE_TIME: 9.79, // 1 − (7200 − 3600) / (172800 − 3600) = 0.9787 × 0.10
      DISPUTES: 8.33, // 1 − 2 · 1/12 = 0.8333 × 0.10
      PENALTIES: 4, // 1 / (1 + 1 + 25000/50000) = 0.4 × 0.10
      RECENCY: 7.07, // 0.5^(45/90) = 0.7071 × 0.10
    });
    expect(ranking.score).toBe(77.69);
    expect(ranking.tier).toBe('GOLD');
  });

  it('gives an agency without history neutral values: 68.5 (SILVER)', () => {
    const ranking = rankAgency(fresh, now);
    expect(pointsOf(fresh)).toEqual({ RATING: 22.5, COMPLETION: 16, ON_TIME: 5, RESPONSE_TIME: 5, DISPUTES: 5, PENALTIES: 10, RECENCY: 5 });
    expect(ranking.score).toBe(68.5);
    expect(ranking.tier).toBe('SILVER');
  });

  it('a penalty lowers the score; a larger one lowers it more', () => {
    const base = rankAgency(example, now).score;
    const noPenalty = rankAgency({ ...example, penaltyCount365: 0, penaltyAmount365: 0 }, now).score;
    const bigger = rankAgency({ ...example, penaltyCount365: 2, penaltyAmount365: 100_000 }, now).score;
    expect(noPenalty).toBe(83.69); // PENALTIES 10 instead of 4
    expect(bigger).toBe(75.69); // 1 / (1 + 2 + 2) = 0.2 → 2 points
    expect(noPenalty).toBeGreaterThan(base);
    expect(bigger).toBeLessThan(base);
  });

  it('dormant agencies sink: the recency factor halves every 90 days', () => {
    expect(pointsOf({ ...example, lastActivityAt: daysAgo(0) }).RECENCY).toBe(10);
    expect(pointsOf({ ...example, lastActivityAt: daysAgo(90) }).RECENCY).toBe(5);
    expect(pointsOf({ ...example, lastActivityAt: daysAgo(180) }).RECENCY).toBe(2.5);
  });

  it('response time: an hour or less is full marks, two days or more nothing', () => {
    expect(pointsOf({ ...example, medianResponseSeconds: 600 }).RESPONSE_TIME).toBe(10);
    expect(pointsOf({ ...example, medianResponseSeconds: 48 * 3_600 }).RESPONSE_TIME).toBe(0);
    expect(pointsOf({ ...example, medianResponseSeconds: 24.5 * 3_600 }).RESPONSE_TIME).toBe(5);
  });

  it('is deterministic and bounded', () => {
    expect(rankAgency(example, now)).toEqual(rankAgency(example, now));
    const perfect = rankAgency(
      {
        ...example,
        ratingSum: 5_000,
        reviewCount: 1_000,
        completed: 1_000,
        cancelledByAgency: 0,
        disputed: 0,
        deliveredOnTime: 8,
        medianResponseSeconds: 60,
        penaltyCount365: 0,
        penaltyAmount365: 0,
        lastActivityAt: now,
      },
      now,
    );
    expect(perfect.score).toBeLessThanOrEqual(100);
    expect(perfect.score).toBeGreaterThan(99);
    expect(perfect.tier).toBe('PLATINUM');
  });

  it('tiers: PLATINUM ≥ 85, GOLD ≥ 70, SILVER ≥ 50, else BRONZE', () => {
    expect([tierOf(85), tierOf(84.99), tierOf(70), tierOf(69.99), tierOf(50), tierOf(49.99), tierOf(0)]).toEqual([
      'PLATINUM',
      'GOLD',
      'GOLD',
      'SILVER',
      'SILVER',
      'BRONZE',
      'BRONZE',
    ]);
  });
});
