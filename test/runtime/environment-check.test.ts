import { readdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { serveMetrics, WorkerMetrics } from '../../workers/metrics.ts';
import { runCli, tempWorkdir } from '../helpers/cli.ts';

const base = { PATH: process.env.PATH, DATABASE_URL: '', REDIS_URL: '', GITHUB_TOKEN: '' };

describe('settings from the environment, checked before any work', () => {
  it.each([
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL "verbose" is not a log level; use one of: fatal, error, warn, info, debug, trace, silent'],
    [{ GITHUB_API_URL: 'garbage' }, 'GITHUB_API_URL is not a URL'],
    [{ GITHUB_API_URL: 'ftp://example.com' }, 'GITHUB_API_URL must start with http:// or https:// (got ftp://)'],
    [{ HF_ENDPOINT: 'huggingface.co' }, 'HF_ENDPOINT is not a URL'],
    [{ MODELSCOPE_ENDPOINT: 'file:///tmp/x' }, 'MODELSCOPE_ENDPOINT must start with http:// or https://'],
    [{ NPM_DOWNLOADS_URL: 'http//api.npmjs.org' }, 'NPM_DOWNLOADS_URL is not a URL'],
    [{ PYPISTATS_URL: 'mailto:x@example.com' }, 'PYPISTATS_URL must start with http:// or https://'],
    [{ PYPI_URL: 'ws://pypi.org' }, 'PYPI_URL must start with http:// or https://'],
    [{ DATABASE_URL: 'http://127.0.0.1:5432/oss' }, 'DATABASE_URL must start with postgres:// or postgresql:// (got http://)'],
    [{ REDIS_URL: 'http://127.0.0.1:6379' }, 'REDIS_URL must start with redis:// or rediss://'],
  ])('%j: exit 2 with one line naming it, nothing written', async (variables, message) => {
    const cwd = await tempWorkdir();
    const result = await runCli(['collect'], { env: { ...base, ...variables }, cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^oss-pulse: [^\n]+\n$/);
    expect(result.stderr).toContain(message);
    expect(await readdir(cwd)).toEqual([]);
  });

  it('lists every wrong variable at once, one line each', async () => {
    const cwd = await tempWorkdir();
    const variables = { LOG_LEVEL: 'verbose', GITHUB_API_URL: 'garbage', OSS_PULSE_METRICS_PORT: '99999', REDIS_URL: 'http://x' };
    const result = await runCli(['collect'], { env: { ...base, ...variables }, cwd });
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')).toEqual([
      'oss-pulse: 4 environment variables are wrong:',
      '  LOG_LEVEL "verbose" is not a log level; use one of: fatal, error, warn, info, debug, trace, silent',
      '  GITHUB_API_URL is not a URL (expected https://host/path)',
      '  REDIS_URL must start with redis:// or rediss:// (got http://)',
      '  OSS_PULSE_METRICS_PORT is not a port: "99999"',
      '',
    ]);
    expect(await readdir(cwd)).toEqual([]);
  });

  it('never echoes a URL, which may hold a password', async () => {
    const result = await runCli(['status'], { env: { ...base, DATABASE_URL: 'mysql://user:s3cret-pass@db/oss' }, cwd: await tempWorkdir() });
    expect(result.code).toBe(2);
    expect(result.stderr).not.toContain('s3cret-pass');
  });

  it('still answers --version and --help with a bad LOG_LEVEL', async () => {
    const env = { ...base, LOG_LEVEL: 'verbose' };
    expect(await runCli(['--version'], { env, cwd: await tempWorkdir() })).toMatchObject({ code: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+\n$/) });
    expect(await runCli(['--help'], { env, cwd: await tempWorkdir() })).toMatchObject({ code: 0, stdout: expect.stringContaining('LOG_LEVEL') });
  });

  it('accepts every documented level and unset or empty variables', async () => {
    for (const level of ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent', '']) {
      // Past the settings check, `schedule` stops at its own need: Redis.
      const result = await runCli(['schedule'], { env: { ...base, LOG_LEVEL: level, GITHUB_API_URL: '', HF_ENDPOINT: 'http://127.0.0.1:1' }, cwd: await tempWorkdir() });
      expect(result.stderr, `LOG_LEVEL=${level}`).toBe('oss-pulse: schedule needs Redis: set REDIS_URL (e.g. redis://127.0.0.1:6379)\n');
    }
  });
});

describe('/metrics', () => {
  it('listens on the loopback only unless a host is given', async () => {
    const health = async () => ({ ok: true, checks: {} });
    const loopback = await serveMetrics({ port: 0 }, new WorkerMetrics(), health);
    const open = await serveMetrics({ port: 0, host: '0.0.0.0' }, new WorkerMetrics(), health);
    try {
      expect((loopback.address() as AddressInfo).address).toBe('127.0.0.1');
      expect((open.address() as AddressInfo).address).toBe('0.0.0.0');
      const answer = await fetch(`http://127.0.0.1:${(loopback.address() as AddressInfo).port}/healthz`);
      expect(answer.status).toBe(200);
    } finally {
      loopback.close();
      open.close();
    }
  });
});
