'use strict';
// graphql-js checks every `instanceof` of its types a second way unless NODE_ENV is production
// (to name a second copy of graphql in node_modules), at a tenth of a test app's boot and in every
// execution. Production runs the plain check; so do the tests (jest.config.js maps graphql's
// jsutils/instanceOf.js here). `npm run build` and the app itself never load this file.
exports.instanceOf = function instanceOf(value, constructor) {
  return value instanceof constructor;
};
