// The release answers the collector reads, against answers GitHub really gave (Octokit's
// recorded fixtures), and the fake GitHub's releases against the same recordings; then
// the fake's charge for the release queries against GitHub's documented cost formula.
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReleaseAssetsQuery, buildReleasesQuery } from '../../../../jobs/sources/github/github-releases.ts';
import { queryCost } from '../../../fake-upstream/github-schema.ts';
import { type FakeUpstream, startFakeUpstream } from '../../../fake-upstream/index.ts';
import { keyPaths } from '../../../helpers/answer-shape.ts';
import { type RecordedAnswer, readRecorded } from '../../../helpers/recorded-answers.ts';

describe('GitHub releases: recorded answers, the client and the fake', () => {
  let release: RecordedAnswer;
  let assets: RecordedAnswer;
  let up: FakeUpstream;

  beforeAll(async () => {
    [release, assets] = await Promise.all([readRecorded('github/get-release-by-tag.json'), readRecorded('github/list-release-assets.json')]);
    up = await startFakeUpstream();
    up.github.addRepo({ id: 1000, fullName: 'octokit-fixture-org/release-assets', stars: 0, forks: 0, subscribers: 0, openIssues: 0, openPullRequests: 0 });
    up.github.setReleases('octokit-fixture-org/release-assets', [{ tag: 'v1.0.0', assets: [{ name: 'test-upload.txt', downloads: 42 }] }]);
  });
  afterAll(async () => {
    await up.close();
  });

  const get = async (path: string) => {
    const response = await fetch(`${up.github.url}${path}`);
    return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown>[] };
  };

  it('lists releases in the fake with every field GitHub recorded for a release, and assets with every asset field', async () => {
    const list = await get('/repos/octokit-fixture-org/release-assets/releases?per_page=100');
    expect(list.status).toBe(200);
    const [item] = list.body;
    expect(keyPaths({ ...item, assets: [] })).toEqual(expect.arrayContaining(keyPaths(release.response.body)));
    const releaseId = item?.id as number;
    const assetList = await get(`/repos/octokit-fixture-org/release-assets/releases/${releaseId}/assets`);
    expect(keyPaths(assetList.body)).toEqual(expect.arrayContaining(keyPaths(assets.response.body)));
    expect(keyPaths(item?.assets)).toEqual(keyPaths(assetList.body));
    expect(assetList.headers.get('content-type')).toBe(assets.response.headers['content-type']);
    expect(assetList.headers.get('x-ratelimit-resource')).toBe('core');
  });

  it('pages the REST lists with Link headers as GitHub writes them', async () => {
    up.github.setReleases(
      'octokit-fixture-org/release-assets',
      Array.from({ length: 5 }, (_, i) => ({ tag: `v${i}`, assets: [] })),
    );
    const first = await get('/repos/octokit-fixture-org/release-assets/releases?per_page=2');
    expect(first.body).toHaveLength(2);
    expect(first.headers.get('link')).toMatch(/<[^>]+\/releases\?per_page=2&page=2>; rel="next", <[^>]+page=3>; rel="last"/);
    const last = await get('/repos/octokit-fixture-org/release-assets/releases?per_page=2&page=3');
    expect(last.body).toHaveLength(1);
    expect(last.headers.get('link')).not.toContain('rel="next"');
  });

  it('charges the release queries by GitHub\'s formula: a nested connection once per parent node', () => {
    // releases(first: 100) is 1 request, releaseAssets(first: 100) inside it 100: 101 requests, 1 point.
    expect(queryCost(parse(buildReleasesQuery('ggml-org/llama.cpp', undefined).query))).toEqual({ cost: 1, connections: 101 });
    const followUps = Array.from({ length: 100 }, (_, i) => ({ releaseId: `R${i}`, after: 'c' }));
    expect(queryCost(parse(buildReleaseAssetsQuery(followUps).query))).toEqual({ cost: 1, connections: 100 });
    // Three repositories' releases in one query are three such pages: 303 requests, 3 points; no saving in aliases.
    const three = `{ ${[0, 1, 2].map((i) => `r${i}: repository(owner: "o", name: "r${i}") { releases(first: 100) { nodes { releaseAssets(first: 100) { totalCount } } } }`).join(' ')} }`;
    expect(queryCost(parse(three))).toEqual({ cost: 3, connections: 303 });
  });
});
