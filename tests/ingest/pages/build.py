"""Builds the test news pages in this folder: `python tests/ingest/pages/build.py`.

Each page NAME.html wraps a known article in the furniture of a real news site (navigation,
cookie banner, advertisements, related links, share buttons, newsletter box, comments,
footer), in different layouts and charsets. Beside it:

* NAME.expected.txt: the article as it should come out, one paragraph or heading a line;
* NAME.furniture.txt: sentences of the page's furniture, none of which may be extracted.

The pages are committed; this script documents how they were made and remakes them.
"""

from __future__ import annotations

import html
from pathlib import Path

HERE = Path(__file__).parent

NAV = ["Home", "World", "Politics", "Business", "Science", "Culture", "Sport", "Opinion"]


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def nav(links=NAV) -> str:
    return "<nav class=\"site-nav\"><ul>" + "".join(f'<li><a href="/{x.lower()}">{x}</a></li>' for x in links) + "</ul></nav>"


COOKIE = ("We use cookies and similar technologies to personalise content and measure our audience. "
          "Manage your preferences or accept all cookies to continue.")
AD = "Advertisement. Save 30 percent on premium noise cancelling headphones this week only."
NEWSLETTER = "Sign up for our morning briefing and get the top stories delivered to your inbox every day."
COMMENT_1 = "This is exactly what I have been saying for years, nobody listens to the experts."
COMMENT_2 = "Great reporting as always, but the headline is misleading in my opinion."
FOOTER = "Copyright 2025 Example Media Group. All rights reserved. Terms of use and privacy policy."
RELATED = ["Storm closes airports across the north", "Ten recipes for a quick weeknight dinner",
           "Stock markets rally after central bank decision"]


def related(heading="Related stories") -> str:
    return (f"<aside class=\"related\"><h3>{heading}</h3><ul>"
            + "".join(f'<li><a href="/story/{i}">{t}</a></li>' for i, t in enumerate(RELATED)) + "</ul></aside>")


def comments() -> str:
    return ("<section id=\"comments\"><h3>Comments (2)</h3>"
            f"<div class=\"comment\"><span class=\"user\">reader_1984</span><p>{COMMENT_1}</p></div>"
            f"<div class=\"comment\"><span class=\"user\">maria.k</span><p>{COMMENT_2}</p></div></section>")


def cookie() -> str:
    return f'<div class="cookie-banner" role="dialog"><p>{COOKIE}</p><button>Accept all</button><button>Manage</button></div>'


def share() -> str:
    return '<div class="share"><a href="#">Share on Facebook</a> <a href="#">Share on X</a> <a href="#">Email</a></div>'


def furniture_common() -> list[str]:
    return [COOKIE, AD, NEWSLETTER, COMMENT_1, COMMENT_2, FOOTER, *RELATED]


