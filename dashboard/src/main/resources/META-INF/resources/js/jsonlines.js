// Where each JSON path of a document starts: {"$.operators[1].input": 7, ...} (1-based lines), so validation
// errors that name a path can point at the line. Tolerant: it stops quietly at the first syntax error.

export function linesOfPaths(text) {
  const lines = {};
  let i = 0;
  let line = 1;

  const skip = () => {
    while (i < text.length && /\s/.test(text[i])) {
      if (text[i] === '\n') line++;
      i++;
    }
  };
  const string = () => {
    let out = '';
    i++; // opening quote
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') {
        out += text[i + 1];
        i += 2;
      } else {
        if (text[i] === '\n') line++;
        out += text[i++];
      }
    }
    i++;
    return out;
  };
  const value = (path) => {
    skip();
    if (!(path in lines)) lines[path] = line;
    const c = text[i];
    if (c === '{') {
      i++;
      skip();
      while (i < text.length && text[i] !== '}') {
        skip();
        if (text[i] !== '"') throw new Error('key expected');
        const keyLine = line;
        const key = string();
        lines[`${path}.${key}`] = keyLine;
        skip();
        if (text[i] !== ':') throw new Error(': expected');
        i++;
        value(`${path}.${key}`);
        skip();
        if (text[i] === ',') i++;
        skip();
      }
      i++;
    } else if (c === '[') {
      i++;
      let index = 0;
      skip();
      while (i < text.length && text[i] !== ']') {
        value(`${path}[${index++}]`);
        skip();
        if (text[i] === ',') i++;
        skip();
      }
      i++;
    } else if (c === '"') {
      string();
    } else {
      while (i < text.length && !/[\s,\]}]/.test(text[i])) i++;
    }
  };
  try {
    value('$');
  } catch {
    // partial map: errors on later paths fall back to their nearest known parent
  }
  return lines;
}

/** The line of the path, or of its nearest parent that has one. */
export function lineOf(lines, path) {
  let p = path;
  while (p) {
    if (p in lines) return lines[p];
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    if (cut <= 0) break;
    p = p.slice(0, cut);
  }
  return lines.$ || 1;
}
