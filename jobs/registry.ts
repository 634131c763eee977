import type { SourceName, SubjectKind } from '../workers/config.ts';
import { githubReposJob } from './github-repos.ts';
import { githubSearchJob } from './github-search.ts';
import { huggingfaceJob } from './huggingface.ts';
import { modelscopeJob } from './modelscope.ts';
import { npmJob } from './npm.ts';
import { pypiJob } from './pypi.ts';
import type { SourceJob } from './source-job.ts';

/** Every collection source and the job that serves it. Adding a source: one job, one client, one line here. */
export const SOURCE_JOBS: Record<SourceName, SourceJob> = {
  'github-repos': githubReposJob as SourceJob,
  'github-search': githubSearchJob as SourceJob,
  huggingface: huggingfaceJob as SourceJob,
  modelscope: modelscopeJob as SourceJob,
  npm: npmJob as SourceJob,
  pypi: pypiJob as SourceJob,
};

/** The kind of subject each source collects. */
export const SOURCE_KIND: Record<SourceName, SubjectKind> = {
  'github-repos': 'github_repo',
  'github-search': 'github_search',
  huggingface: 'hf_model',
  modelscope: 'modelscope_model',
  npm: 'npm_package',
  pypi: 'pypi_package',
};
