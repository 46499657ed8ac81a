"""Command line: ``python -m lexiscope report [FILES... | --jsonl PATH] [--html PAGE]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lexiscope.errors import LexiscopeError
from lexiscope.report import html_report, load, text_report


def _positive(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {n}")
    return n


def parser() -> argparse.ArgumentParser:
    """The argument parser (its errors exit with status 2 and a usage line)."""
    p = argparse.ArgumentParser(prog="python -m lexiscope", description="Analyse news articles.")
    sub = p.add_subparsers(dest="command", required=True)
    rep = sub.add_parser(
        "report",
        help="documents, keyphrases, entities, stories and overlap, in the terminal and as an HTML page",
        description="A report of text files, a JSONL file, or (with neither) the bundled sample.",
    )
    rep.add_argument("files", nargs="*", type=Path, help="UTF-8 text files (default: the bundled sample)")
    rep.add_argument("--jsonl", type=Path, metavar="PATH", help="a JSONL file, one object per line with 'text' and 'id'")
    rep.add_argument("--top", type=_positive, default=8, help="terms and keyphrases per document (default 8)")
    rep.add_argument("--html", type=Path, metavar="PAGE", help="also write a self-contained HTML report to PAGE")
    rep.add_argument(
        "--errors",
        choices=("strict", "replace"),
        default="strict",
        help="undecodable bytes in text files: stop with an error (strict, default) or replace them with U+FFFD",
    )
    rep.add_argument("--quiet", action="store_true", help="print nothing to the terminal (with --html)")
    return p


def main(argv: list[str] | None = None) -> int:
    p = parser()
    args = p.parse_args(argv)
    if args.command == "report":
        if args.jsonl is not None and args.files:
            p.error("give text files or --jsonl, not both")
        if args.jsonl is not None and args.errors != "strict":
            p.error("--errors applies to text files, not to --jsonl")
        if args.quiet and args.html is None:
            p.error("--quiet needs --html (otherwise nothing is produced)")
        try:
            corpus = load(args.files, jsonl=args.jsonl, errors=args.errors)
            if not args.quiet:
                print(text_report(corpus, top=args.top))
            if args.html is not None:
                args.html.write_text(html_report(corpus, top=args.top), encoding="utf-8")
                print(f"wrote {args.html}", file=sys.stderr)
        except (OSError, ValueError, LexiscopeError) as exc:
            # The library's hint names its keyword; here the option is the way.
            msg = str(exc).replace('pass errors="replace"', "use --errors replace")
            print(f"error: {msg}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
