import { describe, expect, it } from 'vitest';
import { untemplated } from '../../../src/bodies/templating.js';

describe('untemplated', () => {
  it('leaves a post of feedwright’s own exactly as written, {{ … }} and {% … %} included', () => {
    const body = 'Mustache writes {{ name }}; Jinja {% if x %} starts a block.\n';
    expect(untemplated(body)).toEqual({ body, problems: [] });
    const plain = 'Plain { braces } and % signs.\n';
    expect(untemplated(plain, 'jekyll')).toEqual({ body: plain, problems: [] });
  });

  it('turns Liquid and Hugo highlight blocks into fenced code, their code untouched', () => {
    const jekyll = untemplated(
      'Intro.\n\n{% highlight ruby linenos %}\ndef x = {{ y }}\n{% endhighlight %}\n',
      'jekyll',
    );
    expect(jekyll).toEqual({ body: 'Intro.\n\n```ruby\ndef x = {{ y }}\n```\n', problems: [] });
    const hugo = untemplated(
      '{{< highlight go "linenos=table" >}}\nfmt.Println(1)\n{{< /highlight >}}',
      'hugo',
    );
    expect(hugo.body).toBe('```go\nfmt.Println(1)\n```');
  });

  it('keeps what {% raw %} holds as text, on its own lines or inline, and drops a comment', () => {
    const r = untemplated(
      '{% raw %}\nUse {{ page.title }} here.\n{% endraw %}\n{% comment %}\nsecret\n{% endcomment %}\nEnd.',
      'jekyll',
    );
    expect(r).toEqual({ body: 'Use {{ page.title }} here.\nEnd.', problems: [] });
    expect(untemplated('Use {% raw %}{{ page.title }}{% endraw %} in layouts.', 'jekyll')).toEqual({
      body: 'Use {{ page.title }} in layouts.',
      problems: [],
    });
  });

  it('makes Hugo videos links and figures images', () => {
    const r = untemplated(
      '{{< youtube w7Ft2ymGmfc >}}\n{{< vimeo id="146022717" >}}\n{{< figure src="/img/a.jpg" caption="The harbour" >}}',
      'hugo',
    );
    expect(r.body).toBe(
      '<https://www.youtube.com/watch?v=w7Ft2ymGmfc>\n<https://vimeo.com/146022717>\n![The harbour](</img/a.jpg>)',
    );
    expect(r.problems).toEqual([]);
  });

  it('leaves out every other Liquid tag and output in a Jekyll post, naming each on its line', () => {
    const r = untemplated('See {% post_url 2010-07-21-name %} and {{ site.url }}.', 'jekyll');
    expect(r.body).toBe('See  and .');
    expect(r.problems.map((p) => [p.line, p.code, p.message])).toEqual([
      [
        1,
        'liquid-left-out',
        'Liquid tag {% post_url 2010-07-21-name %} cannot run here: it is left out',
      ],
      [1, 'liquid-left-out', 'Liquid output {{ site.url }} cannot run here: it is left out'],
    ]);
  });

  it('leaves out every other shortcode in a Hugo post, and its Liquid-looking text alone', () => {
    const r = untemplated(
      'Jinja {% if %} stays.\n\n{{< tweet user="x" id="1" >}}\n{{% notice %}}Hi{{% /notice %}}',
      'hugo',
    );
    expect(r.body).toBe('Jinja {% if %} stays.\n\n\nHi');
    expect(r.problems.map((p) => [p.line, p.code, p.message])).toEqual([
      [
        3,
        'shortcode-left-out',
        'Hugo shortcode {{< tweet user="x" id="1" >}} cannot run here: it is left out',
      ],
      [4, 'shortcode-left-out', 'Hugo shortcode {{% notice %}} cannot run here: it is left out'],
      [4, 'shortcode-left-out', 'Hugo shortcode {{% /notice %}} cannot run here: it is left out'],
    ]);
  });

  it('never touches code as Markdown reads it: indented, in lists and quotes, <pre>, `` spans ``', () => {
    const body = [
      'Intro.',
      '',
      '    {% include indented.html %}',
      '',
      '- In a list:',
      '',
      '  ```',
      '  {% if x %}{{ y }}{% endif %}',
      '  ```',
      '',
      '> ```',
      '> {% quoted %}',
      '> ```',
      '',
      '<pre>{% in_pre %}</pre>',
      '',
      'A span with a backtick: `` a ` {% tag %} ``.',
    ].join('\n');
    expect(untemplated(body, 'jekyll')).toEqual({ body, problems: [] });
  });

  it('never touches fenced code blocks or code spans: a post about Liquid shows it', () => {
    const body =
      'Write `{% include x %}` like this:\n\n```liquid\n{% if a %}{{ b }}{% endif %}\n```\n\n~~~\n{{< x >}}\n~~~\n';
    expect(untemplated(body, 'jekyll')).toEqual({ body, problems: [] });
    expect(untemplated(body, 'hugo')).toEqual({ body, problems: [] });
  });
});
