import { describe, expect, it } from 'vitest';
import { licenceOf, parseCopyright } from './dep5-licence';

const COPYRIGHT = `Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: backgrounds

Files: *
Copyright: 2001 Everyone
License: GPL-2+

Files: nature/Aqua.jpg
       nature/Lady*.jpg
Copyright: 2008, Charles
License: CC-BY-SA-4.0
Comment: from the AUTHORS file.

Files: debian/*
Copyright: 2014 Packager
License: MIT

License: GPL-2+
 The full text.
`;

describe('licenceOf', () => {
  const stanzas = parseCopyright(COPYRIGHT);

  it('takes the last stanza whose upstream pattern matches the end of the installed path', () => {
    expect(licenceOf(stanzas, '/usr/share/backgrounds/nature/LadyBird.jpg')).toEqual({ licence: 'CC-BY-SA-4.0', copyright: '2008, Charles', matched: 'nature/Lady*.jpg' });
  });

  it('falls back to the catch-all stanza', () => {
    expect(licenceOf(stanzas, '/usr/share/backgrounds/nature/Storm.jpg').licence).toBe('GPL-2+');
  });

  it('never applies a debian/* stanza to a data file, and names a file no stanza covers', () => {
    const noCatchAll = parseCopyright(COPYRIGHT.replace('Files: *', 'Files: other/*'));
    expect(() => licenceOf(noCatchAll, '/usr/share/debian/x.png')).toThrow(/covers '\/usr\/share\/debian\/x\.png'/);
  });

  it('matches a file installed without its upstream folder by the pattern\'s last part, only when one stanza names it', () => {
    const lomiri = parseCopyright(`Files: 16.04/Bridge_by_Sander.jpg\nCopyright: 2018. Sander\nLicense: CC-BY-SA-4.0\n\nFiles: 20.04/Kleiber_by_Lukas.jpg\nCopyright: 2021, Lukas\nLicense: CC-BY-SA-3.0\n\nFiles: 16.04/twice.jpg 20.04/twice.jpg\nCopyright: x\nLicense: y\n`);
    expect(licenceOf(lomiri, '/usr/share/backgrounds/Bridge_by_Sander.jpg')).toEqual({ licence: 'CC-BY-SA-4.0', copyright: '2018. Sander', matched: '16.04/Bridge_by_Sander.jpg' });
    expect(licenceOf(lomiri, '/usr/share/backgrounds/Kleiber_by_Lukas.jpg').licence).toBe('CC-BY-SA-3.0');
    expect(() => licenceOf(lomiri, '/usr/share/backgrounds/twice.jpg')).toThrow(/covers/);
    expect(licenceOf(stanzas, '/usr/share/other/Aqua.jpg').matched).toBe('nature/Aqua.jpg');
  });
});
