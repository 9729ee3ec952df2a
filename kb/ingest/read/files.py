"""Read an article file (text, Markdown or HTML) and its optional sidecar metadata.

Bad input raises :class:`IngestError` with one line saying what is wrong with the file.
"""

from __future__ import annotations

import codecs
import json
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

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
_HTML_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)


def iter_article_paths(paths: Iterable[Path | str]) -> list[Path]:
    """Files to ingest: files as given, folders expanded (recursive, sorted, no sidecars or hidden files)."""
    found: dict[Path, None] = {}
    for path in map(Path, paths):
        if not path.is_dir():
            found[path] = None
            continue
        for child in sorted(path.rglob("*")):
            relative = child.relative_to(path)
            if any(part.startswith(".") for part in relative.parts):
                continue
            if child.is_file() and child.suffix.lower() in FORMATS:
                found[child] = None
    return list(found)


def read_path(path: Path | str, *, max_bytes: int = 2_000_000) -> RawDocument:
    """Read one article file; IngestError with a one-line reason when it cannot be used."""
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
    metadata.update(read_sidecar(path))
    return RawDocument(text=text, origin=path.name, format=fmt, metadata=metadata)


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise IngestError(f"{path.name}: file too large ({size:,} bytes; limit {max_bytes:,})")
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except PermissionError:
        raise IngestError(f"{path.name}: cannot read file (permission denied)") from None
    except OSError as exc:
        raise IngestError(f"{path.name}: cannot read file ({exc.strerror or exc})") from None
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
    try:
        raw = sidecar.read_text(encoding="utf-8-sig")
        data = json.loads(raw) if sidecar.suffix == ".json" else yaml.safe_load(raw)
    except (OSError, UnicodeDecodeError) as exc:
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
    if "published" in metadata and parse_date(metadata["published"]) is None:
        raise IngestError(
            f"{path.name}: malformed sidecar {sidecar.name} (published date '{metadata['published']}' not understood)"
        )
    return metadata