ARTICLES = {
    "kim-putin-beijing": {
        "title": "Kim pledges further support to Russia at Beijing meeting with Putin",
        "paras": [
            "North Korean leader Kim Jong Un told Russian President Vladimir Putin on Wednesday that his country would do everything it could to help Russia, according to a readout published by state media.",
            "The two leaders met in Beijing after a military parade marking the end of the Second World War, where they stood beside Chinese President Xi Jinping on the reviewing stand.",
            "“If there is any way we can help Russia, we will certainly do so and consider it our fraternal duty,” Kim said, in remarks carried by the Korean Central News Agency.",
            "Putin thanked North Korean soldiers for their part in repelling a Ukrainian incursion into the Kursk region. The Kremlin did not say whether new agreements had been signed.",
            "Analysts in Seoul said the meeting was the clearest sign yet that Pyongyang expects economic and military rewards for its support.",
        ],
    },
    "flood-defences-budget": {
        "title": "City council approves 5.8 million euros for flood defences",
        "paras": [
            "The city council on Tuesday approved 5.8 million euros for new flood defences along the river, ending a two-year dispute over who should pay for the work.",
            "Under the plan, a 1.2-kilometre wall will be built between the old harbour and the railway bridge, and two pumping stations will be replaced by the end of 2027.",
            "“We cannot wait for the next flood to decide,” said deputy mayor Ana Ruiz, who led the negotiations with the regional government.",
            "Opposition councillors voted against the plan, arguing that the estimate was too low. The regional auditor had put the cost at nearly 7 million euros in a report last spring.",
        ],
    },
    "bahn-verspaetungen": {
        "title": "Bahn meldet weniger Verspätungen im Fernverkehr",
        "paras": [
            "Die Deutsche Bahn ist im Sommer pünktlicher gewesen als im Vorjahr. Nach Angaben des Konzerns erreichten 67 Prozent der Fernzüge ihr Ziel mit weniger als sechs Minuten Verspätung.",
            "Verkehrsminister Jürgen Weiß sprach von einem „ersten Schritt“, mahnte aber größere Anstrengungen an. Die Fahrgastverbände äußerten sich zurückhaltend.",
            "Für das kommende Jahr plant die Bahn die Sanierung von weiteren 40 Streckenabschnitten. Dabei müssen Reisende erneut mit Umleitungen und Ersatzverkehr rechnen.",
        ],
    },
    "vendanges-precoces": {
        "title": "Vendanges précoces : les vignerons face à la chaleur",
        "paras": [
            "Les vendanges ont commencé avec près de trois semaines d’avance dans plusieurs vignobles du sud de la France, selon la chambre d’agriculture.",
            "« Nous n’avons jamais récolté aussi tôt », explique Hélène Garnier, viticultrice près de Béziers, qui a dû embaucher des saisonniers en urgence.",
            "Les chercheurs de l’Inrae estiment que la date moyenne des vendanges a avancé de dix-huit jours en quarante ans. La qualité du millésime reste toutefois difficile à prévoir.",
        ],
    },
    "hospital-waiting-times": {
        "title": "Hospital waiting times fall for the first time in four years",
        "paras": [
            "Waiting times for planned operations fell in the three months to June, the first drop in four years, according to figures published by the health ministry on Thursday.",
            "The median wait for a hip replacement was 14 weeks, down from 17 weeks a year earlier. Waits for cataract surgery fell to nine weeks.",
            "The ministry credited extra weekend clinics, which it said had treated about 40,000 patients since January.",
            "Doctors’ unions warned that the improvement might not last through the winter, when emergency admissions usually rise.",
        ],
    },
    "election-turnout": {
        "title": "Turnout reaches record high in regional election",
        "subheads": {2: "Younger voters"},
        "paras": [
            "Turnout in Sunday’s regional election reached 71.4 percent, the highest since the region was created in 1990, the electoral commission said.",
            "Long queues formed outside polling stations in the capital, and several stations stayed open an hour past closing time.",
            "Younger voters",
            "Exit polls suggested that voters under 30 turned out in much larger numbers than four years ago, when fewer than half of them voted.",
            "Political scientist Tomás Silva said the campaign had been unusually focused on housing, an issue that mobilised younger voters.",
        ],
    },
    "museum-returns-bronzes": {
        "title": "Museum agrees to return looted bronzes",
        "paras": [
            "A national museum has agreed to return 21 bronze sculptures that were taken from the royal palace in Benin City in 1897, its board announced on Monday.",
            "The agreement follows three years of talks with Nigeria’s National Commission for Museums and Monuments, which will decide where the works are displayed.",
            "“This is not a gift, it is a restitution,” the museum’s director told reporters, adding that some pieces would remain on loan for an exhibition.",
        ],
    },
    "markup-in-quotes": {
        "title": "Developers warn about terminal escape codes in log files",
        "paras": [
            "Security researchers said on Friday that log viewers can be tricked by text such as [bold]URGENT[/bold] or <script>alert(1)</script> hidden in ordinary messages.",
            "A line that contains the escape sequence \x1b[31mRED\x1b[0m can change the colour of a terminal when it is printed without care, the researchers wrote.",
            "They recommend that tools treat every character of a document as data and escape control characters before display.",
        ],
    },
    "novosti-zerno": {
        "title": "Экспорт зерна вырос на 12 процентов",
        "paras": [
            "Экспорт зерна за первые восемь месяцев года вырос на 12 процентов, сообщило министерство сельского хозяйства во вторник.",
            "По данным ведомства, основными покупателями остаются Египет, Турция и Иран. Цены на пшеницу при этом снизились.",
            "Аналитики ожидают, что урожай в этом году будет ниже прошлогоднего из-за засухи в южных регионах.",
        ],
    },
}


def body_paragraphs(key: str, wrap=lambda p: f"<p>{esc(p)}</p>", subhead=lambda t: f"<h2>{esc(t)}</h2>") -> str:
    article = ARTICLES[key]
    subheads = set(article.get("subheads", {}).values())
    return "\n".join(subhead(p) if p in subheads else wrap(p) for p in article["paras"])


