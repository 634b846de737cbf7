import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * The deployment files an operator runs: the compose file is checked by `docker compose config`
 * where Docker Compose is installed, and its shape (two servers behind a WebSocket-capable load
 * balancer without sticky sessions, PostgreSQL, Redis, an S3 store, coturn) everywhere.
 */
const root = path.resolve(import.meta.dirname, '../../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
const SECRETS = { POSTGRES_PASSWORD: 'p', JWT_SECRET: 'j'.repeat(40), MINIO_ROOT_PASSWORD: 'm'.repeat(12), TURN_SECRET: 't' };

const composeAvailable = spawnSync('docker', ['compose', 'version'], { stdio: 'ignore' }).status === 0;
if (!composeAvailable) console.warn('deployment.test: `docker compose` is not installed; checking the compose file as YAML only');

interface Compose {
  services: Record<string, { build?: { dockerfile?: string }; image?: string; environment?: Record<string, string>; depends_on?: unknown }>;
}

describe('deployment files', () => {
  const compose = parse(read('deploy/compose.yaml'), { merge: true }) as Compose;

  it.skipIf(!composeAvailable)('docker compose accepts the compose file', () => {
    execFileSync('docker', ['compose', '-f', 'deploy/compose.yaml', 'config', '--quiet'], { cwd: root, env: { ...process.env, ...SECRETS } });
  });

  it('runs two servers from the Dockerfile on one PostgreSQL and Redis, with an S3 store, coturn and a load balancer', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['coturn', 'loadbalancer', 'minio', 'minio-bucket', 'postgres', 'redis', 'server1', 'server2']);
    for (const name of ['server1', 'server2']) {
      const server = compose.services[name]!;
      expect(server.build?.dockerfile).toBe('Dockerfile');
      expect(server.environment?.DATABASE_URL).toMatch(/^postgres:\/\/.*@postgres:5432\//);
      expect(server.environment?.REDIS_URL).toBe('redis://redis:6379');
      expect(server.environment?.NODE_ENV).toBe('production');
      // Media in the MinIO bucket, so any server can serve any file.
      expect(server.environment).toMatchObject({ MEDIA_STORE: 's3', S3_ENDPOINT: 'http://minio:9000', S3_BUCKET: 'confab-media', S3_FORCE_PATH_STYLE: '1' });
    }
  });

  it('balances WebSockets across both servers without sticky sessions', () => {
    const haproxy = read('deploy/haproxy.cfg');
    expect(haproxy).toMatch(/balance roundrobin/);
    expect(haproxy).toMatch(/timeout tunnel/);
    expect(haproxy).toMatch(/server server1 server1:3000 check/);
    expect(haproxy).toMatch(/server server2 server2:3000 check/);
    expect(haproxy).not.toMatch(/^\s*(cookie|stick|hash-type)\b/m);
  });

  it('builds the server in one stage and runs the compiled JavaScript as a non-root user in another', () => {
    const dockerfile = read('Dockerfile');
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/npm run build:server/);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^CMD \["node", .*"out\/server\/main\.js"\]$/m);
  });
});
