/**
 * The import rules of src/ (docs/architecture.md draws the picture). Imports run one way:
 *
 *   shells: cli/ action/ hooks/ (and src/index.ts)
 *     -> app/                                  one module per use case
 *       -> adapters: registry/ lockfile/ git/ config/ settings/   and   engine/
 *         -> rules/                            (engine/ only)
 *           -> model/                          imported by everyone, imports nothing of ours
 *   report/ makes every sentence a user reads from model/ data; the shells call it.
 *   src/host-node.ts builds the process's Host (model/host.ts); only the shells import it.
 *
 * A layer may import any layer below it; the adapters and engine/ sit side by side and do not
 * import each other, except for the named edges below. Each rule names what it protects, so a
 * violation reads "error <rule-name>: <from> → <to>". Run: npm run lint:imports
 */
const SHELLS = '^src/(cli|action|hooks)/|^src/index\\.ts$';
const LAYERS = '^src/(cli|action|hooks|app|registry|lockfile|git|config|settings|engine|rules|report|model)/|^src/index\\.ts$|^src/host-node\\.ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No import cycles, inside a folder or across folders: pull the shared part into a lower module.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'model-imports-only-model',
      comment: 'model/ (types, policy, constants, errors, the rule interface, small pure helpers) is the floor: it imports nothing of ours outside model/.',
      severity: 'error',
      from: { path: '^src/model/' },
      to: { path: '^src/', pathNot: '^src/model/' },
    },
    {
      name: 'rules-import-only-model',
      comment: 'A rule is a pure function of model/ data: rules/ imports model/ and other rules/ modules, nothing else.',
      severity: 'error',
      from: { path: '^src/rules/' },
      to: { path: '^src/', pathNot: '^src/(rules|model)/' },
    },
    {
      name: 'engine-imports-only-rules-and-model',
      comment: 'engine/ (evaluate, remedies, diff, merge) is pure: it imports rules/ and model/, never an adapter, app/ or report/.',
      severity: 'error',
      from: { path: '^src/engine/' },
      to: { path: '^src/', pathNot: '^src/(engine|rules|model)/' },
    },
    {
      name: 'report-imports-only-model',
      comment: 'report/ turns model/ data into text, JSON, Markdown and SARIF: it imports model/ only (move a data type it needs into model/).',
      severity: 'error',
      from: { path: '^src/report/' },
      to: { path: '^src/', pathNot: '^src/(report|model)/' },
    },
    {
      name: 'adapter-imports-only-model',
      comment: 'registry/, lockfile/ and config/ read and parse the outside world into model/ data: they import model/ only, not each other.',
      severity: 'error',
      from: { path: '^src/(registry|lockfile|config)/' },
      to: { path: '^src/', pathNot: ['^src/$1/', '^src/model/'] },
    },
    {
      name: 'git-imports-only-model-and-lockfile',
      comment: 'git/ reads the base lockfiles from git: it imports model/ and the lockfile/ parsers (allowed edge git -> lockfile), nothing else.',
      severity: 'error',
      from: { path: '^src/git/' },
      to: { path: '^src/', pathNot: '^src/(git|lockfile|model)/' },
    },
    {
      name: 'settings-imports-only-model-and-lockfile-kind',
      comment: 'settings/ plans the native package-manager and bot settings: it imports model/ and lockfile/lockfile-kind.ts (allowed edge settings -> lockfile, to tell Yarn Berry from Classic), nothing else.',
      severity: 'error',
      from: { path: '^src/settings/' },
      to: { path: '^src/', pathNot: ['^src/(settings|model)/', '^src/lockfile/lockfile-kind\\.ts$'] },
    },
    {
      name: 'app-imports-downward',
      comment: 'app/ (the use cases) wires the adapters, engine/ and model/ and returns data: it never imports a shell, the Node Host or report/.',
      severity: 'error',
      from: { path: '^src/app/' },
      to: { path: '^src/', pathNot: '^src/(app|registry|lockfile|git|config|settings|engine|rules|model)/' },
    },
    {
      name: 'shells-do-not-import-shells',
      comment: 'cli/, action/, hooks/ and src/index.ts are separate entry points: what two of them share goes down into app/, report/ or model/.',
      severity: 'error',
      from: { path: SHELLS },
      to: { path: SHELLS, pathNot: '^src/$1/' },
    },
    {
      name: 'host-node-only-from-shells',
      comment: 'src/host-node.ts reads the process (clock, env, cwd, streams) into a Host: only the entry points build one; everything else receives it.',
      severity: 'error',
      from: { path: '^src/', pathNot: [SHELLS, '^src/host-node\\.ts$'] },
      to: { path: '^src/host-node\\.ts$' },
    },
    {
      name: 'host-node-imports-only-model',
      comment: 'src/host-node.ts builds the model/ Host from the process and imports nothing else of ours.',
      severity: 'error',
      from: { path: '^src/host-node\\.ts$' },
      to: { path: '^src/', pathNot: '^src/(model/|host-node\\.ts$)' },
    },
    {
      name: 'every-module-in-a-layer',
      comment: 'Every module under src/ lives in one of the layer folders above (or is src/index.ts), so the rules reach it.',
      severity: 'error',
      from: { path: '^src/', pathNot: LAYERS },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a type from a higher layer is still a dependency on it.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};
