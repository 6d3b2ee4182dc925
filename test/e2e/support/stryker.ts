/** Real Stryker for end-to-end tests: packs sleepmut, keeps one shared install root per Stryker major under `.e2e/`, runs `npx stryker run` on copies of sample projects. */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { inject } from 'vitest';

export const repoRoot = path.resolve(import.meta.dirname, '../../..');
export const sampleProjectsDir = path.join(repoRoot, 'sample-projects');

/** 8 is unsupported by sleepmut: its root exists only to show that sleepmut refuses it. */
export type StrykerMajor = 8 | 9 | 10;

export interface StrykerInstall {
  major: StrykerMajor;
  /** The directory whose `node_modules` every sample copy resolves from. */
  root: string;
  /** The node binary Stryker runs on (Stryker 10 refuses Node 20, so its root ships Node 24). */
  node: string;
}

/** jest 30 is accepted by jest-runner 9.6.1 and 10.0.0 (both only require jest >= 27 for perTest coverage). */
const sharedTools = { vitest: '4.1.11', mocha: '11.7.6', jest: '30.5.2', '@sinonjs/fake-timers': '15.5.0' };

/** mocha-runner and jest-runner have no 10.1.x release; 10.0.0 pins core 10.0.0 as a peer, hence `--legacy-peer-deps` below. */
const dependenciesByMajor: Record<StrykerMajor, Record<string, string>> = {
  8: {
    '@stryker-mutator/core': '8.7.1',
    '@stryker-mutator/vitest-runner': '8.7.1',
    vitest: sharedTools.vitest,
  },
  9: {
    '@stryker-mutator/core': '9.6.1',
    '@stryker-mutator/vitest-runner': '9.6.1',
    '@stryker-mutator/mocha-runner': '9.6.1',
    '@stryker-mutator/jest-runner': '9.6.1',
    // The typescript checker e2e (stryker-typescript-checker.test.ts) type-checks every mutant of sample-projects/ts-strict.
    '@stryker-mutator/typescript-checker': '9.6.1',
    typescript: '5.9.3',
    '@types/node': '20.19.43',
    ...sharedTools,
  },
  10: {
    '@stryker-mutator/core': '10.1.1',
    '@stryker-mutator/vitest-runner': '10.1.1',
    '@stryker-mutator/mocha-runner': '10.0.0',
    '@stryker-mutator/jest-runner': '10.0.0',
    ...sharedTools,
    node: '24',
  },
};

/** The tarball a user would install, built and packed once per test run by the e2e global setup (support/pack.ts). */
export async function packSleepmut(): Promise<string> {
  return inject('sleepmutTarball');
}

/** Installs (or reuses, when tarball and dependencies are unchanged) `.e2e/stryker<major>` with Stryker, the runners and sleepmut. */
export async function prepareStrykerInstall(major: StrykerMajor, tarball: string): Promise<StrykerInstall> {
  const root = path.join(repoRoot, '.e2e', `stryker${major}`);
  const tarballHash = createHash('sha256').update(readFileSync(tarball)).digest('hex').slice(0, 16);
  const dependencies = { ...dependenciesByMajor[major], sleepmut: `file:sleepmut-${tarballHash}.tgz` };
  const stamp = JSON.stringify(dependencies);
  const stampFile = path.join(root, 'install-stamp.json');
  if (!existsSync(stampFile) || readFileSync(stampFile, 'utf8') !== stamp) {
    mkdirSync(root, { recursive: true });
    replaceTarball(root, tarball, `sleepmut-${tarballHash}.tgz`);
    writeFileSync(path.join(root, 'package.json'), JSON.stringify({ private: true, dependencies }, null, 2));
    await execa('npm', ['install', '--no-audit', '--no-fund', '--legacy-peer-deps'], { cwd: root });
    writeFileSync(stampFile, stamp);
  }
  return { major, root, node: major === 10 ? realpathSync(path.join(root, 'node_modules', '.bin', 'node')) : process.execPath };
}

function replaceTarball(root: string, tarball: string, name: string): void {
  for (const old of readdirSync(root).filter((file) => /^sleepmut-.*\.tgz$/.test(file))) rmSync(path.join(root, old));
  cpSync(tarball, path.join(root, name));
}

export interface StrykerRun {
  /** The sample copy Stryker ran in. */
  runDir: string;
  exitCode: number;
  output: string;
  /** Parsed `reports/mutation/mutation.json`, undefined when Stryker wrote none. */
  report: MutationReport | undefined;
}

export interface MutationReport {
  files: Record<string, { mutants: ReportedMutant[] }>;
}

export interface ReportedMutant {
  mutatorName: string;
  status: string;
  statusReason?: string;
  replacement?: string;
}

/**
 * Copies `sample-projects/<sample>` into a fresh directory inside the install root (so it resolves the shared
 * node_modules), optionally adds or overwrites files (e.g. a derived config), and runs `npx stryker run <configFile> ...args` there.
 */
export async function runStryker(
  sample: string,
  configFile: string,
  install: StrykerInstall,
  extraFiles: Record<string, string> = {},
  args: string[] = [],
): Promise<StrykerRun> {
  const runDir = path.join(install.root, 'runs', `${sample}-${path.basename(configFile, '.json')}`);
  rmSync(runDir, { recursive: true, force: true });
  cpSync(path.join(sampleProjectsDir, sample), runDir, { recursive: true, filter: (source) => !/(node_modules|reports|\.stryker-tmp)$/.test(source) });
  for (const [name, content] of Object.entries(extraFiles)) {
    mkdirSync(path.dirname(path.join(runDir, name)), { recursive: true });
    writeFileSync(path.join(runDir, name), content);
  }
  const env = { PATH: [path.dirname(install.node), path.join(install.root, 'node_modules', '.bin'), process.env.PATH].join(path.delimiter), FORCE_COLOR: '0' };
  const result = await execa('npx', ['--no-install', 'stryker', 'run', configFile, ...args], { cwd: runDir, env, all: true, reject: false });
  const reportFile = path.join(runDir, 'reports', 'mutation', 'mutation.json');
  const report = existsSync(reportFile) ? (JSON.parse(readFileSync(reportFile, 'utf8')) as MutationReport) : undefined;
  return { runDir, exitCode: result.exitCode ?? -1, output: result.all ?? '', report };
}

export type OutcomeCounts = Record<string, Record<string, number>>;

/** `{ EventWaitToSleep: { Killed: 2, Survived: 1 }, ... }` over every mutant in the report. */
export function outcomesByOperator(report: MutationReport): OutcomeCounts {
  const counts: OutcomeCounts = {};
  for (const mutant of Object.values(report.files).flatMap((file) => file.mutants)) {
    const byStatus = (counts[mutant.mutatorName] ??= {});
    byStatus[mutant.status] = (byStatus[mutant.status] ?? 0) + 1;
  }
  return counts;
}

/** A digest of every file under `dir` (names and contents), to show a directory was left untouched. */
export function directoryDigest(dir: string): string {
  const hash = createHash('sha256');
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  for (const relative of files.map((file) => path.relative(dir, path.join(file.parentPath, file.name))).sort()) {
    hash.update(relative).update('\0').update(readFileSync(path.join(dir, relative)));
  }
  return hash.digest('hex');
}
