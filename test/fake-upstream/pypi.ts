// The fake PyPI JSON API (pypi.org): `GET /pypi/{project}/json`, in the real answer's
// shape (`info`, `last_serial`, `releases`, `urls`, `vulnerabilities`; files with
// `digests`, `upload_time_iso_8601`, ...; the deprecated download figures at -1).
// Projects are found by their PEP 503 name; a request spelling the name otherwise
// than the project displays it gets a 301 to that spelling, as Warehouse answers.
// A project PyPI does not know (or one without a release) is a 404 with the JSON
// body `{"message": "Not Found"}`. PyPI publishes no rate limits for this API.
import { createHash } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import { type CommonFault, FaultQueue, type FaultRule } from './faults.ts';
import { decodePath, jsonReply, rawReply, textReply, type FakeRequest, type Reply } from './http-helpers.ts';
import type { UpstreamHandler } from './upstream-server.ts';

export type PypiFault = CommonFault;

export interface PypiProjectInput {
  /** The latest version, the only release listed. @defaultValue '1.0.0' */
  version?: string;
  /** @defaultValue '' */
  summary?: string;
  /** `info.home_page`, also listed in `info.project_urls`; none when empty. @defaultValue '' */
  homePage?: string;
  /** When the release's files were uploaded (ISO 8601). @defaultValue '2026-01-05T10:00:00.000000Z' */
  uploadedAt?: string;
}

interface PypiProject extends Required<PypiProjectInput> {
  /** As the project displays it (`info.name`). */
  name: string;
  serial: number;
}

export class FakePypi {
  /** Base URL, for `PYPI_URL`. Set once the server listens. */
  url = '';
  readonly faults = new FaultQueue<PypiFault>();
  /** PEP 503 name → project. */
  private readonly projects = new Map<string, PypiProject>();
  private nextSerial = 20_000_000;

  /** `name` is the display name (`info.name`), any spelling of which finds the project. */
  addProject(name: string, input: PypiProjectInput = {}): void {
    const key = normalize(name);
    if (this.projects.has(key)) throw new Error(`fake PyPI: ${name} already exists`);
    this.projects.set(key, {
      name,
      version: input.version ?? '1.0.0',
      summary: input.summary ?? '',
      homePage: input.homePage ?? '',
      uploadedAt: input.uploadedAt ?? '2026-01-05T10:00:00.000000Z',
      serial: this.nextSerial++,
    });
  }

  deleteProject(name: string): void {
    if (!this.projects.delete(normalize(name))) throw new Error(`fake PyPI: no project ${name}`);
  }

  inject(rule: FaultRule<PypiFault>): void {
    this.faults.inject(rule);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  /** @internal The request handler, given to the server by `startFakeUpstream`. */
  readonly handler: UpstreamHandler<PypiFault> = {
    handle: (request) => this.route(request),
    replyToFault: (fault) =>
      fault.body === undefined ? textReply(fault.status, STATUS_CODES[fault.status] ?? 'Server Error') : rawReply(fault.status, fault.body),
  };

  private route(request: FakeRequest): Reply {
    const match = /^\/pypi\/([^/]+)\/json\/?$/.exec(request.path);
    const project = match && request.method === 'GET' ? this.projects.get(normalize(decodePath(match[1] ?? ''))) : undefined;
    if (!match || !project) return jsonReply(404, { message: 'Not Found' });
    if (decodePath(match[1] ?? '') !== project.name) {
      return { status: 301, headers: { location: `/pypi/${encodeURIComponent(project.name)}/json` }, body: '' };
    }
    return jsonReply(200, projectAnswer(project), { 'x-pypi-last-serial': String(project.serial) });
  }
}

/** PEP 503: lowercase, runs of `.`, `_` and `-` become one `-`. */
const normalize = (name: string): string => name.replace(/[-_.]+/g, '-').toLowerCase();

function projectAnswer(project: PypiProject) {
  const page = `https://pypi.org/project/${project.name}/`;
  const files = [releaseFile(project, 'bdist_wheel'), releaseFile(project, 'sdist')];
  return {
    info: {
      author: '',
      author_email: '',
      bugtrack_url: null,
      classifiers: [],
      description: '',
      description_content_type: '',
      docs_url: null,
      download_url: '',
      downloads: { last_day: -1, last_month: -1, last_week: -1 },
      home_page: project.homePage,
      keywords: '',
      license: '',
      maintainer: '',
      maintainer_email: '',
      name: project.name,
      package_url: page,
      platform: '',
      project_url: page,
      project_urls: project.homePage ? { Homepage: project.homePage } : null,
      release_url: `${page}${project.version}/`,
      requires_dist: null,
      requires_python: '>=3.9',
      summary: project.summary,
      version: project.version,
      yanked: false,
      yanked_reason: null,
    },
    last_serial: project.serial,
    releases: { [project.version]: files },
    urls: files,
    vulnerabilities: [],
  };
}

function releaseFile(project: PypiProject, packagetype: 'bdist_wheel' | 'sdist') {
  const stem = `${normalize(project.name).replace(/-/g, '_')}-${project.version}`;
  const filename = packagetype === 'sdist' ? `${stem}.tar.gz` : `${stem}-py3-none-any.whl`;
  const md5 = createHash('md5').update(filename).digest('hex');
  const sha256 = createHash('sha256').update(filename).digest('hex');
  return {
    comment_text: '',
    digests: { md5, sha256 },
    downloads: -1,
    filename,
    has_sig: false,
    md5_digest: md5,
    packagetype,
    python_version: packagetype === 'sdist' ? 'source' : 'py3',
    requires_python: '>=3.9',
    size: 10_000,
    upload_time: project.uploadedAt.slice(0, 19),
    upload_time_iso_8601: project.uploadedAt,
    url: `https://files.pythonhosted.org/packages/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256.slice(4)}/${filename}`,
    yanked: false,
    yanked_reason: null,
  };
}
