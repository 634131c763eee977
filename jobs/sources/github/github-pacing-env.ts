// The pacing ceilings as the environment may set them (the README's Environment table
// lists them, from runtime/environment-variables.ts).
import { DEFAULT_PACING_CEILINGS, GITHUB_SECONDARY_LIMITS, type PacingCeilings } from './github-pacing.ts';

interface PacingVariable {
  name: string;
  ceiling: Exclude<keyof PacingCeilings, 'windowMs'>;
  /** The variable's unit in the ceiling's: seconds are kept as milliseconds. */
  scale: number;
  /** Whole numbers only (requests, points). */
  whole: boolean;
}

export const GITHUB_PACING_VARIABLES: readonly PacingVariable[] = [
  { name: 'OSS_PULSE_GITHUB_IN_FLIGHT', ceiling: 'maxConcurrent', scale: 1, whole: true },
  { name: 'OSS_PULSE_GRAPHQL_POINTS', ceiling: 'graphqlPoints', scale: 1, whole: true },
  { name: 'OSS_PULSE_REST_POINTS', ceiling: 'restPoints', scale: 1, whole: true },
  { name: 'OSS_PULSE_GRAPHQL_SECONDS', ceiling: 'graphqlResponseMs', scale: 1000, whole: false },
  { name: 'OSS_PULSE_GITHUB_SECONDS', ceiling: 'responseMs', scale: 1000, whole: false },
];

/** A variable's default as the README shows it (`25`, `50`). */
export function pacingDefault(name: string): string {
  const variable = GITHUB_PACING_VARIABLES.find((entry) => entry.name === name);
  if (!variable) throw new Error(`no pacing variable ${name}`);
  return String(DEFAULT_PACING_CEILINGS[variable.ceiling] / variable.scale);
}

/**
 * The ceilings the environment sets; unset or empty ones keep their defaults. A value
 * that is not a positive number, or that is above what GitHub allows (a ceiling there
 * would not keep anything), throws a RangeError naming the variable.
 */
export function githubPacingCeilings(env: NodeJS.ProcessEnv): Partial<PacingCeilings> {
  const ceilings: Partial<PacingCeilings> = {};
  for (const { name, ceiling, scale, whole } of GITHUB_PACING_VARIABLES) {
    const text = env[name];
    if (!text) continue;
    const value = Number(text);
    const most = GITHUB_SECONDARY_LIMITS[ceiling] / scale;
    if (!Number.isFinite(value) || value <= 0 || value > most || (whole && !Number.isInteger(value))) {
      throw new RangeError(`${name} must be a ${whole ? 'whole ' : ''}number above 0 and at most ${most}, GitHub's limit (got "${text}")`);
    }
    ceilings[ceiling] = value * scale;
  }
  return ceilings;
}
