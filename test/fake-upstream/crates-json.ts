// The crate and version objects of the fake crates.io, with the keys crates.io's server
// answers today (its test snapshots `integration__routes__crates__read__show-2.snap` and
// `..._show_minimal-2.snap` in rust-lang/crates.io): fields the fake has no data for are
// null or fixed, as for a crate published without them.
import type { FakeCrate } from './crates.ts';

const CREATED_AT = '2023-06-01T12:00:00.000000+00:00';

interface CrateJsonOptions {
  /** Newest first. */
  versions: { id: number; num: string }[];
  recentDownloads: number | null;
  total: number;
  include: { versions: boolean; keywords: boolean; categories: boolean };
}

export function crateJson(crate: FakeCrate, { versions, recentDownloads, total, include }: CrateJsonOptions) {
  const path = `/api/v1/crates/${crate.name}`;
  const newest = versions[0]?.num ?? '0.0.0';
  // Without the versions, crates.io does not work out the highest ones: it answers 0.0.0.
  const top = include.versions ? newest : '0.0.0';
  return {
    badges: [],
    categories: include.categories ? [] : null,
    created_at: CREATED_AT,
    default_version: newest,
    description: `${crate.name}, as the fake crates.io holds it`,
    documentation: null,
    downloads: total,
    exact_match: false,
    homepage: null,
    id: crate.name,
    keywords: include.keywords ? crate.keywords : null,
    links: {
      owner_team: `${path}/owner_team`,
      owner_user: `${path}/owner_user`,
      owners: `${path}/owners`,
      reverse_dependencies: `${path}/reverse_dependencies`,
      version_downloads: `${path}/downloads`,
      versions: include.versions ? null : `${path}/versions`,
    },
    max_stable_version: include.versions ? newest : null,
    max_version: top,
    name: crate.name,
    newest_version: top,
    num_versions: versions.length,
    recent_downloads: recentDownloads,
    repository: null,
    trustpub_only: false,
    updated_at: CREATED_AT,
    versions: include.versions ? versions.map((version) => version.id) : null,
    yanked: false,
  };
}

export function versionJson(crate: FakeCrate, version: { id: number; num: string }, downloads: number) {
  const path = `/api/v1/crates/${crate.name}/${version.num}`;
  return {
    audit_actions: [],
    bin_names: [],
    checksum: '0'.repeat(64),
    crate: crate.name,
    crate_size: 10_000,
    created_at: CREATED_AT,
    description: null,
    dl_path: `${path}/download`,
    documentation: null,
    downloads,
    edition: '2021',
    features: {},
    has_lib: true,
    homepage: null,
    id: version.id,
    lib_links: null,
    license: 'MIT OR Apache-2.0',
    linecounts: null,
    links: { authors: `${path}/authors`, dependencies: `${path}/dependencies`, version_downloads: `${path}/downloads` },
    num: version.num,
    published_by: null,
    readme_path: `${path}/readme`,
    repository: null,
    rust_version: null,
    trustpub_data: null,
    updated_at: CREATED_AT,
    yank_message: null,
    yanked: false,
  };
}
