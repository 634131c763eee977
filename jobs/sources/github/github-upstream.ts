import { setting, type Upstream } from '../../clients/upstream.ts';
import { createGitHubClient, type GitHubClient } from './github-client.ts';
import { createEtagCache } from './etag-cache.ts';
import { githubPacingCeilings, pacingDefault } from './github-pacing-env.ts';

/** GITHUB_TOKEN may hold several tokens separated by commas: a pool. */
export function githubTokens(env: NodeJS.ProcessEnv): string[] {
  return (env.GITHUB_TOKEN ?? '')
    .split(',')
    .map((token) => token.trim())
    .filter((token) => token.length > 0);
}

/** GitHub: GraphQL with a token (REST without), one client for repositories and searches. */
export const githubUpstream: Upstream<GitHubClient> = {
  name: 'github',
  environment: [
    {
      name: 'GITHUB_TOKEN',
      meaning: 'one token, or several separated by commas (a pool: used in turn; a refused or spent token is skipped)',
      default: 'unset: REST only, 60 requests/hour, a warning',
      holds: 'secret',
    },
    { name: 'GITHUB_API_URL', meaning: 'GitHub API root (GitHub Enterprise: `https://HOST/api/v3`)', default: '`https://api.github.com`', holds: 'url' },
    // The pacing ceilings, per token (see github-pacing.ts).
    {
      name: 'OSS_PULSE_GITHUB_IN_FLIGHT',
      meaning: 'GitHub requests in flight at once, per token (GitHub allows 100, REST and GraphQL together)',
      default: `\`${pacingDefault('OSS_PULSE_GITHUB_IN_FLIGHT')}\``,
    },
    {
      name: 'OSS_PULSE_GRAPHQL_POINTS',
      meaning: 'GitHub GraphQL points per minute, per token (a query is 1; GitHub allows 2,000)',
      default: `\`${pacingDefault('OSS_PULSE_GRAPHQL_POINTS')}\``,
    },
    {
      name: 'OSS_PULSE_REST_POINTS',
      meaning: 'GitHub REST points per minute, per token (a GET is 1; GitHub allows 900)',
      default: `\`${pacingDefault('OSS_PULSE_REST_POINTS')}\``,
    },
    {
      name: 'OSS_PULSE_GRAPHQL_SECONDS',
      meaning: 'seconds of GitHub GraphQL response time per minute, per token (GitHub allows 60 s of CPU time, which it estimates from response time)',
      default: `\`${pacingDefault('OSS_PULSE_GRAPHQL_SECONDS')}\``,
    },
    {
      name: 'OSS_PULSE_GITHUB_SECONDS',
      meaning: 'seconds of GitHub response time per minute, per token, REST and GraphQL together (GitHub allows 90 s of CPU time)',
      default: `\`${pacingDefault('OSS_PULSE_GITHUB_SECONDS')}\``,
    },
  ],
  checkEnvironment: (env) => void githubPacingCeilings(env),
  createClient: (context) =>
    createGitHubClient({
      retry: context.retry,
      onResponse: context.onResponse,
      gate: context.gate,
      timeoutMs: context.timeoutMs,
      fetch: context.fetchFor('github'),
      baseUrl: setting(context.env, 'GITHUB_API_URL'),
      tokens: githubTokens(context.env),
      etagCache: createEtagCache(context.db, context.now),
      secondMs: context.secondMs,
      searchIntervalMs: context.intervalMs.github,
      pacing: { ceilings: githubPacingCeilings(context.env) },
      log: context.log,
    }),
  advice: (env) =>
    githubTokens(env).length === 0
      ? 'GITHUB_TOKEN is not set: using GitHub REST without a token (60 requests/hour, 10 searches/minute); the organisations of github.orgs are not listed and the release downloads of github.releases are not collected. Set GITHUB_TOKEN to raise the limits, batch requests through GraphQL, list organisations and count release downloads.'
      : undefined,
  pooled: (env) => githubTokens(env).length > 1,
};
