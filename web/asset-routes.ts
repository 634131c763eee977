import type { FastifyInstance } from 'fastify';
import { DASHBOARD_CSS, ICON_SVG } from './pages/dashboard-css.ts';

/** The stylesheet and icon every page links to; they change only with the version, so caches keep them a day. */
export function registerAssetRoutes(app: FastifyInstance): void {
  const cache = 'public, max-age=86400';
  app.get('/assets/dashboard.css', async (_request, reply) => reply.type('text/css; charset=utf-8').header('cache-control', cache).send(DASHBOARD_CSS));
  app.get('/assets/icon.svg', async (_request, reply) => reply.type('image/svg+xml').header('cache-control', cache).send(ICON_SVG));
  // Browsers ask for it whatever the page says.
  app.get('/favicon.ico', async (_request, reply) => reply.redirect('/assets/icon.svg', 301));
}
