import { quote } from './watchlist.ts';

// huggingface_hub's validate_repo_id: word characters, `-` and `.`, starting and
// ending with a word character, no `--` or `..` (they are reserved in Hub URLs).
// ModelScope ids follow the same form.
const HUB_PART = /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,94}[A-Za-z0-9_])?$/;

function isHubPart(part: string): boolean {
  return HUB_PART.test(part) && !part.includes('--') && !part.includes('..');
}

/** `undefined` for a user or organisation name of the Hub, else the problem in words. */
export function checkHubOwner(name: string): string | undefined {
  return isHubPart(name) ? undefined : `${quote(name)} is not a user or organisation name`;
}

/** Hugging Face Hub and ModelScope model ids share the `org/name` form; `hub` names the one in the message. */
export function checkModelId(name: string, hub: string): string | undefined {
  return checkRepoId(name, `${hub} model`);
}

/** Any Hub repository id (model, dataset, Space): `org/name`; `what` names it in the message ("Hugging Face dataset"). */
export function checkRepoId(name: string, what: string): string | undefined {
  const [org = '', repo = '', ...rest] = name.split('/');
  const ok = rest.length === 0 && isHubPart(org) && isHubPart(repo);
  return ok ? undefined : `${quote(name)} is not an org/name ${what} id`;
}
