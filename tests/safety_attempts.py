"""Injection attempts a contributor could try, shared by the rule, build and content-check tests.

GUIDE_ATTEMPTS: (name, Markdown written in a guide, line of the attempt inside the snippet, 0-based).
PATHWAY_ATTEMPTS: (name, Markdown in a pathway outcome's `body`).
SAFE_MARKDOWN: text that mentions the same things but must pass.
"""

from __future__ import annotations

GUIDE_ATTEMPTS = [
    ("link-attr-list-onclick", '[more help](https://www.gov.uk/){: onclick="alert(1)" }', 0),
    ("paragraph-attr-list", 'A paragraph that looks fine.\n{: onmouseover="alert(1)" }', 1),
    ("heading-attr-list", '## Help {: onclick="alert(1)" }', 0),
    ("image-attr-list", '![A picture](picture.png){: onerror="alert(1)" }', 0),
    ("attr-list-href-override", '[safe link](https://www.gov.uk/){: href="javascript:alert(1)" }', 0),
    ("attr-list-style", 'Red text.\n{: style="color: red" }', 1),
    ("javascript-link", "[Run this](javascript:alert(1))", 0),
    ("javascript-upper-case", "[Run this](JAVASCRIPT:alert(1))", 0),
    ("javascript-mixed-case-spaces", '<a href="  JaVaScRiPt:alert(1)">more help</a>', 0),
    ("javascript-entity", '<a href="&#106;avascript:alert(1)">more help</a>', 0),
    ("javascript-hex-entity-colon", '<a href="&#x6A;avascript&colon;alert(1)">more help</a>', 0),
    ("javascript-entity-in-markdown-link", "[Run this](&#106;avascript:alert(1))", 0),
    ("javascript-tab-inside", '<a href="java\tscript:alert(1)">more help</a>', 0),
    ("javascript-tab-entity", '<a href="java&#x09;script:alert(1)">more help</a>', 0),
    ("javascript-newline-inside", '<a href="java\nscript:alert(1)">more help</a>', 0),
    ("vbscript-link", "[Run this](vbscript:msgbox(1))", 0),
    ("data-html-link", "[Open](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", 0),
    ("data-image", '<img src="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=" alt="x">', 0),
    ("reference-link", "Read [the help][help].\n\n[help]: javascript:alert(1)", 2),
    ("nested-bold-link", "**Important: [click here](javascript:alert(1))**", 0),
    ("nested-list-quote", "- First\n- Second:\n    > [click](javascript:alert(1))", 2),
    ("nested-admonition", '!!! note "Help"\n    [click](javascript:alert(1))', 1),
    ("nested-table", "| A | B |\n|---|---|\n| x | [click](javascript:alert(1)) |", 2),
    ("nested-footnote", "A claim.[^1]\n\n[^1]: See [this](javascript:alert(1)).", 2),
    ("md-in-html-div-onclick", '<div markdown="1" onclick="alert(1)">\n**Bold** text.\n</div>', 0),
    ("svg-onload", '<svg onload="alert(1)"></svg>', 0),
    ("img-onerror", '<img src="x" onerror="alert(1)">', 0),
    ("img-onerror-upper-case", "<IMG SRC=x ONERROR=alert(1)>", 0),
    ("img-onerror-inline", 'Some text <img src="x" onerror="alert(1)"> in a sentence.', 0),
    ("script", "<script>alert(1)</script>", 0),
    ("script-upper-case", "<SCRIPT>alert(1)</SCRIPT>", 0),
    ("iframe", '<iframe src="https://example.org/"></iframe>', 0),
    ("object", '<object data="x.swf"></object>', 0),
    ("embed", '<embed src="x.swf">', 0),
    ("form", '<form action="https://example.org/"><input name="q"></form>', 0),
    ("button-formaction", '<button formaction="javascript:alert(1)">Go</button>', 0),
    ("meta-refresh", '<meta http-equiv="refresh" content="0;url=https://example.org/">', 0),
    ("style-element", "<style>body { display: none }</style>", 0),
    ("base", '<base href="https://example.org/">', 0),
    ("link-element", '<link rel="stylesheet" href="https://example.org/x.css">', 0),
    ("xlink-href", '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>', 0),
    ("svg-animate-href", '<svg><a><animate attributeName="href" values="javascript:alert(1)"/><text>x</text></a></svg>', 0),
    ("comment-trick", "<!--><img src=x onerror=alert(1)>-->", 0),
    ("cdata-trick", "<![CDATA[><img src=x onerror=alert(1)>]]>", 0),
    ("noscript-trick", '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></p></noscript>', 0),
    ("template-split-trick", '<img alt="</h1> x=1><script>alert(1)</script>" src="a.png">', 0),
    ("picture-from-other-site", "![Tracker](https://tracker.example/pixel.gif)", 0),
]

PATHWAY_ATTEMPTS = [
    ("pathway-link-onclick", '[more help](https://www.gov.uk/){: onclick="alert(1)" }'),
    ("pathway-paragraph-onmouseover", 'Read this first.\n{: onmouseover="alert(1)" }'),
    ("pathway-javascript-link", "[Run this](JaVaScRiPt:alert(1))"),
    ("pathway-reference-link", "Read [the help][help].\n\n[help]: javascript:alert(1)"),
    ("pathway-data-link", "[Open](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"),
    ("pathway-raw-html", '<img src="x" onerror="alert(1)">'),
]

SAFE_MARKDOWN = """\
Never click a link that starts `javascript:` and never open a file called `<script>`.

```html
<script>alert(1)</script>
<a href="javascript:alert(1)" onclick="x">code shown, not run</a>
```

[A guide](../keeping-information-safe/backups.md){: .md-button } and [the ICO](https://ico.org.uk/).
A paragraph with a class.
{: .ctg-note #a-note }

??? note "More about onclick=things"
    Text in a details block. Temperatures under 5 < 10 are fine.

![A picture](picture.png){: width="200" }

| Left | Right |
|:-----|------:|
| a    | b     |
"""

# Plain-text fields that a theme template prints without escaping (in <head>, or inside an
# attribute): (name, kind of file, front-matter or pathway line as it is, the line written instead).
# The kind is "guide", "template" or "pathway"; the line is replaced in that file's test copy.
FIELD_ATTEMPTS = [
    ("field-guide-description", "guide", "description: A page the safety tests fill with one injection attempt.",
     "description: 'A guide about this.\"><img src=x onerror=alert(1)> for staff'"),
    ("field-guide-title", "guide", "title: Safety test", "title: 'Safety test\"><img src=x onerror=alert(1)>'"),
    ("field-source-title", "guide", '  - title: "ICO: Personal data breaches"',
     "  - title: 'ICO</a><img src=x onerror=alert(1)>'"),
    ("field-source-address", "guide", "    url: https://ico.org.uk/for-organisations/report-a-breach/",
     "    url: 'https://example.org/\"onmouseover=\"alert(1)'"),
    ("field-template-field", "template", "fields: [Your organisation]",
     "fields: ['Your organisation\"><img src=x onerror=alert(1)>']"),
    ("field-pathway-summary", "pathway", "summary: A pathway the safety tests fill with one injection attempt.",
     "summary: 'A guide about this.\"><img src=x onerror=alert(1)> for staff'"),
    ("field-pathway-title", "pathway", "title: Is this a safety test?",
     "title: 'Is this a test?\"><img src=x onerror=alert(1)>'"),
]
