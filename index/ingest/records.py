"""Take one article record out of a multi-record ``.json`` / ``.jsonl`` file, text otherwise kept.

Record numbers are those of the corpus loader (``file.jsonl#3`` is the third non-blank line,
``file.json#3`` the third element of the list), so a removal takes exactly the article asked for.
"""

from __future__ import annotations

import json

from index.ingest.errors import BadFileError


def split_record(suffix: str, raw: str, number: int) -> tuple[str, str]:
    """Return (the file without record ``number``, a file of that record alone)."""
    if suffix == ".jsonl":
        lines = raw.splitlines(keepends=True)
        seen = 0
        for index, line in enumerate(lines):
            if line.strip():
                seen += 1
                if seen == number:
                    rest = "".join(lines[:index] + lines[index + 1 :])
                    return rest, line if line.endswith("\n") else line + "\n"
        raise BadFileError(f"the file has no record {number}")
    if suffix == ".json":
        data = json.loads(raw)
        if not isinstance(data, list) or not 1 <= number <= len(data):
            raise BadFileError(f"the file has no record {number}")
        taken = data.pop(number - 1)
        return (
            json.dumps(data, ensure_ascii=False, indent=2) + "\n",
            json.dumps([taken], ensure_ascii=False, indent=2) + "\n",
        )
    raise BadFileError(f"a {suffix} file holds one article; it is removed whole")
