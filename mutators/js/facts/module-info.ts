/** What a module declares at its top level (imports, functions, classes, constants, exports), read from its AST once; no types needed, so JS files get it too. */
import type * as t from '@babel/types';
import { destructured, memberChain, requiredModule } from '../ast.js';

export interface ImportOrigin {
  source: string;
  imported: string;
}

export interface ModuleInfo {
  readonly file: string;
  readonly program: t.Program;
  /** Local name -> where it comes from (ESM imports and `require` bindings). */
  readonly imports: ReadonlyMap<string, ImportOrigin>;
  /** Local name -> its top-level declaration: a function, a class, or a variable's initializer. */
  readonly declarations: ReadonlyMap<string, t.Node>;
  /** Exported name -> local name (`default` for a default export). */
  readonly exports: ReadonlyMap<string, string>;
  /**
   * Names exported as promise-returning wrappers of a callback module's functions, written as a loop over a list
   * (mz / fs-extra: `api.forEach(m => { exports[m] = u(fs[m]) })`): exported name -> the wrapped module's specifier.
   */
  readonly wrappedExports: ReadonlyMap<string, string>;
}

const cache = new WeakMap<t.Program, ModuleInfo>();

export function moduleInfo(program: t.Program, file: string): ModuleInfo {
  let info = cache.get(program);
  if (!info) {
    info = scan(program, file);
    cache.set(program, info);
  }
  return info;
}

function scan(program: t.Program, file: string): ModuleInfo {
  const imports = new Map<string, ImportOrigin>();
  const declarations = new Map<string, t.Node>();
  const exports = new Map<string, string>();
  const wrappedExports = new Map<string, string>();
  const declare = (node: t.Node | null | undefined, exportedAs?: string): void => {
    if (!node) return;
    if ((node.type === 'FunctionDeclaration' || node.type === 'ClassDeclaration') && node.id) {
      declarations.set(node.id.name, node);
      if (exportedAs) exports.set(exportedAs === '*' ? node.id.name : exportedAs, node.id.name);
    } else if (node.type === 'VariableDeclaration') {
      for (const declarator of node.declarations) {
        // Only `const` bindings are facts; a `let` may be reassigned anywhere.
        if (node.kind === 'const') variable(declarator, imports, declarations);
        if (exportedAs && declarator.id.type === 'Identifier') exports.set(declarator.id.name, declarator.id.name);
      }
    }
  };
  for (const statement of program.body) {
    switch (statement.type) {
      case 'ImportDeclaration':
        for (const specifier of statement.specifiers) imports.set(specifier.local.name, esmOrigin(statement.source.value, specifier));
        break;
      case 'ExportNamedDeclaration':
        declare(statement.declaration, '*');
        for (const specifier of statement.specifiers) {
          if (specifier.type === 'ExportSpecifier' && specifier.local) exports.set(nameOf(specifier.exported), specifier.local.name);
        }
        break;
      case 'ExportDefaultDeclaration': {
        const declaration = statement.declaration;
        if (declaration.type === 'Identifier') exports.set('default', declaration.name);
        else if ((declaration.type === 'FunctionDeclaration' || declaration.type === 'ClassDeclaration') && declaration.id) declare(declaration, 'default');
        else {
          declarations.set('default', declaration);
          exports.set('default', 'default');
        }
        break;
      }
      case 'ExpressionStatement':
        commonJsExport(statement.expression, exports, declarations);
        wrappedLoop(statement.expression, declarations, imports, wrappedExports);
        break;
      default:
        declare(statement);
    }
  }
  return { file, program, imports, declarations, exports, wrappedExports };
}

function esmOrigin(source: string, specifier: t.ImportDeclaration['specifiers'][number]): ImportOrigin {
  if (specifier.type === 'ImportNamespaceSpecifier') return { source, imported: '*' };
  if (specifier.type === 'ImportDefaultSpecifier') return { source, imported: 'default' };
  return { source, imported: nameOf(specifier.imported) };
}

const nameOf = (node: t.Identifier | t.StringLiteral): string => (node.type === 'Identifier' ? node.name : node.value);

