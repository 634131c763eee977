import { parse } from 'yaml';
import type { ServiceName } from './service-plan.ts';

interface ComposeService {
  environment?: Record<string, string>;
  ports?: unknown[];
}

/**
 * Where `docker compose up -d postgres redis` makes Postgres and Redis answer on this
 * machine, read from docker-compose.yml so that its role, password and ports stay said
 * in one place.
 */
export function composeServiceUrls(composeYaml: string): Record<ServiceName, string> {
  const services = (parse(composeYaml) as { services?: Record<string, ComposeService> }).services ?? {};
  const postgres = services.postgres ?? missing('postgres');
  const redis = services.redis ?? missing('redis');
  // The postgres image's own defaults when the file leaves a variable out.
  const user = postgres.environment?.POSTGRES_USER ?? 'postgres';
  const password = postgres.environment?.POSTGRES_PASSWORD ?? '';
  const database = postgres.environment?.POSTGRES_DB ?? user;
  const credentials = password ? `${encodeURIComponent(user)}:${encodeURIComponent(password)}` : encodeURIComponent(user);
  return {
    postgres: `postgres://${credentials}@${publishedAddress(postgres, 5432)}/${encodeURIComponent(database)}`,
    redis: `redis://${publishedAddress(redis, 6379)}`,
  };
}

/** `host:port` on this machine for the container port `target`, from a short `[ip:]published:target` mapping. */
function publishedAddress(service: ComposeService, target: number): string {
  for (const mapping of service.ports ?? []) {
    const parts = String(mapping).split(':');
    if (parts.length < 2 || parts.at(-1) !== String(target)) continue;
    const published = parts.at(-2);
    const host = parts.length > 2 ? parts.slice(0, -2).join(':') : '127.0.0.1';
    // 0.0.0.0 publishes on every interface; the tests reach it on loopback.
    return `${host === '0.0.0.0' ? '127.0.0.1' : host}:${published}`;
  }
  throw new Error(`docker-compose.yml publishes no host port for container port ${target}`);
}

function missing(service: string): never {
  throw new Error(`docker-compose.yml has no ${service} service`);
}
