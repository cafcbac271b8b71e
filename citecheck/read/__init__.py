"""Read a document as an editor has it (DOCX, PDF, HTML, Markdown, text) into its notes.

The first stage of the pipeline: everything after it (parse, check, archive, report, fix)
works on the ``Document`` it returns, whatever the file was.

Public API::

    read_document(source, *, format=None, name=None, progress=None) -> Document
"""

from citecheck.read._document import Progress, read_document

__all__ = ["Progress", "read_document"]
