import type { SourceName, SubjectKind } from '../config/config.ts';
import { githubReposJob } from './sources/github/github-repos-job.ts';
import { githubSearchJob } from './sources/github/github-search-job.ts';
import { huggingfaceJob } from './sources/huggingface/huggingface-job.ts';
import { modelscopeJob } from './sources/modelscope/modelscope-job.ts';
import { npmJob } from './sources/npm/npm-job.ts';
import { pypiJob } from './sources/pypi/pypi-job.ts';
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
