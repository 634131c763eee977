// The fake Hub's repositories of one type (models, datasets or Spaces), with renames:
// each keeps its `_id` across renames, and its former ids lead to it (the Hub answers
// them with a 307). Shapes of the answers live beside each type.

/** What every stored repository has: its ids, whether it is hidden, and the fields its answers leave out. */
export interface HubRepoRecord {
  /** 24 hex characters: the Hub's stable id, kept across renames. */
  _id: string;
  /** `org/name`, or a legacy id without an org. */
  id: string;
  private: boolean;
  omit: readonly string[];
}

export type RepoLookup<R> = { found: 'current' | 'renamed'; repo: R } | { found: 'none' };

export class HubRepoStore<R extends HubRepoRecord> {
  private repos = new Map<string, R>(); // by _id, in insertion order
  private formerIds = new Map<string, string>(); // lower-cased old id → _id

  /** `noun` names the type in the fake's own errors ("no dataset x"). */
  constructor(private readonly noun: string) {}

  insert(repo: R): void {
    if (!/^[0-9a-f]{24}$/.test(repo._id)) throw new Error(`fake Hub: _id must be 24 hex characters, got ${repo._id}`);
    if (this.repos.has(repo._id)) throw new Error(`fake Hub: _id ${repo._id} already exists`);
    if (this.byCurrentId(repo.id)) throw new Error(`fake Hub: ${this.noun} ${repo.id} already exists`);
    this.repos.set(repo._id, repo);
  }

  update(id: string, patch: Partial<Omit<R, '_id' | 'id'>>): void {
    const repo = this.mustFind(id);
    for (const [key, value] of Object.entries(patch)) if (value !== undefined) Object.assign(repo, { [key]: value });
  }

  rename(oldId: string, newId: string): void {
    const repo = this.mustFind(oldId);
    const clash = this.byCurrentId(newId);
    if (clash && clash !== repo) throw new Error(`fake Hub: ${this.noun} ${newId} already exists`);
    this.formerIds.set(repo.id.toLowerCase(), repo._id);
    this.formerIds.delete(newId.toLowerCase());
    repo.id = newId;
  }

  delete(id: string): void {
    this.repos.delete(this.mustFind(id)._id);
  }

  /** Case-insensitive, answering the stored spelling (whether the Hub redirects case mismatches is unverified). */
  lookup(id: string): RepoLookup<R> {
    const current = this.byCurrentId(id);
    if (current) return { found: 'current', repo: current };
    const former = this.formerIds.get(id.toLowerCase());
    const repo = former === undefined ? undefined : this.repos.get(former);
    return repo ? { found: 'renamed', repo } : { found: 'none' };
  }

  all(): R[] {
    return [...this.repos.values()];
  }

  private byCurrentId(id: string): R | undefined {
    const wanted = id.toLowerCase();
    for (const repo of this.repos.values()) if (repo.id.toLowerCase() === wanted) return repo;
    return undefined;
  }

  private mustFind(id: string): R {
    const repo = this.byCurrentId(id);
    if (!repo) throw new Error(`fake Hub: no ${this.noun} ${id}`);
    return repo;
  }
}

/** `expand` values of a query (`expand=a&expand=b`, or `expand[]=a`), and those not in `expandable`, which the Hub refuses. */
export function expandParamsOf(params: URLSearchParams, expandable: ReadonlySet<string>): { fields: string[]; unknown: string[] } {
  const fields = [...params.getAll('expand'), ...params.getAll('expand[]')];
  return { fields, unknown: fields.filter((field) => !expandable.has(field)) };
}

/** With `expand`, only `_id`, `id` and the expanded fields (those the fake holds) come back, less those the repository omits. */
export function expandedAnswer(repo: HubRepoRecord, full: Record<string, unknown>, fields: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { _id: repo._id, id: repo.id };
  for (const field of fields) if (field in full) out[field] = full[field];
  return withoutOmitted(repo, out);
}

export function withoutOmitted(repo: HubRepoRecord, answer: Record<string, unknown>): Record<string, unknown> {
  for (const field of repo.omit) delete answer[field];
  // `modelId` repeats a model's `id`: an answer without one has neither.
  if (repo.omit.includes('id')) delete answer.modelId;
  return answer;
}
