import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { composeSupergraph, OUT_OF_DATE_MESSAGE, readSupergraphConfig, runCompose } from '@market/gateway/compose';
import { afterEach, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('..', import.meta.url));
const repoConfig = join(repo, 'supergraph.yaml');

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A scratch copy of supergraph.yaml, the subgraph schemas and the committed supergraph. */
function scratchRepo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'compose-'));
  temps.push(dir);
  cpSync(repoConfig, join(dir, 'supergraph.yaml'));
  cpSync(join(repo, 'supergraph.graphql'), join(dir, 'supergraph.graphql'));
  for (const { name } of readSupergraphConfig(repoConfig).subgraphs) {
    cpSync(join(repo, 'subgraphs', name, 'schema.graphql'), join(dir, 'subgraphs', name, 'schema.graphql'));
  }
  return dir;
}

describe('composition', () => {
  it('composes the repository config into the committed supergraph', () => {
    const outcome = composeSupergraph(repoConfig);
    if (!outcome.ok) throw new Error(outcome.problems.map((p) => p.message).join('\n'));
    expect(outcome.config.subgraphs.map((s) => s.name)).toEqual(['sso', 'user', 'agency', 'order', 'chat', 'notification', 'file']);
    for (const subgraph of outcome.config.subgraphs) {
      expect(outcome.supergraphSdl).toContain(`@join__graph(name: "${subgraph.name}", url: "${subgraph.routingUrl}")`);
    }
    expect(runCompose({ configPath: repoConfig, check: true }).exitCode).toBe(0);
  });

  it('--check fails with a clear instruction when a subgraph schema changed', () => {
    const dir = scratchRepo();
    const configPath = join(dir, 'supergraph.yaml');
    expect(runCompose({ configPath, check: true })).toMatchObject({ exitCode: 0 });

    const schema = join(dir, 'subgraphs', 'agency', 'schema.graphql');
    writeFileSync(schema, readFileSync(schema, 'utf8').replace('  slug: String!\n', '  slug: String!\n  motto: String\n'));
    expect(runCompose({ configPath, check: true })).toEqual({ exitCode: 1, output: OUT_OF_DATE_MESSAGE });
    expect(OUT_OF_DATE_MESSAGE).toContain('run `npm run compose` and commit the result');

    // Composing writes the new supergraph, after which the check passes again.
    expect(runCompose({ configPath }).exitCode).toBe(0);
    expect(readFileSync(join(dir, 'supergraph.graphql'), 'utf8')).toContain('motto: String @join__field(graph: AGENCY)');
    expect(runCompose({ configPath, check: true }).exitCode).toBe(0);
  });

  it('reports a broken schema with its subgraph, code and location, and writes nothing', () => {
    const dir = scratchRepo();
    const configPath = join(dir, 'supergraph.yaml');
    const before = readFileSync(join(dir, 'supergraph.graphql'), 'utf8');
    const schema = join(dir, 'subgraphs', 'order', 'schema.graphql');
    writeFileSync(schema, readFileSync(schema, 'utf8').replace('  agency: Agency!\n', '  agency: Agency!\n  invoice: Invoice!\n'));

    const outcome = composeSupergraph(configPath);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.problems).toContainEqual(
      expect.objectContaining({
        subgraphs: ['order'],
        code: 'INVALID_GRAPHQL',
        message: 'Unknown type Invoice',
        location: expect.stringMatching(/^subgraphs\/order\/schema\.graphql:\d+:\d+$/),
      }),
    );
    const result = runCompose({ configPath });
    expect(result.exitCode).toBe(1);
    expect(result.output).toContain('[order] INVALID_GRAPHQL: Unknown type Invoice');
    expect(readFileSync(join(dir, 'supergraph.graphql'), 'utf8')).toBe(before);
  });

  it('names every subgraph involved in a conflict between subgraphs', () => {
    const dir = scratchRepo();
    const schema = join(dir, 'subgraphs', 'file', 'schema.graphql');
    // PageInfo is @shareable everywhere; a different field type in one subgraph cannot merge.
    writeFileSync(
      schema,
      readFileSync(schema, 'utf8').replace(
        'type PageInfo @shareable {\n  hasNextPage: Boolean!',
        'type PageInfo @shareable {\n  hasNextPage: String!',
      ),
    );
    const outcome = composeSupergraph(join(dir, 'supergraph.yaml'));
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    const conflict = outcome.problems.find((p) => p.message.includes('PageInfo.hasNextPage'));
    expect(conflict?.subgraphs).toContain('file');
    expect(conflict?.subgraphs.length).toBeGreaterThan(1);
  });

  it('reports syntax errors and a bad config readably', () => {
    const dir = scratchRepo();
    writeFileSync(join(dir, 'subgraphs', 'chat', 'schema.graphql'), 'type Query {');
    expect(runCompose({ configPath: join(dir, 'supergraph.yaml') }).output).toMatch(
      /\[chat\] GRAPHQL_PARSE_FAILED: Syntax Error: .*\n\s+at subgraphs\/chat\/schema\.graphql:1:13/,
    );

    writeFileSync(join(dir, 'supergraph.yaml'), 'federation_version: =2.9.0\nsubgraphs:\n  sso:\n    routing_url: not a url\n');
    const output = runCompose({ configPath: join(dir, 'supergraph.yaml') }).output;
    expect(output).toContain('subgraphs.sso.routing_url');
    expect(output).toContain('subgraphs.sso.schema');
  });
});
