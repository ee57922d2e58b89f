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
from collections.abc import Callable, Sequence
from decimal import Decimal
from functools import partial

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, format_percent
from num2words import num2words

from commons_contracts.core.money import round_cents
from commons_contracts.i18n.catalog import message
from commons_contracts.i18n.languages import babel_locale

__all__ = [
    "amount_in_full",
    "country_name",
    "figures",
    "grouped",
    "iban",
    "jinja_filters",
    "long_date",
    "money",
    "money_words",
    "number_words",
    "percent",
    "percent_words",
    "quoted_names",
    "rate_in_full",
    "short_date",
    "siren",
    "siret",
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
    for fr_FR and en_GB.
    """
    locale = babel_locale(lang)
    result: str = format_currency(_cents(amount), currency, locale=locale)
    return result


def figures(amount: Decimal, lang: str = "fr") -> str:
    r"""The amount in figures without the currency sign, for tables whose header names it:
    `"1\u202f234,56"` in French, `"1,234.56"` in English."""
    result: str = format_decimal(_cents(amount), format="#,##0.00", locale=babel_locale(lang))
    return result


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
    result: str = format_percent(_rate(value).scaleb(-2), locale=locale, decimal_quantization=False)
    return result


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


def grouped(digits: str | None, sizes: tuple[int, ...]) -> str | None:
    """`732829320` as `732 829 320` with no-break spaces, the way registration numbers are read
    (and never broken across lines); None stays None."""
    if digits is None:
        return None
    groups, start = [], 0
    for size in sizes:
        groups.append(digits[start : start + size])
        start += size
    return _NBSP.join(group for group in groups if group)


def siren(digits: str | None) -> str | None:
    """A SIREN in three groups of three digits: `732 829 320`."""
    return grouped(digits, (3, 3, 3))


def siret(digits: str | None) -> str | None:
    """A SIRET as its SIREN then the establishment's five digits: `732 829 320 00074`."""
    return grouped(digits, (3, 3, 3, 5))


def iban(text: str | None) -> str | None:
    """`FR76 4255 9100 ...`: an IBAN in groups of four, as printed on paper, with no-break
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
    }
    filters: dict[str, Callable[..., str | None]] = {
        name: partial(function, lang=lang) for name, function in functions.items()
    }
    filters.update(siren=siren, siret=siret, iban=iban)
    return filters
