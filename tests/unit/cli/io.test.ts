import { describe, expect, it } from 'vitest';
import { EXIT } from '../../../src/cli/io.js';
import { HELP } from '../../../src/cli/usage.js';

describe('EXIT', () => {
  it('is 0 for success, 1 for problems in the content, 2 for wrong usage, as the help says', () => {
    expect(EXIT).toEqual({ ok: 0, content: 1, usage: 2 });
    expect(HELP).toContain(
      `Exit codes: ${EXIT.ok} built, ${EXIT.content} a post or the config has errors, ${EXIT.usage} wrong usage.`,
    );
  });
});
