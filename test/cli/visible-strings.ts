// Finds words the CLI would show a person that do not come from the catalogs, by reading the
// TypeScript source (the compiler's own parser, so comments, imports and keys are told apart):
//   1. the text argument of printLine(), write(), process.stdout.write() and process.stderr.write()
//      must hold no literal words: string literals, template text and `+` operands are looked at;
//   2. no string literal anywhere reads like a phrase (two lower-case words), because a phrase in a
//      variable, an error detail or a table ends up on the screen just the same.
// Catalog lookups (say(), t(), stepLabel(), explain…) are calls, so they pass; so do identifiers.
import ts from 'typescript';

export interface Finding {
  readonly file: string;
  readonly line: number;
  readonly text: string;
  readonly rule: 'printed-literal' | 'phrase-literal';
}

const PRINTERS = new Set(['printLine', 'write', 'process.stdout.write', 'process.stderr.write']);
/** printLine(out, text, data): the text is the second argument */
const TEXT_ARGUMENT: Readonly<Record<string, number>> = { printLine: 1 };
const WORD = /[A-Za-z]{2,}/;
const PHRASE = /\b[a-z]{2,} [a-z]{2,}\b/;

function literalParts(node: ts.Node): ts.Node[] {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node];
  if (ts.isTemplateExpression(node))
    return [node.head, ...node.templateSpans.flatMap((s) => [s.literal, ...literalParts(s.expression)])];
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken)
    return [...literalParts(node.left), ...literalParts(node.right)];
  if (ts.isConditionalExpression(node))
    return [...literalParts(node.whenTrue), ...literalParts(node.whenFalse)];
  if (ts.isParenthesizedExpression(node)) return literalParts(node.expression);
  return [];
}

const textOf = (n: ts.Node): string =>
  ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) || ts.isTemplateLiteralToken(n)
    ? n.text
    : '';

/** True for literals that are not text: import paths, property names, type positions. */
function structural(node: ts.Node): boolean {
  const p = node.parent;
  return (
    ts.isImportDeclaration(p) ||
    ts.isExportDeclaration(p) ||
    ts.isImportTypeNode(p) ||
    ts.isLiteralTypeNode(p) ||
    (ts.isCallExpression(p) && p.expression.kind === ts.SyntaxKind.ImportKeyword) ||
    (ts.isPropertyAssignment(p) && p.name === node) ||
    ts.isElementAccessExpression(p)
  );
}

export function scanSource(file: string, source: string, allowed: readonly string[] = []): Finding[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: Finding[] = [];
  const add = (n: ts.Node, rule: Finding['rule']): void => {
    const text = textOf(n);
    if (allowed.some((a) => text.includes(a))) return;
    found.push({ file, line: sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1, text, rule });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression.getText(sf);
      if (PRINTERS.has(callee)) {
        const arg = node.arguments[TEXT_ARGUMENT[callee] ?? 0];
        if (arg !== undefined)
          for (const part of literalParts(arg)) if (WORD.test(textOf(part))) add(part, 'printed-literal');
      }
    }
    if (
      (ts.isStringLiteral(node) ||
        ts.isNoSubstitutionTemplateLiteral(node) ||
        ts.isTemplateLiteralToken(node)) &&
      !structural(node) &&
      PHRASE.test(textOf(node))
    )
      add(node, 'phrase-literal');
    ts.forEachChild(node, visit);
  };
  visit(sf);
  // a literal both printed and phrase-like is one finding
  return found.filter((f, i) => found.findIndex((g) => g.line === f.line && g.text === f.text) === i);
}
