// The dashboard's HTTP server: pages, API and embeds over one database, read-only.
import etag from '@fastify/etag';
import { sql } from 'drizzle-orm';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Config } from '../config/config.ts';
import type { Logger } from '../runtime/logger.ts';
import type { Database } from '../schema/db.ts';
import { registerApiRoutes } from './api-routes.ts';
import { registerAssetRoutes } from './asset-routes.ts';
import { registerEmbedRoutes } from './embed-routes.ts';
import { HttpError } from './http-error.ts';
import { registerPageRoutes } from './page-routes.ts';
import { renderErrorPage } from './pages/error-page.ts';
import { readerOf } from './read-only.ts';
import { registerReportRoutes } from './report-routes.ts';
import { describeSchemaError } from './schema-errors.ts';
import { SECURITY_HEADERS } from './security-headers.ts';

export interface ServerDeps {
  db: Database;
  /**
   * The connection refuses writes by itself (`openPostgres(url, { readOnly: true })`), so
   * reads need no read-only transaction of their own. @defaultValue false
   */
  readOnlyConnection?: boolean;
  config: Config;
  /** Where `report` writes; served under /reports/. */
  reportsDir: string;
  logger: Logger;
  /** @defaultValue () => new Date() */
  now?: () => Date;
}

/** Longest URL answered: series references are short, and 12 of them fit many times over. */
const MAX_URL_LENGTH = 4096;

export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const now = deps.now ?? (() => new Date());
  const read = readerOf(deps.db, deps.readOnlyConnection ?? false);
  const app = Fastify({
    logger: false,
    disableRequestLogging: true,
    // The dashboard takes no request bodies.
    bodyLimit: 1024,
    routerOptions: { maxParamLength: 1000 },
    schemaErrorFormatter: (errors) => new HttpError(400, describeSchemaError(errors)),
  });
  await app.register(etag);

  app.addHook('onRequest', async (request) => {
    (request as { startedAt?: bigint }).startedAt = process.hrtime.bigint();
    if (request.url.length > MAX_URL_LENGTH) throw new HttpError(414, `the URL is longer than ${MAX_URL_LENGTH} characters`);
  });
  app.addHook('onSend', async (request, reply) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) if (!reply.hasHeader(name)) reply.header(name, value);
  });
  app.addHook('onResponse', async (request, reply) => {
    const startedAt = (request as { startedAt?: bigint }).startedAt ?? process.hrtime.bigint();
    const ms = Number(process.hrtime.bigint() - startedAt) / 1e6;
    deps.logger.debug({ method: request.method, url: request.url, status: reply.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
  });

  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    const status = error instanceof HttpError ? error.status : (error.statusCode ?? 500);
    if (status >= 500) deps.logger.error({ url: request.url, err: error.message }, 'request failed');
    const message = status >= 500 ? 'internal error; see the server log' : error.message;
    return sendError(request, reply.code(status >= 500 ? 500 : status), message);
  });
  app.setNotFoundHandler((request, reply) => sendError(request, reply.code(404), `no such page: ${request.method} ${request.url.split('?')[0]?.slice(0, 200)}`));

  // For compose's and orchestrators' health checks: the database answers.
  app.get('/healthz', async (_request, reply) => {
    const database = await read((tx) => tx.execute(sql`select 1`)).then(() => 'ok', (error: Error) => error.message);
    return reply.code(database === 'ok' ? 200 : 503).header('cache-control', 'no-store').send({ ok: database === 'ok', checks: { database } });
  });
  registerAssetRoutes(app);
  registerApiRoutes(app, { read, now });
  registerEmbedRoutes(app, { read, now });
  registerPageRoutes(app, { db: deps.db, read, config: deps.config, now });
  registerReportRoutes(app, { reportsDir: deps.reportsDir });
  return app;
}

/** Machine-read paths get JSON `{error}`; pages get a page saying it. */
function sendError(request: FastifyRequest, reply: FastifyReply, message: string) {
  reply.header('cache-control', 'no-store');
  if (/^\/(api|embed|badge|healthz|assets)(\/|\.|$|\?)/.test(request.url)) {
    return reply.type('application/json; charset=utf-8').send({ error: message });
  }
  return reply.type('text/html; charset=utf-8').send(renderErrorPage(reply.statusCode, message));
}