def page_article_tag(key: str) -> str:
    """A modern site: <article>, byline, share bar, inline ad, related, comments."""
    a = ARTICLES[key]
    paras = [f"<p>{esc(p)}</p>" for p in a["paras"]]
    paras.insert(2, f'<div class="ad-slot"><span>{AD}</span></div>')
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{esc(a['title'])} | The Daily Example</title>
<meta property="og:site_name" content="The Daily Example">
<meta property="og:title" content="{esc(a['title'])}">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2025-09-03T08:15:00Z">
<link rel="canonical" href="https://daily.example.com/world/{key}">
</head><body>
{cookie()}
<header class="masthead"><a href="/" class="logo">The Daily Example</a>{nav()}</header>
<main><article>
<h1>{esc(a['title'])}</h1>
<p class="byline">By <a href="/authors/jane-doe">Jane Doe</a>, 3 September 2025</p>
{share()}
{''.join(paras)}
</article>
{related()}
<div class="newsletter"><p>{NEWSLETTER}</p><form><input type="email"><button>Subscribe</button></form></div>
{comments()}
</main>
<footer><p>{FOOTER}</p></footer>
</body></html>
"""


def page_div_cp1252(key: str) -> str:
    """An older CMS: no <article>, the story in div.story-body, windows-1252 via http-equiv."""
    a = ARTICLES[key]
    return f"""<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">
<title>{esc(a['title'])} - Riverside Courier</title>
<meta name="description" content="{esc(a['paras'][0][:80])}">
<meta property="og:site_name" content="Riverside Courier">
<meta name="author" content="Peter Mills">
<meta name="date" content="2025-06-17">
</head><body>
<div id="top">{nav()}<div class="cookie-notice">{COOKIE}</div></div>
<div id="wrapper"><div id="left-rail">{related('Most read')}</div>
<div id="content"><div class="story-header"><h1>{esc(a['title'])}</h1><div class="meta">Peter Mills | 17 June 2025</div></div>
<div class="story-body">
{body_paragraphs(key)}
</div>
<div class="banner-ad">{AD}</div>
{comments()}
</div></div>
<div id="footer"><p>{NEWSLETTER}</p><p>{FOOTER}</p></div>
</body></html>
"""


def page_latin1(key: str) -> str:
    """A German regional site, iso-8859-1 in <meta charset>, <html lang="de">."""
    a = ARTICLES[key]
    return f"""<!DOCTYPE html>
<html lang="de"><head><meta charset="iso-8859-1">
<title>{esc(a['title'])} | Nordkurier Beispiel</title>
<meta property="og:site_name" content="Nordkurier Beispiel">
<meta name="author" content="Karin Vogel">
<meta property="article:published_time" content="2025-08-28T06:00:00+02:00">
</head><body>
<div class="consent">{COOKIE}</div>
<header>{nav()}</header>
<div class="container"><div class="main-col">
<article class="news"><header><h1>{esc(a['title'])}</h1><time datetime="2025-08-28">28.08.2025</time></header>
{body_paragraphs(key)}
</article>
<div class="anzeige">{AD}</div>
</div><div class="sidebar">{related('Mehr zum Thema')}</div></div>
{comments()}
<footer>{FOOTER}</footer>
</body></html>
"""


def page_bom_french(key: str) -> str:
    """A UTF-8 page with a byte order mark and no declared charset; JSON-LD metadata."""
    a = ARTICLES[key]
    return f"""<!DOCTYPE html>
<html lang="fr"><head>
<title>{esc(a['title'])}</title>
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle",
"headline": "{a['title']}", "datePublished": "2025-08-20T09:30:00+02:00",
"author": {{"@type": "Person", "name": "Claire Martin"}},
"publisher": {{"@type": "Organization", "name": "Le Journal Exemple"}}}}</script>
</head><body>
{cookie()}
{nav()}
<div class="page"><section class="content">
<h1>{esc(a['title'])}</h1>
<p class="chapo-author">Par Claire Martin</p>
{body_paragraphs(key)}
<div class="pub">{AD}</div>
</section>
{related('À lire aussi')}
</div>
{comments()}
<footer><p>{FOOTER}</p></footer>
<script>window.dataLayer = window.dataLayer || []; dataLayer.push({{"event": "pageview"}});</script>
</body></html>
"""


def page_tables(key: str) -> str:
    """A 2000s layout built of tables, no <article>, no metadata but <title>."""
    a = ARTICLES[key]
    return f"""<html><head><meta charset="utf-8"><title>{esc(a['title'])} :: Health Desk</title></head>
