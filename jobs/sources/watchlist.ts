import { z } from 'zod';

/*
 * Building blocks of a source's watchlist section, the part of `oss-pulse.yaml` that
 * names its subjects. The file is written by hand: every list and section may be left
 * empty, a list must not repeat itself, unknown keys are errors that list the known
 * ones. Each `check` returns `undefined` for a valid value, else the problem in words.
 */

type Check<T> = (value: T) => string | undefined;

/** Quotes a user-written value for an error message, cut short so a 10 kB value stays readable. */
export function quote(value: string): string {
  const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
  return JSON.stringify(shown);
}

export function lowerCase(name: string): string {
  return name.toLowerCase();
}

export function checked<T extends z.ZodType>(schema: T, check: Check<z.output<T>>) {
  return schema.superRefine((value, ctx) => {
    const message = check(value);
    if (message !== undefined) ctx.addIssue({ code: 'custom', message, input: value });
  });
}

/** A list that may be left empty (`packages:` with nothing after it) and must not repeat itself. */
export function list<T extends z.ZodType>(item: T, listPath: string, sameAs: (value: z.output<T>) => string) {
  const items = z.array(item).superRefine((values, ctx) => {
    const firstIndex = new Map<string, number>();
    values.forEach((value, index) => {
      const identity = sameAs(value);
      const first = firstIndex.get(identity);
      if (first === undefined) firstIndex.set(identity, index);
      else ctx.addIssue({ code: 'custom', path: [index], message: `duplicate of ${listPath}[${first}]` });
    });
  });
  return z.preprocess((value) => value ?? [], items);
}

/** A list of names, each checked by the upstream's rule; `sameName` says when two spellings name one subject. */
export function nameList(listPath: string, check: Check<string>, sameName: (name: string) => string) {
  return list(checked(z.string(), check), listPath, sameName);
}

/** A mapping whose unknown keys are errors; a section left empty (`npm:`) takes its defaults. */
export function section<T extends z.core.$ZodLooseShape>(shape: T) {
  const object = z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? `unknown key; expected one of: ${Object.keys(shape).join(', ')}` : undefined,
  });
  return z.preprocess((value) => value ?? {}, object);
}
