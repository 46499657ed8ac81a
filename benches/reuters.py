"""The Reuters corpus the speed benches read: where it is, and its texts."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import List, Optional

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO_ROOT.parent / "shared" / "eval" / "corpus" / "news_reuters21578.jsonl"


def default_path() -> Path:
    """$LEXISCOPE_REUTERS, else the shared Reuters JSONL beside the repository."""
    env = os.environ.get("LEXISCOPE_REUTERS")
    return Path(env) if env else DEFAULT_CORPUS


def load_texts(path: Path, limit: Optional[int] = None) -> List[str]:
    """The "text" field of each JSONL record, up to ``limit`` records."""
    texts: List[str] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if limit is not None and len(texts) >= limit:
                break
            line = line.strip()
            if line:
                texts.append(json.loads(line).get("text") or "")
    return texts
