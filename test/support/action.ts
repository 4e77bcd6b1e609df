/**
 * Runs the bundled Action (dist/action/index.js) the way the runner does: INPUT_* variables,
 * an event payload file, a workspace that is a git repository, GITHUB_STEP_SUMMARY and
 * GITHUB_OUTPUT files, and GITHUB_API_URL pointing at a stub GitHub API on 127.0.0.1.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { REPO_ROOT } from './cli.js';
import { DEMO_NOW } from './demo-registry.js';
import type { GitRepo } from './git-repo.js';
import { makeTempDir } from './temp.js';

export const ACTION = join(REPO_ROOT, 'dist', 'action', 'index.js');
export const REPOSITORY = 'acme/app';

export interface ApiRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  body: { body?: string } | null;
}

export interface StubComment {
  id: number;
  body: string;
  /** The author; comments the Action creates are `github-actions[bot]` (type Bot). */
  user?: { login: string; type: 'Bot' | 'User' };
}

export interface StubRun {
  id: number;
  /** Workflow file name, as the runs listing is asked for it. */
  workflow: string;
  head_sha: string;
  event: string;
  status: string;
  conclusion: string | null;
  created_at: string;
  run_started_at: string;
}

export interface StubGitHub {
  url: string;
  requests: ApiRequest[];
  /** Comments on issue/PR number → id → body. */
  comments: Map<number, StubComment[]>;
  /** Open pull requests, listed by GET /pulls?state=open. */
  pulls: Array<{ number: number; headSha: string }>;
  /** Workflow runs, newest first; a rerun-failed-jobs request sets its status to `queued`. */
  runs: StubRun[];
  /** Status answered to rerun-failed-jobs (201 as GitHub does; 403 without `actions: write`). */
  rerunStatus: number;
  /** Answer every write (POST/PATCH) with 403, as for a read-only token. */
  readOnly: boolean;
  /** Comments per page when listing (GitHub's default is 30, the Action asks for 100). */
  pageSize: number;
  /** When set, every listing answers with this `Link: <url>; rel="next"` (a foreign host, say). */
  nextLink: string | null;
  /**
   * The login GET /user answers for the token (a personal access token), and the author of the
   * comments it creates; null answers 403 as GitHub does for GITHUB_TOKEN (comments by github-actions[bot]).
   */
  userLogin: string | null;
  writes(): ApiRequest[];
  /** Back to no requests, no comments, no pull requests or runs, every write allowed. */
  reset(): void;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((done) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (text += chunk));
    req.on('end', () => done(text));
  });
}

/** A stub GitHub API for the test file: started before all, reset before each test, closed after. */
export function useStubGitHub(): StubGitHub {
  let started: StubGitHub | undefined;
  const stub = new Proxy({} as StubGitHub, {
    get: (_target, key) => {
      if (!started) throw new Error('the stub GitHub API is not running');
      return started[key as keyof StubGitHub];
    },
    set: (_target, key, value) => {
      if (!started) throw new Error('the stub GitHub API is not running');
      (started as unknown as Record<string | symbol, unknown>)[key] = value;
      return true;
    },
  });
  beforeAll(async () => {
    started = await startStubGitHub();
  });
  beforeEach(() => started?.reset());
  afterAll(async () => {
    await started?.close();
  });
  return stub;
}

