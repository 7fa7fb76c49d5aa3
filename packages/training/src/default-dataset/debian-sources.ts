import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import type { DatasetSource, PackageInfo } from './build-image-dataset';

/** Which files of one Debian package go into a dataset. */
export interface PackageSelection {
  package: string;
  /** Installed paths to take (matched against the package's file list). */
  include: RegExp;
}

/**
 * The natural-image default: GIMP's texture patterns (wood, stone, fabric, paper, ...; many are photographs of
 * materials) and MATE's nature photographs. Chosen so that classes differ in texture and shape as well as colour.
 */
export const DEFAULT_DATASET_PACKAGES: readonly PackageSelection[] = [
  { package: 'gimp-data', include: /^\/usr\/share\/gimp\/2\.0\/patterns\/.+\.pat$/ },
  { package: 'gimp-data-extras', include: /^\/usr\/share\/gimp\/2\.0\/patterns\/.+\.pat$/ },
  { package: 'mate-backgrounds', include: /^\/usr\/share\/backgrounds\/mate\/nature\/.+\.jpg$/ },
];

/** The Debian packages the default dataset is built from, for installers. */
export const DEFAULT_DATASET_DEBIAN_PACKAGES: readonly string[] = DEFAULT_DATASET_PACKAGES.map((p) => p.package);

const DPKG_INFO = '/var/lib/dpkg/info';

/**
 * The selected files of installed packages, from dpkg's file lists, sorted by path within each package.
 * @throws Error naming the package that is not installed (and the apt-get command that installs it), or
 *   that installed no file matching its selection.
 */
export async function debianSources(selections: readonly PackageSelection[], infoDir = DPKG_INFO): Promise<DatasetSource[]> {
  const sources: DatasetSource[] = [];
  for (const { package: pkg, include } of selections) {
    let list: string;
    try {
      list = await readFile(`${infoDir}/${pkg}.list`, 'utf8');
    } catch {
      throw new Error(`Debian package ${pkg} is not installed (no ${infoDir}/${pkg}.list); install it with: apt-get install -y ${pkg}`);
    }
    const files = list.split('\n').filter((f) => include.test(f)).sort();
    if (files.length === 0) throw new Error(`Debian package ${pkg} installed no file matching ${include}`);
    for (const file of files) sources.push({ file, package: pkg });
  }
  return sources;
}

/** Version (from dpkg-query) and copyright text (`/usr/share/doc/<pkg>/copyright`) of an installed package. */
export async function installedPackageInfo(pkg: string): Promise<PackageInfo> {
  const version = execFileSync('dpkg-query', ['-W', '-f=${Version}', pkg], { encoding: 'utf8' }).trim();
  const copyright = await readFile(`/usr/share/doc/${pkg}/copyright`, 'utf8');
  return { version, copyright };
}
