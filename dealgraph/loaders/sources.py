"""Sources → a validated Dataset: read every file, check every record, report all problems."""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, cast

from pydantic import BaseModel, ValidationError

from dealgraph.errors import Problem, SourceError
from dealgraph.graph.dataset import Dataset
from dealgraph.graph.model import ALLOWED, Claim, Document, Entity, Evidence, allowed_text
from dealgraph.loaders.records import Record
from dealgraph.loaders.tabular import read_csv, read_jsonl
from dealgraph.loaders.yaml_claims import read_yaml

READERS = {".yaml": read_yaml, ".yml": read_yaml, ".csv": read_csv, ".jsonl": read_jsonl}
MODELS: dict[str, type[BaseModel]] = {"document": Document, "entity": Entity, "claim": Claim}


def display_path(path: Path) -> str:
    """The path as a user would type it: relative to the working directory when inside it."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def source_files(paths: Iterable[Path]) -> list[Path]:
    """The files to read: each file given, and every readable file below each directory."""
    files: list[Path] = []
    for path in paths:
        try:
            files.extend(_files_at(path))
        except OSError as exc:  # a directory without search permission, a name too long
            deeper = exc.filename not in (None, str(path))
            where = display_path(Path(exc.filename)) if deeper else "it"
            problem = Problem(display_path(path), None, f"cannot read {where}: {exc.strerror or exc}")
            raise SourceError([problem]) from None
    return list(dict.fromkeys(files))


def _files_at(path: Path) -> list[Path]:
    if path.is_dir():
        found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in READERS)
        if not found:
            raise SourceError([Problem(display_path(path), None, "no .yaml, .yml, .csv or .jsonl files here")])
        return found
    if path.is_file():
        if path.suffix.lower() not in READERS:
            raise SourceError(
                [Problem(display_path(path), None, "unknown file type (expected .yaml, .yml, .csv or .jsonl)")]
            )
        return [path]
    if path.exists() or path.is_symlink():
        what = "a dangling symbolic link" if not path.exists() else "not a regular file or a directory"
        raise SourceError([Problem(display_path(path), None, f"{what}; name a claims file or a directory")])
    raise SourceError([Problem(display_path(path), None, "no such file or directory")])


def read_records(paths: Sequence[Path]) -> tuple[list[Record], list[Problem]]:
    """Every record of every source file, and the problems met reading them."""
    records: list[Record] = []
    problems: list[Problem] = []
    for path in source_files(paths):
        found, issues = READERS[path.suffix.lower()](path, display_path(path))
        records.extend(found)
        problems.extend(issues)
    return records, problems


def _message(err: Any, record: Record) -> str:
    loc = ".".join(str(p) for p in err["loc"])
    msg = str(err["msg"]).removeprefix("Value error, ")
    if err["type"] == "extra_forbidden":
        allowed = ", ".join(MODELS[record.kind].model_fields)
        return f"unknown field {loc!r} (allowed: {allowed})"
    if err["type"] == "missing":
        return f"missing field {loc!r}"
    return f"{loc}: {msg}" if loc else msg


def _label(record: Record) -> str:
    ident = record.data.get("id")
    return f"{record.kind} {ident!r}" if isinstance(ident, str) else record.kind


_WS = re.compile(r"\s+")
_QUOTE_STYLE = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "„": '"', "‚": "'"})


def text_key(text: str) -> str:
    """Text folded for evidence matching: no whitespace, one quote style."""
    return _WS.sub("", text.translate(_QUOTE_STYLE))


def located_evidence(claim: Claim) -> list[tuple[tuple[str | int, ...], Evidence]]:
    """Every evidence item of a claim, its due-date history's included, with its field path."""
    found: list[tuple[tuple[str | int, ...], Evidence]] = [(("evidence", i), e) for i, e in enumerate(claim.evidence)]
    for h, change in enumerate(claim.due_history):
        found += [(("due_history", h, "evidence", i), e) for i, e in enumerate(change.evidence)]
    return found


