import { httpOptions, setting, type Upstream } from '../../clients/upstream.ts';
import { createPypiJsonClient, type PypiJsonClient } from './pypi-json-client.ts';
import { createPypistatsClient, type PypistatsClient } from './pypistats-client.ts';

export interface PypiClients {
  /** pypistats.org: download counts, 30 requests a minute. */
  stats: PypistatsClient;
  /** PyPI's own JSON API: tells a project without downloads from one that does not exist. */
  json: PypiJsonClient;
}

/** PyPI downloads: pypistats for the counts, PyPI itself when pypistats has none. One queue for both. */
export const pypiUpstream: Upstream<PypiClients> = {
  name: 'pypi',
  environment: [
    { name: 'PYPISTATS_URL', meaning: 'pypistats root', default: '`https://pypistats.org`', holds: 'url' },
    {
      name: 'PYPI_URL',
      meaning: 'PyPI root (its JSON API tells a project without downloads from one that does not exist)',
      default: '`https://pypi.org`',
      holds: 'url',
    },
  ],
  createClient: (context) => ({
    stats: createPypistatsClient({
      ...httpOptions(context, 'pypi'),
      baseUrl: setting(context.env, 'PYPISTATS_URL'),
      minIntervalMs: context.intervalMs.pypi,
      secondMs: context.secondMs,
    }),
    json: createPypiJsonClient({ ...httpOptions(context, 'pypi-json'), baseUrl: setting(context.env, 'PYPI_URL') }),
  }),
};
