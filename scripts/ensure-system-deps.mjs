#!/usr/bin/env node
// Installs what the tests need from Debian (a browser, Redis, PostgreSQL, ONNX test data, images), or says in one message what to install.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

// Data packages have no binary; their dpkg file list stands in for it. The natural-image default dataset is built
// from them and from wallpaper packages its build installs itself (packages/training/scripts/build-default-dataset.ts);
// `npm start` does not need them (demo models are committed).
const needs = [
  { binary: '/usr/bin/chromium', debian: 'chromium', why: 'end-to-end tests in a real browser' },
  ...['gimp-data', 'gimp-data-extras', 'mate-backgrounds'].map((debian) => ({
    binary: `/var/lib/dpkg/info/${debian}.list`,
    debian,
    why: 'images of the natural-image default dataset',
  })),
  { binary: '/usr/share/libonnx-testdata/data/node', debian: 'libonnx-testdata', why: "ONNX's operator conformance cases" },
  { binary: '/usr/bin/redis-server', debian: 'redis-server', why: 'the Redis job queue tests (a real redis-server per test file)' },
  { binary: '/var/lib/dpkg/info/postgresql.list', debian: 'postgresql', why: 'the PostgreSQL store and API tests (a real postgres server per test file)' },
];
// Groups a workspace asks for by name (`ensure-system-deps.mjs torchvision`). Optional packages are installed as root;
// elsewhere the tests that need them skip, saying what to install, so their absence is only reported here.
const groups = {
  torchvision: ['python3-torch', 'python3-torchvision'].map((debian) => ({
    binary: `/usr/lib/python3/dist-packages/${debian.replace('python3-', '')}/__init__.py`,
    debian,
    why: 'exporting torchvision models for the ONNX layer-graph tests (packages/model-import, packages/ort-engine)',
    optional: true,
  })),
  torch: [
    {
      binary: '/usr/lib/python3/dist-packages/torch/__init__.py',
      debian: 'python3-torch',
      why: 'exporting a grouped AlexNet from PyTorch for the imported-model end-to-end test (tests/e2e/imported-alexnet.test.ts)',
      optional: true,
    },
  ],
};
for (const name of process.argv.slice(2)) {
  if (!groups[name]) {
    console.error(`ensure-system-deps: unknown group '${name}'; known: ${Object.keys(groups).join(', ')}`);
    process.exit(1);
  }
  needs.push(...groups[name]);
}
const missing = needs.filter((need) => !existsSync(need.binary));
if (missing.length === 0) process.exit(0);

const packages = missing.map((need) => need.debian);
const canApt = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
if (!canApt && missing.every((need) => need.optional)) {
  console.warn(`Not installed (the tests that need them will skip): ${missing.map((need) => `${need.debian} (${need.why})`).join(', ')}. Install them as root with: apt-get install -y ${packages.join(' ')}`);
  process.exit(0);
}
if (!canApt) {
  console.error(
    `The tests need ${missing.map((need) => `${need.binary} (${need.why})`).join(', ')}. ` +
      `Install them as root with: apt-get update && apt-get install -y ${packages.join(' ')}`,
  );
  process.exit(1);
}
console.log(`Installing Debian packages for the tests: ${packages.join(' ')}`);
const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execFileSync('apt-get', ['update', '-q'], { stdio: 'inherit', env: aptEnv });
execFileSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...packages], { stdio: 'inherit', env: aptEnv });
