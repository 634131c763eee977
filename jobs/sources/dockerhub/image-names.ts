import { quote } from '../watchlist.ts';

// A path component of an image name, as the registry's reference grammar has it
// (distribution/reference: lowercase letters and digits, with `.`, `_`, `__` or runs
// of `-` between them). Docker Hub names every repository with two of them.
const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
/** The reference grammar's limit for a whole repository name. */
const NAME_MAX_LENGTH = 255;
/** Where Docker Hub keeps the official images, which `docker pull postgres` means. */
export const OFFICIAL_NAMESPACE = 'library';
/** Hosts that are Docker Hub itself, written before a name as `docker pull` accepts it. */
const HUB_HOSTS = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com', 'hub.docker.com']);

/** A host name with an optional port. */
const HOST = /^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*(?::\d+)?$/;

/** A first part that names a registry host (`ghcr.io`, `localhost:5000`), as the Docker CLI tells them apart. */
function isHost(part: string): boolean {
  return HOST.test(part) && (part.includes('.') || part.includes(':') || part === 'localhost');
}

/**
 * `undefined` for a Docker Hub repository name (`namespace/name`, or `name` for an
 * official image), else the problem in words, with the spelling to use when there is one.
 */
export function checkImageName(name: string): string | undefined {
  const parts = name.split('/');
  const [first = '', ...rest] = parts;
  if (rest.length > 0 && isHost(first)) {
    const without = rest.join('/');
    return HUB_HOSTS.has(first.toLowerCase())
      ? `${quote(name)} starts with a host: write the repository alone (${quote(without)})`
      : `${quote(name)} is on another registry (${first}), not Docker Hub`;
  }
  const tagAt = name.search(/[:@]/);
  if (tagAt >= 0) {
    const repository = name.slice(0, tagAt).toLowerCase();
    return checkImageName(repository) === undefined ? `${quote(name)} names a tag or digest: write the repository alone (${quote(repository)})` : notAnImageName(name);
  }
  if (!parts.every((part) => COMPONENT.test(part.toLowerCase()))) return notAnImageName(name);
  if (parts.length > 2) return `${quote(name)} has more than two parts: Docker Hub repositories are namespace/name`;
  if (name !== name.toLowerCase()) return `${quote(name)} is not lowercase, as Docker Hub names are (${quote(name.toLowerCase())})`;
  if (canonicalImageName(name).length > NAME_MAX_LENGTH) return `${quote(name)} is longer than the ${NAME_MAX_LENGTH} characters an image name may have`;
  return undefined;
}

function notAnImageName(name: string): string {
  return `${quote(name)} is not a Docker Hub image name (namespace/name, or name for an official image: lowercase letters and digits, with . _ or - between them)`;
}

/** The repository a name means on Docker Hub: lower case, and `library/` before an official image's bare name, as `docker pull` reads it. */
export function canonicalImageName(name: string): string {
  const lower = name.toLowerCase();
  return lower.includes('/') ? lower : `${OFFICIAL_NAMESPACE}/${lower}`;
}
