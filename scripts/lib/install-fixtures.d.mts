import type { FixtureRegistry } from './fixture-registry.d.mts';

export interface InstallVersionSpec {
  version: string;
  /** Days before `now` the version was published. */
  ageDays: number;
  dependencies?: Record<string, string>;
  scripts?: Record<string, string>;
  files?: Record<string, string>;
  publisher?: string;
}

export interface InstallPackageSpec {
  name: string;
  versions: InstallVersionSpec[];
}

export function makeTarball(files: Record<string, string>): Buffer;

export function buildInstallRegistry(options: { registryUrl: string; now: number; packages: InstallPackageSpec[] }): {
  documents: Map<string, object>;
  tarballs: Map<string, Buffer>;
};

export function canaryPackage(markerPath: string, name?: string): InstallPackageSpec[];

export function startInstallRegistry(options: { now?: number; packages: InstallPackageSpec[] }): Promise<FixtureRegistry>;
