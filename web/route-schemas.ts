// JSON schemas of query parameters, checked by Fastify before a handler runs. Lengths
// are capped so no parameter makes a statement or an error message large.
import { MAX_SERIES } from './request-params.ts';

export const stringParam = { type: 'string', maxLength: 200 } as const;
export const daySchema = { type: 'string', maxLength: 10 } as const;
/** A single `series=` arrives as a string; Fastify's coercion makes it a one-item array. */
export const seriesListSchema = { type: 'array', items: { type: 'string', maxLength: 300 }, maxItems: MAX_SERIES } as const;
