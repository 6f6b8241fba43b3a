"""Articles as plain text: plain text, Markdown or HTML (tags stripped, entities decoded,
scripts and styles ignored), with clear errors for what cannot be read.

Large plain-text and Markdown articles are read in blocks that end at a paragraph break
(``read_blocks``), so the extractor never holds more than a block; HTML is read whole, up to
``MAX_BYTES``."""

from __future__ import annotations

import codecs
import hashlib
import html
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from dealgraph.errors import Problem, SourceError

#: HTML pages larger than this are refused: they are not articles.
MAX_BYTES = 20 * 1024 * 1024
#: Plain text and Markdown larger than this are read in blocks of about this size.
BLOCK_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Article:
    """An article's text and where it came from; ``doc_id`` names it as a Document."""

    doc_id: str
    path: str
    text: str
    offset: int = 0  # where ``text`` starts in the whole article (a block of a large one)


class _Text(HTMLParser):
    """Collects the text of an HTML page, skipping scripts, styles and other non-content."""

    SKIP = {"script", "style", "noscript", "template", "head", "svg"}
    BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "blockquote"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self._skipping += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self._skipping:
            self._skipping -= 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def html_text(source: str) -> str:
    """The visible text of an HTML document, paragraphs on their own lines."""
    parser = _Text()
    parser.feed(source)
    parser.close()
    text = "".join(parser.parts)
    lines = (re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


_MD_LINK = re.compile(r"!?\[([^\]]*)\]\((?:[^()]|\([^()]*\))*\)")  # one level of ( ) in the URL
_MD_MARK = re.compile(r"(^|\s)[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}(?=\s|[.,;:!?)]|$)")


def markdown_text(source: str) -> str:
    """Markdown without its markup: headings, emphasis, links (their text kept), code fences."""
    out = []
    for line in source.splitlines():
        if line.strip().startswith("```"):
            continue
        line = re.sub(r"^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+", "", line)
        line = _MD_LINK.sub(r"\1", line)
        line = _MD_MARK.sub(lambda m: m.group(1) or "", line).replace("`", "")
        out.append(html.unescape(line))
    return "\n".join(out)


#: The longest document id the model accepts (a document is a node too).
MAX_DOC_ID = 120


def doc_id_for(path: Path) -> str:
    """A document id from a file name: lower case, accents dropped, each run of other characters
    one separator: ``.`` if it holds a dot, ``_`` if it is one underscore, else ``-``
    (``"Café News_ 2.TXT"`` → ``cafe-news-2.txt``, ``"q3_report.md"`` → ``q3_report.md``); a name with no Latin letters
    or digits gets a short hash of itself, so two such names never collide."""
    folded, stem = _ascii(path.name), _ascii(path.stem)
    if not re.search(r"[a-z0-9]", stem):  # "日本.txt": the extension alone would collide
        folded = "article-" + hashlib.sha256(path.name.encode()).hexdigest()[:10] + folded[len(stem) :]
    words = re.findall(r"[a-z0-9]+", folded)
    gaps = re.findall(r"(?<=[a-z0-9])[^a-z0-9]+(?=[a-z0-9])", folded)
    ident = words[0] + "".join(_separator(g) + w for g, w in zip(gaps, words[1:], strict=True))
    return ident[:MAX_DOC_ID].rstrip("-_.")


def _ascii(name: str) -> str:
    """Lower case, accents dropped, any other letter or sign not in ASCII a space."""
    decomposed = unicodedata.normalize("NFKD", name)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "".join(c if c.isascii() else " " for c in kept).lower()


def _separator(gap: str) -> str:
    return "." if "." in gap else "_" if gap == "_" else "-"


def read_article(path: Path, *, doc_id: str | None = None) -> Article:
    """The article at ``path``; raises SourceError naming the file (and byte offset) otherwise."""
    display = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise SourceError([Problem(display, None, f"cannot read the article: {exc.strerror}")]) from None
    if size > MAX_BYTES:
        raise SourceError([Problem(display, None, f"{size:,} bytes is too large for an article (limit {MAX_BYTES:,})")])
    raw = path.read_bytes()
    if not raw.strip():
        raise SourceError([Problem(display, None, "the article is empty")])
    if b"\x00" in raw[:8192]:
        raise SourceError(
            [Problem(display, None, "this is a binary file, not an article (plain text, Markdown or HTML)")]
        )
    try:
        source = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SourceError(
            [
                Problem(
                    display,
                    line,
                    f"not UTF-8 text: byte 0x{raw[exc.start]:02x} at offset {exc.start}; save it as UTF-8",
                )
            ]
        ) from None
    suffix = path.suffix.lower()
    looks_html = suffix in {".html", ".htm", ".xhtml"} or source.lstrip()[:15].lower().startswith(
        ("<!doctype", "<html")
    )
    if looks_html:
        text = html_text(source)
    elif suffix in {".md", ".markdown"}:
        text = markdown_text(source)
    else:
        text = source.replace("\r\n", "\n")
    if not text.strip():
        raise SourceError([Problem(display, None, "the article has no text once its markup is removed")])
    return Article(doc_id=doc_id or doc_id_for(path), path=display, text=text)


def _is_html(path: Path, head: bytes) -> bool:
    start = head.lstrip()[:15].lower()
    return path.suffix.lower() in {".html", ".htm", ".xhtml"} or start.startswith((b"<!doctype", b"<html"))


def read_blocks(path: Path, *, doc_id: str | None = None, block_bytes: int | None = None) -> Iterator[Article]:
    """The article at ``path`` as consecutive blocks, each an Article whose ``offset`` is where it
    starts in the whole text; blocks end at a paragraph break (else a line break) when one is
    near. Small files and HTML come as one block (``read_article``). Raises SourceError as
    ``read_article`` does, before the block the problem is in."""
    display = str(path)
    block_bytes = block_bytes or BLOCK_BYTES
    try:
        size = path.stat().st_size
        handle = path.open("rb")
    except OSError as exc:
        raise SourceError([Problem(display, None, f"cannot read the article: {exc.strerror}")]) from None
    with handle:
        head = handle.read(8192)
        if size <= block_bytes or _is_html(path, head):
            yield read_article(path, doc_id=doc_id)
            return
        if b"\x00" in head:
            raise SourceError(
                [Problem(display, None, "this is a binary file, not an article (plain text, Markdown or HTML)")]
            )
        ident = doc_id or doc_id_for(path)
        markdown = path.suffix.lower() in {".md", ".markdown"}
        decoder = codecs.getincrementaldecoder("utf-8-sig")()
        pending, offset, consumed, lines, empty = "", 0, 0, 0, True
        data = head
        while True:
            final = not data
            try:
                pending += decoder.decode(data, final=final)
            except UnicodeDecodeError as exc:
                held = len(exc.object) - len(data)  # bytes the decoder kept from the last read
                at = consumed - held + exc.start
                line = lines + pending.count("\n") + exc.object[: exc.start].count(b"\n") + 1
                byte = exc.object[exc.start]
                message = f"not UTF-8 text: byte 0x{byte:02x} at offset {at}; save it as UTF-8"
                raise SourceError([Problem(display, line, message)]) from None
            consumed += len(data)
            while pending and (final or len(pending) >= block_bytes):
                cut = len(pending) if final else _break_before(pending, block_bytes)
                block, pending = pending[:cut], pending[cut:]
                lines += block.count("\n")
                text = block.replace("\r\n", "\n")
                if markdown:  # line by line, so the blocks join into what markdown_text(whole) gives
                    text = markdown_text(text) + ("\n" if text.endswith("\n") and pending else "")
                if text.strip():
                    empty = False
                    yield Article(doc_id=ident, path=display, text=text, offset=offset)
                offset += len(text)
            if final:
                break
            data = handle.read(block_bytes)
        if empty:
            raise SourceError([Problem(display, None, "the article is empty")])


def _break_before(text: str, near: int) -> int:
    """Where to end a block of about ``near`` characters: after a paragraph break, else a line
    break, else a sentence end, else a space, else at ``near`` (after a CRLF that straddles it)."""
    for mark in ("\n\n", "\n", ". ", " "):
        at = text.rfind(mark, near // 2, near)
        if at >= 0:
            return at + len(mark)
    if text[near - 1] == "\r":  # keep a CRLF whole: take its LF, or wait for it
        return near + 1 if text[near : near + 1] == "\n" else near - 1 if near == len(text) else near
    return near
