/** One `Files:` stanza of a machine-readable Debian copyright file (DEP-5). */
export interface CopyrightStanza {
  files: string[];
  copyright: string;
  license: string;
}

/** What a copyright file says about one installed file. */
export interface FileLicence {
  /** The short licence name of the matching stanza (e.g. `GPL-2+`, `CC-BY-SA-4.0`). */
  licence: string;
  copyright: string;
  /** The `Files:` pattern that matched (`*` when only the catch-all did). */
  matched: string;
}

/** Parses the `Files:` stanzas of a DEP-5 copyright file; stand-alone `License:` paragraphs are skipped. */
export function parseCopyright(text: string): CopyrightStanza[] {
  const stanzas: CopyrightStanza[] = [];
  for (const paragraph of text.split(/\n\s*\n/)) {
    const fields = new Map<string, string>();
    let key = '';
    for (const line of paragraph.split('\n')) {
      const field = /^([A-Za-z-]+):\s*(.*)$/.exec(line);
      if (field) {
        key = field[1]!.toLowerCase();
        fields.set(key, field[2]!);
      } else if (/^\s/.test(line) && key) {
        fields.set(key, `${fields.get(key)}\n${line.trim()}`);
      }
    }
    const files = fields.get('files');
    if (files === undefined) continue;
    stanzas.push({
      files: files.split(/\s+/).filter(Boolean),
      copyright: (fields.get('copyright') ?? '').replace(/\s*\n\s*/g, '; ').trim(),
      license: (fields.get('license') ?? '').split('\n')[0]!.trim(),
    });
  }
  return stanzas;
}

/** A DEP-5 glob (`*`, `?`) as a regex anchored at the end of an installed path, after a `/`. */
function globAtEnd(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`(^|/)${body}$`);
}

/** The last part of a DEP-5 pattern (`16.04/Bridge.jpg` -> `Bridge.jpg`). */
const lastPart = (pattern: string): string => pattern.slice(pattern.lastIndexOf('/') + 1);

/**
 * The licence of an installed file: stanza patterns are upstream paths (`nature/Wood.jpg`), so they are
 * matched against the end of the installed path; as in DEP-5, the last matching stanza wins, and `*` matches
 * everything. `debian/*` stanzas are about packaging and never match a data file. Where no pattern but the catch-all
 * matches the path, a pattern naming the file in an upstream folder the package flattened on install
 * (lomiri-wallpapers' `16.04/Bridge_by_Sander_Klootwijk.jpg`, installed as `/usr/share/backgrounds/Bridge_by_...jpg`)
 * is matched by its last part, a file name without wildcards, as long as only one stanza's pattern does.
 * @throws Error naming the file when no stanza matches.
 */
export function licenceOf(stanzas: readonly CopyrightStanza[], installedPath: string): FileLicence {
  let found: FileLicence | undefined;
  const byName: FileLicence[] = [];
  for (const stanza of stanzas) {
    for (const pattern of stanza.files) {
      if (pattern.startsWith('debian/')) continue;
      if (pattern === '*' || globAtEnd(pattern).test(installedPath)) {
        found = { licence: stanza.license, copyright: stanza.copyright, matched: pattern };
      } else if (pattern.includes('/') && !/[*?]/.test(lastPart(pattern)) && globAtEnd(lastPart(pattern)).test(installedPath)) {
        byName.push({ licence: stanza.license, copyright: stanza.copyright, matched: pattern });
      }
    }
  }
  if ((!found || found.matched === '*') && byName.length === 1) return byName[0]!;
  if (!found) throw new Error(`no Files: stanza of the copyright file covers '${installedPath}'`);
  return found;
}
