import { z } from 'zod';
import { createHttpClient, type HttpClientOptions } from '../../clients/http-json.ts';
import { SourceError } from '../../clients/source-error.ts';

export interface PypiProject {
  /** The name as PyPI displays it (`info.name`): for messages, never a key (the configured name stays the key). */
  name: string;
}

export interface PypiJsonClientOptions extends HttpClientOptions {
  /** PyPI's root (`PYPI_URL`). @defaultValue 'https://pypi.org' */
  baseUrl?: string;
}

/** PyPI's own JSON API (`/pypi/{name}/json`), not pypistats: it says whether a project exists. */
export interface PypiJsonClient {
  /** The project as PyPI knows it; one PyPI does not know throws `SourceError('not_found')`. */
  fetchProject(name: string): Promise<PypiProject>;
}

// The answer also lists every release's files (megabytes for big projects); only the name is read.
const project = z.object({ info: z.object({ name: z.string().min(1) }) });

export function createPypiJsonClient(options: PypiJsonClientOptions = {}): PypiJsonClient {
  const baseUrl = (options.baseUrl ?? 'https://pypi.org').replace(/\/+$/, '');
  const http = createHttpClient('pypi-json', options);

  return {
    async fetchProject(name) {
      // Asked as configured: PyPI answers a spelling other than its own with a 301 to it, which fetch follows.
      const answer = await http.getJson(`${baseUrl}/pypi/${encodeURIComponent(name)}/json`, { passStatuses: [404] });
      // The 404 is `{"message": "Not Found"}`; a project without any release answers it too.
      if (answer.status === 404) throw new SourceError('not_found', `PyPI project ${name} not found`, { status: 404 });
      const parsed = project.safeParse(answer.body);
      if (!parsed.success) throw new SourceError('parse', `unexpected PyPI JSON answer for ${name}`);
      return { name: parsed.data.info.name };
    },
  };
}
