import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { DatasetSource, PackageInfo } from './build-image-dataset';

const DPKG_INFO = '/var/lib/dpkg/info';

/** Which files of one Debian package go into a dataset. */
export interface PackageSelection {
  package: string;
  /** Installed paths to take (matched against the package's file list). */
  include: RegExp;
  /** Where upstream says more about a file than the Debian copyright file (author, licence), in words. */
  upstream?: (file: string) => string | undefined;
}

/**
 * Author and licence a KDE wallpaper's `metadata.json` states (`/usr/share/wallpapers/<Name>/metadata.json`): the
 * Debian copyright file covers the whole package with one stanza, the wallpaper's own file names its photographer.
 */
export function kdeWallpaperMetadata(file: string): string | undefined {
  const match = /^(.*\/wallpapers\/[^/]+)\/contents\/images\/[^/]+$/.exec(file);
  if (!match) return undefined;
  try {
    const meta = JSON.parse(readFileSync(`${match[1]}/metadata.json`, 'utf8')) as { KPlugin?: { Authors?: { Name?: string }[]; License?: string } };
    const authors = (meta.KPlugin?.Authors ?? []).map((a) => a.Name).filter(Boolean).join(', ');
    return `${authors || 'no author named'}, ${meta.KPlugin?.License ?? 'no licence named'} (metadata.json)`;
  } catch {
    return undefined;
  }
}

/** A file name alternation for a regex, each name escaped. */
const oneOf = (names: readonly string[]): string => names.map((n) => n.replace(/[.+^${}()|[\]\\]/g, '\\$&')).join('|');

/**
 * The photographs among lomiri-wallpapers' 16.04 and 20.04 sets (the Ubuntu wallpaper contests), checked one by
 * one: the sets' renders and drawings (umang, Fossa, Infinite-Sea, Painting-Colors, the warty and lomiri defaults)
 * are left out.
 */
const LOMIRI_16_04_PHOTOS = [
  'Bridge_by_Sander_Klootwijk',
  'Dragonfly_by_Bolly',
  'Picture_0B_by_freespace',
  'Picture_1A_by_freespace',
  'Wine_by_Jakkub_Mede',
  'aitzgorri_by_Aitzol_Berasategi',
  'analogpattern_by_Peter_Nerlich',
  'free_by_Peter_Nerlich',
  'friends_by_Aitzol_Berasategi',
  'greentock_by_Peter_Nerlich',
  'life_by_Aitzol_Berasategi',
  'picosdeeuropa_by_Aitzol_Berasategi',
  'seeding_by_Clements_Engelhardt',
  'sunset_by_Aitzol_Berasategi',
];
const LOMIRI_20_04_PHOTOS = ['Kleiber_by_Lukas_Baubkus'];
/** The photographs among Plasma's wallpapers, checked one by one (the rest are renders and drawings), one size each. */
const PLASMA_PHOTOS = ['BytheWater', 'ColdRipple', 'ColorfulCups', 'DarkestHour', 'EveningGlow', 'FallenLeaf', 'Grey', 'Kite', 'OneStandsOut', 'Path', 'summer_1am'];

/**
 * The natural-image default: GIMP's texture patterns (wood, stone, fabric, paper, ...; many are photographs of
 * materials), MATE's nature photographs, and the photographs among Lomiri's and Plasma's wallpapers. Chosen so that
 * classes differ in texture and shape as well as colour.
 */
export const DEFAULT_DATASET_PACKAGES: readonly PackageSelection[] = [
  { package: 'gimp-data', include: /^\/usr\/share\/gimp\/2\.0\/patterns\/.+\.pat$/ },
  { package: 'gimp-data-extras', include: /^\/usr\/share\/gimp\/2\.0\/patterns\/.+\.pat$/ },
  { package: 'mate-backgrounds', include: /^\/usr\/share\/backgrounds\/mate\/nature\/.+\.jpg$/ },
  { package: 'lomiri-wallpapers-16.04', include: new RegExp(`^/usr/share/backgrounds/(${oneOf(LOMIRI_16_04_PHOTOS)})\\.jpg$`) },
  { package: 'lomiri-wallpapers-20.04', include: new RegExp(`^/usr/share/backgrounds/(${oneOf(LOMIRI_20_04_PHOTOS)})\\.jpg$`) },
  {
    package: 'plasma-workspace-wallpapers',
    include: new RegExp(`^/usr/share/wallpapers/(${oneOf(PLASMA_PHOTOS)})/contents/images/2560x1600\\.jpg$`),
    upstream: kdeWallpaperMetadata,
  },
];

/**
 * Wallpaper packages looked through for photographs and found to hold none (Debian 12's versions), so the dataset
 * leaves them out: the build says so rather than pass them over in silence.
 */
export const PACKAGES_WITHOUT_PHOTOGRAPHS: readonly { package: string; why: string }[] = [
  { package: 'gnome-backgrounds', why: 'GNOME 43 backgrounds are renders and vector art (adwaita, blobs, truchet, wood, ...)' },
  { package: 'ukui-wallpapers', why: 'renders and drawings (calla, goldfish, desert, city, ...)' },
  { package: 'sway-backgrounds', why: 'the sway logo on blue, in eight sizes' },
  { package: 'desktop-base', why: "Debian's release themes (emerald, homeworld, futureprototype, joy, lines, moonlight, softwaves, spacefun): vector art" },
];

/** The Debian packages the default dataset is built from, for installers. */
export const DEFAULT_DATASET_DEBIAN_PACKAGES: readonly string[] = DEFAULT_DATASET_PACKAGES.map((p) => p.package);

/** The packages of `selections` that dpkg does not list as installed. */
export function missingPackages(selections: readonly PackageSelection[], infoDir = DPKG_INFO): string[] {
  return selections.map((s) => s.package).filter((pkg) => !existsSync(`${infoDir}/${pkg}.list`));
}

/**
 * The selected files of installed packages, from dpkg's file lists, sorted by path within each package.
 * @throws Error naming the package that is not installed (and the apt-get command that installs it), or
 *   that installed no file matching its selection.
 */
export async function debianSources(selections: readonly PackageSelection[], infoDir = DPKG_INFO): Promise<DatasetSource[]> {
  const sources: DatasetSource[] = [];
  for (const { package: pkg, include, upstream } of selections) {
    let list: string;
    try {
      list = await readFile(`${infoDir}/${pkg}.list`, 'utf8');
    } catch {
      throw new Error(`Debian package ${pkg} is not installed (no ${infoDir}/${pkg}.list); install it with: apt-get install -y ${pkg}`);
    }
    const files = list.split('\n').filter((f) => include.test(f)).sort();
    if (files.length === 0) throw new Error(`Debian package ${pkg} installed no file matching ${include}`);
    for (const file of files) {
      const said = upstream?.(file);
      sources.push({ file, package: pkg, ...(said ? { upstream: said } : {}) });
    }
  }
  return sources;
}

/** Version (from dpkg-query) and copyright text (`/usr/share/doc/<pkg>/copyright`) of an installed package. */
export async function installedPackageInfo(pkg: string): Promise<PackageInfo> {
  const version = execFileSync('dpkg-query', ['-W', '-f=${Version}', pkg], { encoding: 'utf8' }).trim();
  const copyright = await readFile(`/usr/share/doc/${pkg}/copyright`, 'utf8');
  return { version, copyright };
}
