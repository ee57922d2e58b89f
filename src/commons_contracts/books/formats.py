"""The formats of `books export`, apart from the exports themselves: the command line names
them at every start, and the exports' module takes a tenth of a second to import."""

from __future__ import annotations

import enum


class BooksFormat(enum.StrEnum):
    """The formats of `books export`."""

    FEC = "fec"
    PAHEKO = "paheko"
    BEANCOUNT = "beancount"
