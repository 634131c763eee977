import { configDefaults, defineConfig } from 'vitest/config';

/**
 * What a test file needs besides Node, said by the last part of its name before
 * `.test.ts`; a file that needs several is named by the first in this list:
 * `docker` Docker's tooling (`docker-compose`), `browser` Chromium, `build` a build of
 * the package (`npm run build`), `redis` Redis, `db` a real Postgres. Redis tests often
 * need Postgres too, and the build test does. A file without one of these names needs
 * no service; the embedded database (PGlite) is not a service.
 */
const NEEDS = ['docker', 'browser', 'build', 'redis', 'db'];

/**
 * `npm run test:unit`: the files that need no service, run without test/global-setup.ts
 * (which finds or starts Postgres and Redis), so it passes on a machine with only Node.
 */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: [...configDefaults.exclude, ...NEEDS.map((need) => `test/**/*.${need}.test.ts`)],
    // As in vitest.config.ts: two cores, and the PGlite tests start an embedded Postgres each.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
