#!/usr/bin/env node
// Starts the whole system on its embedded default: the GraphQL API (with its in-process worker and an
// embedded database file), the AlexNet, InceptionV1 and ResNet zones and the portal. Expects the apps to be built (`npm start` builds first).
// Ports and paths come from the environment so tests can run the same script on free ports.
// `--prepare` (what `npm start` passes) first checks the install and builds, each step on one progress line.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, ensureInstalled } from './lib/prepare.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const prepare = process.argv.includes('--prepare');
const startedAt = Date.now();
if (prepare) {
  ensureInstalled(root, '[1/3]');
  build(root, '[2/3]');
}
const env = process.env;
const host = env.BRANCHSCOPE_HOST ?? '127.0.0.1';
const apiPort = env.BRANCHSCOPE_API_PORT ?? '4000';
const portalPort = env.BRANCHSCOPE_PORTAL_PORT ?? '3000';
const alexnetPort = env.BRANCHSCOPE_ALEXNET_PORT ?? '3001';
const inceptionPort = env.BRANCHSCOPE_INCEPTION_PORT ?? '3002';
const resnetPort = env.BRANCHSCOPE_RESNET_PORT ?? '3003';
const apiUrl = `http://${host}:${apiPort}/graphql`;
const alexnetUrl = `http://${host}:${alexnetPort}`;
const inceptionUrl = `http://${host}:${inceptionPort}`;
const resnetUrl = `http://${host}:${resnetPort}`;
const portalUrl = `http://${host === '127.0.0.1' ? 'localhost' : host}:${portalPort}`;

const shared = {
  ...env,
  NEXT_TELEMETRY_DISABLED: '1',
  BRANCHSCOPE_HOST: host,
  BRANCHSCOPE_API_PORT: apiPort,
  BRANCHSCOPE_API_URL: apiUrl,
  BRANCHSCOPE_ALEXNET_URL: alexnetUrl,
  BRANCHSCOPE_INCEPTION_URL: inceptionUrl,
  BRANCHSCOPE_RESNET_URL: resnetUrl,
  // A SQLite file is resolved from the repository root; a postgres:// URL is passed on as it is.
  BRANCHSCOPE_DB: /^postgres(?:ql)?:\/\//i.test(env.BRANCHSCOPE_DB?.trim() ?? '') ? (env.BRANCHSCOPE_DB ?? '').trim() : path.resolve(root, env.BRANCHSCOPE_DB ?? 'data/branchscope.db'),
};

const zones = [
  // The AlexNet page starts SVD, weight-image and feature-render jobs: check readiness on its static icon instead.
  { name: 'alexnet', dir: 'apps/alexnet', port: alexnetPort, ready: `${alexnetUrl}/alexnet/icon.svg` },
  // A redirect and a static icon: ready checks that cost the API nothing.
  { name: 'inception', dir: 'apps/inception', port: inceptionPort, ready: `${inceptionUrl}/inception` },
  { name: 'resnet', dir: 'apps/resnet', port: resnetPort, ready: `${resnetUrl}/resnet/icon.svg` },
  { name: 'portal', dir: 'apps/portal', port: portalPort, ready: `http://${host}:${portalPort}/` },
];
for (const zone of zones) {
  if (!existsSync(path.join(root, zone.dir, '.next', 'BUILD_ID'))) {
    console.error(`start: ${zone.dir} is not built (no .next/BUILD_ID). Run \`npm start\`, which builds first, or \`npm run build\`.`);
    process.exit(1);
  }
}

/** Exits naming the variable to change when a port is taken (an earlier start still running, say). */
async function requireFreePort(name, port) {
  const free = await new Promise((resolve) => {
    const probe = net.createServer().once('error', () => resolve(false));
    probe.listen(Number(port), host, () => probe.close(() => resolve(true)));
  });
  if (!free) {
    console.error(`start: port ${port} on ${host} is in use (is branchscope already running?). Stop that process or set ${name}.`);
    process.exit(1);
  }
}
await requireFreePort('BRANCHSCOPE_API_PORT', apiPort);
for (const zone of zones) await requireFreePort(`BRANCHSCOPE_${zone.name.toUpperCase()}_PORT`, zone.port);

const children = [];
let stopping = false;

function run(name, command, args, cwd) {
  const child = spawn(command, args, { cwd, env: shared, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = (chunk) => chunk.toString().split('\n').filter(Boolean).map((line) => `[${name}] ${line}`).join('\n') + '\n';
  child.stdout.on('data', (chunk) => process.stdout.write(prefix(chunk)));
  child.stderr.on('data', (chunk) => process.stderr.write(prefix(chunk)));
  child.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`start: ${name} exited (${signal ?? `code ${code}`}); stopping the system.`);
    stop(1);
  });
  children.push(child);
}

/** Stops every child and waits for it (SIGKILL after a grace period), so no server outlives the script. */
async function stop(code) {
  if (stopping) return;
  stopping = true;
  const running = children.filter((child) => child.exitCode === null && child.signalCode === null);
  const exited = running.map((child) => new Promise((resolve) => child.once('exit', resolve)));
  for (const child of running) child.kill('SIGTERM');
  const grace = setTimeout(() => running.forEach((child) => child.kill('SIGKILL')), 10_000);
  await Promise.all(exited);
  clearTimeout(grace);
  process.exit(code);
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

/** Resolves with the seconds it took once `url` answers below 500; rejects after `timeoutMs`. */
async function waitFor(url, timeoutMs) {
  const began = Date.now();
  const deadline = began + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { redirect: 'manual' });
      if (response.status < 500) return (Date.now() - began) / 1000;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`start: ${url} did not answer within ${timeoutMs / 1000} s`);
}

// The portal forwards the zones' pages through Node's client agent, which drops idle sockets after 5 s: a zone that
// waited only as long (Node's default) could close a socket the portal is reusing. The API does the same in code.
const ZONE_KEEP_ALIVE_MS = '65000';

const nextBin = (dir) => createRequire(path.join(root, dir, 'package.json')).resolve('next/dist/bin/next');

run('api', process.execPath, ['--import', 'tsx', 'services/api/src/main.ts'], root);
for (const zone of zones) {
  run(zone.name, process.execPath, [nextBin(zone.dir), 'start', '-p', zone.port, '-H', host, '--keepAliveTimeout', ZONE_KEEP_ALIVE_MS], path.join(root, zone.dir));
}

try {
  const servers = [{ name: 'api', ready: `http://${host}:${apiPort}/health` }, ...zones];
  const times = await Promise.all(servers.map((server) => waitFor(server.ready, 120_000)));
  const each = servers.map((server, i) => `${server.name} ${times[i].toFixed(1)} s`).join(', ');
  console.log(`${prepare ? '[3/3] ' : ''}servers up: ${each}`);
  console.log(`branchscope is up in ${((Date.now() - startedAt) / 1000).toFixed(1)} s: open ${portalUrl}  (GraphQL API: ${apiUrl})`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  stop(1);
}
