// How the repository fetcher reads GitHub refusing a count connection, whatever words
// and `type` GitHub uses: the answers are scripted here (GitHub has refused
// `stargazers` only, so no refusal of `watchers` or `issues` is recorded anywhere).
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { connectionRefusals, type GraphqlDocument } from '../../../../jobs/sources/github/github-graphql.ts';
import { createRepositoryFetcher } from '../../../../jobs/sources/github/github-repositories.ts';
import type { RepositorySnapshot } from '../../../../jobs/sources/github/github-types.ts';
import { succeeded } from '../../../../jobs/clients/subject-result.ts';

const repo = (name: string, extra: Record<string, unknown> = {}) => ({
  databaseId: name.length,
  nameWithOwner: name,
  stargazerCount: 10,
  forkCount: 2,
  isArchived: false,
  ...extra,
});

/** The connection fields each alias of a document selects. */
function selections(document: GraphqlDocument): Record<string, string[]> {
  const definition = parse(document.query).definitions[0];
  if (definition?.kind !== 'OperationDefinition') return {};
  return Object.fromEntries(
    definition.selectionSet.selections.flatMap((field) =>
      field.kind === 'Field' && field.alias
        ? [[field.alias.value, (field.selectionSet?.selections ?? []).flatMap((inner) => (inner.kind === 'Field' && inner.selectionSet ? [inner.name.value] : []))]]
        : [],
    ),
  );
}

type ScriptedAnswer = { data: unknown; errors?: unknown };

function scripted(answers: ScriptedAnswer[]) {
  const documents: GraphqlDocument[] = [];
  const restAsked: string[] = [];
  const warnings: string[] = [];
  const fetcher = createRepositoryFetcher({
    graphql: async (document) => {
      documents.push(document);
      const answer = answers.shift();
      if (!answer) throw new Error('no more scripted answers');
      return { data: answer.data, errors: answer.errors };
    },
    restRepository: async (fullName) => {
      restAsked.push(fullName);
      const snapshot: RepositorySnapshot = { databaseId: 1, fullName, stars: 10, forks: 2, watchers: 40, openIssues: null, archived: false };
      return succeeded(snapshot);
    },
    log: { warn: (msg) => warnings.push(msg) },
  });
  return { fetcher, documents, restAsked, warnings, answers };
}

describe('connectionRefusals', () => {
  it('takes an error at [alias, watchers|issues, ...] whatever its type, and nothing else', () => {
    const errors = [
      { type: 'NOT_FOUND', path: ['r0'], message: "Could not resolve to a Repository with the name 'a/b'." },
      { type: 'INVALID_CURSOR_ARGUMENTS', path: ['r1', 'ref', 'target', 'history'], message: 'bad cursor' },
      { type: 'FORBIDDEN', path: ['r2', 'watchers'], message: 'Resource not accessible by personal access token' },
      { type: 'SOMETHING_NEW', path: ['r3', 'issues', 'totalCount'], message: 'issues are private now' },
      { path: ['r4', 'watchers'], message: 'no type at all' },
      { type: 'FORBIDDEN', path: ['r5', 'stargazers'], message: 'not one of ours' },
    ];
    expect(connectionRefusals(errors)).toEqual([
      { alias: 'r2', connection: 'watchers', type: 'FORBIDDEN', message: 'Resource not accessible by personal access token' },
      { alias: 'r3', connection: 'issues', type: 'SOMETHING_NEW', message: 'issues are private now' },
      { alias: 'r4', connection: 'watchers', message: 'no type at all' },
    ]);
    expect(connectionRefusals('not a list')).toEqual([]);
  });
});

describe('createRepositoryFetcher', () => {
  it('asks the nulled aliases again without the refused connection, one refusal after the other', async () => {
    const { fetcher, documents, restAsked, warnings, answers } = scripted([
      // GitHub might report one refused field per alias at a time, as graphql-js does.
      { data: { r0: null, r1: null }, errors: [{ type: 'SOMETHING_NEW', path: ['r0', 'watchers'], message: 'no' }, { type: 'SOMETHING_NEW', path: ['r1', 'watchers'], message: 'no' }] },
      { data: { r0: null, r1: repo('o/plain') }, errors: [{ type: 'FORBIDDEN', path: ['r0', 'issues'], message: 'no issues' }] },
      { data: { r0: repo('o/counted') } },
    ]);
    const results = await fetcher.fetchBatch(['o/counted', 'o/plain'], new Set(['o/counted']));

    expect(documents.map(selections)).toEqual([
      { r0: ['watchers', 'issues'], r1: [] },
      { r0: ['issues'], r1: [] },
      { r0: [] },
    ]);
    expect(documents[2]?.variables).toEqual({ o0: 'o', n0: 'counted' });
    expect([...results.keys()]).toEqual(['o/counted', 'o/plain']);
    // Watchers from REST, open issues lost (undefined: a failure of that metric), stars and forks kept.
    expect(results.get('o/counted')).toEqual(succeeded({ databaseId: 9, fullName: 'o/counted', stars: 10, forks: 2, watchers: 40, openIssues: undefined, archived: false }));
    expect(results.get('o/plain')).toEqual(succeeded({ databaseId: 7, fullName: 'o/plain', stars: 10, forks: 2, watchers: null, openIssues: null, archived: false }));
    expect(restAsked).toEqual(['o/counted']);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/refused the `watchers` connection \(SOMETHING_NEW: no\)/);
    expect(warnings[1]).toMatch(/refused the `issues` connection \(FORBIDDEN: no issues\)/);

    // The next batch of the fetcher's life asks neither connection, and warns no more.
    answers.push({ data: { r0: repo('o/next') } });
    const next = await fetcher.fetchBatch(['o/next'], new Set(['o/next']));
    expect(documents.slice(3).map(selections)).toEqual([{ r0: [] }]);
    expect(next.get('o/next')).toMatchObject({ ok: true, value: { stars: 10, watchers: 40, openIssues: undefined } });
    expect(warnings).toHaveLength(2);
  });
});
