#!/usr/bin/env node
// Installs the package managers the end-to-end tests run that cannot be root devDependencies
// (tools/package-managers/README.md says why) before `npm test`, and only when their lockfile
// changed since the last install. It is not part of `prepare`, so installing release-quarantine
// from a git URL or a tarball never downloads npm 12 or a Node.js binary.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const tools = join(dirname(fileURLToPath(import.meta.url)), '..', 'tools', 'package-managers');
const lock = readFileSync(join(tools, 'package-lock.json'));
const digest = createHash('sha256').update(lock).digest('hex');
const stamp = join(tools, 'node_modules', '.installed-from');
if (existsSync(stamp) && readFileSync(stamp, 'utf8') === digest) process.exit(0);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
execFileSync(npm, ['ci', '--prefix', tools, '--ignore-scripts', '--no-audit', '--no-fund'], { stdio: 'inherit' });
writeFileSync(stamp, digest);
