// `node -r ./test/support/swc-register.cjs src/main.ts`: runs the app from its TypeScript sources,
// each file compiled by SWC as it is required (test/support/app-process.ts starts apps this way).
// The ES-module packages (NestJS 12, Apollo Server 5) load through Node 20's require(esm).
const { readFileSync } = require('node:fs');
const Module = require('node:module');
const { transformSync } = require('@swc/core');
const options = require('../../scripts/swc-options.cjs');

Module._extensions['.ts'] = function compileTypeScript(module, filename) {
  const { code } = transformSync(readFileSync(filename, 'utf8'), { ...options, filename, sourceMaps: 'inline' });
  module._compile(code, filename);
};
