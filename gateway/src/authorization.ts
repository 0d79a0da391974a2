import { createHash } from 'node:crypto';
import type { GatewayExecutor, GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { ErrorCode } from '@market/kit';
import {
  GraphQLError,
  Kind,
  getNamedType,
  getNullableType,
  isListType,
  isNonNullType,
  parse,
  print,
  visit,
  type ConstDirectiveNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
  isCompositeType,
  isObjectType,
  isInterfaceType,
} from 'graphql';
import type { Identity } from './auth';

/**
 * Authorization from the supergraph, with Apollo Router's semantics: the Federation 2.5+ directives
 * `@authenticated`, `@requiresScopes(scopes: [[…]])` and `@policy(policies: [[…]])` on fields, object types,
 * interfaces, scalars and enums are read from the composed supergraph and enforced here, before any subgraph
 * is called. Fields the caller may not see are removed from the operation before planning; they come back
 * null (nulls propagate as GraphQL requires) with an `UNAUTHENTICATED` (anonymous caller) or `FORBIDDEN`
 * (signed-in caller lacking a scope or policy) error at their path, and the rest of the response is served.
 *
 * `@apollo/gateway` refuses supergraphs with `for: SECURITY` features it does not enforce; the gateway reads
 * the rules first and then hands Apollo the supergraph without that purpose (see `servableSupergraph`).
 */

const SPECS = {
  authenticated: 'https://specs.apollo.dev/authenticated/',
  requiresScopes: 'https://specs.apollo.dev/requiresScopes/',
  policy: 'https://specs.apollo.dev/policy/',
} as const;

/** One element's requirements; every part must hold. Lists are OR of AND groups, several directives AND together. */
export interface Requirement {
  authenticated: boolean;
  /** Each entry is one directive application: any one of its groups (all scopes of the group) satisfies it. */
  scopes: string[][][];
  policies: string[][][];
}

export interface AuthorizationRules {
  /** By type name (object, interface, scalar, enum). */
  types: ReadonlyMap<string, Requirement>;
  /** By `Type.field`. */
  fields: ReadonlyMap<string, Requirement>;
  /** Every policy name the supergraph uses (unknown ones are never satisfied: fail closed). */
  policies: ReadonlySet<string>;
  /** True when the supergraph has no rule at all (enforcement is skipped). */
  empty: boolean;
}

/** A supergraph without authorization rules. */
export const NO_RULES: AuthorizationRules = { types: new Map(), fields: new Map(), policies: new Set(), empty: true };

/** Evaluates a named `@policy`: true when the caller satisfies it. */
export type PolicyEvaluator = (identity: Identity | undefined) => boolean;

/**
 * The policies the gateway knows: `role:<ROLE>` (the caller holds that role), `client:<id>` (the token was issued to
 * that OAuth client) and `user` (any signed-in user, not a service). Anything else is refused.
 */
export function builtInPolicy(name: string): PolicyEvaluator | undefined {
  if (name === 'user') return (identity) => Boolean(identity?.sub);
  const role = /^role:([A-Z_]+)$/.exec(name)?.[1];
  if (role) return (identity) => identity?.roles.includes(role) ?? false;
  const client = /^client:([\w.-]+)$/.exec(name)?.[1];
  if (client) return (identity) => identity?.clientId === client;
  return undefined;
}

const stringValue = (node: ValueNode | undefined): string | undefined => (node?.kind === Kind.STRING ? node.value : undefined);

/** `[[a, b], [c]]` from a directive argument. */
function groupsOf(node: ValueNode | undefined): string[][] {
  if (node?.kind !== Kind.LIST) return [];
  return node.values.map((group) =>
    group.kind === Kind.LIST ? group.values.map(stringValue).filter((v): v is string => v !== undefined) : [],
  );
}

/** The local names the supergraph gives the three directives (an `@link(as:)` or an import may rename them). */
function directiveNames(document: DocumentNode): Record<keyof typeof SPECS, string | undefined> {
  const names: Record<keyof typeof SPECS, string | undefined> = { authenticated: undefined, requiresScopes: undefined, policy: undefined };
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.SCHEMA_DEFINITION && definition.kind !== Kind.SCHEMA_EXTENSION) continue;
    for (const directive of definition.directives ?? []) {
      if (directive.name.value !== 'link') continue;
      const url = stringValue(directive.arguments?.find((a) => a.name.value === 'url')?.value);
      const as = stringValue(directive.arguments?.find((a) => a.name.value === 'as')?.value);
      for (const [key, prefix] of Object.entries(SPECS) as [keyof typeof SPECS, string][]) {
        if (url?.startsWith(prefix)) names[key] = as ?? key;
      }
    }
  }
  return names;
}

