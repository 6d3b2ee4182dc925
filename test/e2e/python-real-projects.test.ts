/** Regression snapshot over real async Python code: `sleepmut list --json` on six published packages (pinned wheels, installed by pip), one `id operator file:line` line per mutant. */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const cli = path.join(repoRoot, 'dist/src/cli/main.js');
const cache = path.join(repoRoot, '.e2e/real-py');

/**
 * The packages of docs/precision-python.md that fit in a few seconds: every Python operator but
 * NestedEventLoop's rare shapes appears in at least one of them. Wheels, not sdists: they need no
 * build backend, and `list` only reads the package's own modules.
 */
const packages = [
  { name: 'aiofiles', version: '25.1.0', sha256: 'abe311e527c862958650f9438e859c1fa7568a141b22abcd015e120e86a85695' },
  { name: 'aiohttp-retry', version: '2.9.1', sha256: '66d2759d1921838256a05a3f80ad7e724936f083e35be5abb5e16eed6be6dc54' },
  { name: 'aioitertools', version: '0.13.0', sha256: '0be0292b856f08dfac90e31f4739432f4cb6d7520ab9eb73e143f4f2fa5259be' },
  { name: 'opnieuw', version: '4.0.0', sha256: '31f83a6771fbd5bdd6ecb8754e845dd173f3c1fffc29ca8e37400634056d838f' },
  // Event waits and sleeps reached through the package's own re-exports (aiorpcx.curio re-exports asyncio's Event and sleep).
  { name: 'aiorpcX', version: '0.25.0', sha256: 'b0bdc9679a5908d3fe5bfc8fd626721dd8b64509028e909d292e9c6a49e983aa' },
  { name: 'trio-websocket', version: '0.12.2', sha256: 'df605665f1db533f4a386c94525870851096a223adcb97f72a07e8b4beba45b6' },
] as const;

type Package = (typeof packages)[number];

/** The wheel's file name prefix: pip normalizes `-` to `_` in the distribution name. */
function wheelPrefix(pkg: Package): string {
  return `${pkg.name.replace(/-/g, '_')}-${pkg.version}-`;
}

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** The downloaded wheel of `pkg` whose hash matches the pin, or undefined. */
function cachedWheel(wheels: string, pkg: Package): string | undefined {
  if (!existsSync(wheels)) return undefined;
  const file = readdirSync(wheels).find((name) => name.startsWith(wheelPrefix(pkg)) && name.endsWith('.whl'));
  return file && sha256(path.join(wheels, file)) === pkg.sha256 ? path.join(wheels, file) : undefined;
}

/**
 * Downloads the pinned wheels with pip (hash-checked) unless they are cached, and unpacks each into
 * its own directory. Returns why it could not (no pip, no network), so the tests skip with that reason.
 */
async function preparePackages(): Promise<string | undefined> {
  const wheels = path.join(cache, 'wheels');
  const missing = packages.filter((pkg) => !cachedWheel(wheels, pkg));
  if (missing.length > 0) {
    mkdirSync(wheels, { recursive: true });
    const requirements = path.join(cache, 'requirements.txt');
    writeFileSync(requirements, missing.map((pkg) => `${pkg.name}==${pkg.version} --hash=sha256:${pkg.sha256}\n`).join(''));
    const pip = await execa('python3', ['-m', 'pip', 'download', '--no-deps', '--only-binary', ':all:', '--disable-pip-version-check', '--dest', wheels, '-r', requirements], {
      reject: false,
      all: true,
      timeout: 180_000,
    });
    if (pip.exitCode !== 0) {
      const reason = String(pip.all ?? '').split('\n').filter((line) => /error|could not|no module named/i.test(line))[0] ?? `exit code ${pip.exitCode}`;
      return `pip could not download the pinned wheels (network or pip missing): ${reason.trim()}`;
    }
  }
  for (const pkg of packages) {
    const wheel = cachedWheel(wheels, pkg);
    if (!wheel) return `pip downloaded no wheel of ${pkg.name} ${pkg.version} with the pinned hash`;
    const target = path.join(cache, `${pkg.name}-${pkg.version}`);
    rmSync(target, { recursive: true, force: true });
    await execa('python3', ['-m', 'zipfile', '-e', wheel, target]);
  }
  return undefined;
}

/** `sleepmut list . --json` inside the unpacked package, one `id operator file:line` line per mutant. */
async function listMutants(pkg: Package): Promise<string[]> {
  const result = await execa('node', [cli, 'list', '.', '--json'], { cwd: path.join(cache, `${pkg.name}-${pkg.version}`) });
  const { mutants } = JSON.parse(result.stdout) as { mutants: { id: string; operator: string; file: string; line: number }[] };
  return mutants.map((mutant) => `${mutant.id} ${mutant.operator} ${mutant.file}:${mutant.line}`);
}

describe('sleepmut list on real async Python packages (pinned wheels)', () => {
  let skipReason: string | undefined;

  beforeAll(async () => {
    skipReason = await preparePackages();
    if (skipReason) process.stderr.write(`python-real-projects: skipped: ${skipReason}\n`);
  });

  for (const pkg of packages) {
    it(`${pkg.name} ${pkg.version}: the same mutants with the same ids`, async (context) => {
      if (skipReason) context.skip(skipReason);
      expect(await listMutants(pkg)).toMatchSnapshot();
    });
  }
});
