import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_SERVER_URL } from './database.ts';
import { TEST_REDIS_URL } from './redis.ts';
import { closedPort } from './closed-port.ts';
import { probeService, waitUntilUp } from './service-probes.ts';

describe('probeService', () => {
  it('finds the test servers up', async () => {
    expect(await probeService('postgres', TEST_SERVER_URL)).toEqual({ state: 'up' });
    expect(await probeService('redis', TEST_REDIS_URL)).toEqual({ state: 'up' });
  });

  it('finds a port nobody listens on down, with the socket error, at once', async () => {
    const port = await closedPort();
    const started = Date.now();
    expect(await probeService('postgres', `postgres://postgres@127.0.0.1:${port}/postgres`)).toEqual({
      state: 'down',
      reason: `connect ECONNREFUSED 127.0.0.1:${port}`,
    });
    expect(await probeService('redis', `redis://127.0.0.1:${port}`)).toEqual({ state: 'down', reason: `connect ECONNREFUSED 127.0.0.1:${port}` });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('tells a server that turns the tests away from one that is not there', async () => {
    const url = new URL(TEST_SERVER_URL);
    url.username = 'no_such_role_for_oss_pulse_tests';
    expect(await probeService('postgres', url.toString())).toEqual({ state: 'rejects', reason: 'role "no_such_role_for_oss_pulse_tests" does not exist' });
  });
});

describe('probeService on a Redis that answers otherwise', () => {
  let server: Server | undefined;
  afterEach(() => server?.close());

  /** A loopback server answering every connection with `reply`, keeping what it was sent. */
  async function redisAnswering(reply: string): Promise<{ url: string; received: string[] }> {
    const received: string[] = [];
    server = createServer((socket) => {
      socket.on('data', (chunk) => {
        received.push(String(chunk));
        socket.write(reply);
      });
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    return { url: `redis://127.0.0.1:${(server.address() as { port: number }).port}`, received };
  }

  it('sends AUTH before PING when the URL has a password', async () => {
    const redis = await redisAnswering('+OK\r\n+PONG\r\n');
    const url = new URL(redis.url);
    url.username = 'tests';
    url.password = 'p@ss';
    expect(await probeService('redis', url.toString())).toEqual({ state: 'up' });
    expect(redis.received.join('')).toBe('*3\r\n$4\r\nAUTH\r\n$5\r\ntests\r\n$4\r\np@ss\r\n*1\r\n$4\r\nPING\r\n');
  });

  it('is turned away without the password the server wants', async () => {
    const redis = await redisAnswering('-NOAUTH Authentication required.\r\n');
    expect(await probeService('redis', redis.url)).toEqual({ state: 'rejects', reason: 'NOAUTH Authentication required.' });
  });

  it('counts a Redis still loading its data as not there yet', async () => {
    const redis = await redisAnswering('-LOADING Redis is loading the dataset in memory\r\n');
    expect(await probeService('redis', redis.url)).toEqual({ state: 'down', reason: 'LOADING Redis is loading the dataset in memory' });
  });
});

describe('waitUntilUp', () => {
  it('gives up after its time with the last answer', async () => {
    const port = await closedPort();
    const started = Date.now();
    expect(await waitUntilUp('redis', `redis://127.0.0.1:${port}`, 600)).toMatchObject({ state: 'down' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(600);
  });
});
