/**
 * Packages a build may not need, loaded the first time they are used instead of when the module
 * that uses them loads: sanitize-html (with postcss, ~60 ms a thread) serves only posts with raw
 * HTML or an `<h1>`, smol-toml only TOML front matter, image-size only local lead images, and the
 * precise YAML path only posts with something to report. Each of them has a CommonJS entry point,
 * so it loads synchronously, on every Node 20.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** `name`'s exports, from the first call on (every later call gives the same object). */
export function lazyPackage<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => {
    loaded ??= require(name) as T;
    return loaded;
  };
}
