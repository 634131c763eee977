import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keysSampledSince } from '../../jobs/sampled-since.ts';
import { type DatabaseHandle, openPostgres } from '../../schema/db.ts';
import { createMigratedTestDatabase, sqlRows } from '../helpers/database.ts';

const SINCE = new Date('2026-11-30T00:00:00Z');
const TODAY = '2026-11-30T06:00:00Z';
const YESTERDAY = '2026-11-29T18:00:00Z';

describe('keysSampledSince', () => {
  let db: { url: string; drop(): Promise<void> };
  let handle: DatabaseHandle;

  beforeAll(async () => {
    db = await createMigratedTestDatabase();
    handle = openPostgres(db.url);
    // id 1: counted today; 2: only yesterday; 3: only stars today; 4: renamed, counted today;
    // 5: reuses 4's old name, not counted; 6: another kind under a repository's name.
    await sqlRows(
      db.url,
      `INSERT INTO subjects (id, kind, key, label, aliases, first_seen_at) VALUES
         (1, 'github_repo', 'a/counted', 'a', '{}', $1),
         (2, 'github_repo', 'a/yesterday', 'a', '{}', $1),
         (3, 'github_repo', 'a/stars-only', 'a', '{}', $1),
         (4, 'github_repo', 'new/name', 'a', '{old/name,Old/Spelling}', $1),
         (5, 'github_repo', 'reused/name', 'a', '{}', $1),
         (6, 'hf_model', 'a/yesterday', 'a', '{}', $1)`,
      [YESTERDAY],
    );
    await sqlRows(db.url, `UPDATE subjects SET aliases = '{reused/name}' WHERE id = 1`);
    await sqlRows(
      db.url,
      `INSERT INTO samples (subject_id, metric, observed_at, value) VALUES
         (1, 'watchers', $1, 1), (2, 'watchers', $2, 1), (3, 'stars', $1, 1), (4, 'watchers', $1, 1), (6, 'watchers', $1, 1)`,
      [TODAY, YESTERDAY],
    );
    // What the write path keeps beside samples: each series' newest sample.
    await sqlRows(
      db.url,
      `INSERT INTO series (subject_id, metric, first_observed_at, last_observed_at, last_value, last_origin)
       SELECT subject_id, metric, min(observed_at), max(observed_at), 1, 'observed' FROM samples GROUP BY subject_id, metric`,
    );
  });
  afterAll(async () => {
    await handle.close();
    await db.drop();
  });

  const sampled = (keys: string[]) => keysSampledSince(handle.db, { kind: 'github_repo', metric: 'watchers', keys, since: SINCE });

  it('answers the keys whose subject has a sample of the metric since the instant', async () => {
    expect(await sampled(['a/counted', 'a/yesterday', 'a/stars-only', 'never/seen'])).toEqual(new Set(['a/counted']));
  });

  it('finds a renamed subject by any of its old names', async () => {
    expect(await sampled(['old/name', 'Old/Spelling', 'new/name'])).toEqual(new Set(['old/name', 'Old/Spelling', 'new/name']));
  });

  it('prefers the subject that holds a name now over one that held it before', async () => {
    expect(await sampled(['reused/name'])).toEqual(new Set());
  });

  it('answers nothing for no keys', async () => {
    expect(await sampled([])).toEqual(new Set());
  });
});
