"""The CoreNLP client: text and the article's date in, an ``Annotated`` document out (sentences,
tokens with character offsets, lemmas, parts of speech, NER with normalised values, and the
enhanced++ dependency graph of each sentence).

>>> doc = annotate("Japan pledged $550 billion.", url="http://127.0.0.1:9000", date=None)  # doctest: +SKIP
>>> doc.sentences[0].tokens[1].lemma  # doctest: +SKIP
'pledge'

A long text goes in blocks of about 100,000 characters cut at a paragraph break, so no request
is too large for the server; offsets stay those of the whole text.

Two repairs of the text sent, each keeping its length, so every offset is still the article's:
- the full stop of an abbreviated money unit inside a sentence ("under $550 bil. pledge", "3 tril.
  yen") is sent as a space: CoreNLP's tokenizer does not know these abbreviations and would end the
  sentence there;
- a wire story's dateline ("WASHINGTON, Feb. 12 -- Japan's trade minister said ...", "TOKYO -
  The first ...") is sent as a sentence of its own, its dash as a full stop: parsed as part of
  the first sentence it takes that sentence's subject ("Chile and the EU signed ..." became a
  dependent of the date).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

from dealgraph.extract.server import ANNOTATORS, NLPUnavailableError

BLOCK = 100_000
TIMEOUT = 600


@dataclass(frozen=True)
class Token:
    index: int  # 0-based within the sentence
    word: str
    lemma: str
    pos: str
    ner: str
    normalized: str
    start: int  # character offsets in the whole text
    end: int


@dataclass(frozen=True)
class Edge:
    label: str  # enhanced++ label: nsubj, obj, obl:by, nmod:poss, conj:and, ...
    governor: int  # token index, -1 for ROOT
    dependent: int


@dataclass(frozen=True)
class NerMention:
    text: str
    ner: str
    start_token: int
    end_token: int  # exclusive
    start: int
    end: int
    normalized: str


@dataclass
class Sentence:
    index: int
    tokens: list[Token]
    edges: list[Edge]
    ner_mentions: list[NerMention]
    children: dict[int, list[Edge]] = field(default_factory=dict)
    parents: dict[int, list[Edge]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for e in self.edges:
            self.children.setdefault(e.governor, []).append(e)
            self.parents.setdefault(e.dependent, []).append(e)

    @property
    def start(self) -> int:
        return self.tokens[0].start

    @property
    def end(self) -> int:
        return self.tokens[-1].end

    def out(self, i: int, label: str | None = None) -> list[int]:
        """Dependents of token ``i`` (by ``label``, or a label prefix ending in ':*')."""
        return [e.dependent for e in self.children.get(i, []) if label is None or _label_is(e.label, label)]

    def into(self, i: int, label: str | None = None) -> list[int]:
        """Governors of token ``i`` (by label)."""
        return [
            e.governor
            for e in self.parents.get(i, [])
            if e.governor >= 0 and (label is None or _label_is(e.label, label))
        ]

    def labels_into(self, i: int) -> list[str]:
        return [e.label for e in self.parents.get(i, [])]


def _label_is(label: str, wanted: str) -> bool:
    if wanted.endswith(":*"):
        return label == wanted[:-2] or label.startswith(wanted[:-1])
    return label == wanted


@dataclass
class Annotated:
    text: str
    sentences: list[Sentence]


def annotate(text: str, *, url: str, date: dt.date | None, annotators: str = ANNOTATORS) -> Annotated:
    """Annotate ``text`` on the CoreNLP server at ``url``; relative dates against ``date``.

    Raises NLPUnavailableError when the server cannot be reached or refuses the text.
    """
    sentences: list[Sentence] = []
    for offset, block in _blocks(text):
        data = _request(_sendable(block), url=url, date=date, annotators=annotators)
        for s in data.get("sentences", []):
            sentences.append(_sentence(len(sentences), s, offset))
    return Annotated(text, sentences)


#: The full stop of an abbreviated money unit after a number, with the sentence going on in lower case.
_UNIT_STOP = re.compile(r"(?<=\d)(\s?(?:bil|mil|tril|bln|mln|trn))\.(?=\s+[a-z(])")


#: A dateline opening a paragraph: a place in capitals (several with "/"), an optional date and
#: agency in brackets (either order), then a dash before the story's first word.
_DATELINE = re.compile(
    r"(?m)^(?P<line>[A-Z]{3,}[A-Z.'’ ]*(?:/[A-Z][A-Z.'’ ]+)*(?:\s*\([A-Za-z ]{2,30}\))?"
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?(?:\s*\([A-Za-z ]{2,30}\))?)"
    r"\s+(?P<dash>--|-|–|—)\s+(?=[A-Z\"“‘'])"
)


def _sendable(block: str) -> str:
    """The text as sent to CoreNLP: the two repairs of the module's docstring, same length."""
    block = _UNIT_STOP.sub(r"\1 ", block)
    return _DATELINE.sub(lambda m: m.group(0).replace(m["dash"], "." + " " * (len(m["dash"]) - 1), 1), block)


