"""RSS and Atom feeds: one article per entry, with the feed's metadata."""

from __future__ import annotations

import io

import pytest
from read_builders import documents, rejections

from storyline.read import read_bytes, read_inputs
from storyline.settings import Settings
from storyline.types import RawDocument, Rejection

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>The Example Gazette</title><link>https://example.org/</link>
<item>
  <title>Made-up headline one</title>
  <link>https://example.org/one</link>
  <guid>https://example.org/one#guid</guid>
  <pubDate>Mon, 10 Jun 2024 12:04:00 +0530</pubDate>
  <author>writer@example.org (A. Writer)</author>
  <description>Plain summary with an ampersand &amp; nothing else</description>
  <content:encoded><![CDATA[<p>Full <b>made-up</b> body.</p>]]></content:encoded>
</item>
<item>
  <title>Made-up headline two</title>
  <description>Only a plain summary here.</description>
</item>
<item><title>Nothing inside</title><link>https://example.org/three</link></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Example Wire</title>
  <id>urn:example:feed</id>
  <updated>2024-06-11T08:00:00Z</updated>
  <entry>
    <title>Atom made-up entry</title>
    <id>urn:example:entry:1</id>
    <link href="https://example.org/atom/1"/>
    <updated>2024-06-11T09:30:00+02:00</updated>
    <author><name>B. Reporter</name></author>
    <content type="html">&lt;p&gt;Résumé of a made-up event.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Text-only entry</title>
    <id>urn:example:entry:2</id>
    <summary type="text">A plain made-up summary, 5 &lt; 6.</summary>
  </entry>
</feed>
""".encode()


def test_rss_entries(settings: Settings) -> None:
    items = list(read_bytes(RSS, "news.rss", settings))
    first, second, third = items
    assert isinstance(first, RawDocument)
    assert first.content == "<p>Full <b>made-up</b> body.</p>"
    assert first.kind == "html"
    assert first.title == "Made-up headline one"
    assert first.provenance.url == "https://example.org/one"
    assert first.provenance.source_path == "news.rss"
    assert first.id == "https://example.org/one#guid"
    assert first.published == "2024-06-10T06:34:00+00:00"
    assert first.outlet == "The Example Gazette"
    assert first.byline is not None and "A. Writer" in first.byline
    assert first.encoding == "utf-8"
    assert isinstance(second, RawDocument)
    assert (second.content, second.kind) == ("Only a plain summary here.", "text")
    assert second.published is None
    assert isinstance(third, Rejection)
    assert third.reason == "empty"
    assert "Nothing inside" in third.message


def test_atom_entries(settings: Settings) -> None:
    first, second = read_bytes(ATOM, "wire.atom", settings)
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert first.content == "<p>Résumé of a made-up event.</p>"
    assert first.kind == "html"
    assert first.published == "2024-06-11T07:30:00+00:00"
    assert (first.id, first.byline, first.outlet) == (
        "urn:example:entry:1",
        "B. Reporter",
        "Example Wire",
    )
    assert first.provenance.url == "https://example.org/atom/1"
    assert (second.kind, second.content) == ("text", "A plain made-up summary, 5 < 6.")


@pytest.mark.parametrize("name", ["feed.xml", "feed", "feed.unknown", "<stdin>"])
def test_feeds_are_sniffed(settings: Settings, name: str) -> None:
    assert len(documents(list(read_bytes(ATOM, name, settings)))) == 2


def test_feed_on_stdin(settings: Settings) -> None:
    items = list(read_inputs(["-"], settings, stdin=io.BytesIO(RSS)))
    assert len(documents(items)) == 2
    assert len(rejections(items)) == 1


def test_xml_that_is_not_a_feed_is_unsupported(settings: Settings) -> None:
    (rejection,) = read_bytes(
        b'<?xml version="1.0"?><catalog><b>x</b></catalog>', "c.xml", settings
    )
    assert isinstance(rejection, Rejection)
    assert rejection.reason == "unsupported"


def test_rss_that_is_not_a_feed_is_a_bad_record(settings: Settings) -> None:
    (rejection,) = read_bytes(b"this is not a feed at all", "broken.rss", settings)
    assert isinstance(rejection, Rejection)
    assert rejection.reason == "bad-record"


def test_feed_without_entries_is_empty(settings: Settings) -> None:
    data = b'<rss version="2.0"><channel><title>Quiet</title></channel></rss>'
    (rejection,) = read_bytes(data, "quiet.rss", settings)
    assert isinstance(rejection, Rejection)
    assert rejection.reason == "empty"


def test_feed_over_the_limit(settings: Settings) -> None:
    (rejection,) = read_bytes(RSS, "news.rss", Settings(max_document_bytes=100))
    assert isinstance(rejection, Rejection)
    assert rejection.reason == "too-large"


def test_binary_feed(settings: Settings) -> None:
    (rejection,) = read_bytes(b"\x00\x01\x02<rss>", "x.rss", settings)
    assert isinstance(rejection, Rejection)
    assert rejection.reason == "binary"


def test_feed_never_reads_a_file_named_by_its_content(settings: Settings) -> None:
    # feedparser reads a file when given bytes that name one; ingest must never do that.
    (rejection,) = read_bytes(b"/etc/hostname", "x.rss", settings)
    assert isinstance(rejection, Rejection)
    assert rejection.reason == "bad-record"


def test_legacy_encoded_feed(settings: Settings) -> None:
    data = (
        '<?xml version="1.0" encoding="iso-8859-1"?><rss version="2.0"><channel><title>Café'
        "</title><item><title>Élection</title><description>Résultats du scrutin."
        "</description></item></channel></rss>"
    ).encode("latin-1")
    (doc,) = read_bytes(data, "legacy.rss", settings)
    assert isinstance(doc, RawDocument)
    assert (doc.title, doc.content, doc.outlet) == ("Élection", "Résultats du scrutin.", "Café")
