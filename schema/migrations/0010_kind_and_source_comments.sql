-- The kinds and sources are declared by the sources themselves (jobs/sources/registry.ts):
-- the comments point to where they are listed instead of listing them, so a new source
-- needs no migration to keep them true.
COMMENT ON COLUMN "subjects"."kind" IS 'The kind of subject, one per source: github_repo, github_search, hf_model, npm_package, ... (README, "What is collected", lists them all; `oss-pulse --help` lists the sources).';
--> statement-breakpoint
COMMENT ON COLUMN "collection_runs"."source" IS 'The source collected: github-repos, github-search, huggingface, npm, ... (`oss-pulse --help` lists them all).';
