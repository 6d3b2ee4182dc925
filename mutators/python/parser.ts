/** Loads tree-sitter's Python grammar once (async WASM init) and parses Python source into a syntax tree. */
import { createRequire } from 'node:module';
import { Language, Parser, type Tree } from 'web-tree-sitter';

let parserReady: Promise<Parser> | undefined;

/** The shared Python parser; the first call loads the WASM runtime and grammar, later calls reuse them. */
export function pythonParser(): Promise<Parser> {
  parserReady ??= (async () => {
    await Parser.init();
    const wasm = createRequire(import.meta.url).resolve('tree-sitter-python/tree-sitter-python.wasm');
    return new Parser().setLanguage(await Language.load(wasm));
  })();
  return parserReady;
}

export async function parsePythonSource(source: string): Promise<Tree> {
  const tree = (await pythonParser()).parse(source);
  if (!tree) throw new Error('tree-sitter returned no tree for the Python source');
  return tree;
}
