import type { FastifySchemaValidationError } from 'fastify/types/schema.js';

/** Ajv's first complaint about the query string, in the words the rest of the API uses. */
export function describeSchemaError(errors: FastifySchemaValidationError[]): string {
  const [error] = errors;
  if (!error) return 'bad request';
  const name = error.instancePath.replace(/^\//, '').split('/')[0] || String(error.params.missingProperty ?? 'query');
  const params = error.params as { allowedValues?: unknown[]; limit?: number; missingProperty?: string };
  switch (error.keyword) {
    case 'enum':
      return `${name} must be one of ${(params.allowedValues ?? []).join(', ')}`;
    case 'maxLength':
      return `${name} is longer than ${params.limit} characters`;
    case 'maxItems':
      return `at most ${params.limit} ${name} per request`;
    case 'required':
      return `${params.missingProperty} is required`;
    default:
      return `${name} ${error.message ?? 'is not valid'}`;
  }
}
