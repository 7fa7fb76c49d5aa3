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
});
