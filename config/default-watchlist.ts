/**
 * The built-in watchlist: the LLM ecosystem of the article OSS Pulse was born from.
 * It applies when no `oss-pulse.yaml` is found, and `oss-pulse init` writes it out
 * as a starting point, so it is written for a person to read and edit.
 */
export const DEFAULT_CONFIG_YAML = `# OSS Pulse watchlist: what to collect, when, and what to compare.
# Unknown keys are errors, so a typo is reported instead of silently ignored.
# Names are checked when the file is read; see README.md for the full format.

github:
  # Stars, forks, watchers and open issues of these repositories (owner/name).
  repos:
    - meta-llama/llama              # LLaMA
    - THUDM/ChatGLM-6B              # ChatGLM
    - THUDM/ChatGLM2-6B
    - QwenLM/Qwen                   # Qwen
    - baichuan-inc/Baichuan-7B      # Baichuan
    - baichuan-inc/Baichuan2
    - xverse-ai/XVERSE-13B          # XVERSE
    - OpenMOSS/MOSS                 # MOSS
    - FlagAI-Open/FlagAI            # Aquila
    - mosaicml/llm-foundry          # MPT
    - databrickslabs/dolly          # Dolly
    - openlm-research/open_llama    # OpenLLaMA
    - BlinkDL/RWKV-LM               # RWKV
    - CompVis/stable-diffusion      # Stable Diffusion
    - Stability-AI/stablediffusion

  # How many repositories match each query: any GitHub search syntax, at most 256
  # characters. A plain string is its own label. Short words such as "moss" or
  # "falcon" also count unrelated projects; narrow them with qualifiers
  # (e.g. "falcon llm in:name,description") if that matters to you.
  searches:
    - { query: llama, label: LLaMA }
    - { query: gpt-4, label: GPT-4 }
    - { query: chatglm, label: ChatGLM }
    - { query: qwen, label: Qwen }
    - { query: baichuan, label: Baichuan }
    - { query: xverse, label: XVERSE }
    - { query: moss, label: MOSS }
    - { query: aquila, label: Aquila }
    - { query: falcon, label: Falcon }
    - { query: mpt, label: MPT }
    - { query: dolly, label: Dolly }
    - { query: openllama, label: OpenLLaMA }
    - { query: rwkv, label: RWKV }
    - { query: stable diffusion, label: Stable Diffusion }

huggingface:
  # Downloads (all-time and last 30 days) and likes of these models (org/name).
  models:
    - THUDM/chatglm-6b
    - THUDM/chatglm2-6b
    - meta-llama/Llama-2-7b-hf
    - Qwen/Qwen-7B
    - baichuan-inc/Baichuan-7B
    - xverse/XVERSE-13B
    - fnlp/moss-moon-003-sft
    - BAAI/Aquila-7B
    - tiiuae/falcon-7b
    - mosaicml/mpt-7b
    - databricks/dolly-v2-12b
    - openlm-research/open_llama_7b
    - RWKV/rwkv-4-169m-pile
    - stabilityai/stable-diffusion-2-1
  # Every model of these users or organisations, e.g. [THUDM, Qwen].
  authors: []

modelscope:
  # Downloads and likes on ModelScope (owner/name).
  models:
    - ZhipuAI/chatglm2-6b
    - qwen/Qwen-7B
    - baichuan-inc/Baichuan2-7B-Chat
    - xverse/XVERSE-13B-Chat

npm:
  # Weekly and monthly downloads of these packages; scoped names need quotes.
  packages:
    - openai                        # OpenAI SDK
    - "@huggingface/transformers"   # Transformers.js
    - "@anthropic-ai/sdk"           # Anthropic SDK
    - langchain                     # LangChain.js
    - ollama                        # Ollama client

pypi:
  # Daily, weekly and monthly downloads of these projects (from pypistats.org).
  packages:
    - transformers                  # Hugging Face Transformers
    - vllm                          # vLLM
    - llama-cpp-python              # llama.cpp bindings
    - openai                        # OpenAI SDK
    - modelscope                    # ModelScope library

# Series shown side by side in the weekly report: leader, gap, and whether the
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

# When each source is collected: cron, UTC. These are the defaults.
schedules:
  github-repos: "0 */6 * * *"
  github-search: "10 0 * * *"
  huggingface: "20 0 * * *"
  modelscope: "30 0 * * *"
  npm: "40 0 * * *"
  pypi: "50 0 * * *"
  report: "0 6 * * 1"       # Monday 06:00: the week that just ended

reports:
  dir: oss-pulse-reports    # relative to the working directory
  formats: [md, html, csv, json]
`;
