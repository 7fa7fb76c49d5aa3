// The dependency rules of ARCHITECTURE.md, checked by dependency-cruiser over the whole repository
// (`npm run lint-root`, which every workspace's turbo `lint` task depends on, so `npm test` runs it).
// Text rules a module graph cannot see (paths climbing out of the repository in any string, `fetch` in ui,
// `export *` in an index) are in scripts/lint-boundaries.mjs.

/** Which workspaces each workspace may import (besides itself). `tests` and the root folders may import any. */
const allowed = {
  'packages/core': [],
  'packages/runtime': ['packages/core'],
  'packages/model-import': ['packages/core', 'packages/runtime'],
  'packages/ort-engine': ['packages/core', 'packages/runtime', 'packages/model-import'],
  'packages/featurevis': ['packages/core', 'packages/runtime', 'packages/ort-engine'],
  'packages/training': ['packages/core', 'packages/runtime', 'packages/ort-engine'],
  'packages/store': ['packages/core'],
  'packages/jobs': ['packages/core', 'packages/store'],
  'packages/client': [],
  'packages/ui': [],
  'services/worker': ['packages/core', 'packages/runtime', 'packages/model-import', 'packages/ort-engine', 'packages/featurevis', 'packages/training', 'packages/store', 'packages/jobs'],
  // The worker only through its in-process entry (a rule below), loaded lazily.
  'services/api': ['packages/core', 'packages/store', 'packages/jobs', 'services/worker'],
  'apps/portal': ['packages/client', 'packages/ui'],
  'apps/alexnet': ['packages/client', 'packages/ui'],
  'apps/inception': ['packages/client', 'packages/ui'],
  'apps/resnet': ['packages/client', 'packages/ui'],
};

/** Files that may load a module with `import()` or `require`, each with why. Everything else imports statically. */
const lazyLoads = {
  'packages/ort-engine/src/ort-session.ts': 'onnxruntime-node is a native addon: loaded when the first session opens, never by a process that runs none',
  'packages/runtime/src/backend.ts': 'TF.js backends load only when chosen; tfjs-node(-gpu) are optional installs',
  'services/worker/src/start-in-process-worker.ts': 'handlers and TF.js load only when the API runs jobs itself (no pool)',
  'services/api/src/create-api-server.ts': 'the worker loads only when the API starts one',
  'bench/import-zoo/measure.ts': "measures onnxruntime's own load time in its 'ort' mode",
  'examples/fetch-with-client.mts': 'ws only on a Node without a global WebSocket',
  'packages/ui/src/unit-cell-grid.test.ts': 'imports react-dom/server after the test stubs the DOM',
  'packages/store/src/postgres-store.test.ts': 'test-local helper',
  'packages/store/src/large-artifacts.test.ts': 'test-local helper',
  'services/worker/src/pool/worker-pool.test.ts': 'test-local helper',
  'services/api/src/domain/neurons.test.ts': "the server's own copy of graphql (one instance for schema and execution)",
  'services/api/src/domain/datasets.test.ts': "the server's own copy of graphql (one instance for schema and execution)",
  'tests/e2e/axe.ts': "reads axe-core's browser bundle by its resolved path",
  'tests/e2e/next-zone.ts': "finds each app's own next binary",
  'scripts/start.mjs': "finds each app's own next binary",
};

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const WORKSPACE = '^(packages|services|apps)/[^/]+/|^tests/';
/** How dependency-cruiser marks an import by package name that resolves into a workspace (it may add 'local' too). */
const PACKAGE_NAME_IMPORT = ['aliased', 'aliased-workspace', 'undetermined'];
const TENSOR_PACKAGES = ['runtime', 'model-import', 'ort-engine', 'featurevis', 'training'];