/** `const x = require('m')`, `const { a, b: c } = require('m')`, `const a = require('m').a`, `const f = <expr>`. */
function variable(declarator: t.VariableDeclarator, imports: Map<string, ImportOrigin>, declarations: Map<string, t.Node>): void {
  const { id, init } = declarator;
  if (!init) return;
  const whole = requiredModule(init);
  if (whole !== undefined && id.type === 'Identifier') imports.set(id.name, { source: whole, imported: '*' });
  else if (whole !== undefined && id.type === 'ObjectPattern') {
    for (const local of patternNames(id)) {
      const origin = destructured(id, local, whole);
      if (origin) imports.set(local, origin);
    }
  } else if (id.type === 'Identifier' && init.type === 'MemberExpression' && requiredModule(init.object) !== undefined && init.property.type === 'Identifier') {
    imports.set(id.name, { source: requiredModule(init.object)!, imported: init.property.name });
  } else if (id.type === 'Identifier') declarations.set(id.name, init);
  else if (id.type === 'ObjectPattern' && (init.type === 'Identifier' || init.type === 'MemberExpression')) {
    // `const { lstat, rmdir } = promises`: each name holds `promises.lstat`, `promises.rmdir`.
    for (const property of id.properties) {
      if (property.type !== 'ObjectProperty' || property.computed || property.value.type !== 'Identifier') continue;
      const key = property.key.type === 'Identifier' ? property.key.name : property.key.type === 'StringLiteral' ? property.key.value : undefined;
      if (key) declarations.set(property.value.name, { type: 'MemberExpression', object: init, property: { type: 'Identifier', name: key }, computed: false } as t.MemberExpression);
    }
  }
}

function patternNames(pattern: t.ObjectPattern): string[] {
  return pattern.properties.flatMap((property) => {
    if (property.type !== 'ObjectProperty') return [];
    const local = property.value.type === 'AssignmentPattern' ? property.value.left : property.value;
    return local.type === 'Identifier' ? [local.name] : [];
  });
}

/** `module.exports = { a, b: c }`, `module.exports.a = a`, `exports.a = function () {}`. */
function commonJsExport(expression: t.Expression, exports: Map<string, string>, declarations: Map<string, t.Node>): void {
  if (expression.type !== 'AssignmentExpression' || expression.operator !== '=' || expression.left.type !== 'MemberExpression') return;
  const { left, right } = expression;
  const target = chainOf(left);
  if (target === 'module.exports' && right.type === 'ObjectExpression') {
    for (const property of right.properties) {
      if (property.type === 'ObjectProperty' && !property.computed && property.key.type === 'Identifier' && property.value.type === 'Identifier') {
        exports.set(property.key.name, property.value.name);
      }
    }
    return;
  }
  const name = target?.startsWith('module.exports.') ? target.slice('module.exports.'.length) : target?.startsWith('exports.') ? target.slice('exports.'.length) : undefined;
  if (!name || name.includes('.')) return;
  if (right.type === 'Identifier') exports.set(name, right.name);
  else {
    declarations.set(`exports.${name}`, right);
    exports.set(name, `exports.${name}`);
  }
}

/** `module.exports.a` -> 'module.exports.a' (ast.ts's memberChain, dotted). */
const chainOf = (node: t.Node): string | undefined => memberChain(node)?.join('.');

/** `api.forEach(method => { exports[method] = u(fs[method]) })` with `const api = ['stat', ...]` (optionally `.filter(...)`). */
function wrappedLoop(expression: t.Expression, declarations: Map<string, t.Node>, imports: Map<string, ImportOrigin>, wrapped: Map<string, string>): void {
  if (expression.type !== 'CallExpression' || expression.callee.type !== 'MemberExpression' || expression.callee.object.type !== 'Identifier') return;
  if (expression.callee.property.type !== 'Identifier' || expression.callee.property.name !== 'forEach') return;
  const [callback] = expression.arguments;
  if (!callback || (callback.type !== 'ArrowFunctionExpression' && callback.type !== 'FunctionExpression') || callback.params[0]?.type !== 'Identifier') return;
  const key = callback.params[0].name;
  const body = callback.body.type === 'BlockStatement' && callback.body.body.length === 1 && callback.body.body[0].type === 'ExpressionStatement' ? callback.body.body[0].expression : callback.body;
  if (body.type !== 'AssignmentExpression' || body.left.type !== 'MemberExpression' || !body.left.computed) return;
  const target = body.left;
  const isExports = chainOf(target.object) === 'exports' || chainOf(target.object) === 'module.exports';
  if (!isExports || target.property.type !== 'Identifier' || target.property.name !== key) return;
  const wrap = body.right;
  const inner = wrap.type === 'CallExpression' && wrap.arguments.length === 1 ? wrap.arguments[0] : undefined;
  if (inner?.type !== 'MemberExpression' || !inner.computed || inner.object.type !== 'Identifier' || inner.property.type !== 'Identifier' || inner.property.name !== key) return;
  const source = imports.get(inner.object.name);
  if (!source || (source.imported !== '*' && source.imported !== 'default')) return;
  for (const name of stringList(declarations.get(expression.callee.object.name))) wrapped.set(name, source.source);
}

/** `['a', 'b']`, `['a', 'b'].filter(...)`: the strings. */
function stringList(node: t.Node | undefined): string[] {
  if (node?.type === 'CallExpression' && node.callee.type === 'MemberExpression' && node.callee.object.type === 'ArrayExpression') return stringList(node.callee.object);
  if (node?.type !== 'ArrayExpression') return [];
  return node.elements.flatMap((element) => (element?.type === 'StringLiteral' ? [element.value] : []));
}
