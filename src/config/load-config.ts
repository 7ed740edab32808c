import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { type Diagnostic, FeedwrightError, positionAt } from '../diagnostics.js';
import type { Location } from '../field-reader.js';
import type { SiteConfig } from '../model.js';
import { escapeRegExp } from '../text.js';
import { type ConfigResult, type UserConfig, validateConfig } from './validate-config.js';

export const DEFAULT_CONFIG_FILE = 'feedwright.config.json';

/** Where a build's config comes from: an object, or a JSON file (default `feedwright.config.json`). */
export interface ConfigSource {
  config?: UserConfig;
  configFile?: string;
}

/**
 * The validated config and its warnings, from an object or a file resolved against `cwd`.
 * Throws `FeedwrightError` listing every problem.
 */
export async function resolveConfig(
  source: ConfigSource,
  cwd: string,
): Promise<{ config: SiteConfig; diagnostics: Diagnostic[] }> {
  if (source.config) {
    const result = validateConfig(source.config, 'config');
    if (!result.ok) throw new FeedwrightError(result.diagnostics);
    return { config: result.config, diagnostics: result.diagnostics };
  }
  const configArg = source.configFile ?? DEFAULT_CONFIG_FILE;
  const loaded = await loadConfig(path.resolve(cwd, configArg), configArg);
  return { config: loaded.config, diagnostics: loaded.result.diagnostics };
}

/** Reads and validates a JSON config file; throws `FeedwrightError` listing every problem. */
export async function loadConfig(
  file: string,
  displayName = file,
): Promise<{ config: SiteConfig; result: ConfigResult }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new FeedwrightError([
      {
        severity: 'error',
        code: missing ? 'config-missing' : 'config-unreadable',
        file: displayName,
        message: missing
          ? 'config file not found'
          : `config file cannot be read (${(error as Error).message})`,
        fix: missing
          ? `create ${DEFAULT_CONFIG_FILE} (see the README) or pass --config FILE`
          : 'check the path and its permissions',
      },
    ]);
  }
  const result = parseConfigText(text.replace(/^\uFEFF/, ''), displayName);
  if (!result.ok) throw new FeedwrightError(result.diagnostics);
  return { config: result.config, result };
}

export function parseConfigText(text: string, file: string): ConfigResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const match = /position (\d+)/.exec(message);
    const at = match ? positionAt(text, Number(match[1])) : undefined;
    return {
      ok: false,
      diagnostics: [
        {
          severity: 'error',
          code: 'config-json',
          file,
          ...(at ? { line: at.line, column: at.column } : {}),
          message: `the config is not valid JSON (${message.replace(/ in JSON at position \d+.*$/, '')})`,
          fix: 'check for a missing comma or quote, or a trailing comma',
        },
      ],
    };
  }
  return validateConfig(data, file, (key) => locateJsonKey(text, key));
}

function locateJsonKey(text: string, key: string): Location | undefined {
  const match = new RegExp(`"${escapeRegExp(key)}"\\s*:\\s*`).exec(text);
  return match ? positionAt(text, match.index + match[0].length) : undefined;
}
