import { readFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { servableSupergraph } from '../src/authorization';
import { parse, specifiedRules, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_TABS, EVERYTHING_QUERY } from '../playground/src/examples';
import { loadEnv } from '../src/env';
import { operationCostEstimator, operationLimits } from '../src/operation-limits';

// The default limits must never refuse what the platform itself sends: the playground's example tabs are
// checked here against the real supergraph (the apps' operations go through them in the browser tests).
const env = loadEnv({});
const schema = Supergraph.build(servableSupergraph(readFileSync(env.SUPERGRAPH_PATH, 'utf8')))
  .apiSchema()
  .toGraphQLJSSchema();
const defaults = operationLimits({
  maxDepth: env.MAX_DEPTH,
  maxAliases: env.MAX_ALIASES,
  maxRootFields: env.MAX_ROOT_FIELDS,
  maxTokens: env.MAX_TOKENS,
  maxDirectives: env.MAX_DIRECTIVES,
  maxCost: env.MAX_COST,
  fieldSuggestions: true,
});
const examples = [...EXAMPLE_TABS.map((tab) => tab.query), EVERYTHING_QUERY];

describe('default operation limits', () => {
  it.each(examples.map((query) => [/(?:query|mutation|subscription)\s+(\w+)/.exec(query)?.[1] ?? 'anonymous', query]))(
    'let the playground example %s through',
    (_name, query) => {
      const document = parse(query, defaults.parseOptions);
      expect(validate(schema, document, [...specifiedRules, ...defaults.validationRules]).map((e) => e.message)).toEqual([]);
    },
  );

  it('leave the rate limits room for hundreds of the most expensive example per window', () => {
    const cost = operationCostEstimator();
    const highest = Math.max(...examples.map((query) => cost(schema, parse(query))));
    expect(highest).toBeLessThanOrEqual(env.MAX_COST / 4);
    expect(env.RATE_LIMIT_COST / highest).toBeGreaterThanOrEqual(100);
  });

  it('are tight enough to refuse a deep operation against the real schema', () => {
    const deep = `{ ${'orders(first: 1) { edges { node { customer { '.repeat(3)}id${' } } } }'.repeat(3)} }`;
    // A customer's orders' customers' orders …: valid GraphQL, refused only for its depth.
    expect(validate(schema, parse(deep), specifiedRules)).toEqual([]);
    const errors = validate(schema, parse(deep), defaults.validationRules).map((e) => e.message);
    expect(errors).toEqual(['Query depth limit of 12 exceeded, found 13.']);
  });
});