def _blocks(text: str) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    at = 0
    while at < len(text):
        end = min(len(text), at + BLOCK)
        if end < len(text):
            cut = text.rfind("\n\n", at + BLOCK // 2, end)
            end = cut + 2 if cut > 0 else end
        out.append((at, text[at:end]))
        at = end
    return out


def _request(text: str, *, url: str, date: dt.date | None, annotators: str) -> dict:  # type: ignore[type-arg]
    props: dict[str, str] = {"annotators": annotators, "outputFormat": "json"}
    if date is not None:
        props["date"] = date.isoformat()
    query = urllib.parse.urlencode({"properties": json.dumps(props)})
    request = urllib.request.Request(
        f"{url.rstrip('/')}/?{query}", data=text.encode("utf-8"), method="POST",
        headers={"Content-Type": "text/plain; charset=utf-8"},
    )  # fmt: skip
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as answer:
            return json.loads(answer.read().decode("utf-8"))  # type: ignore[no-any-return]
    except urllib.error.HTTPError as exc:
        detail = exc.read().decode("utf-8", "replace").strip()[:300]
        raise NLPUnavailableError(f"CoreNLP at {url} refused the article (HTTP {exc.code}): {detail}") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise NLPUnavailableError(
            f"CoreNLP at {url} cannot be reached ({reason}); start one with scripts/corenlp-server start, "
            "or leave out --nlp and $DEALGRAPH_CORENLP_URL to let dealgraph extract start its own"
        ) from None
    except json.JSONDecodeError:
        raise NLPUnavailableError(f"{url} answered with something other than CoreNLP's JSON") from None


def _possessors_added(edges: list[Edge], tokens: list[Token]) -> list[Edge]:
    """A possessive before a gerund ("the Supreme Court's ruling", "Japan's lending") is read by
    CoreNLP as the gerund's subject; it is also its possessor, as before a noun (``nmod:poss``), so
    the constructions of possession apply to it as well as those of a verb's subject ("the
    Court's ruling on X": the Court rules on X, and takes part in the ruling)."""
    return [
        Edge("nmod:poss", e.governor, e.dependent)
        for e in edges
        if e.label == "nsubj"
        and e.governor > 0
        and tokens[e.governor].pos == "VBG"
        and tokens[e.governor - 1].pos == "POS"
        and e.dependent < e.governor - 1
        and tokens[e.dependent].end <= tokens[e.governor - 1].start
    ]


def _titles_given_their_demonym(edges: list[Edge], tokens: list[Token]) -> list[Edge]:
    """A demonym before a title and a name ("German Chancellor Friedrich Merz") is read at times
    as the name's modifier rather than the title's ("Merz amod German", "Merz compound
    Chancellor"), where "Japanese Prime Minister Sanae Takaichi" hangs it on the title. The title
    gets it as well (``amod``), so both readings carry the country the title is of."""
    titles = {(e.governor, e.dependent) for e in edges if e.label == "compound" and tokens[e.dependent].ner == "TITLE"}
    return [
        Edge("amod", title, e.dependent)
        for e in edges
        if e.label == "amod" and tokens[e.dependent].ner == "NATIONALITY"
        for governor, title in titles
        if governor == e.governor and e.dependent < title
    ]


def _prepositions_restored(edges: list[Edge], tokens: list[Token]) -> list[Edge]:
    """Another misreading: a preposition's object followed by an infinitive ("in return for
    Tokyo's promise to invest", "a memorandum with Acme to build ships") is read as a clause "for
    Tokyo's promise to invest" whose subject is the object and whose marker is the preposition.
    The noun the clause hangs on gets the preposition's object back (``nmod:for``, ``nmod:with``);
    the clause stays, so what reads it as one still can."""
    marks = {e.governor: tokens[e.dependent].word.lower() for e in edges if e.label == "mark"
             and tokens[e.dependent].word.lower() in ("for", "with")}  # fmt: skip
    out: list[Edge] = []
    for e in edges:
        if e.label == "acl:to" and e.dependent in marks and tokens[e.governor].pos.startswith("NN"):
            out += [Edge(f"nmod:{marks[e.dependent]}", e.governor, s.dependent) for s in edges
                    if s.governor == e.dependent and s.label == "nsubj"]  # fmt: skip
    return out


def _sentence(index: int, s: dict, offset: int) -> Sentence:  # type: ignore[type-arg]
    tokens = [
        Token(
            index=t["index"] - 1,
            word=t["word"],
            lemma=t.get("lemma", t["word"]),
            pos=t.get("pos", ""),
            ner=t.get("ner", "O"),
            normalized=t.get("normalizedNER", ""),
            start=t["characterOffsetBegin"] + offset,
            end=t["characterOffsetEnd"] + offset,
        )
        for t in s["tokens"]
    ]
    deps = s.get("enhancedPlusPlusDependencies") or s.get("basicDependencies") or []
    edges = [Edge(d["dep"], d["governor"] - 1, d["dependent"] - 1) for d in deps]
    edges += _possessors_added(edges, tokens) + _prepositions_restored(edges, tokens)
    edges += _titles_given_their_demonym(edges, tokens)
    mentions = [
        NerMention(
            text=m["text"],
            ner=m["ner"],
            start_token=m["tokenBegin"],
            end_token=m["tokenEnd"],
            start=m["characterOffsetBegin"] + offset,
            end=m["characterOffsetEnd"] + offset,
            normalized=m.get("normalizedNER", ""),
        )
        for m in s.get("entitymentions", [])
    ]
    return Sentence(index, tokens, edges, mentions)
