import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse, Source, type DocumentNode, type GraphQLError } from 'graphql';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

/**
 * Composition of the supergraph from a Rover-format `supergraph.yaml`, shared by
 * `npm run compose`, its CI `--check` and the tests.
 */

export interface SubgraphConfig {
  name: string;
  routingUrl: string;
  /** Absolute path of the subgraph's schema file. */
  schemaFile: string;
}

export interface SupergraphConfig {
  configPath: string;
  federationVersion: string | undefined;
  subgraphs: SubgraphConfig[];
}

export interface CompositionProblem {
  /** The subgraphs the problem is about (empty when it is about the config itself). */
  subgraphs: string[];
  code: string;
  message: string;
  /** file:line:column of the first offending node, relative to the config folder. */
  location?: string;
}

export type CompositionOutcome =
  { ok: true; supergraphSdl: string; config: SupergraphConfig } | { ok: false; problems: CompositionProblem[]; config?: SupergraphConfig };

export const OUT_OF_DATE_MESSAGE =
  'supergraph.graphql is out of date with supergraph.yaml / the subgraph schemas: run `npm run compose` and commit the result';

const configSchema = z.object({
  federation_version: z.union([z.string(), z.number()]).optional(),
  subgraphs: z.record(
    z.string().regex(/^[A-Za-z][\w-]*$/, 'subgraph names are letters, digits, - and _'),
    z.object({
      routing_url: z.string().url(),
      schema: z.object({ file: z.string().min(1) }),
    }),
  ),
});