def _suggest(name: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(known), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def build_dataset(
    records: Sequence[Record], *, documents_dir: Path | None = None, problems: Sequence[Problem] = ()
) -> Dataset:
    """Validate records into a Dataset; raises SourceError listing every problem found,
    ``problems`` (met while reading) included.

    Extracted records (``extracted: true``, written by ``dealgraph extract``) merge into what
    is already there: an extracted claim with the type, source and target of another claim
    (and no other counterparty) adds its evidence to that claim, and an extracted entity whose
    id exists adds its evidence to that entity, instead of duplicating either.
    """
    problems = list(problems)
    documents: dict[str, tuple[Document, Record]] = {}
    entities: dict[str, tuple[Entity, Record]] = {}
    claims: dict[str, tuple[Claim, Record]] = {}
    extracted_entities: list[tuple[Entity, Record]] = []
    extracted_claims: list[tuple[Claim, Record]] = []

    def add(p: Record, loc: tuple[str | int, ...], message: str) -> None:
        problems.append(Problem(p.path, p.field_line(loc), f"{_label(p)}: {message}"))

    for record in records:
        try:
            model = MODELS[record.kind].model_validate(record.data)
        except ValidationError as exc:
            for err in exc.errors():
                add(record, tuple(err["loc"]), _message(err, record))
            continue
        if isinstance(model, Document):
            model_entity: Entity | None = model.as_entity()
            table: dict[str, Any] = entities
            if model.id in documents:
                first = documents[model.id][1]
                add(record, ("id",), f"duplicate document id (first defined at {first.path}:{first.line})")
                continue
            documents[model.id] = (model, record)
        else:
            model_entity = model if isinstance(model, Entity) else None
            table = entities if model_entity else claims
            if getattr(model, "extracted", False):
                if isinstance(model, Entity):
                    extracted_entities.append((model, record))
                else:
                    extracted_claims.append((cast(Claim, model), record))
                continue
        key = model.id  # type: ignore[attr-defined]
        if key in table:
            first = table[key][1]
            what = "entity" if table is entities else "claim"
            add(record, ("id",), f"duplicate {what} id (first defined at {first.path}:{first.line})")
            continue
        table[key] = (model_entity or model, record)

    for entity, record in extracted_entities:
        if entity.id in entities:
            kept, first = entities[entity.id]
            if kept.kind is not entity.kind:
                add(
                    record,
                    ("kind",),
                    f"extracted as a {entity.kind.value}, but {first.path}:{first.line} defines it"
                    f" as a {kept.kind.value}",
                )
                continue
            aliases = tuple(dict.fromkeys([*kept.aliases, *(a for a in entity.aliases if a != kept.name)]))
            update = {"evidence": merged(kept.evidence, entity.evidence), "aliases": aliases}
            entities[entity.id] = (kept.model_copy(update=update), first)
        else:
            entities[entity.id] = (entity, record)
        for i, ev in enumerate(entity.evidence):
            if ev.doc not in documents:
                add(record, ("evidence", i, "doc"), f"evidence doc {ev.doc!r} is not in the document registry")

    for claim, record in [*claims.values(), *extracted_claims]:
        kinds = {}
        for role in ("source", "target", "counterparty"):
            ref = getattr(claim, role)
            if ref is None:
                continue
            if ref not in entities:
                add(record, (role,), f"{role} {ref!r} is not a known entity{_suggest(ref, entities)}")
            else:
                kinds[role] = entities[ref][0].kind
        if claim.source == claim.target:
            add(record, ("target",), "a claim cannot join an entity to itself")
        if "source" in kinds and "target" in kinds:
            sources, targets = ALLOWED[claim.type]
            if kinds["source"] not in sources or kinds["target"] not in targets:
                add(
                    record,
                    ("type",),
                    f"{claim.type.value} cannot join {kinds['source'].value} → {kinds['target'].value}"
                    f" (allowed: {allowed_text(claim.type)})",
                )
        for loc, ev in located_evidence(claim):
            if ev.doc not in documents:
                add(
                    record,
                    (*loc, "doc"),
                    f"evidence doc {ev.doc!r} is not in the document registry{_suggest(ev.doc, documents)}",
                )

    if documents_dir is not None and not problems:  # quotes only make sense on sound records
        problems.extend(_check_quotes(documents, [*claims.values(), *extracted_claims], documents_dir))
    if not problems:
        _merge_claims(claims, extracted_claims, add)
    if problems:
        raise SourceError(problems)
    return Dataset.of([e for e, _ in entities.values()], [c for c, _ in claims.values()])


def merged(kept: Sequence[Evidence], more: Sequence[Evidence]) -> list[Evidence]:
    """``kept`` plus each item of ``more`` that does not repeat a document and quote already there."""
    seen = {(e.doc, text_key(e.quote)) for e in kept}
    out = list(kept)
    for e in more:
        if (e.doc, text_key(e.quote)) not in seen:
            seen.add((e.doc, text_key(e.quote)))
            out.append(e)
    return out


#: What an extracted claim may state that another extracted claim of the same edge leaves out.
_FILLED = ("counterparty", "money", "stated_on", "due_by", "valid_from", "valid_to", "status")


def _folded(kept: Claim, claim: Claim) -> Claim | None:
    """``claim`` folded into ``kept``: evidence joined; when ``kept`` was extracted too, what
    either states fills what the other leaves out. None when the two state different values,
    or when an extracted claim states a value a curated one does not (two accounts, kept apart,
    so that no article is cited for what it does not say and ``conflicts`` shows both)."""
    update: dict[str, Any] = {"evidence": merged(kept.evidence, claim.evidence)}
    if not kept.extracted:  # curated: only a claim that agrees with it, or states nothing more
        if any(not _agree(getattr(kept, name), getattr(claim, name)) for name in _FILLED if name != "counterparty"):
            return None
        return kept.model_copy(update=update)
    for name in _FILLED:
        mine, theirs = getattr(kept, name), getattr(claim, name)
        if mine is not None and theirs is not None and mine != theirs:
            return None
        if mine is None and theirs is not None:
            update[name] = theirs
    update["confidence"] = max(kept.confidence, claim.confidence)
    try:
        return Claim.model_validate({**kept.model_dump(), **update})
    except ValidationError:  # e.g. one's valid_from after the other's valid_to
        return None


def _agree(mine: Any, theirs: Any) -> bool:
    """An extracted value agrees with a curated one when it is absent or the same (money: the
    same amount in the same currency, however qualified)."""
    if theirs is None:
        return True
    if mine is None:
        return False
    if hasattr(mine, "amount") and hasattr(theirs, "amount"):
        return bool(mine.amount == theirs.amount and mine.currency == theirs.currency)
    return bool(mine == theirs)


def _stated(claim: Claim) -> int:
    return sum(getattr(claim, name) is not None for name in _FILLED)


def _merge_claims(
    claims: dict[str, tuple[Claim, Record]],
    extracted: Sequence[tuple[Claim, Record]],
    add: Callable[[Record, tuple[str | int, ...], str], None],
) -> None:
    """Fold extracted claims into the claims with the same type, source and target; the same
    way whatever the order of the files: the accounts stating most come first, a claim joins
    the first it fits of the curated claims, then the extracted ones, each in id order."""
    same: dict[tuple[str, str, str], list[str]] = {}
    for cid, (c, _) in claims.items():
        same.setdefault((c.type.value, c.source, c.target), []).append(cid)
    for claim, record in sorted(extracted, key=lambda cr: (-_stated(cr[0]), cr[0].id)):
        ids = [
            cid
            for cid in same.get((claim.type.value, claim.source, claim.target), [])
            if None in (claims[cid][0].counterparty, claim.counterparty)
            or claims[cid][0].counterparty == claim.counterparty
        ]
        # the claim stating the same amount first, then curated ones (their values win), by id
        ids.sort(
            key=lambda cid: (not (claim.money and claims[cid][0].money == claim.money), claims[cid][0].extracted, cid)
        )
        folded = next(((cid, f) for cid in ids if (f := _folded(claims[cid][0], claim)) is not None), None)
        if folded is not None:
            cid, into = folded
            claims[cid] = (into, claims[cid][1])
        elif claim.id in claims:
            first = claims[claim.id][1]
            add(record, ("id",), f"duplicate claim id (first defined at {first.path}:{first.line})")
        else:
            claims[claim.id] = (claim, record)
            same.setdefault((claim.type.value, claim.source, claim.target), []).append(claim.id)


def _check_quotes(
    documents: dict[str, tuple[Document, Record]], claims: Sequence[tuple[Claim, Record]], directory: Path
) -> list[Problem]:
    problems: list[Problem] = []
    texts: dict[str, str | None] = {}
    for doc_id, (_, record) in documents.items():
        path = directory / doc_id
        try:
            if not path.is_file() and path.exists():  # a FIFO would hang the load, a device never end
                problems.append(
                    Problem(
                        record.path,
                        record.line,
                        f"document {doc_id!r}: {display_path(path)} is not a regular file; save the article there",
                    )
                )
                texts[doc_id] = None
                continue
            texts[doc_id] = text_key(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            texts[doc_id] = None
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(
                Problem(record.path, record.line, f"document {doc_id!r}: cannot read {display_path(path)}: {exc}")
            )
            texts[doc_id] = None
    for claim, record in claims:
        for loc, ev in located_evidence(claim):
            text = texts.get(ev.doc)
            where = record.field_line((*loc, "quote"))
            if text is None:
                problems.append(
                    Problem(
                        record.path,
                        where,
                        f"claim {claim.id!r}: document {ev.doc!r} not found in {display_path(directory)}"
                        f" (save the article there as {ev.doc!r}, or load without --documents)",
                    )
                )
            elif text_key(ev.quote) not in text:
                problems.append(
                    Problem(record.path, where, f"claim {claim.id!r}: quote not found in {ev.doc}: {ev.quote!r}")
                )
    return problems


def load_sources(paths: Sequence[Path | str], *, documents_dir: Path | str | None = None) -> Dataset:
    """Read and validate sources (files or directories) into a Dataset.

    Raises SourceError naming every problem (file:line: message); nothing is half-read.

    >>> ds = load_sources([bundled_sources()])  # doctest: +SKIP
    """
    if any(not str(p).strip() for p in paths):  # Path("") is the working directory: never meant
        raise SourceError([Problem('""', None, "an empty path names no source; give a file or a directory")])
    records, problems = read_records([Path(p) for p in paths])
    return build_dataset(records, documents_dir=Path(documents_dir) if documents_dir else None, problems=problems)