function requirementOf(
  directives: readonly ConstDirectiveNode[] | undefined,
  names: ReturnType<typeof directiveNames>,
): Requirement | null {
  const requirement: Requirement = { authenticated: false, scopes: [], policies: [] };
  let any = false;
  for (const directive of directives ?? []) {
    const name = directive.name.value;
    const argument = (arg: string) => directive.arguments?.find((a) => a.name.value === arg)?.value;
    if (name === names.authenticated) {
      requirement.authenticated = true;
      any = true;
    } else if (name === names.requiresScopes) {
      requirement.scopes.push(groupsOf(argument('scopes')));
      any = true;
    } else if (name === names.policy) {
      requirement.policies.push(groupsOf(argument('policies')));
      any = true;
    }
  }
  return any ? requirement : null;
}

/** Reads the authorization rules out of a supergraph SDL. */
export function authorizationRules(sdl: string | DocumentNode): AuthorizationRules {
  const document = typeof sdl === 'string' ? parse(sdl) : sdl;
  const names = directiveNames(document);
  const types = new Map<string, Requirement>();
  const fields = new Map<string, Requirement>();
  const policies = new Set<string>();
  if (names.authenticated || names.requiresScopes || names.policy) {
    for (const definition of document.definitions) {
      if (!('name' in definition) || !definition.name || !('directives' in definition)) continue;
      const kind = definition.kind;
      if (
        kind !== Kind.OBJECT_TYPE_DEFINITION &&
        kind !== Kind.OBJECT_TYPE_EXTENSION &&
        kind !== Kind.INTERFACE_TYPE_DEFINITION &&
        kind !== Kind.INTERFACE_TYPE_EXTENSION &&
        kind !== Kind.SCALAR_TYPE_DEFINITION &&
        kind !== Kind.ENUM_TYPE_DEFINITION
      )
        continue;
      const typeName = definition.name.value;
      const onType = requirementOf(definition.directives, names);
      if (onType) types.set(typeName, onType);
      if ('fields' in definition) {
        for (const field of definition.fields ?? []) {
          const onField = requirementOf(field.directives, names);
          if (onField) fields.set(`${typeName}.${field.name.value}`, onField);
        }
      }
    }
  }
  for (const requirement of [...types.values(), ...fields.values()]) {
    for (const application of requirement.policies) for (const group of application) for (const name of group) policies.add(name);
  }
  return { types, fields, policies, empty: types.size === 0 && fields.size === 0 };
}

/**
 * The supergraph as `@apollo/gateway` accepts it: the `for: SECURITY` purpose is dropped from the links of the
 * features this module enforces (authenticated, requiresScopes, policy). Anything else stays as it is, so a
 * supergraph using a security feature the gateway does not know is still refused.
 */
export function servableSupergraph(sdl: string): string {
  const document = parse(sdl);
  let changed = false;
  const edited = visit(document, {
    Directive(node) {
      if (node.name.value !== 'link') return undefined;
      const url = stringValue(node.arguments?.find((a) => a.name.value === 'url')?.value);
      if (!url || !Object.values(SPECS).some((prefix) => url.startsWith(prefix))) return undefined;
      const args = node.arguments?.filter((a) => !(a.name.value === 'for' && a.value.kind === Kind.ENUM && a.value.value === 'SECURITY'));
      if (args?.length === node.arguments?.length) return undefined;
      changed = true;
      return { ...node, arguments: args };
    },
  });
  return changed ? print(edited) : sdl;
}

type Refusal = typeof ErrorCode.UNAUTHENTICATED | typeof ErrorCode.FORBIDDEN;

/** Why `identity` may not see an element with this requirement, or null when it may. */
export function refusalFor(
  requirement: Requirement,
  identity: Identity | undefined,
  evaluate: (name: string) => PolicyEvaluator | undefined,
): Refusal | null {
  const signedIn = Boolean(identity);
  if (requirement.authenticated && !signedIn) return ErrorCode.UNAUTHENTICATED;
  const scopes = new Set(identity?.scopes ?? []);
  for (const application of requirement.scopes) {
    if (!application.some((group) => group.every((scope) => scopes.has(scope)))) {
      return signedIn ? ErrorCode.FORBIDDEN : ErrorCode.UNAUTHENTICATED;
    }
  }
  for (const application of requirement.policies) {
    if (!application.some((group) => group.every((name) => evaluate(name)?.(identity) ?? false))) {
      return signedIn ? ErrorCode.FORBIDDEN : ErrorCode.UNAUTHENTICATED;
    }
  }
  return null;
}

/** A field removed from the operation, and where its values would have been. */
interface Removed {
  /** Response keys from the root to the field (list positions are expanded when the data is walked). */
  path: string[];
  /** The type of every field on the path, the last one being the removed field's. */
  types: GraphQLOutputType[];
  code: Refusal;
}

