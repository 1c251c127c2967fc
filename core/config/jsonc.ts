// The configuration file may be JSON with comments (as editors allow, and as the generated example
// is): // and /* */ comments and a trailing comma before } or ] become spaces, so JSON.parse's
// positions stay right. Strings are copied as they are (a URL's "//" is not a comment).
export function jsoncToJson(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    const next = text[i + 1];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (c === '/' && next === '/') {
      const end = text.indexOf('\n', i);
      const stop = end === -1 ? text.length : end;
      out += ' '.repeat(stop - i);
      i = stop;
    } else if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end === -1) throw new SyntaxError('a /* comment is not closed');
      out += text.slice(i, end + 2).replace(/[^\n]/g, ' ');
      i = end + 2;
    } else {
      out += c;
      i++;
    }
  }
  // trailing commas: outside strings (comments are gone), a comma before only space and } or ]
  let result = '';
  let inString = false;
  for (let k = 0; k < out.length; k++) {
    const c = out[k] as string;
    if (inString) {
      if (c === '\\') {
        result += c + (out[k + 1] ?? '');
        k++;
        continue;
      }
      if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === ',' && /^\s*[}\]]/.test(out.slice(k + 1, k + 1 + 4096))) {
      result += ' ';
      continue;
    }
    result += c;
  }
  return result;
}
