import { expect } from 'vitest';
import { type Config, ConfigError, parseConfig } from '../../config/config.ts';

/** Parses a config given as an object (JSON is YAML) or as YAML text, as `oss-pulse.yaml`. */
export function parse(config: unknown): Config {
  return parseConfig(typeof config === 'string' ? config : JSON.stringify(config), 'oss-pulse.yaml');
}

/** The ConfigError's message for a config that must be refused; fails the test when it is accepted. */
export function errorOf(config: unknown): string {
  try {
    parse(config);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(config)}`);
}
