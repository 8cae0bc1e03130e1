/**
 * sacreBLEU's tokenizers, re-implemented from their documented behaviour (sacreBLEU 2.x,
 * Post 2018): `13a` (mteval-v13a.pl), `intl` (mteval-v14 --international-tokenization, using
 * Unicode categories), `char` (every character a token) and `none`. Checked with sacreBLEU's
 * own test vectors (../shared/data/metric-test-vectors).
 */

export type BleuTokenizerName = '13a' | 'intl' | 'char' | 'none';

/** Python's str.split(): split on runs of whitespace, dropping empty ends. */
export function pythonSplit(text: string): string[] {
  const trimmed = text.trim();
  return trimmed === '' ? [] : trimmed.split(/\s+/u);
}

const regexp13a: Array<[RegExp, string]> = [
  // Language-dependent part (assuming Western languages): pad most ASCII punctuation.
  [/([{-~[-` -&(-+:-@/])/g, ' $1 '],
  // Tokenize period and comma unless preceded by a digit.
  [/([^0-9])([.,])/g, '$1 $2 '],
  // Tokenize period and comma unless followed by a digit.
  [/([.,])([^0-9])/g, ' $1 $2'],
  // Tokenize dash when preceded by a digit.
  [/([0-9])(-)/g, '$1 $2 '],
];

function tokenize13a(line: string): string {
  let text = line.replaceAll('<skipped>', '').replaceAll('-\n', '').replaceAll('\n', ' ');
  if (text.includes('&')) {
    text = text
      .replaceAll('&quot;', '"')
      .replaceAll('&amp;', '&')
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>');
  }
  text = ` ${text} `;
  for (const [pattern, replacement] of regexp13a) text = text.replace(pattern, replacement);
  return pythonSplit(text).join(' ');
}

const regexpIntl: Array<[RegExp, string]> = [
  // Separate out punctuation preceded by a non-digit.
  [/(\P{N})(\p{P})/gu, '$1 $2 '],
  // Separate out punctuation followed by a non-digit.
  [/(\p{P})(\P{N})/gu, ' $1 $2'],
  // Separate out symbols.
  [/(\p{S})/gu, ' $1 '],
];

function tokenizeIntl(line: string): string {
  let text = line;
  for (const [pattern, replacement] of regexpIntl) text = text.replace(pattern, replacement);
  return pythonSplit(text).join(' ');
}

function tokenizeChar(line: string): string {
  return Array.from(line).join(' ');
}

export function bleuTokenize(line: string, name: BleuTokenizerName): string {
  switch (name) {
    case '13a':
      return tokenize13a(line);
    case 'intl':
      return tokenizeIntl(line);
    case 'char':
      return tokenizeChar(line);
    case 'none':
      return line;
  }
}
