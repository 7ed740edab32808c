import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonFeedProblem, jsonFeedTextProblem } from '../../src/json-feed-check.js';

const VERSION = 'https://jsonfeed.org/version/1.1';

describe('jsonFeedProblem', () => {
  it('finds nothing wrong with a minimal JSON Feed 1.1, items with HTML or text', () => {
    expect(jsonFeedProblem({ version: VERSION, title: 't', items: [] })).toBeUndefined();
    const items = [
      { id: 'a', content_html: '' },
      { id: 'b', content_text: 'x' },
    ];
    expect(jsonFeedProblem({ version: VERSION, title: 't', items })).toBeUndefined();
  });

  it.each([
    [null, 'not a JSON object'],
    [[], 'not a JSON object'],
    ['feed', 'not a JSON object'],
    [{ title: 't', items: [] }, 'version is not JSON Feed 1.1'],
    [
      { version: 'https://jsonfeed.org/version/1', title: 't', items: [] },
      'version is not JSON Feed 1.1',
    ],
    [{ version: VERSION, items: [] }, 'title is missing'],
    [{ version: VERSION, title: 1, items: [] }, 'title is missing'],
    [{ version: VERSION, title: 't' }, 'items is missing'],
    [{ version: VERSION, title: 't', items: [null] }, 'items[0] is not an object'],
    [
      { version: VERSION, title: 't', items: [{ id: '', content_text: '' }] },
      'items[0].id is missing',
    ],
    [
      { version: VERSION, title: 't', items: [{ id: 'a' }] },
      'items[0] has neither content_html nor content_text',
    ],
  ])('names the first member missing from %j', (feed, problem) => {
    expect(jsonFeedProblem(feed)).toBe(problem);
  });
});

describe('jsonFeedTextProblem', () => {
  it('reports text that is not JSON, with the parser’s message', () => {
    expect(jsonFeedTextProblem('')).toBe('not valid JSON: Unexpected end of JSON input');
    expect(jsonFeedTextProblem('{')).toMatch(/^not valid JSON: /);
  });

  it('says of any value written with JSON.stringify what it says of the value itself', () => {
    // Why a feed built as a value needs no second parse: the text reads back as the value.
    const item = fc.record(
      {
        id: fc.oneof(fc.string(), fc.constant(''), fc.integer()),
        content_html: fc.oneof(fc.string(), fc.integer()),
        content_text: fc.string(),
      },
      { requiredKeys: [] },
    );
    const member = (value: fc.Arbitrary<unknown>) => fc.oneof(value, fc.jsonValue());
    const feed = fc.record(
      {
        version: member(fc.constantFrom(VERSION, 'https://jsonfeed.org/version/1')),
        title: member(fc.string()),
        items: member(fc.array(fc.oneof(item, fc.jsonValue()), { maxLength: 4 })),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(feed, fc.jsonValue()), (value) => {
        expect(jsonFeedTextProblem(JSON.stringify(value))).toBe(jsonFeedProblem(value));
      }),
      { numRuns: 2000 },
    );
  });
});
