"""Command line: ``python -m lexiscope report [FILES...]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lexiscope.report import report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lexiscope", description="Analyse news articles.")
    sub = parser.add_subparsers(dest="command", required=True)
    rep = sub.add_parser("report", help="per-document summary: tokens, sentences, top terms")
    rep.add_argument("files", nargs="*", help="UTF-8 text files (default: the bundled sample)")
    rep.add_argument("--top", type=int, default=8, help="terms per document (default 8)")
    args = parser.parse_args(argv)
    if args.command == "report":
        paths = [Path(f) for f in args.files] or None
        try:
            print(report(paths, top=args.top))
        except (OSError, ValueError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
