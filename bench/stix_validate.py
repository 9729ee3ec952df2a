"""The STIX export against the OASIS validator, on the seed and on a synthetic corpus.

    python bench/stix_validate.py --seed             # loaddata demo, export, validate
    python bench/stix_validate.py --articles 1000    # synthesize 1k articles, export, validate
    python bench/stix_validate.py --bundle FILE      # validate a bundle file

Without DATABASE_URL a throwaway SQLite database under var/ is used. Prints one JSON line:
objects, seconds to export and to validate, errors, and warnings by validator code (103 is
the documented choice of UUIDv5 ids, see kb/interop/stix/vocab.py).
"""

import argparse
import json
import os
import re
import sys
import tempfile
import time
from collections import Counter
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kb.settings")


def validate(text: str) -> dict:
    from stix2validator import ValidationOptions, validate_string

    started = time.perf_counter()
    result = validate_string(text, ValidationOptions(version="2.1"))
    codes = Counter()
    for warning in result.warnings:
        match = re.search(r"\{(\d+)\}", str(warning))
        codes[match.group(1) if match else "other"] += 1
    return {
        "objects": len(json.loads(text)["objects"]),
        "validate_s": round(time.perf_counter() - started, 1),
        "errors": len(result.errors),
        "warnings": sum(codes.values()),
        "warnings_by_code": dict(sorted(codes.items())),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--seed", action="store_true", help="Validate the demo fixture's bundle.")
    group.add_argument("--articles", type=int, help="Validate a synthetic corpus of N articles.")
    group.add_argument("--bundle", type=Path, help="Validate this bundle file.")
    parser.add_argument("--out", type=Path, help="Also write the bundle here.")
    args = parser.parse_args()
    if args.bundle:
        print(json.dumps({"bundle": str(args.bundle), **validate(args.bundle.read_text())}))
        return
    if "DATABASE_URL" not in os.environ:
        (ROOT / "var").mkdir(exist_ok=True)
        handle, path = tempfile.mkstemp(suffix=".sqlite3", dir=ROOT / "var")
        os.close(handle)
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    import django

    django.setup()
    from django.core.management import call_command

    from kb.interop.stix.export import build_bundle

    call_command("migrate", verbosity=0)
    if args.seed:
        call_command("loaddata", "demo", verbosity=0)
    else:
        call_command("synthesize", articles=args.articles, seed=1, stdout=StringIO())
    started = time.perf_counter()
    text = build_bundle().serialize()
    export_s = round(time.perf_counter() - started, 1)
    if args.out:
        args.out.write_text(text)
    corpus = "seed" if args.seed else f"synthetic {args.articles}"
    print(json.dumps({"corpus": corpus, "export_s": export_s, **validate(text)}))


if __name__ == "__main__":
    main()
