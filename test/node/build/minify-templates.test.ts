import assert from 'node:assert/strict';
import { it } from 'node:test';
// @ts-expect-error: a plain .mjs build script without types
import { minifyHtml, minifyTemplates } from '../../../scripts/minify-templates.mjs';

const transform = (code: string): string => minifyTemplates().transform(code, '/x/src/a.ts')?.code ?? code;

it('keeps one space between inline elements: "Time left: 0:32" is not glued into "Time left:0:32"', () => {
  assert.equal(minifyHtml('<span>Time left:</span>\n      <bdi>0:32</bdi>'), '<span>Time left:</span> <bdi>0:32</bdi>');
});

it('collapses indentation in html`` and css`` templates, and leaves expressions and other strings alone', () => {
  const code = "const t = html`\n  <p>\n    ${a ? 'x  y' : html`<b>\n  c</b>`}\n  </p>`;\nconst s = '  keep  ';\nconst c = css`\n  p {\n    color: red;\n  }\n`;";
  assert.equal(transform(code),
    "const t = html` <p> ${a ? 'x  y' : html`<b> c</b>`} </p>`;\nconst s = '  keep  ';\nconst c = css`p{color:red}`;");
});
