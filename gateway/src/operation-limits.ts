import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  GraphQLError,
  Kind,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
  maxRootFields: number;
  maxTokens: number;
  maxDirectives: number;
  maxCost: number;
  /** `Did you mean "…"?` hints reveal the schema; off in production. */
  fieldSuggestions: boolean;
}

/** How graphql-armor prices an operation; the cost limit and the rate limiter's cost budget share it. */
const COST_MODEL = { objectCost: 2, scalarCost: 1, depthCostFactor: 1.5, ignoreIntrospection: true } as const;

/** graphql-armor words its verdicts as `Syntax Error: …`; they are validation errors, reported as such. */
function report(limit: string) {
  return (context: ValidationContext | null, error: GraphQLError) => {
    context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, ''), { extensions: { limit } }));
  };
}

/** Top-level fields of each operation (fragments at the root included): one request must not fan out without bound. */
export function maxRootFieldsRule(max: number): ValidationRule {
  return (context) => {
    const count = (set: SelectionSetNode, seen: Set<string>): number => {
      let total = 0;
      for (const selection of set.selections) {
        if (selection.kind === Kind.FIELD) total += 1;
        else if (selection.kind === Kind.INLINE_FRAGMENT) total += count(selection.selectionSet, seen);
        else if (!seen.has(selection.name.value)) {
          seen.add(selection.name.value);
          const fragment = context.getFragment(selection.name.value);
          if (fragment) total += count(fragment.selectionSet, seen);
        }
      }
      return total;
    };
    return {
      OperationDefinition(operation) {
        const found = count(operation.selectionSet, new Set());
        if (found > max) {
          context.reportError(
            new GraphQLError(`Root fields limit of ${max} exceeded, found ${found}.`, {
              nodes: [operation],
              extensions: { limit: 'maxRootFields' },
            }),
          );
        }
      },
    };
  };
}

/** `Did you mean "name"?`, `Did you mean the enum value "X"?` …: graphql-js' hints, each one sentence. */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/** Removes graphql-js' suggestions from errors, so a client cannot map the schema by guessing names. */
const hideSuggestions: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ errors }) {
        for (const error of errors) error.message = error.message.replace(SUGGESTION, '');
      },
    };
  },
};

/**
 * The operation limits as Apollo Server options: graphql-armor's depth, alias,
 * directive and cost rules plus our root-field rule (validation errors, HTTP
 * 400, `GRAPHQL_VALIDATION_FAILED`, a message naming the limit), graphql-js'
 * own token limit (a parse error, `GRAPHQL_PARSE_FAILED`; armor's Apollo
 * plugin for it throws from a hook, which Apollo turns into a 500) and field
 * suggestions masked when asked.
 */
export function operationLimits(limits: OperationLimits): {
  validationRules: ValidationRule[];
  plugins: ApolloServerPlugin[];
  parseOptions: { maxTokens: number };
} {
  const armor = new ApolloArmor({
    maxTokens: { enabled: false },
    // Armor's own masking leaves the trailing `?` behind; ours below removes the whole sentence.
    blockFieldSuggestion: { enabled: false },
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true, propagateOnRejection: false, onReject: [report('maxDepth')] },
    maxAliases: { n: limits.maxAliases, propagateOnRejection: false, onReject: [report('maxAliases')] },
    maxDirectives: { n: limits.maxDirectives, propagateOnRejection: false, onReject: [report('maxDirectives')] },
    costLimit: { ...COST_MODEL, maxCost: limits.maxCost, propagateOnRejection: false, onReject: [report('maxCost')] },
  }).protect();
  return {
    validationRules: [...armor.validationRules, maxRootFieldsRule(limits.maxRootFields)],
    plugins: [...armor.plugins, ...(limits.fieldSuggestions ? [] : [hideSuggestions])],
    parseOptions: { maxTokens: limits.maxTokens },
  };
}

/**
 * The cost of a validated document by the cost limit's own estimate, remembered
 * per document (Apollo reuses parsed documents, so a repeated operation is
 * priced once).
 */
export function operationCostEstimator(): (schema: GraphQLSchema, document: DocumentNode) => number {
  const costs = new WeakMap<DocumentNode, number>();
  let measured = 0;
  const [rule] = new ApolloArmor({
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: false },
    maxDepth: { enabled: false },
    maxAliases: { enabled: false },
    maxDirectives: { enabled: false },
    costLimit: {
      ...COST_MODEL,
      maxCost: Number.MAX_SAFE_INTEGER,
      onAccept: [(_context, details: { n: number }) => (measured += details.n)],
    },
  }).protect().validationRules;
  if (!rule) throw new Error('graphql-armor did not provide its cost rule');
  return (schema, document) => {
    const known = costs.get(document);
    if (known !== undefined) return known;
    measured = 0;
    validate(schema, document, [rule]);
    const cost = Math.max(1, Math.ceil(measured));
    costs.set(document, cost);
    return cost;
  };
}
