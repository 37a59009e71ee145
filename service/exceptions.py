"""The analyzer's own errors. Each has a stable `code`; only the web layer maps them to HTTP."""

from __future__ import annotations

import copy


class AnalyzerError(Exception):
    """Base of every error the analyzer raises on purpose."""

    code = "analyzer-error"
    title = "The request could not be analysed"

    def __init__(self, detail: str):
        super().__init__(detail)
        self.detail = detail
        self.errors: dict[str, list[str]] = {}  # the request's fields at fault, each with what is wrong


class DocumentError(AnalyzerError):
    """The uploaded document cannot be analysed."""

    code = "document-error"
    title = "The document cannot be analysed"

    def about(self, field: str, name: str) -> DocumentError:
        """The same problem said of one input of a request that is not the resume (the job
        description): its title and detail name the input, and `errors` names its field."""
        named = copy.copy(self)
        named.title = _naming(self.title, name, field)
        named.detail = _naming(self.detail, name, field)
        named.errors = {field: [named.detail]}
        return named


def _naming(text: str, name: str, field: str) -> str:
    """ "The document is empty." said of the job description: "The job description is empty."."""
    if text.startswith("The document"):
        return f"The {name}" + text.removeprefix("The document")
    return text if name in text or f"'{field}'" in text else f"The {name}: {text[:1].lower()}{text[1:]}"


class UnsupportedMediaType(DocumentError):
    """The bytes are not a PDF, a DOCX file or text."""

    code = "unsupported-media-type"
    title = "Unsupported media type"


class UnreadableDocument(DocumentError):
    """The file claims a known type but is corrupt or cannot be parsed."""

    code = "unreadable-document"
    title = "The document is corrupt or unreadable"


class EncryptedDocument(DocumentError):
    """The PDF needs a password to be opened."""

    code = "encrypted-document"
    title = "The document is encrypted"


class EmptyDocument(DocumentError):
    """The document holds no usable text (blank, or scanned images without a text layer)."""

    code = "empty-document"
    title = "The document has no usable text"


class DocumentTooLarge(DocumentError):
    """The document exceeds a size limit: bytes, pages or extracted characters."""

    code = "document-too-large"
    title = "The document is too large"


class TooManyPages(DocumentTooLarge):
    """The document has more pages than the limit allows."""

    code = "too-many-pages"
    title = "The document has too many pages"


class DocumentTooComplex(DocumentError):
    """Reading the document exceeded the time budget (a pathological or hostile file)."""

    code = "document-too-complex"
    title = "The document is too complex to analyse"


class RankingTooLong(DocumentTooComplex):
    """A ranking's documents together took longer than the request's time budget."""

    code = "ranking-too-long"
    title = "The ranking took too long"


class InvalidRequest(AnalyzerError):
    """The request names things that do not exist or cannot be combined."""

    code = "invalid-request"
    title = "The request is not valid"

    def __init__(self, detail: str, errors: dict[str, list[str]] | None = None):
        super().__init__(detail)
        self.errors = errors or {}
