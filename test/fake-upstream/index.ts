// A local stand-in for GitHub (REST + GraphQL), the Hugging Face Hub, ModelScope, the
// npm download counts API, pypistats, PyPI's JSON API, Docker Hub and crates.io, speaking their real shapes,
// headers, limits and errors, for tests that point the real clients (Octokit, fetch) at 127.0.0.1.
//
//   const up = await startFakeUpstream({ now: () => clock });
//   up.github.addToken('ghp_a'); up.github.addRepo({ id: 1, fullName: 'o/r', ... });
//   process.env = { ...process.env, ...up.env() };
//   ...
//   await up.close();
import { FakeCrates } from './crates.ts';
import { FakeDockerHub } from './dockerhub.ts';
import { FakeGitHub } from './github.ts';
import { FakeHuggingFace } from './huggingface.ts';
import { FakeModelScope } from './modelscope.ts';
import { FakeNpm } from './npm.ts';
import { FakePypi } from './pypi.ts';
import { FakePypistats } from './pypistats.ts';
import { startUpstreamServer, type RecordedRequest } from './upstream-server.ts';

export interface FakeUpstreamOptions {
  /**
   * The clock for rate-limit windows and reset times (epoch ms). Clients compute
   * waits from `x-ratelimit-reset` against their own clock, so keep it near real time
   * when a client is expected to wait. @defaultValue Date.now
   */
  now?: () => number;
}

export interface FakeUpstream {
  github: FakeGitHub;
  huggingface: FakeHuggingFace;
  modelscope: FakeModelScope;
  npm: FakeNpm;
  pypistats: FakePypistats;
  pypi: FakePypi;
  dockerhub: FakeDockerHub;
  crates: FakeCrates;
  /** Every request received, in arrival order, faulted ones included. */
  readonly requests: RecordedRequest[];
  clearRequests(): void;
  /** `{ GITHUB_API_URL, HF_ENDPOINT, MODELSCOPE_ENDPOINT, NPM_DOWNLOADS_URL, PYPISTATS_URL, PYPI_URL, DOCKERHUB_URL, CRATES_URL }` pointing at the fakes. */
  env(): {
    GITHUB_API_URL: string;
    HF_ENDPOINT: string;
    MODELSCOPE_ENDPOINT: string;
    NPM_DOWNLOADS_URL: string;
    PYPISTATS_URL: string;
    PYPI_URL: string;
    DOCKERHUB_URL: string;
    CRATES_URL: string;
  };
  /** Stops the servers, dropping open connections and delayed answers. */
  close(): Promise<void>;
}

export async function startFakeUpstream(options: FakeUpstreamOptions = {}): Promise<FakeUpstream> {
  const now = options.now ?? Date.now;
  const requests: RecordedRequest[] = [];
  const github = new FakeGitHub(now);
  const huggingface = new FakeHuggingFace(now);
  const modelscope = new FakeModelScope();
  const npm = new FakeNpm(now);
  const pypistats = new FakePypistats(now);
  const pypi = new FakePypi();
  const dockerhub = new FakeDockerHub(now);
  const crates = new FakeCrates(now);
  const servers = await Promise.all([
    startUpstreamServer({ name: 'github', handler: github.handler, faults: github.faults, log: requests, now }),
    startUpstreamServer({ name: 'huggingface', handler: huggingface.handler, faults: huggingface.faults, log: requests, now }),
    startUpstreamServer({ name: 'modelscope', handler: modelscope.handler, faults: modelscope.faults, log: requests, now }),
    startUpstreamServer({ name: 'npm', handler: npm.handler, faults: npm.faults, log: requests, now }),
    startUpstreamServer({ name: 'pypistats', handler: pypistats.handler, faults: pypistats.faults, log: requests, now }),
    startUpstreamServer({ name: 'pypi', handler: pypi.handler, faults: pypi.faults, log: requests, now }),
    startUpstreamServer({ name: 'dockerhub', handler: dockerhub.handler, faults: dockerhub.faults, log: requests, now }),
    startUpstreamServer({ name: 'crates', handler: crates.handler, faults: crates.faults, log: requests, now }),
  ]);
  const urls = servers.map((server) => server.url) as [string, string, string, string, string, string, string, string];
  [github.url, huggingface.url, modelscope.url, npm.url, pypistats.url, pypi.url, dockerhub.url, crates.url] = urls;
  return {
    github,
    huggingface,
    modelscope,
    npm,
    pypistats,
    pypi,
    dockerhub,
    crates,
    requests,
    clearRequests: () => {
      requests.length = 0; // keep the same array, which tests may hold
    },
    env: () => ({
      GITHUB_API_URL: github.url,
      HF_ENDPOINT: huggingface.url,
      MODELSCOPE_ENDPOINT: modelscope.url,
      NPM_DOWNLOADS_URL: npm.url,
      PYPISTATS_URL: pypistats.url,
      PYPI_URL: pypi.url,
      DOCKERHUB_URL: dockerhub.url,
      CRATES_URL: crates.url,
    }),
    close: async () => {
      await Promise.all(servers.map((server) => server.close()));
    },
  };
}

export type { BudgetSnapshot } from './rate-limit.ts';
export type { CrateInput, CratesFault } from './crates.ts';
export type { DockerHubFault, DockerHubRepositoryInput, DockerHubRepositoryPatch, RetryAfterStyle } from './dockerhub.ts';
export type { CommonFault, FaultMatch, FaultRule, GitHubFault, HuggingFaceFault, ModelScopeFault } from './faults.ts';
export type { GitHubResource, GitHubTokenLimits } from './github-accounts.ts';
export type { Refusal, SecondaryLimitRules, SecondaryLimitStats, SecondaryRule } from './github-secondary-limits.ts';
export type { GitHubRepoInput, GitHubRepoPatch, StarWeek } from './github-store.ts';
export type { HubLimits, HubRefusalCode, HubRepoType } from './huggingface.ts';
export type { HubModelInput, HubModelPatch } from './huggingface-models.ts';
export type { HubDatasetInput, HubDatasetPatch, HubSpaceInput, HubSpacePatch } from './huggingface-repos.ts';
export type { ModelScopeModelInput, ModelScopeModelPatch } from './modelscope.ts';
export type { NpmFault, NpmPackageInput } from './npm.ts';
export type { PypiFault, PypiProjectInput } from './pypi.ts';
export type { PypiDailyInput, PypiPackageInput, PypistatsFault } from './pypistats.ts';
export type { RecordedRequest } from './upstream-server.ts';
export type { FakeCrates, FakeDockerHub, FakeGitHub, FakeHuggingFace, FakeModelScope, FakeNpm, FakePypi, FakePypistats };
