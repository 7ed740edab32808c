import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeHtmlStore } from '../../../src/pipeline/html-store.js';
import { removeHtmlStore, storeHtml } from '../../../src/stored-html.js';

describe('makeHtmlStore', () => {
  let parent: string;
  beforeEach(() => {
    parent = mkdtempSync(path.join(tmpdir(), 'feedwright-parent-'));
  });
  afterEach(() => rmSync(parent, { recursive: true, force: true }));

  it('makes a folder named for this process, and removes it with what it holds', () => {
    const made = makeHtmlStore(parent);
    expect(path.basename(made)).toMatch(new RegExp(`^feedwright-html-${process.pid}-\\w{6}$`));
    storeHtml(made, '<p>x</p>');
    removeHtmlStore(made);
    expect(readdirSync(parent)).toEqual([]);
  });

  it("first removes the folders of builds no longer running, and nobody else's", () => {
    const names = [
      'feedwright-html-999999999-abcdef', // no such process: killed before it cleaned up
      `feedwright-html-${process.ppid}-abcdef`, // running
      'feedwright-html-x-abcdef',
      'something-else',
    ];
    for (const name of names) mkdirSync(path.join(parent, name));
    const made = makeHtmlStore(parent);
    expect(readdirSync(parent).sort()).toEqual([...names.slice(1), path.basename(made)].sort());
  });
});
