import { httpOptions, setting, type Upstream } from '../../clients/upstream.ts';
import { createModelScopeClient, type ModelScopeClient } from './modelscope-client.ts';

/** ModelScope's model API, one model per call. */
export const modelscopeUpstream: Upstream<ModelScopeClient> = {
  name: 'modelscope',
  environment: [{ name: 'MODELSCOPE_ENDPOINT', meaning: 'ModelScope root', default: '`https://modelscope.cn`', holds: 'url' }],
  createClient: (context) =>
    createModelScopeClient({
      ...httpOptions(context, 'modelscope'),
      endpoint: setting(context.env, 'MODELSCOPE_ENDPOINT'),
      secondMs: context.secondMs,
    }),
};