export interface AuthorizedOperation {
  /** The operation to plan and execute (the original when nothing was removed). */
  document: DocumentNode;
  removed: Removed[];
  /** Every root field was removed: nothing to execute. */
  nothingLeft: boolean;
}

/** Placeholder kept where every field of a selection set was removed; stripped from the response. */
const PLACEHOLDER = '__authorization_placeholder';

interface Walk {
  schema: GraphQLSchema;
  rules: AuthorizationRules;
  identity: Identity | undefined;
  evaluate: (name: string) => PolicyEvaluator | undefined;
  fragments: Map<string, FragmentDefinitionNode>;
  /** Field nodes to drop (shared fragment nodes too: rules depend on type and field, not on the path). */
  drop: Map<FieldNode, Refusal>;
  removed: Removed[];
}

function fieldRefusal(walk: Walk, parent: GraphQLCompositeType, field: GraphQLField<unknown, unknown>): Refusal | null {
  const requirements = [walk.rules.fields.get(`${parent.name}.${field.name}`), walk.rules.types.get(getNamedType(field.type).name)];
  // A field declared on an interface is also guarded by the rules on that field of each implementation.
  if (isInterfaceType(parent)) {
    for (const implementation of walk.schema.getPossibleTypes(parent)) {
      requirements.push(walk.rules.fields.get(`${implementation.name}.${field.name}`));
    }
  }
  for (const requirement of requirements) {
    const refusal = requirement && refusalFor(requirement, walk.identity, walk.evaluate);
    if (refusal) return refusal;
  }
  return null;
}

function walkSelections(
  walk: Walk,
  selectionSet: SelectionSetNode,
  parent: GraphQLCompositeType,
  path: string[],
  types: GraphQLOutputType[],
  seenFragments: Set<string>,
): void {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const name = selection.name.value;
      if (name.startsWith('__')) continue;
      const field = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
      if (!field) continue;
      const key = selection.alias?.value ?? name;
      const refusal = fieldRefusal(walk, parent, field);
      if (refusal) {
        walk.drop.set(selection, refusal);
        walk.removed.push({ path: [...path, key], types: [...types, field.type], code: refusal });
        continue;
      }
      const named = getNamedType(field.type);
      if (selection.selectionSet && isCompositeType(named)) {
        walkSelections(walk, selection.selectionSet, named, [...path, key], [...types, field.type], seenFragments);
      }
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const condition = selection.typeCondition ? walk.schema.getType(selection.typeCondition.name.value) : parent;
      if (condition && isCompositeType(condition)) walkSelections(walk, selection.selectionSet, condition, path, types, seenFragments);
    } else {
      const name = selection.name.value;
      const fragment = walk.fragments.get(name);
      if (!fragment || seenFragments.has(name)) continue;
      const condition = walk.schema.getType(fragment.typeCondition.name.value);
      if (condition && isCompositeType(condition)) {
        walkSelections(walk, fragment.selectionSet, condition, path, types, new Set([...seenFragments, name]));
      }
    }
  }
}

/** Which fields of the operation the caller may not see, and the operation without them. */
export function authorizeOperation(options: {
  schema: GraphQLSchema;
  rules: AuthorizationRules;
  document: DocumentNode;
  operationName?: string | null | undefined;
  identity: Identity | undefined;
  evaluate?: (name: string) => PolicyEvaluator | undefined;
}): AuthorizedOperation {
  const { schema, rules, document } = options;
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = options.operationName ? operations.find((o) => o.name?.value === options.operationName) : operations[0];
  if (rules.empty || !operation) return { document, removed: [], nothingLeft: false };
  const root = schema.getRootType(operation.operation);
  if (!root) return { document, removed: [], nothingLeft: false };
  const walk: Walk = {
    schema,
    rules,
    identity: options.identity,
    evaluate: options.evaluate ?? builtInPolicy,
    fragments: new Map(
      document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
    ),
    drop: new Map(),
    removed: [],
  };
  walkSelections(walk, operation.selectionSet, root, [], [], new Set());
  if (walk.drop.size === 0) return { document, removed: [], nothingLeft: false };

  let nothingLeft = false;
  const edited = visit(document, {
    Field: (node) => (walk.drop.has(node) ? null : undefined),
    SelectionSet: {
      leave(node, _key, parentNode) {
        if (node.selections.length > 0) return undefined;
        const isRoot = (parentNode as { kind?: string } | undefined)?.kind === Kind.OPERATION_DEFINITION;
        if (isRoot) nothingLeft = true;
        const placeholder: FieldNode = {
          kind: Kind.FIELD,
          alias: { kind: Kind.NAME, value: PLACEHOLDER },
          name: { kind: Kind.NAME, value: '__typename' },
        };
        return { ...node, selections: [placeholder] };
      },
    },
  });
  return { document: edited, removed: walk.removed, nothingLeft };
}

