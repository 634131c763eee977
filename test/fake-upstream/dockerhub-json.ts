// The repository object of the fake Docker Hub, with the keys of `repository_info` in
// Docker Hub's API description (docker/docs, content/reference/api/hub/latest.yaml)
// and of a recorded anonymous answer (see test/fixtures/recorded/dockerhub/): fields
// the fake has no data for are fixed, as for a public image repository without them.
import type { FakeDockerRepository } from './dockerhub.ts';

const REGISTERED = '2023-10-05T18:42:30.562715Z';
const UPDATED = '2026-11-27T09:14:05.118632Z';

export function repositoryJson(repository: FakeDockerRepository) {
  const { namespace, name } = repository.answeredAs;
  return {
    user: namespace,
    name,
    namespace,
    repository_type: 'image',
    status: 1,
    status_description: 'active',
    description: repository.description,
    is_private: false,
    is_automated: false,
    ...(!repository.omit.includes('star_count') && { star_count: repository.stars }),
    ...(!repository.omit.includes('pull_count') && { pull_count: repository.pulls }),
    last_updated: repository.lastUpdated ?? UPDATED,
    last_modified: repository.lastUpdated ?? UPDATED,
    date_registered: REGISTERED,
    collaborator_count: 0,
    affiliation: null,
    hub_user: namespace,
    has_starred: false,
    ...(repository.fullDescription !== undefined && { full_description: repository.fullDescription }),
    // What an anonymous caller may do: read.
    permissions: { read: true, write: false, admin: false },
    media_types: ['application/vnd.oci.image.index.v1+json'],
    content_types: ['image'],
    categories: repository.categories,
    immutable_tags_settings: { enabled: false, rules: [] as string[] },
    storage_size: 4_283_051_233,
    source: null,
  };
}
