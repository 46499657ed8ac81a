"""The speaker misses of ``Corpus.quotes()`` on the dev halves, one line each, grouped by cause.

Scores as ``bench_quotes.py`` does (the README's definitions) and prints, for
every lenient span match whose speaker is wrong, the gold mention, the gold
resolved name (GGT), the predicted mention and entity, and a rough cause. Also
the accuracy of the entity column where the gold mention is a name (its last
token must end the entity's name or be one of its tokens), with its misses.

    python benches/quote_misses.py [polnear|ggt ...] [--show N] [--context]
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_quotes import SETS, load, run_lexiscope, score, speaker_ok, tokens  # noqa: E402

PRONOUNS = {"he", "she", "they", "i", "we", "it", "you", "him", "her", "them"}


def is_name(s: str | None) -> bool:
    """A gold mention that is a name: capitalised last token, not a pronoun, not a description."""
    t = tokens(s)
    if not t or t[-1] in PRONOUNS:
        return False
    first = s.strip().split()[0].lower()
    if first in ("the", "a", "an", "his", "her", "their", "its", "our", "my"):
        return False
    last = s.strip().split()[-1]
    return last[:1].isupper()


def where(text: str, g: dict, p: dict) -> str:
    """Where the predicted mention is: in the quote's paragraph, or another one (carried)."""
    at = p.get("speaker_start")
    if at is None:
        return ""
    a = text.rfind("\n", 0, g["outer_start"]) + 1
    b = text.find("\n", g["outer_end"])
    b = len(text) if b < 0 else b
    return ", own paragraph" if a <= at < b else ", carried from another paragraph"


def cause(g: dict, p: dict) -> str:
    gs, ref = g.get("speaker"), g.get("speaker_ref")
    ps, pe = p.get("speaker"), p.get("entity")
    pt = tokens(ps)
    if not pt:
        return "no speaker predicted" + (" (gold none)" if not gs else "")
    if not gs:
        if pt[-1] in PRONOUNS:
            ok = pe and speaker_ok(pe, g)
            return "gold none, pronoun predicted, entity " + ("right" if ok else "wrong/none") + p["where"]
        return "gold none, wrong name predicted" if not speaker_ok(pe or ps, g) else "gold none, name ok by entity"
    if pt[-1] in PRONOUNS:
        return "pronoun predicted, gold " + ("name" if is_name(gs) else "other")
    if speaker_ok(pe, g):
        return "other mention, entity right"
    return "other mention, entity wrong"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("sets", nargs="*", default=list(SETS))
    ap.add_argument("--show", type=int, default=400)
    args = ap.parse_args()
    for name in args.sets:
        docs = load(SETS[name])
        by_id = {d["id"]: d for d in docs}
        preds, _, _ = run_lexiscope(docs)
        s = score(docs, preds)
        misses = collections.defaultdict(list)
        res_n = res_ok = 0
        res_miss = collections.defaultdict(list)
        for doc, g, p in s["matched"]:
            p["where"] = where(by_id[doc]["text"], g, p)
            if not speaker_ok(p.get("speaker"), g):
                misses[cause(g, p)].append((doc, g, p))
            if is_name(g.get("speaker")):
                res_n += 1
                e = p.get("entity")
                gt = tokens(g["speaker"])
                et = tokens(e)
                if et and (et[-1] == gt[-1] or gt[-1] in et or et[-1] in gt):
                    res_ok += 1
                else:
                    res_miss["entity none" if not e else "entity other"].append((doc, g, p))
        # Why scoring by the entity differs: the quotes right by mention but not by entity, by gold mention kind.
        drop = collections.Counter()
        for doc, g, p in s["matched"]:
            if speaker_ok(p.get("speaker"), g) and not speaker_ok(p.get("entity") or p.get("speaker"), g):
                gt = tokens(g.get("speaker"))
                kind = "pronoun" if gt and gt[-1] in PRONOUNS else ("name" if is_name(g.get("speaker")) else "other")
                drop[kind] += 1
        # The entity against the annotators' resolved name (GGT), by gold mention kind.
        by_kind: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
        for doc, g, p in s["matched"]:
            if not g.get("speaker_ref"):
                continue
            gt = tokens(g.get("speaker"))
            kind = (
                "none"
                if not gt
                else ("pronoun" if gt[-1] in PRONOUNS else ("name" if is_name(g.get("speaker")) else "other"))
            )
            et, rt = tokens(p.get("entity")), tokens(g["speaker_ref"])
            by_kind[kind][0] += bool(et) and et[-1] == rt[-1]
            by_kind[kind][1] += 1
        n = sum(len(v) for v in misses.values())
        print(f"== {name}: {len(s['matched'])} matched, {n} speaker misses; F1 lenient+speaker {s['speaker'][2]:.3f}, resolved {s['resolved']:.3f}")
        for c, v in sorted(misses.items(), key=lambda kv: -len(kv[1])):
            print(f"  {len(v):4d}  {c}")
        if by_kind:
            print("  entity = resolved name, by gold mention: " + ", ".join(f"{k} {a}/{b}" for k, (a, b) in by_kind.items()))
        print(f"  right by mention, wrong by entity, by gold mention: {dict(drop)}")
        print(f"  entity right where gold is a name: {res_ok}/{res_n} = {res_ok / max(res_n, 1):.3f}")
        for c, v in res_miss.items():
            print(f"  {len(v):4d}  resolution: {c}")
        shown = 0
        for c, v in sorted(misses.items(), key=lambda kv: -len(kv[1])):
            print(f"\n-- {c}")
            for doc, g, p in v:
                if shown >= args.show:
                    break
                shown += 1
                text = by_id[doc]["text"]
                ctx = text[max(0, g["outer_start"] - 80) : g["outer_end"] + 80].replace("\n", " / ")
                print(
                    f"{doc} | gold {g.get('speaker')!r} ref {g.get('speaker_ref')!r} | "
                    f"pred {p.get('speaker')!r} ent {p.get('entity')!r}\n     {ctx}"
                )
        used = {id(p) for _, _, p in s["matched"]}
        used_g = {id(g) for _, g, _ in s["matched"]}
        print("\n-- predictions matching no gold quote (those on a mixed quote included)")
        for doc, ps in preds.items():
            text = by_id[doc]["text"]
            for p in ps:
                if id(p) not in used:
                    ctx = text[max(0, p["start"] - 60) : p["end"] + 60].replace("\n", " / ")
                    print(f"{doc} | {text[p['start'] : p['end']][:70]!r} | pred {p.get('speaker')!r}\n     {ctx}")
        print("\n-- gold quotes matching no prediction")
        for d in docs:
            for g in d["quotes"]:
                if g["type"] == "direct" and id(g) not in used_g:
                    print(f"{d['id']} | {g['text'][:80]!r} | gold {g.get('speaker')!r}")
        print("\n-- resolution misses (gold mention a name)")
        for c, v in res_miss.items():
            for doc, g, p in v[: args.show]:
                print(f"{c} | {doc} | gold {g.get('speaker')!r} | pred {p.get('speaker')!r} ent {p.get('entity')!r}")


if __name__ == "__main__":
    main()
