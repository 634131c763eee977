import { type FieldNode, parse, print, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildRepositoriesQuery, type GraphqlDocument } from '../../../../jobs/sources/github/github-graphql.ts';
import { githubSchema } from '../../../fake-upstream/github-schema.ts';

const SCALARS = ['databaseId', 'nameWithOwner', 'stargazerCount', 'forkCount', 'isArchived'];

/** Each alias: the field it reads, its arguments (as printed) and its selections (printed). */
function aliases(document: GraphqlDocument): Record<string, { field: string; args: string[]; selects: string[] }> {
  const definition = parse(document.query).definitions[0];
  if (definition?.kind !== 'OperationDefinition') throw new Error('not an operation');
  return Object.fromEntries(
    definition.selectionSet.selections.map((selection) => {
      const field = selection as FieldNode;
      return [
        field.alias?.value ?? field.name.value,
        {
          field: field.name.value,
          args: (field.arguments ?? []).map((arg) => `${arg.name.value}: ${print(arg.value)}`),
          selects: (field.selectionSet?.selections ?? []).map((inner) => print(inner)),
        },
      ];
    }),
  );
}

const valid = (document: GraphqlDocument) => validate(githubSchema(), parse(document.query)).map((error) => error.message);

describe('buildRepositoriesQuery', () => {
  it('asks one aliased repository per name, owner and name as variables, the counts only of `withCounts`', () => {
    const document = buildRepositoriesQuery(['alpha/one', 'beta/two', 'gamma/three'], new Set(['beta/two']));
    expect(document.variables).toEqual({ o0: 'alpha', n0: 'one', o1: 'beta', n1: 'two', o2: 'gamma', n2: 'three' });
    expect(aliases(document)).toEqual({
      r0: { field: 'repository', args: ['owner: $o0', 'name: $n0'], selects: SCALARS },
      r1: { field: 'repository', args: ['owner: $o1', 'name: $n1'], selects: [...SCALARS, 'watchers {\n  totalCount\n}', 'issues(states: OPEN) {\n  totalCount\n}'] },
      r2: { field: 'repository', args: ['owner: $o2', 'name: $n2'], selects: SCALARS },
    });
    expect(valid(document)).toEqual([]);
  });

  it('leaves out the connections GitHub refused, and all of them when every one was', () => {
    const names = ['alpha/one', 'beta/two'];
    const withCounts = new Set(names);
    const issuesOnly = buildRepositoriesQuery(names, withCounts, ['issues']);
    expect(aliases(issuesOnly).r0?.selects).toEqual([...SCALARS, 'issues(states: OPEN) {\n  totalCount\n}']);
    expect(aliases(issuesOnly).r1?.selects).toEqual([...SCALARS, 'issues(states: OPEN) {\n  totalCount\n}']);
    expect(valid(issuesOnly)).toEqual([]);

    const none = buildRepositoriesQuery(names, withCounts, []);
    expect(Object.values(aliases(none)).map((alias) => alias.selects)).toEqual([SCALARS, SCALARS]);
    expect(valid(none)).toEqual([]);
  });

  it('keeps names out of the query text, whatever characters they hold', () => {
    const hostile = 'q"zx/zy}) { viewer { login } #';
    const document = buildRepositoriesQuery([hostile], new Set([hostile]));
    expect(document.variables).toEqual({ o0: 'q"zx', n0: 'zy}) { viewer { login } #' });
    expect(document.query).not.toMatch(/zx|zy|viewer|"/);
    expect(valid(document)).toEqual([]);
  });

  it('declares every variable it uses, as a non-null String, for up to 100 aliases', () => {
    const names = Array.from({ length: 100 }, (_, i) => `owner${i}/repo${i}`);
    const document = buildRepositoriesQuery(names, new Set(names.filter((_, i) => i % 2 === 0)));
    expect(valid(document)).toEqual([]);
    expect(Object.keys(aliases(document))).toHaveLength(100);
    expect(document.variables.o99).toBe('owner99');
    expect(document.variables.n99).toBe('repo99');
    const definition = parse(document.query).definitions[0];
    const declared = definition?.kind === 'OperationDefinition' ? (definition.variableDefinitions ?? []).map((v) => `${v.variable.name.value}: ${print(v.type)}`) : [];
    expect(declared).toHaveLength(200);
    expect(new Set(declared.map((d) => d.split(': ')[1]))).toEqual(new Set(['String!']));
  });
});
