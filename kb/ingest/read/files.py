"""Read an article file (text, Markdown or HTML) and its optional sidecar metadata.

Bad input raises :class:`IngestError` with one line saying what is wrong with the file.
Only regular files are read (a FIFO, device or socket is refused before it is opened for
good, so nothing blocks); in a folder, a link that leads outside the folder is refused. An
article's identity (``RawDocument.origin``) is its path under the folder it was found in,
or the path as given for a file named on its own, never its bare file name: two
``index.txt`` in different folders are two articles. Sidecar values are checked here (http
or https URLs only, language codes, real dates); kb.ingest.store checks them against the
model's own fields before anything is written.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import stat
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from kb.ingest.read import markup
from kb.ingest.text.dateparse import parse_date
from kb.ingest.types import IngestError, RawDocument

FORMATS = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}
SIDECAR_SUFFIXES = (".meta.json", ".json", ".yaml", ".yml")
METADATA_KEYS = ("title", "source", "author", "url", "published", "language")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
#: A language tag: "en", "fa", "en-GB", "zh-Hant-TW".
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*\Z")
#: Largest sidecar read (bytes): metadata is a few lines.
SIDECAR_MAX_BYTES = 100_000
_HTML_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)


@dataclass(frozen=True)
class ArticleFile:
    """A file to ingest: where it is, its identity, the folder it was found in (if any), and
    why it is refused before reading (a link leading outside that folder), if it is."""

    path: Path
    origin: str
    root: Path | None = None
    error: str = ""


def _given_origin(path: Path) -> str:
    """A file named on its own: its path as given, relative to the working directory when
    inside it."""
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return absolute.as_posix()


def article_files(paths: Iterable[Path | str]) -> list[ArticleFile]:
    """Files to ingest: files as given, folders expanded (recursive, sorted, no sidecars or
    hidden files), each once."""
    found: dict[Path, ArticleFile] = {}
    for path in map(Path, paths):
        if not path.is_dir():
            found.setdefault(path, ArticleFile(path, _given_origin(path)))
            continue
        root = path.resolve()
        for child in sorted(path.rglob("*")):
            relative = child.relative_to(path)
            if any(part.startswith(".") for part in relative.parts):
                continue
            if child.suffix.lower() not in FORMATS or not (child.is_file() or child.is_symlink()):
                continue
            error = ""
            if not child.resolve().is_relative_to(root):
                error = f"{relative.as_posix()}: a link to outside the folder {path} (refused)"
            found.setdefault(child, ArticleFile(child, relative.as_posix(), root, error))
    return list(found.values())


def iter_article_paths(paths: Iterable[Path | str]) -> list[Path]:
    """The paths of :func:`article_files` that may be read."""
    return [f.path for f in article_files(paths) if not f.error]


def read_path(
    path: Path | str, *, max_bytes: int = 2_000_000, origin: str | None = None
) -> RawDocument:
    """Read one article file; IngestError with a one-line reason when it cannot be used.

    ``origin`` is the article's identity (see :func:`article_files`); the file name when
    not given (evaluation and benchmarks, which store nothing).
    """
    path = Path(path)
    fmt = FORMATS.get(path.suffix.lower())
    if path.is_dir():
        raise IngestError(f"{path.name}: is a directory, not a file")
    if not path.exists():
        raise IngestError(f"{path.name}: file not found")
    if fmt is None:
        kinds = ", ".join(FORMATS)
        raise IngestError(
            f"{path.name}: unsupported file type '{path.suffix or '(none)'}' (expected {kinds})"
        )
    data = _read_bytes(path, max_bytes)
    text = decode(data, html=fmt == "html", name=path.name)
    metadata: dict[str, str] = {}
    if fmt == "html":
        text, metadata = markup.read_html(text)
    elif fmt == "markdown":
        text, metadata = markup.read_markdown(text)
    if not text.strip():
        raise IngestError(f"{path.name}: no article text found")
    metadata = _web_metadata(metadata)
    metadata.update(read_sidecar(path))
    return RawDocument(text=text, origin=origin or path.name, format=fmt, metadata=metadata)


_NOT_REGULAR = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _regular_file_bytes(path: Path, limit: int, *, name: str) -> bytes:
    """At most ``limit + 1`` bytes of ``path``, which must be a regular file.

    The file is opened without blocking (a FIFO opened for reading would wait for a writer)
    and checked on the open descriptor, so it cannot be swapped between check and read.
    """
    try:
        mode = os.stat(path).st_mode
        for test, kind in _NOT_REGULAR:
            if test(mode):
                raise IngestError(f"{name}: not a regular file ({kind}; refused)")
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise IngestError(f"{name}: not a regular file (refused)")
            if info.st_size > limit:
                raise IngestError(
                    f"{name}: file too large ({info.st_size:,} bytes; limit {limit:,})"
                )
            return handle.read(limit + 1)
    except PermissionError:
        raise IngestError(f"{name}: cannot read file (permission denied)") from None
    except OSError as exc:
        raise IngestError(f"{name}: cannot read file ({exc.strerror or exc})") from None


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    data = _regular_file_bytes(path, max_bytes, name=path.name)
    if len(data) > max_bytes:
        raise IngestError(f"{path.name}: file too large (over {max_bytes:,} bytes)")
    if not data.strip():
        raise IngestError(f"{path.name}: empty file")
    return data


def decode(data: bytes, *, html: bool = False, name: str = "file") -> str:
    """Bytes to text: strict UTF-8 (BOM allowed), UTF-16/32 with a BOM, or a declared HTML charset."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError:
                raise IngestError(
                    f"{name}: not valid {encoding.upper()} text despite its byte-order mark"
                ) from None
            return _check_text(text, name)
    if b"\x00" in data:
        raise IngestError(
            f"{name}: binary file (contains NUL bytes; UTF-16 text needs a byte-order mark)"
        )
    try:
        return _check_text(data.decode("utf-8"), name)
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if html and (declared := _HTML_CHARSET.search(data[:4096])):
        charset = declared.group(1).decode("ascii").lower()
        try:
            return _check_text(data.decode(charset), name)
        except LookupError:
            raise IngestError(f"{name}: unknown charset '{charset}' declared in HTML") from None
        except UnicodeDecodeError:
            raise IngestError(f"{name}: not valid {charset} text (as its HTML declares)") from None
    if _mostly_binary(data):
        raise IngestError(f"{name}: binary file (mostly non-text bytes)")
    at = utf8_error.start
    raise IngestError(
        f"{name}: not valid UTF-8 (byte 0x{data[at]:02x} at offset {at}); save it as UTF-8"
    )