<body><table width="100%"><tr><td colspan="2">{nav()}</td></tr>
<tr><td width="200" valign="top">{related('Headlines')}<div>{AD}</div></td>
<td valign="top"><font size="5"><b>{esc(a['title'])}</b></font><br>
<font size="2">Health Desk, 12 July 2025</font>
{body_paragraphs(key)}
<div class="cookie">{COOKIE}</div>
</td></tr>
<tr><td colspan="2" class="footer">{comments()}<p>{NEWSLETTER}</p><p>{FOOTER}</p></td></tr></table>
</body></html>
"""


def page_main_sections(key: str) -> str:
    """<main> with <section>s and an h2 subheading; ads between paragraphs."""
    a = ARTICLES[key]
    chunks = body_paragraphs(key).split("\n")
    chunks.insert(3, f'<aside class="inline-ad"><p>{AD}</p></aside>')
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<title>{esc(a['title'])} — Metro Post</title>
<meta property="og:site_name" content="Metro Post">
<meta name="author" content="Sam Okafor">
<meta name="article:published_time" content="2025-05-12T21:40:00Z">
</head><body>
<div id="cookie-consent">{COOKIE}</div>
<header>{nav()}</header>
<main id="main-content">
<div class="breadcrumbs"><a href="/">Home</a> › <a href="/politics">Politics</a></div>
<h1 class="headline">{esc(a['title'])}</h1>
<div class="author-block">Sam Okafor, Political correspondent</div>
<section class="article-body">
{chr(10).join(chunks)}
</section>
{share()}
<section class="more">{related('More from Metro Post')}</section>
<section class="signup"><p>{NEWSLETTER}</p></section>
{comments()}
</main>
<footer>{FOOTER}</footer>
</body></html>
"""


def page_hostile(key: str) -> str:
    """An article whose text quotes markup and holds raw escape sequences."""
    return page_article_tag(key).replace("The Daily Example", "Security Weekly")


def page_russian(key: str) -> str:
    a = ARTICLES[key]
    return f"""<!DOCTYPE html>
<html lang="ru"><head><meta charset="utf-8"><title>{esc(a['title'])} - Новости Пример</title>
<meta property="og:site_name" content="Новости Пример">
<meta property="article:published_time" content="2025-09-09T10:00:00+03:00">
</head><body>{cookie()}{nav(['Главная', 'Политика', 'Экономика', 'Спорт'])}
<div class="layout"><article itemprop="articleBody"><h1>{esc(a['title'])}</h1>
{body_paragraphs(key)}</article><div class="adv">{AD}</div>{related()}</div>
{comments()}<footer>{FOOTER}</footer></body></html>
"""


PAGES = {
    # name: (builder, article, charset of the bytes written)
    "daily-example-kim": (page_article_tag, "kim-putin-beijing", "utf-8"),
    "riverside-courier-flood": (page_div_cp1252, "flood-defences-budget", "cp1252"),
    # Declared iso-8859-1 but holding windows-1252 quotes („ “), as such pages often do.
    "nordkurier-bahn": (page_latin1, "bahn-verspaetungen", "cp1252"),
    "journal-exemple-vendanges": (page_bom_french, "vendanges-precoces", "utf-8-sig"),
    "health-desk-waiting": (page_tables, "hospital-waiting-times", "utf-8"),
    "metro-post-turnout": (page_main_sections, "election-turnout", "utf-8"),
    "museum-bronzes-cp1252": (page_div_cp1252, "museum-returns-bronzes", "cp1252"),
    "security-weekly-escapes": (page_hostile, "markup-in-quotes", "utf-8"),
    "novosti-zerno": (page_russian, "novosti-zerno", "utf-8"),
}


def build() -> None:
    for name, (builder, key, charset) in PAGES.items():
        (HERE / f"{name}.html").write_bytes(builder(key).encode(charset))
        article = ARTICLES[key]
        expected = [article["title"], *article["paras"]]
        (HERE / f"{name}.expected.txt").write_text("\n".join(expected) + "\n", "utf-8")
        (HERE / f"{name}.furniture.txt").write_text("\n".join(furniture_common()) + "\n", "utf-8")


if __name__ == "__main__":
    build()
