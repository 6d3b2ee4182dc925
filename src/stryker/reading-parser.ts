/**
 * Parsing for `sleepmut list` that only reads: Stryker's own JS parser lets Babel load the project's configuration
 * (babel.config.js, .babelrc.js, "babel" in package.json), which runs project code. This parser hands JS to Babel
 * with every configuration source off and leaves TS/TSX to Stryker's parsers, which already turn them off.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { importInternal } from './instrumenter.js';

type Parse = (code: string, fileName: string, formatOverride?: string) => Promise<unknown>;
export type CreateParser = (options: object) => Parse;

interface BabelCore {
  parseAsync(code: string, options: object): Promise<unknown>;
}

/** Babel may not read any file of the project: no config file, no .babelrc, no browserslist. */
const noProjectConfiguration = { configFile: false, babelrc: false, browserslistConfigFile: false };

/** The syntax Stryker's JS parser enables (instrumenter dist/src/parsers/js-parser.js, Stryker 9 and 10). */
const strykerJsSyntax = [
  'doExpressions', 'objectRestSpread', 'classProperties', 'exportDefaultFrom', 'exportNamespaceFrom', 'asyncGenerators', 'functionBind',
  'functionSent', 'dynamicImport', 'numericSeparator', 'importMeta', 'optionalCatchBinding', 'optionalChaining', 'classPrivateProperties',
  ['pipelineOperator', { proposal: 'minimal' }], 'nullishCoalescingOperator', 'bigInt', 'throwExpressions', 'logicalAssignment',
  'classPrivateMethods', 'v8intrinsic', 'partialApplication', ['decorators', { decoratorsBeforeExport: false }], 'jsx',
];

/** A drop-in for the instrumenter's `createParser` (its constructor's second argument), with Babel's configuration loading off. */
export async function readingParser(instrumenterDirectory: string): Promise<CreateParser> {
  const { createParser, getFormat } = await importInternal<{ createParser: CreateParser; getFormat: (name: string, override?: string) => string | undefined }>(
    instrumenterDirectory,
    'dist/src/parsers/index.js',
  );
  const babelEntry = createRequire(path.join(instrumenterDirectory, 'package.json')).resolve('@babel/core');
  const babel = ((await import(pathToFileURL(babelEntry).href)) as { default: BabelCore }).default;
  return (options) => {
    const strykerParse = createParser(options);
    return async (code, fileName, formatOverride) => {
      if (getFormat(fileName, formatOverride) !== 'js') return strykerParse(code, fileName, formatOverride);
      const root = await babel.parseAsync(code, { ...noProjectConfiguration, parserOpts: { plugins: strykerJsSyntax }, filename: fileName, sourceType: 'module' });
      return { originFileName: fileName, rawContent: code, format: 'js', root };
    };
  };
}