def _mostly_binary(data: bytes) -> bool:
    sample = data[:4096]
    controls = sum(b < 9 or 13 < b < 32 or b == 127 for b in sample)
    return controls > 0.05 * len(sample)


def _check_text(text: str, name: str) -> str:
    if "\x00" in text:
        raise IngestError(f"{name}: binary file (contains NUL characters)")
    sample = text[:8192]
    controls = sum(unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f\v" for ch in sample)
    if sample and controls > 0.05 * len(sample):
        raise IngestError(f"{name}: binary file (mostly non-text characters)")
    if not text.strip():
        raise IngestError(f"{name}: empty file (whitespace only)")
    return text


def sidecar_path(path: Path) -> Path | None:
    """The metadata file next to an article: <name>.meta.json, .json, .yaml or .yml."""
    for stem in (path.stem, path.name):
        for suffix in SIDECAR_SUFFIXES:
            candidate = path.with_name(stem + suffix)
            if candidate != path and candidate.is_file():
                return candidate
    return None


def read_sidecar(path: Path) -> dict[str, str]:
    """Metadata from the article's sidecar file, if any; IngestError when it is malformed."""
    sidecar = sidecar_path(path)
    if sidecar is None:
        return {}
    data_bytes = _regular_file_bytes(sidecar, SIDECAR_MAX_BYTES, name=sidecar.name)
    if len(data_bytes) > SIDECAR_MAX_BYTES:
        raise IngestError(f"{path.name}: sidecar {sidecar.name} too large")
    try:
        raw = data_bytes.decode("utf-8-sig")
        data = json.loads(raw) if sidecar.suffix == ".json" else yaml.load(raw, _PlainYamlLoader)
    except UnicodeDecodeError as exc:
        raise IngestError(f"{path.name}: cannot read sidecar {sidecar.name} ({exc})") from None
    except json.JSONDecodeError as exc:
        raise IngestError(
            f"{path.name}: malformed sidecar {sidecar.name} (invalid JSON at line {exc.lineno})"
        ) from None
    except yaml.YAMLError:
        raise IngestError(f"{path.name}: malformed sidecar {sidecar.name} (invalid YAML)") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise IngestError(
            f"{path.name}: malformed sidecar {sidecar.name} (expected a mapping of keys to values)"
        )
    metadata: dict[str, str] = {}
    for key in METADATA_KEYS:
        value = data.get(key)
        if value is None or value == "":
            continue
        if isinstance(value, (dict, list, bool)):
            raise IngestError(
                f"{path.name}: malformed sidecar {sidecar.name} ('{key}' must be a single value)"
            )
        metadata[key] = value.isoformat() if hasattr(value, "isoformat") else str(value).strip()
    bad = f"{path.name}: malformed sidecar {sidecar.name}"
    if "published" in metadata and parse_date(metadata["published"]) is None:
        raise IngestError(f"{bad} (published date '{metadata['published'][:40]}' not understood)")
    if "url" in metadata and not is_web_url(metadata["url"]):
        raise IngestError(f"{bad} ('url' must be an http or https URL)")
    if "language" in metadata and not LANGUAGE_TAG.match(metadata["language"]):
        raise IngestError(f"{bad} ('language' must be a language code such as en or en-GB)")
    return metadata


class _PlainYamlLoader(yaml.SafeLoader):
    """YAML without implicit timestamps: ``published: 2020-13-45`` stays a string (and is
    then refused as a date) instead of failing inside the YAML library."""


_PlainYamlLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def is_web_url(value: str) -> bool:
    """An absolute http(s) URL with a host, nothing else (no javascript:, data:, file:);
    the store step checks it again with the Article model's URL validator."""
    if not value or any(ch.isspace() or ord(ch) < 32 for ch in value):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def _web_metadata(metadata: dict[str, str]) -> dict[str, str]:
    """Metadata found in the article itself, without a URL that is not http(s) or a
    language that is not a language code (an HTML page's canonical link or lang)."""
    kept = dict(metadata)
    if kept.get("url") and not is_web_url(kept["url"]):
        del kept["url"]
    if kept.get("language") and not LANGUAGE_TAG.match(kept["language"]):
        del kept["language"]
    return kept
