import { z } from 'zod';
import { countIn } from '../../clients/answer-count.ts';
import { checkImageName } from './image-names.ts';

/** One repository as `GET /v2/namespaces/{namespace}/repositories/{repository}` answers it. */
export interface RepositorySnapshot {
  /** `namespace/name` as Docker Hub answered it; undefined when that is not a name Docker Hub could have. */
  name: string | undefined;
  /** All-time pulls (`pull_count`); undefined when the answer left it out. */
  pulls: number | undefined;
  /** Stars (`star_count`); undefined when the answer left it out. */
  stars: number | undefined;
}

// The figures are read one by one (`countIn`): a field left out fails its metric alone.
// `name` and `namespace` are required in the API description and in every recorded answer.
const repositoryAnswer = z.object({
  name: z.string(),
  namespace: z.string(),
  pull_count: z.unknown().optional(),
  star_count: z.unknown().optional(),
});

/** Docker Hub's error body (`error` in its API description): `{"message":"object not found","errinfo":{}}`. */
const errorAnswer = z.object({ message: z.string().min(1) }).or(z.object({ detail: z.string().min(1) }));

/** The repository's figures, or undefined when the answer is not a repository. */
export function readRepository(body: unknown): RepositorySnapshot | undefined {
  const parsed = repositoryAnswer.safeParse(body);
  if (!parsed.success) return undefined;
  const { name, namespace, pull_count: pulls, star_count: stars } = parsed.data;
  const full = `${namespace}/${name}`;
  return {
    // Only a name Docker Hub could have: the answer's spelling becomes a key and a label.
    name: checkImageName(full) === undefined ? full : undefined,
    pulls: countIn(pulls),
    stars: countIn(stars),
  };
}

/** The words of an error answer (`message`, else `detail`), for messages. */
export function errorMessage(body: unknown): string | undefined {
  const parsed = errorAnswer.safeParse(body);
  if (!parsed.success) return undefined;
  return 'message' in parsed.data ? parsed.data.message : parsed.data.detail;
}