export class SupergraphConfigError extends Error {
  constructor(
    readonly configPath: string,
    readonly problems: string[],
  ) {
    super(`${configPath} is not a valid supergraph config:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'SupergraphConfigError';
  }
}

export function readSupergraphConfig(configPath: string): SupergraphConfig {
  const absolute = resolve(configPath);
  const parsed = configSchema.safeParse(parseYaml(readFileSync(absolute, 'utf8')));
  if (!parsed.success) {
    throw new SupergraphConfigError(
      absolute,
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    );
  }
  const base = dirname(absolute);
  const version = parsed.data.federation_version;
  return {
    configPath: absolute,
    federationVersion: version === undefined ? undefined : String(version),
    subgraphs: Object.entries(parsed.data.subgraphs).map(([name, subgraph]) => ({
      name,
      routingUrl: subgraph.routing_url,
      schemaFile: resolve(base, subgraph.schema.file),
    })),
  };
}

/** The supergraph.graphql that belongs next to a supergraph.yaml. */
export const supergraphPathFor = (configPath: string) => resolve(dirname(resolve(configPath)), 'supergraph.graphql');

export function composeSupergraph(configPath: string): CompositionOutcome {
  let config: SupergraphConfig;
  try {
    config = readSupergraphConfig(configPath);
  } catch (error) {
    const problems = error instanceof SupergraphConfigError ? error.problems : [error instanceof Error ? error.message : String(error)];
    return { ok: false, problems: problems.map((message) => ({ subgraphs: [], code: 'INVALID_CONFIG', message })) };
  }
  // Rover pins a composition version with federation_version; we compose with the
  // library in package.json, so only a different major version is an error.
  const major = config.federationVersion?.replace(/^=/, '').split('.')[0];
  if (major !== undefined && major !== '2') {
    return {
      ok: false,
      config,
      problems: [
        {
          subgraphs: [],
          code: 'INVALID_CONFIG',
          message: `federation_version ${config.federationVersion} is not supported (Federation 2 only)`,
        },
      ],
    };
  }

  const base = dirname(config.configPath);
  const fileToSubgraph = new Map<string, string>();
  const problems: CompositionProblem[] = [];
  const services: { name: string; url: string; typeDefs: DocumentNode }[] = [];
  for (const subgraph of config.subgraphs) {
    const sourceName = relative(base, subgraph.schemaFile);
    fileToSubgraph.set(sourceName, subgraph.name);
    if (!existsSync(subgraph.schemaFile)) {
      problems.push({ subgraphs: [subgraph.name], code: 'SCHEMA_FILE_MISSING', message: `schema file ${sourceName} does not exist` });
      continue;
    }
    try {
      services.push({
        name: subgraph.name,
        url: subgraph.routingUrl,
        typeDefs: parse(new Source(readFileSync(subgraph.schemaFile, 'utf8'), sourceName)),
      });
    } catch (error) {
      problems.push(toProblem(error, fileToSubgraph, [subgraph.name], 'GRAPHQL_PARSE_FAILED'));
    }
  }
  if (problems.length) return { ok: false, config, problems };

  const result = composeServices(services);
  if (result.errors) return { ok: false, config, problems: result.errors.map((error) => toProblem(error, fileToSubgraph)) };
  return { ok: true, supergraphSdl: result.supergraphSdl, config };
}

// Duck-typed: @apollo/composition and this file may load different copies of
// graphql (CommonJS vs ESM under Vite/vitest), so instanceof is unreliable.
function isGraphQLError(error: unknown): error is GraphQLError {
  return error instanceof Error && 'extensions' in error && 'locations' in error;
}

function toProblem(
  error: unknown,
  fileToSubgraph: Map<string, string>,
  fallbackSubgraphs: string[] = [],
  fallbackCode = 'GRAPHQL_ERROR',
): CompositionProblem {
  if (!isGraphQLError(error)) {
    return { subgraphs: fallbackSubgraphs, code: 'UNKNOWN', message: error instanceof Error ? error.message : String(error) };
  }
  const subgraphs = new Set<string>();
  // Composition prefixes single-subgraph errors with "[name] "; errors across
  // subgraphs point at nodes whose source is the subgraph's schema file.
  const prefixed = /^\[([\w-]+)\] /.exec(error.message);
  if (prefixed?.[1]) subgraphs.add(prefixed[1]);
  for (const node of error.nodes ?? []) {
    const owner = node.loc && fileToSubgraph.get(node.loc.source.name);
    if (owner) subgraphs.add(owner);
  }
  for (const name of fallbackSubgraphs) subgraphs.add(name);
  const sourceName = error.source?.name ?? error.nodes?.[0]?.loc?.source.name;
  const position = error.locations?.[0];
  const code = error.extensions?.code;
  const message = error.message.replace(/^\[[\w-]+\] /, '').split('\n\n')[0] ?? error.message;
  return {
    subgraphs: [...subgraphs],
    code: typeof code === 'string' ? code : fallbackCode,
    message,
    ...(sourceName && position ? { location: `${sourceName}:${position.line}:${position.column}` } : {}),
  };
}

export function formatProblems(problems: CompositionProblem[]): string {
  const lines = [`Composition failed with ${problems.length} error${problems.length === 1 ? '' : 's'}:`];
  for (const problem of problems) {
    const who = problem.subgraphs.length ? problem.subgraphs.join(', ') : 'supergraph.yaml';
    lines.push(`  ✗ [${who}] ${problem.code}: ${problem.message}${problem.location ? `\n      at ${problem.location}` : ''}`);
  }
  return lines.join('\n');
}

export interface ComposeCommandResult {
  exitCode: 0 | 1;
  /** What the command prints (stderr when exitCode is 1). */
  output: string;
}

/**
 * `npm run compose` (writes supergraph.graphql) and `npm run compose:check`
 * (fails when the committed file differs from a fresh composition).
 */
export function runCompose(options: { configPath: string; outputPath?: string; check?: boolean }): ComposeCommandResult {
  const outputPath = options.outputPath ?? supergraphPathFor(options.configPath);
  const outcome = composeSupergraph(options.configPath);
  if (!outcome.ok) return { exitCode: 1, output: formatProblems(outcome.problems) };
  const names = outcome.config.subgraphs.map((s) => s.name).join(', ');
  if (options.check) {
    const committed = existsSync(outputPath) ? readFileSync(outputPath, 'utf8') : undefined;
    if (committed !== outcome.supergraphSdl) return { exitCode: 1, output: OUT_OF_DATE_MESSAGE };
    return { exitCode: 0, output: `supergraph.graphql is up to date (${outcome.config.subgraphs.length} subgraphs: ${names})` };
  }
  const previous = existsSync(outputPath) ? readFileSync(outputPath, 'utf8') : undefined;
  if (previous !== outcome.supergraphSdl) writeFileSync(outputPath, outcome.supergraphSdl);
  return {
    exitCode: 0,
    output: `${previous === outcome.supergraphSdl ? 'Unchanged' : 'Wrote'} ${relative(process.cwd(), outputPath) || outputPath} from ${outcome.config.subgraphs.length} subgraphs: ${names}`,
  };
}
