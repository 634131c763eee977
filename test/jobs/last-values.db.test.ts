import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLastValues } from '../../jobs/last-values.ts';
import { type DatabaseHandle, openPostgres } from '../../schema/db.ts';
import { createMigratedTestDatabase, sqlRows } from '../helpers/database.ts';

describe('readLastValues', () => {
  let db: { url: string; drop(): Promise<void> };
  let handle: DatabaseHandle;

  beforeAll(async () => {
    db = await createMigratedTestDatabase();
    handle = openPostgres(db.url);
    // 1: two samples; 2: renamed, known by its old names; 3: reuses 2's old name,
    // another metric only; 4: another kind under a search's name.
    await sqlRows(
      db.url,
      `INSERT INTO subjects (id, kind, key, label, aliases, first_seen_at) VALUES
         (1, 'github_search', 'llama', 'llama', '{}', now()),
         (2, 'github_search', 'llama language:python', 'py', '{llama lang:py,Llama Lang:Py}', now()),
         (3, 'github_search', 'reused', 'r', '{}', now()),
         (4, 'hf_model', 'gpt-4', 'g', '{}', now())`,
    );
    await sqlRows(db.url, `UPDATE subjects SET aliases = '{reused}' WHERE id = 1`);
    await sqlRows(
      db.url,
      `INSERT INTO samples (subject_id, metric, observed_at, value) VALUES
         (1, 'repositories', '2026-11-29T06:00:00Z', 5900), (1, 'repositories', '2026-11-30T06:00:00Z', 6000),
         (2, 'repositories', '2026-11-30T06:00:00Z', 700), (3, 'other', '2026-11-30T06:00:00Z', 1),
         (4, 'repositories', '2026-11-30T06:00:00Z', 9)`,
    );
    // What the write path keeps beside samples: each series' newest sample.
    await sqlRows(
      db.url,
      `INSERT INTO series (subject_id, metric, first_observed_at, last_observed_at, last_value, last_origin)
       SELECT DISTINCT ON (subject_id, metric) subject_id, metric, observed_at, observed_at, value, 'observed'
       FROM samples ORDER BY subject_id, metric, observed_at DESC`,
    );
  });
  afterAll(async () => {
    await handle.close();
    await db.drop();
  });

  const lastValues = (keys: string[]) => readLastValues(handle.db, { kind: 'github_search', metric: 'repositories', keys });

  it("answers each key's newest stored figure, leaving out keys without one", async () => {
    expect(await lastValues(['llama', 'gpt-4', 'never/seen'])).toEqual(new Map([['llama', 6000]]));
  });

  it('finds a renamed subject by any of its old names', async () => {
    expect(await lastValues(['llama lang:py', 'Llama Lang:Py', 'llama language:python'])).toEqual(
      new Map([
        ['llama lang:py', 700],
        ['Llama Lang:Py', 700],
        ['llama language:python', 700],
      ]),
    );
  });

  it('prefers the subject that holds a name now over one that held it before', async () => {
    expect(await lastValues(['reused'])).toEqual(new Map());
  });

  it('answers nothing for no keys', async () => {
    expect(await lastValues([])).toEqual(new Map());
  });
});
