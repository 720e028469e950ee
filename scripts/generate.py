"""Regenerate the files generated from the table models.

    python scripts/generate.py          # write them
    python scripts/generate.py --check  # exit 1 if a committed file has drifted
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from turaz_data.cli.main import reference as cli_reference  # noqa: E402
from turaz_data.publish.citing import cff_text, zenodo  # noqa: E402
from turaz_data.publish.codebook import codebook  # noqa: E402
from turaz_data.publish.descriptor import datapackage, dumps  # noqa: E402

#: Generated files, relative to the repository root, and what makes each.
GENERATED = {
    "datapackage.json": lambda: dumps(datapackage()),
    "CITATION.cff": cff_text,
    ".zenodo.json": lambda: dumps(zenodo()),
    "docs/codebook.md": codebook,
    "docs/cli.md": cli_reference,
}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="only check; exit 1 when a file differs")
    args = ap.parse_args()
    drifted = []
    for rel, make in GENERATED.items():
        path = ROOT / rel
        text = make()
        old = path.read_text(encoding="utf-8") if path.exists() else None
        if old != text:
            drifted.append(rel)
            if not args.check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(text.encode("utf-8"))
    for rel in drifted:
        print(("drifted: " if args.check else "wrote: ") + rel)
    return 1 if (args.check and drifted) else 0


if __name__ == "__main__":
    raise SystemExit(main())
