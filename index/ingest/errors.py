"""Domain exceptions of ingestion; every message is safe to show to a moderator as is."""

from __future__ import annotations

from collections.abc import Sequence

from index.errors import CoverbotError


class IngestError(CoverbotError):
    """Base of every error raised on purpose while adding, removing or polling."""


class FetchRefusedError(IngestError):
    """The link is not one the fetcher may follow (scheme, address, redirects)."""


class PrivateAddressError(FetchRefusedError):
    """The link (or a redirect) leads to a private, loopback, link-local or reserved address."""

    def __init__(self, host: str) -> None:
        super().__init__(f"refused: {host} is a private or local address")
        self.host = host


class UnreachableError(IngestError):
    """The site could not be reached or did not answer with a page."""


class TooLargeError(IngestError):
    """The page or file is larger than the configured cap."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"too large: more than {limit:,} bytes")
        self.limit = limit


class NotHtmlError(IngestError):
    """The link does not lead to an HTML page (or a feed to an XML document)."""

    def __init__(self, content_type: str) -> None:
        shown = content_type or "no content type"
        super().__init__(f"not a web page: the site sent {shown}")
        self.content_type = content_type


class NotAnArticleError(IngestError):
    """No article (headline and main text) could be extracted."""


class TooShortError(NotAnArticleError):
    """The extracted text is too short to be an article, typically a paywall stub."""

    def __init__(self, chars: int, minimum: int) -> None:
        super().__init__(
            f"too short to be an article ({chars} characters, at least {minimum} needed); "
            "perhaps a paywall stub"
        )


class BadFileError(IngestError):
    """An attached file cannot be added (type, size, content); the reason says why."""


class DuplicateArticleError(IngestError):
    """The article is already in the coverage (same text or same link)."""

    def __init__(self, title: str, source: str) -> None:
        super().__init__(f'duplicate of "{title}"')
        self.title = title
        self.source = source


class ArticleNotFoundError(IngestError):
    """No article in the coverage (or in the removed folder) matches what was asked."""


MATCHES_SHOWN = 10
"""Titles listed when what a moderator named matches several articles."""


class AmbiguousArticleError(IngestError):
    """Several articles match; the moderator must be more precise."""

    @classmethod
    def listing(cls, titles: Sequence[str]) -> AmbiguousArticleError:
        """Return the refusal listing the matching ``titles`` (the first ``MATCHES_SHOWN``)."""
        shown = "; ".join(titles[:MATCHES_SHOWN])
        if len(titles) > MATCHES_SHOWN:
            shown += f"; and {len(titles) - MATCHES_SHOWN} more"
        return cls(
            f"{len(titles)} articles match; be more precise (a whole title or a file name): "
            f"{shown}"
        )


class FeedError(IngestError):
    """A feed cannot be added, found or parsed."""


class RebuildBusyError(IngestError):
    """The index is being rebuilt by someone else for too long; the change will show later."""
