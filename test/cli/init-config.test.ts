import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_CONFIG, parseConfig } from '../../config/config.ts';
import { defaultConfigYaml } from '../../config/default-watchlist.ts';
import { writeStarterConfig } from '../../cli/init-config.ts';

describe('writeStarterConfig', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'oss-pulse-init-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the default watchlist, which parses back to the default config, and nothing else', async () => {
    const path = join(dir, 'oss-pulse.yaml');
    await writeStarterConfig(path);
    const text = await readFile(path, 'utf8');
    expect(text).toBe(defaultConfigYaml());
    expect(parseConfig(text, path)).toEqual(DEFAULT_CONFIG);
    expect(await readdir(dir)).toEqual(['oss-pulse.yaml']);
  });

  it('refuses to overwrite an existing file', async () => {
    const path = join(dir, 'oss-pulse.yaml');
    await writeFile(path, 'npm:\n  packages: [mine]\n');
    const attempt = writeStarterConfig(path);
    await expect(attempt).rejects.toBeInstanceOf(ConfigError);
    await expect(attempt).rejects.toThrow(`${path}: already exists; not overwriting it`);
    expect(await readFile(path, 'utf8')).toBe('npm:\n  packages: [mine]\n');
    expect(await readdir(dir)).toEqual(['oss-pulse.yaml']);
  });

  it('overwrites with force', async () => {
    const path = join(dir, 'oss-pulse.yaml');
    await writeFile(path, 'old');
    await writeStarterConfig(path, { force: true });
    expect(await readFile(path, 'utf8')).toBe(defaultConfigYaml());
    expect(await readdir(dir)).toEqual(['oss-pulse.yaml']);
  });

  it('leaves nothing behind when it cannot write', async () => {
    await expect(writeStarterConfig(join(dir, 'missing', 'oss-pulse.yaml'))).rejects.toThrow(/ENOENT/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('removes its temporary file when the final rename fails', async () => {
    // Renaming a file onto a directory fails after the temporary file is complete.
    await mkdir(join(dir, 'oss-pulse.yaml'));
    await expect(writeStarterConfig(join(dir, 'oss-pulse.yaml'), { force: true })).rejects.toThrow();
    expect(await readdir(dir)).toEqual(['oss-pulse.yaml']);
  });
});
