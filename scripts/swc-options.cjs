// The one SWC setup that turns the project's TypeScript into CommonJS: `npm start`'s quick build
// (scripts/start-build.mjs), Jest (jest.config.js) and apps started in a child process by the
// tests (test/support/swc-register.cjs) all compile with it. No type check: `npm run build` does that.
module.exports = {
  jsc: {
    target: 'es2022',
    parser: { syntax: 'typescript', decorators: true, dynamicImport: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    keepClassNames: true,
  },
  module: { type: 'commonjs', ignoreDynamic: true },
};
