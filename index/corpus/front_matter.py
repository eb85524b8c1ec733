"""Front matter read with PyYAML's safe loader, aliases refused, bad dates kept as text.

Apart from ``index.corpus.formats`` so that PyYAML is imported only when a file is read, not by
every process that answers questions from a built index.
"""

from __future__ import annotations

from typing import Any

import yaml

from index.corpus.formats import ArticleFileError


class _AliasRefused(yaml.composer.ComposerError):
    """Front matter used an alias (``*name``): refused, so no alias bomb can expand."""


class _FrontMatterLoader(yaml.SafeLoader):
    """PyYAML's safe loader, without aliases.

    A few hundred bytes of nested anchors would otherwise expand to billions of characters.
    """

    def compose_node(self, parent: Any, index: Any) -> Any:
        """Refuse an alias before it is resolved; compose anything else as the safe loader does."""
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise _AliasRefused(None, None, "aliases are not allowed", event.start_mark)
        return super().compose_node(parent, index)

    def construct_lenient_timestamp(self, node: yaml.ScalarNode) -> Any:
        """Return a date, or the text as written when it names no day (``2024-02-30``).

        The corpus reader reports such a date and indexes the article undated; PyYAML itself
        would raise ``ValueError`` and lose the whole file.
        """
        try:
            return self.construct_yaml_timestamp(node)
        except ValueError:
            return str(self.construct_scalar(node))


_FrontMatterLoader.add_constructor(
    "tag:yaml.org,2002:timestamp", _FrontMatterLoader.construct_lenient_timestamp
)


def load_front_matter(block: str) -> Any:
    """Return the YAML value of a front matter block, or raise ``ArticleFileError`` saying why."""
    try:
        return yaml.load(block, Loader=_FrontMatterLoader)  # noqa: S506 - a SafeLoader
    except _AliasRefused as exc:
        line = exc.problem_mark.line + 2 if exc.problem_mark is not None else 0
        raise ArticleFileError(
            f"front matter uses a YAML alias (line {line}); aliases are not allowed"
        ) from None
    except RecursionError:
        raise ArticleFileError("front matter is nested too deeply") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        raise ArticleFileError(f"front matter is not valid YAML{where}") from None
    except (ValueError, KeyError, AttributeError, TypeError):  # PyYAML's own, on a !! tag
        raise ArticleFileError(
            "front matter is not valid YAML (a value does not fit its tag, as in '!!int abc')"
        ) from None
