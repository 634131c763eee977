import { SOURCES, type SourceName } from '../jobs/sources/registry.ts';

/** When each source is collected, and the report: cron, UTC. */
export const DEFAULT_SCHEDULES: Readonly<Record<SourceName | 'report', string>> = {
  ...(Object.fromEntries(SOURCES.map((source) => [source.source, source.defaultSchedule])) as Record<SourceName, string>),
  // Monday 06:00: the ISO week that just ended is complete by then.
  report: '0 6 * * 1',
};

const HEADER = `# OSS Pulse watchlist: what to collect, when, and what to compare.
# Unknown keys are errors, so a typo is reported instead of silently ignored.
# Names are checked when the file is read; see README.md for the full format.

`;

const COMPARISONS = `# Series shown side by side in the weekly report: leader, gap, and whether the
# gap widens. A series is KIND:KEY with an optional @METRIC; without one, the
# kind's main metric is used (stars, repositories, all-time downloads, ...).
comparisons:
  - name: "LLaMA vs GPT-4: repositories on GitHub"
    series: ["github_search:llama", "github_search:gpt-4"]
  - name: "ChatGLM-6B vs LLaMA: stars"
    series: ["github_repo:THUDM/ChatGLM-6B", "github_repo:meta-llama/llama@stars"]
  - name: "Chinese open models: Hugging Face downloads"
    series:
      - hf_model:THUDM/chatglm-6b
      - hf_model:Qwen/Qwen-7B
      - hf_model:baichuan-inc/Baichuan-7B
      - hf_model:xverse/XVERSE-13B
  - name: "Chinese open models: repositories on GitHub"
    series:
      - github_search:chatglm
      - github_search:qwen
      - github_search:baichuan
      - github_search:xverse
      - github_search:moss
      - github_search:aquila
  - name: "LLaMA 2 and other open models: Hugging Face downloads, last 30 days"
    series:
      - hf_model:meta-llama/Llama-2-7b-hf@downloads_30d
      - hf_model:tiiuae/falcon-7b@downloads_30d
      - hf_model:mosaicml/mpt-7b@downloads_30d
      - hf_model:databricks/dolly-v2-12b@downloads_30d
      - hf_model:openlm-research/open_llama_7b@downloads_30d

`;

const REPORTS = `reports:
  dir: oss-pulse-reports    # relative to the working directory
  formats: [md, html, csv, json]
`;

/**
 * The built-in watchlist: the LLM ecosystem of the article OSS Pulse was born from.
 * It applies when no `oss-pulse.yaml` is found, and `oss-pulse init` writes it out
 * as a starting point, so it is written for a person to read and edit.
 */
export function defaultConfigYaml(): string {
  return [HEADER.trimEnd(), ...watchlistSections(), COMPARISONS.trimEnd(), schedulesSection(), REPORTS.trimEnd()].join('\n\n') + '\n';
}

/** Each source's lists under its section, sections in the order the registry first names them. */
function watchlistSections(): string[] {
  const sections = new Map<string, string[]>();
  for (const { watchlist } of SOURCES) {
    sections.set(watchlist.section, [...(sections.get(watchlist.section) ?? []), watchlist.defaultYaml.trim()]);
  }
  return [...sections].map(([name, lists]) => `${name}:\n  ${lists.join('\n\n  ')}`);
}

function schedulesSection(): string {
  const lines = Object.entries(DEFAULT_SCHEDULES).map(([name, cron]) => `  ${name}: "${cron}"`);
  lines.push(`${lines.pop()}       # Monday 06:00: the week that just ended`);
  return ['# When each source is collected: cron, UTC. These are the defaults.', 'schedules:', ...lines].join('\n');
}