type Json = Record<string, unknown>;

/**
 * Puts null where removed fields would have been and an error at each such path, propagating null through
 * non-null types as GraphQL execution does; strips the placeholders. Returns the data (null when a non-null
 * root field was removed) and the errors, capped per removed field.
 */
export function completeResponse(
  data: Json | null | undefined,
  removed: readonly Removed[],
  maxErrorsPerField = 20,
): {
  data: Json | null;
  errors: GraphQLError[];
} {
  const errors: GraphQLError[] = [];
  let root: Json | null = data ?? {};
  stripPlaceholders(root);

  for (const { path, types, code } of removed) {
    if (!root) break;
    let count = 0;
    /** Returns true when the object at this level must itself become null (a non-null child was nulled). */
    const visitValue = (value: unknown, depth: number, concrete: (string | number)[]): boolean => {
      if (value === null || value === undefined || typeof value !== 'object') return false;
      if (Array.isArray(value)) {
        // A list at depth-1: its items sit at the same depth. Item types are non-null when the list type says so.
        const listType = getNullableType(types[depth - 1]);
        const itemNonNull = listType && isListType(listType) ? isNonNullType(listType.ofType) : false;
        let listMustBeNull = false;
        value.forEach((item, index) => {
          if (visitValue(item, depth, [...concrete, index])) {
            value[index] = null;
            if (itemNonNull) listMustBeNull = true;
          }
        });
        return listMustBeNull;
      }
      const object = value as Json;
      const key = path[depth];
      const type = types[depth];
      if (key === undefined || type === undefined) return false;
      if (depth === path.length - 1) {
        object[key] = null;
        if (count++ < maxErrorsPerField) errors.push(unauthorizedError(code, [...concrete, key]));
        return isNonNullType(type);
      }
      if (visitValue(object[key], depth + 1, [...concrete, key])) {
        object[key] = null;
        return isNonNullType(type);
      }
      return false;
    };
    if (visitValue(root, 0, [])) root = null;
  }
  return { data: root, errors };
}

function stripPlaceholders(value: unknown): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) stripPlaceholders(item);
    return;
  }
  const object = value as Json;
  delete object[PLACEHOLDER];
  for (const child of Object.values(object)) stripPlaceholders(child);
}

export function unauthorizedError(code: Refusal, path: (string | number)[]): GraphQLError {
  const message =
    code === ErrorCode.UNAUTHENTICATED
      ? 'Sign in to see this field: it needs an access token'
      : 'You are not allowed to see this field: your access token lacks a required scope or policy';
  return new GraphQLError(message, { path, extensions: { code } });
}

export interface AuthorizationOptions {
  /** The current rules (they follow supergraph reloads). */
  rules: () => AuthorizationRules;
  identityOf: (context: Record<string, unknown>) => Identity | undefined;
  evaluate?: (name: string) => PolicyEvaluator | undefined;
  /** Called once per removed field (metrics). */
  onRefused?: (code: Refusal) => void;
}

/** Wraps the gateway's executor: plans and runs the authorized part of each operation, then completes the response. */
export function authorizingExecutor(inner: GatewayExecutor, options: AuthorizationOptions): GatewayExecutor {
  return async (requestContext) => {
    const rules = options.rules();
    if (rules.empty) return inner(requestContext);
    const identity = options.identityOf(requestContext.context as Record<string, unknown>);
    const authorized = authorizeOperation({
      schema: requestContext.schema,
      rules,
      document: requestContext.document,
      operationName: requestContext.request.operationName ?? requestContext.operationName,
      identity,
      evaluate: options.evaluate,
    });
    if (authorized.removed.length === 0) return inner(requestContext);
    for (const { code } of authorized.removed) options.onRefused?.(code);

    let result: Awaited<ReturnType<GatewayExecutor>> = { data: {} };
    if (!authorized.nothingLeft) {
      // The plan cache is keyed by queryHash: the authorized variant gets its own key.
      const queryHash = createHash('sha256')
        .update(requestContext.queryHash)
        .update(authorized.removed.map((r) => r.path.join('.')).join('|'))
        .digest('hex');
      const operation =
        authorized.document.definitions.find(
          (d): d is OperationDefinitionNode =>
            d.kind === Kind.OPERATION_DEFINITION && d.name?.value === requestContext.operation.name?.value,
        ) ?? requestContext.operation;
      const narrowed: GatewayGraphQLRequestContext = { ...requestContext, document: authorized.document, operation, queryHash };
      result = await inner(narrowed);
    }
    const completed = completeResponse(result.data as Json | null | undefined, authorized.removed);
    return { ...result, data: completed.data, errors: [...completed.errors, ...(result.errors ?? [])] };
  };
}
