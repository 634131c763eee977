// The one string that stands for a subject (or one of its series) as a Map or Set key.
// NUL joins the parts: kinds and metrics are fixed words without it, so the first NUL
// ends the kind and the last one starts the metric whatever a key holds, and two
// different subjects never meet on the same string.

/** A subject by its kind and key (or an alias, or the key lowercased: any spelling of it). */
export const subjectKey = (kind: string, key: string): string => `${kind}\u0000${key}`;

/** One metric of one subject. */
export const seriesKey = (series: { kind: string; key: string; metric: string }): string =>
  `${subjectKey(series.kind, series.key)}\u0000${series.metric}`;
