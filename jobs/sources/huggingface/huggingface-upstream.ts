import { httpOptions, setting, type Upstream } from '../../clients/upstream.ts';
import { createHuggingFaceClient, type HuggingFaceClient } from './huggingface-client.ts';

/** The Hugging Face Hub's model, dataset and Space API. */
export const huggingfaceUpstream: Upstream<HuggingFaceClient> = {
  name: 'huggingface',
  environment: [
    { name: 'HF_TOKEN', meaning: 'Hugging Face token (`hf_...`)', default: 'unset: anonymous', holds: 'secret' },
    { name: 'HF_ENDPOINT', meaning: 'Hugging Face Hub root', default: '`https://huggingface.co`', holds: 'url' },
  ],
  createClient(context) {
    const token = setting(context.env, 'HF_TOKEN');
    if (token && !token.startsWith('hf_')) context.log.warn('HF_TOKEN does not start with hf_; the Hub will likely refuse it');
    return createHuggingFaceClient({
      ...httpOptions(context, 'huggingface'),
      endpoint: setting(context.env, 'HF_ENDPOINT'),
      token,
      secondMs: context.secondMs,
      log: context.log,
    });
  },
};
