import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Every user-visible string must come from the i18n resources, so a screen cannot ship half
 * translated. This scans the renderer's JSX for text nodes, string children and user-facing
 * attributes that contain letters.
 */
const sources = import.meta.glob<string>('../**/*.tsx', { query: '?raw', import: 'default', eager: true });

/** Attributes whose value a person reads or hears. */
const USER_FACING_ATTRIBUTES = new Set([
  'alt',
  'title',
  'placeholder',
  'label',
  'aria-label',
  'aria-description',
  'aria-placeholder',
  'aria-roledescription',
  'aria-valuetext',
]);

const HAS_LETTER = /\p{L}/u;

function literalText(node: ts.Node): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node))
    return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join('');
  return null;
}

function hardCodedText(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const problems: string[] = [];
  const report = (node: ts.Node, what: string) => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
    problems.push(`${fileName}:${line + 1}: ${what}`);
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && HAS_LETTER.test(node.text)) {
      report(node, `JSX text ${JSON.stringify(node.text.trim())}`);
    } else if (ts.isJsxExpression(node) && node.expression && !ts.isJsxAttribute(node.parent)) {
      const literal = literalText(node.expression);
      if (literal !== null && HAS_LETTER.test(literal))
        report(node, `JSX string child ${JSON.stringify(literal)}`);
    } else if (ts.isJsxAttribute(node) && USER_FACING_ATTRIBUTES.has(node.name.getText(source))) {
      const value = node.initializer;
      let literal: string | null = null;
      if (value && ts.isStringLiteral(value)) literal = value.text;
      else if (value && ts.isJsxExpression(value) && value.expression)
        literal = literalText(value.expression);
      if (literal !== null && HAS_LETTER.test(literal)) {
        report(node, `attribute ${node.name.getText(source)}=${JSON.stringify(literal)}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return problems;
}

describe('no hard-coded user-visible text in the renderer', () => {
  it('finds the renderer sources', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(10);
  });

  it('has no JSX text or user-facing attribute literal with letters', () => {
    const problems = Object.entries(sources).flatMap(([file, text]) => hardCodedText(file, text));
    expect(problems).toEqual([]);
  });

  it('catches the cases it is meant to catch', () => {
    const sample = `
      export const A = () => (
        <div title="Close" aria-label={'Menu'} alt={\`Photo\`}>
          Hello
          {'World'}
          {t('ok')} — 42 {' '}
          <img alt={t('image')} data-x="letters are fine here" />
        </div>
      );`;
    expect(hardCodedText('sample.tsx', sample).map((p) => p.replace(/^sample\.tsx:\d+: /, ''))).toEqual([
      'attribute title="Close"',
      'attribute aria-label="Menu"',
      'attribute alt="Photo"',
      'JSX text "Hello"',
      'JSX string child "World"',
    ]);
  });
});
