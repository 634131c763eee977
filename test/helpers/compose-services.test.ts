import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { composeServiceUrls } from './compose-services.ts';

describe('composeServiceUrls', () => {
  it('reads where docker-compose.yml publishes Postgres and Redis, and as whom', () => {
    const composeYaml = readFileSync(new URL('../../docker-compose.yml', import.meta.url), 'utf8');
    expect(composeServiceUrls(composeYaml)).toEqual({
      postgres: 'postgres://oss_pulse:oss_pulse@127.0.0.1:5432/oss_pulse',
      redis: 'redis://127.0.0.1:6379',
    });
  });

  it("falls back to the postgres image's defaults and reaches 0.0.0.0 on loopback", () => {
    const composeYaml = [
      'services:',
      '  postgres: { environment: { POSTGRES_PASSWORD: "p@ss" }, ports: ["15432:5432"] }',
      '  redis: { ports: ["0.0.0.0:16379:6379"] }',
    ].join('\n');
    expect(composeServiceUrls(composeYaml)).toEqual({
      postgres: 'postgres://postgres:p%40ss@127.0.0.1:15432/postgres',
      redis: 'redis://127.0.0.1:16379',
    });
  });

  it('says what is missing', () => {
    expect(() => composeServiceUrls('services:\n  postgres: { ports: ["5432:5432"] }\n')).toThrow('docker-compose.yml has no redis service');
    expect(() => composeServiceUrls('services:\n  postgres: {}\n  redis: { ports: ["6379:6379"] }\n')).toThrow(
      'docker-compose.yml publishes no host port for container port 5432',
    );
  });
});
