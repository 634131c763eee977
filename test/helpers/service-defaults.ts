/**
 * Where the tests look for their servers unless TEST_DATABASE_URL / TEST_REDIS_URL say
 * otherwise: a local Postgres 15 with trust auth and a local Redis 7, as on CI and the
 * dev machines. Apart from the helpers that connect, so that test/global-setup.ts can
 * read them without loading the clients.
 */
export const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
export const DEFAULT_TEST_REDIS_URL = 'redis://127.0.0.1:6379';
