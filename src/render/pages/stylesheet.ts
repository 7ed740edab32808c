/**
 * The pages' one small stylesheet, inlined: no extra request, nothing to cache-bust. Colours meet
 * WCAG AA (body text and links at least 4.5:1) in both schemes.
 */
export const STYLE = `
:root{color-scheme:light dark;--bg:#fff;--fg:#1b1c1f;--muted:#54575f;--line:#d8dae0;--card:#f5f6f8;--accent:#0b57d0;--accent-bg:#e8effc}
@media (prefers-color-scheme:dark){:root{--bg:#131417;--fg:#e7e8eb;--muted:#abafb8;--line:#34373e;--card:#1b1d21;--accent:#8ab4f8;--accent-bg:#1f2a3c}}
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:1.0625rem/1.6 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;overflow-wrap:anywhere}
a{color:var(--accent);text-underline-offset:.15em}
a:hover{text-decoration-thickness:2px}
:focus-visible{outline:3px solid var(--accent);outline-offset:2px;border-radius:2px}
.wrap{max-width:72rem;margin:0 auto;padding:0 1.25rem}
.skip{position:absolute;left:.5rem;top:-4rem;z-index:1;padding:.5rem .75rem;background:var(--bg);border:2px solid var(--accent)}
.skip:focus{top:.5rem}
.vh{position:absolute!important;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.site-header{border-bottom:1px solid var(--line)}
.bar{display:flex;flex-wrap:wrap;align-items:baseline;justify-content:space-between;gap:.5rem 2rem;padding-top:1rem;padding-bottom:1rem}
.brand{color:var(--fg);font-weight:800;font-size:1.25rem;letter-spacing:-.01em;text-decoration:none}
.site-header ul{display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;margin:0;padding:0;list-style:none}
.site-header nav a{color:var(--fg);text-decoration:none;padding:.25rem 0}
.site-header nav a:hover,.site-header nav a[aria-current="page"]{text-decoration:underline;text-decoration-thickness:2px}
main.wrap{padding-top:2rem;padding-bottom:3rem}
h1,h2,h3{line-height:1.25;letter-spacing:-.01em}
.intro h1{font-size:clamp(1.75rem,5vw,2.5rem);margin:0 0 .5rem}
.kicker{margin:0;color:var(--muted);font-size:.875rem;font-weight:600;text-transform:uppercase;letter-spacing:.06em}
.lede{margin:0;color:var(--muted);font-size:1.125rem;max-width:42rem}
.layout{display:grid;grid-template-columns:minmax(0,1fr);gap:2.5rem;margin-top:2rem}
@media (min-width:60rem){.layout{grid-template-columns:minmax(0,1fr) 21rem;gap:3.5rem}.subscribe{align-self:start}}
.latest>h2,.subscribe>h2{font-size:.875rem;text-transform:uppercase;letter-spacing:.08em;color:var(--muted);margin:0 0 .5rem}
.items{list-style:none;margin:0;padding:0}
.item{padding:1.25rem 0;border-top:1px solid var(--line)}
.item h3{font-size:1.3rem;margin:0 0 .35rem}
.item h3 a{color:var(--fg);text-decoration:none}
.item h3 a:hover{color:var(--accent);text-decoration:underline}
.meta{color:var(--muted);font-size:.9375rem;margin:0 0 .35rem}
.summary{margin:.5rem 0 0}
.subscribe{background:var(--card);border:1px solid var(--line);border-radius:.75rem;padding:1.25rem}
.subscribe>p{margin:0 0 1rem;font-size:.9375rem}
.feeds{list-style:none;margin:0 0 1rem;padding:0}
.feeds li{display:grid;gap:.35rem;padding:.6rem 0;border-top:1px solid var(--line)}
.feed-name{font-weight:600}
.formats{display:flex;flex-wrap:wrap;gap:.35rem}
.format{display:inline-block;padding:.1rem .55rem;border:1px solid var(--accent);border-radius:999px;background:var(--accent-bg);font-size:.875rem;font-weight:600;text-decoration:none}
.format:hover{text-decoration:underline}
.feed-url code{display:block;margin-top:.25rem;padding:.4rem .5rem;background:var(--bg);border:1px solid var(--line);border-radius:.375rem;font-size:.8125rem}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.post{max-width:42rem}
.post-header{margin-bottom:2rem}
.post h1{font-size:clamp(1.75rem,5vw,2.5rem);margin:0 0 .75rem}
.content{line-height:1.7}
.content img,.content video,.content picture{max-width:100%;height:auto}
.content pre{overflow-x:auto;padding:1rem;background:var(--card);border-radius:.5rem}
.content table{display:block;max-width:100%;overflow-x:auto;overflow-wrap:break-word;border-collapse:collapse}
.content th,.content td{padding:.35rem .6rem;border:1px solid var(--line)}
.content blockquote{margin:1.5rem 0;padding-inline-start:1rem;border-inline-start:4px solid var(--line);color:var(--muted)}
.after-post{max-width:42rem;margin-top:3rem}
.content figure{margin:1.5rem 0}
.lead-image{margin-top:0}
.content figcaption{margin-top:.4rem;color:var(--muted);font-size:.9375rem;line-height:1.5}
.credit{font-size:.8125rem;text-transform:uppercase;letter-spacing:.04em}
.corrections{margin:2rem 0 0;padding:1rem 1.25rem;background:var(--card);border-inline-start:4px solid var(--accent);border-radius:.375rem}
.correction{margin:.35rem 0;font-size:.9375rem}
.profile{display:flex;flex-wrap:wrap;align-items:center;gap:1rem}
.portrait{border-radius:50%;object-fit:cover}
.notice{padding:1rem 1.25rem;background:var(--card);border:1px solid var(--line);border-radius:.5rem}
.category-index{display:grid;grid-template-columns:repeat(auto-fill,minmax(17rem,1fr));column-gap:2rem}
.count{color:var(--muted);font-size:.9375rem}
.index-pages ol{display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;margin:1.5rem 0;padding:0;list-style:none}
.index-pages a[aria-current="page"]{color:var(--fg);font-weight:700}
.pagination{display:flex;flex-wrap:wrap;align-items:baseline;justify-content:space-between;gap:.5rem 1.5rem;margin-top:1rem;padding-top:1rem;border-top:1px solid var(--line)}
.page-of{color:var(--muted);font-size:.9375rem}
.site-footer{border-top:1px solid var(--line);color:var(--muted);font-size:.9375rem;padding:1.5rem 0 2.5rem}
.site-footer p{margin:.35rem 0}
`
  .trim()
  .replace(/\n/g, '');