export async function startStubGitHub(): Promise<StubGitHub> {
  let nextId = 1000;
  const stub: Omit<StubGitHub, 'url' | 'close'> = {
    requests: [],
    comments: new Map(),
    pulls: [],
    runs: [],
    rerunStatus: 201,
    readOnly: false,
    pageSize: 100,
    nextLink: null,
    userLogin: null,
    writes: () => stub.requests.filter((request) => request.method !== 'GET'),
    reset: () => {
      Object.assign(stub, { pulls: [], runs: [], rerunStatus: 201, readOnly: false, pageSize: 100, nextLink: null, userLogin: null });
      stub.requests.length = 0;
      stub.comments.clear();
    },
  };
  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    const next = stub.nextLink && Array.isArray(body) ? { link: `<${stub.nextLink}>; rel="next"` } : {};
    res.writeHead(status, { 'content-type': 'application/json', ...headers, ...next });
    res.end(JSON.stringify(body));
  };
  const server = createServer((req, res) => {
    void readBody(req).then((text) => {
      const url = new URL(req.url ?? '/', 'http://stub');
      const body = text ? (JSON.parse(text) as { body?: string }) : null;
      stub.requests.push({ method: req.method ?? '', path: url.pathname + url.search, authorization: req.headers.authorization, body });
      const list = /^\/repos\/acme\/app\/issues\/(\d+)\/comments$/.exec(url.pathname);
      const one = /^\/repos\/acme\/app\/issues\/comments\/(\d+)$/.exec(url.pathname);
      const runs = /^\/repos\/acme\/app\/actions\/workflows\/([^/]+)\/runs$/.exec(url.pathname);
      const rerun = /^\/repos\/acme\/app\/actions\/runs\/(\d+)\/rerun-failed-jobs$/.exec(url.pathname);
      if (req.method !== 'GET' && stub.readOnly) return json(res, 403, { message: 'Resource not accessible by integration' });
      if (url.pathname === '/user' && req.method === 'GET') {
        if (stub.userLogin === null) return json(res, 403, { message: 'Resource not accessible by integration' });
        return json(res, 200, { login: stub.userLogin, type: 'User' });
      }
      if (url.pathname === '/repos/acme/app/pulls' && req.method === 'GET' && url.searchParams.get('state') === 'open') {
        return json(res, 200, stub.pulls.map((pull) => ({ number: pull.number, state: 'open', head: { sha: pull.headSha } })));
      }
      if (runs && req.method === 'GET') {
        const matching = stub.runs.filter((run) => run.workflow === decodeURIComponent(runs[1] ?? '') && run.head_sha === url.searchParams.get('head_sha'));
        return json(res, 200, { total_count: matching.length, workflow_runs: matching.map(({ workflow: _workflow, ...run }) => run) });
      }
      if (rerun && req.method === 'POST') {
        const run = stub.runs.find((candidate) => candidate.id === Number(rerun[1]));
        if (!run) return json(res, 404, { message: 'Not Found' });
        if (stub.rerunStatus !== 201) return json(res, stub.rerunStatus, { message: 'Resource not accessible by integration' });
        Object.assign(run, { status: 'queued', conclusion: null });
        return json(res, 201, {});
      }
      if (list && req.method === 'GET') {
        const all = stub.comments.get(Number(list[1])) ?? [];
        const page = Number(url.searchParams.get('page') ?? '1');
        const slice = all.slice((page - 1) * stub.pageSize, page * stub.pageSize);
        const next: Record<string, string> = page * stub.pageSize < all.length ? { link: `<http://${req.headers.host}${url.pathname}?per_page=100&page=${page + 1}>; rel="next"` } : {};
        return json(res, 200, slice, next);
      }
      if (list && req.method === 'POST') {
        const user = stub.userLogin === null ? { login: 'github-actions[bot]', type: 'Bot' as const } : { login: stub.userLogin, type: 'User' as const };
        const comment: StubComment = { id: nextId++, body: body?.body ?? '', user };
        stub.comments.set(Number(list[1]), [...(stub.comments.get(Number(list[1])) ?? []), comment]);
        return json(res, 201, comment);
      }
      if (one && req.method === 'PATCH') {
        for (const comments of stub.comments.values()) {
          const comment = comments.find((candidate) => candidate.id === Number(one[1]));
          if (comment) {
            comment.body = body?.body ?? '';
            return json(res, 200, comment);
          }
        }
      }
      return json(res, 404, { message: 'Not Found' });
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return Object.assign(stub, {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  });
}

/** A server that answers 200 `[]` to everything and records each request's path and Authorization header. */
export async function startRecordingServer(): Promise<{ url: string; requests: Array<{ path: string; authorization: string | undefined }>; close(): Promise<void> }> {
  const requests: Array<{ path: string; authorization: string | undefined }> = [];
  const server = createServer((req, res) => {
    requests.push({ path: req.url ?? '/', authorization: req.headers.authorization });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('[]');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests, close: () => new Promise<void>((done) => server.close(() => done())) };
}

export interface PullRequestEvent {
  number?: number;
  base: string;
  /** Head repository; a fork when it differs from REPOSITORY. */
  headRepo?: string;
}

export function pullRequestPayload(event: PullRequestEvent): object {
  return {
    action: 'synchronize',
    number: event.number ?? 7,
    pull_request: {
      number: event.number ?? 7,
      base: { sha: event.base, repo: { full_name: REPOSITORY } },
      head: { sha: 'ffffffffffffffffffffffffffffffffffffffff', repo: { full_name: event.headRepo ?? REPOSITORY } },
    },
    repository: { full_name: REPOSITORY },
  };
}

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  summary: string;
  outputs: Record<string, string>;
  /** The JSON report the `report` output names (null when none was written). */
  report: { summary: Record<string, number>; packages: Array<{ name: string; version: string; verdict: string; change?: { kind: string; from: string[] } }>; base?: { lockfiles: Array<{ path: string; status: string }> } } | null;
  temp: string;
}

/** Parses `name<<delimiter\nvalue\ndelimiter` entries. */
export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const pattern = /^([^<\n]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (const match of text.matchAll(pattern)) outputs[match[1] ?? ''] = match[3] ?? '';
  return outputs;
}

export interface RunActionOptions {
  repo: GitRepo;
  event: string;
  payload?: object;
  inputs?: Record<string, string>;
  env?: Record<string, string>;
  api?: StubGitHub;
  registryUrl: string;
}

export function runAction(options: RunActionOptions): Promise<ActionRun> {
  const temp = makeTempDir('runner');
  const eventPath = join(temp, 'event.json');
  writeFileSync(eventPath, JSON.stringify(options.payload ?? {}));
  const summaryPath = join(temp, 'step-summary.md');
  const outputPath = join(temp, 'output.txt');
  writeFileSync(summaryPath, '');
  writeFileSync(outputPath, '');
  const inputs = { registry: options.registryUrl, token: 'ghs_test-token', ...options.inputs };
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '',
    HOME: join(temp, 'home'),
    XDG_CACHE_HOME: join(temp, 'cache'),
    // actions/setup-node sets NPM_CONFIG_USERCONFIG (upper case); a test that does replaces this.
    ...(options.env?.['NPM_CONFIG_USERCONFIG'] ? {} : { npm_config_userconfig: join(temp, 'home', '.npmrc') }),
    npm_config_globalconfig: join(temp, 'global-npmrc'),
    QUARANTINE_NOW: DEMO_NOW,
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: options.event,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_WORKSPACE: options.repo.dir,
    GITHUB_REPOSITORY: REPOSITORY,
    GITHUB_SERVER_URL: 'https://github.example',
    GITHUB_RUN_ID: '42',
    GITHUB_WORKFLOW_REF: `${REPOSITORY}/.github/workflows/quarantine.yml@refs/heads/main`,
    GITHUB_API_URL: options.api?.url ?? 'http://127.0.0.1:9',
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_OUTPUT: outputPath,
    RUNNER_TEMP: temp,
    ...Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value])),
    ...options.env,
  };
  return new Promise((done) => {
    execFile(process.execPath, [ACTION], { cwd: temp, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error && typeof error.code === 'number' ? error.code : error ? 1 : 0;
      const outputs = parseOutputs(readFileSync(outputPath, 'utf8'));
      const reportPath = outputs['report'];
      const report = reportPath && existsSync(reportPath) ? (JSON.parse(readFileSync(reportPath, 'utf8')) as ActionRun['report']) : null;
      done({ code, stdout, stderr, summary: readFileSync(summaryPath, 'utf8'), outputs, report, temp });
    });
  });
}
