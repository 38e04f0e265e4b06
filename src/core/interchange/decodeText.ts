// Bytes of a text file → string. UTF-8 first (strictly, so a wrong guess fails loudly), then Windows-1252,
// which is what old plain-text drafts and many Gutenberg-era files are when they are not UTF-8.
export function decodeTextFile(bytes: ArrayBuffer | Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1252' } {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let text: string;
  let encoding: 'utf-8' | 'windows-1252' = 'utf-8';
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(view);
  } catch {
    encoding = 'windows-1252';
    // Some runtimes (Node without full ICU) decode the label as Latin-1, leaving C1 controls where Windows-1252
    // has curly quotes and dashes; map those bytes explicitly.
    text = new TextDecoder('windows-1252').decode(view).replace(/[\u0080-\u009f]/g, (c) => CP1252[c.charCodeAt(0) - 0x80] || c);
  }
  // A BOM that survived (e.g. a doubled one) and CRLF / lone CR line ends are normalised here, once.
  return { text: text.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n'), encoding };
}

const CP1252 = [
  '\u20ac', '', '\u201a', '\u0192', '\u201e', '\u2026', '\u2020', '\u2021', '\u02c6', '\u2030', '\u0160', '\u2039', '\u0152', '', '\u017d', '',
  '', '\u2018', '\u2019', '\u201c', '\u201d', '\u2022', '\u2013', '\u2014', '\u02dc', '\u2122', '\u0161', '\u203a', '\u0153', '', '\u017e', '\u0178',
];