module.exports = {
  forbidden: [
    ...Object.entries(allowed).map(([workspace, may]) => ({
      name: `direction:${workspace}`,
      comment: `${workspace} may import only ${may.length ? may.join(', ') : 'no other workspace'} (ARCHITECTURE.md, Rules)`,
      severity: 'error',
      from: { path: `^${escape(workspace)}/` },
      to: { path: WORKSPACE, pathNot: `^(${[workspace, ...may].map(escape).join('|')})/` },
    })),
    {
      name: 'api-reaches-worker-only-through-in-process',
      comment: 'the API imports the worker only through @branchscope/worker/in-process, which loads no tensor package with a pool',
      severity: 'error',
      from: { path: '^services/api/' },
      to: { path: '^services/worker/', pathNot: '^services/worker/src/start-in-process-worker\\.ts$' },
    },
    {
      name: 'no-tensors-outside-their-packages',
      comment: 'TensorFlow.js and onnxruntime are imported by the tensor packages, the worker, tests and benches only',
      severity: 'error',
      from: { path: '^(packages/(core|store|jobs|client|ui)|services/api|apps)/' },
      to: { path: '(^|/)node_modules/(@tensorflow/|onnxruntime-node/)' },
    },
    {
      name: 'no-relative-import-across-workspaces',
      comment: 'a workspace is imported by its package name (@branchscope/...), never by a relative path into its files',
      severity: 'error',
      from: { path: '^((packages|services|apps)/[^/]+|tests)/' },
      to: { dependencyTypes: ['local'], dependencyTypesNot: PACKAGE_NAME_IMPORT, path: WORKSPACE, pathNot: '^$1/' },
    },
    {
      name: 'no-relative-import-into-workspaces-from-root',
      comment: 'bench/, scripts/, examples/ import workspaces by package name, never by a relative path into their files',
      severity: 'error',
      from: { pathNot: WORKSPACE },
      to: { dependencyTypes: ['local'], dependencyTypesNot: PACKAGE_NAME_IMPORT, path: WORKSPACE },
    },
    {
      name: 'no-lazy-load-outside-allow-list',
      comment: 'import() and require only where .dependency-cruiser.cjs names why (lazyLoads)',
      severity: 'error',
      from: { pathNot: `^(${Object.keys(lazyLoads).map(escape).join('|')})$` },
      to: { dependencyTypes: ['dynamic-import', 'require', 'exotic-require'] },
    },
    {
      name: 'core-no-node-builtins',
      comment: 'packages/core is pure: no I/O, so no Node built-ins outside its tests',
      severity: 'error',
      from: { path: '^packages/core/', pathNot: '\\.test\\.ts$|/testing/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'ui-no-data-fetching',
      comment: 'packages/ui draws what it is given: no GraphQL client, no HTTP modules (global fetch is checked by lint-boundaries.mjs)',
      severity: 'error',
      from: { path: '^packages/ui/' },
      to: { path: '(^|/)node_modules/(urql|@urql/|graphql|graphql-ws|undici|axios|node-fetch)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'ui-no-http-builtins',
      comment: 'packages/ui draws what it is given: no HTTP from Node either',
      severity: 'error',
      from: { path: '^packages/ui/' },
      to: { dependencyTypes: ['core'], path: '^(node:)?(http|https|net|http2)$' },
    },
    {
      name: 'no-path-outside-repository',
      comment: 'nothing reads or links a path that climbs out of the repository: a clone alone must work',
      severity: 'error',
      from: {},
      to: { path: '^\\.\\./' },
    },
    {
      name: 'no-unresolvable',
      comment: 'every import resolves (a moved file or a missing dependency)',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'tensor-packages-only-from-worker',
      comment: 'only the worker, tests and benches load the tensor packages; the API goes through the job queue',
      severity: 'error',
      from: { path: '^(services/api|apps|packages/(core|store|jobs|client|ui))/' },
      to: { path: `^packages/(${TENSOR_PACKAGES.join('|')})/` },
    },
  ],
  options: {
    doNotFollow: { path: '(^|/)node_modules/' },
    // The root node_modules stays in (not followed), so rules can name npm packages; nested ones are build caches.
    exclude: { path: '.+/node_modules/|(^|/)(\\.next|\\.turbo|\\.cache|dist|data)/|\\.d\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.mts', '.js', '.mjs', '.cjs', '.json'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};
