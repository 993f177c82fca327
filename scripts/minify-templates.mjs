// A tiny rollup plugin: collapses the whitespace in the static parts of lit's html`` and css``
// templates (indentation and newlines are most of their bytes). Expressions inside ${…} are left
// untouched: the scanner follows strings, nested templates and braces to find where each one ends.
//
// HTML whitespace collapses to one space, never to none: between inline elements ("Time left:</span>
// <bdi>0:32</bdi>") it is a visible and spoken space; in block context one space costs nothing.
export const minifyHtml = (s) => s.replace(/\s+/g, ' ');
const minifyCss = (s) =>
  s.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\s+/g, ' ').replace(/\s*([{};,])\s*/g, '$1').replace(/:\s+/g, ':').replace(/;}/g, '}').trim();

/** Returns the index just past the closing quote/backtick of the literal starting at `i`. */
function skipString(code, i) {
  const quote = code[i];
  for (let j = i + 1; j < code.length; j++) {
    if (code[j] === '\\') j++;
    else if (code[j] === quote) return j + 1;
  }
  return code.length;
}

/** Scans JS from `i` until the `}` closing an expression (depth 0) and returns [newCode, end]. */
function scanCode(code, i, stopAtBrace) {
  let out = '';
  let depth = 0;
  while (i < code.length) {
    const c = code[i];
    if (c === '"' || c === "'") {
      const end = skipString(code, i);
      out += code.slice(i, end);
      i = end;
    } else if (c === '`') {
      const tag = /\b(html|css)\s*$/.exec(code.slice(Math.max(0, i - 8), i));
      const [text, end] = scanTemplate(code, i + 1, tag?.[1]);
      out += '`' + text + '`';
      i = end;
    } else if (c === '/' && code[i + 1] === '/') {
      const end = code.indexOf('\n', i);
      const stop = end === -1 ? code.length : end;
      out += code.slice(i, stop);
      i = stop;
    } else if (c === '/' && code[i + 1] === '*') {
      const stop = code.indexOf('*/', i + 2) + 2;
      out += code.slice(i, stop);
      i = stop;
    } else {
      if (c === '{') depth++;
      else if (c === '}') {
        if (depth === 0 && stopAtBrace) return [out, i];
        depth--;
      }
      out += c;
      i++;
    }
  }
  return [out, i];
}

/** Scans a template body from just after its opening backtick; returns [body, index past the closing backtick]. */
function scanTemplate(code, i, tag) {
  let out = '';
  let chunk = '';
  const flush = () => {
    out += tag === 'html' ? minifyHtml(chunk) : tag === 'css' ? minifyCss(chunk) : chunk;
    chunk = '';
  };
  while (i < code.length) {
    const c = code[i];
    if (c === '\\') {
      chunk += c + code[i + 1];
      i += 2;
    } else if (c === '`') {
      flush();
      return [out, i + 1];
    } else if (c === '$' && code[i + 1] === '{') {
      flush();
      const [expr, end] = scanCode(code, i + 2, true);
      out += '${' + expr + '}';
      i = end + 1;
    } else {
      chunk += c;
      i++;
    }
  }
  flush();
  return [out, i];
}

export function minifyTemplates() {
  return {
    name: 'minify-templates',
    transform(code, id) {
      if (!/\/src\/.*\.[cm]?[jt]s$/.test(id) || !/\b(html|css)`/.test(code)) return null;
      return { code: scanCode(code, 0, false)[0], map: null };
    },
  };
}
