import { httpOptions, setting, type Upstream } from '../../clients/upstream.ts';
import { createNpmClient, type NpmClient } from './npm-client.ts';

/** npm's download counts API. */
export const npmUpstream: Upstream<NpmClient> = {
  name: 'npm',
  environment: [{ name: 'NPM_DOWNLOADS_URL', meaning: 'npm download counts API root', default: '`https://api.npmjs.org`', holds: 'url' }],
  createClient: (context) => createNpmClient({ ...httpOptions(context, 'npm'), baseUrl: setting(context.env, 'NPM_DOWNLOADS_URL') }),
};
