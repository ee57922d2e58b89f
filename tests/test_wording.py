"""Tests of :mod:`commons_contracts.i18n.wording`: exact strings, as a contract prints them.

The narrow no-break space (U+202F) and the no-break space (U+00A0) are written as escapes so
that a reader sees them; a plain space in their place is a bug.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from commons_contracts.i18n.wording import (
    amount_in_full,
    at_place,
    days,
    figures,
    iban,
    jinja_filters,
    licence_name,
    long_date,
    money,
    money_words,
    months,
    of,
    percent,
    percent_words,
    rate_in_full,
    siren,
    siret,
    typography,
)

D = Decimal


@pytest.mark.parametrize(
    ("amount", "fr", "en"),
    [
        ("1234.56", "1\u202f234,56\u00a0€", "€1,234.56"),
        ("5", "5,00\u00a0€", "€5.00"),
        ("5.00", "5,00\u00a0€", "€5.00"),
        ("0", "0,00\u00a0€", "€0.00"),
        ("0.01", "0,01\u00a0€", "€0.01"),
        ("0.5", "0,50\u00a0€", "€0.50"),
        ("1.01", "1,01\u00a0€", "€1.01"),
        ("1000", "1\u202f000,00\u00a0€", "€1,000.00"),
        ("1000000", "1\u202f000\u202f000,00\u00a0€", "€1,000,000.00"),
        ("1234567.89", "1\u202f234\u202f567,89\u00a0€", "€1,234,567.89"),
        ("-120", "\u2212120,00\u00a0€", "\u2212€120.00"),  # a true minus sign
        ("2.005", "2,01\u00a0€", "€2.01"),  # half up, not half even
        ("2.0049", "2,00\u00a0€", "€2.00"),
        ("-2.005", "\u22122,01\u00a0€", "\u2212€2.01"),  # half away from zero
        ("-0.004", "0,00\u00a0€", "€0.00"),  # no "-0,00"
    ],
)
def test_money(amount: str, fr: str, en: str) -> None:
    assert money(D(amount)) == fr
    assert money(D(amount), "fr") == fr
    assert money(D(amount), "en") == en


MONEY_WORDS_FR = [
    ("1234.56", "mille deux cent trente-quatre euros et cinquante-six centimes"),
    ("0", "zéro euro"),
    ("0.00", "zéro euro"),
    ("0.01", "un centime"),
    ("0.5", "cinquante centimes"),
    ("0.50", "cinquante centimes"),
    ("1", "un euro"),
    ("1.01", "un euro et un centime"),
    ("2", "deux euros"),
    ("5.00", "cinq euros"),
    ("21", "vingt et un euros"),
    ("21.21", "vingt et un euros et vingt et un centimes"),
    ("71", "soixante et onze euros"),
    ("80", "quatre-vingts euros"),
    ("80.80", "quatre-vingts euros et quatre-vingts centimes"),
    ("81", "quatre-vingt-un euros"),
    ("100", "cent euros"),
    ("200", "deux cents euros"),
    ("201", "deux cent un euros"),
    ("1000", "mille euros"),
    ("2000", "deux mille euros"),
    ("80000", "quatre-vingt mille euros"),
    ("1000000", "un million d'euros"),
    ("1000000.50", "un million d'euros et cinquante centimes"),
    ("2000000", "deux millions d'euros"),
    ("1200000", "un million deux cent mille euros"),
    ("1000080", "un million quatre-vingts euros"),
    ("1000000000", "un milliard d'euros"),
    ("2000000000", "deux milliards d'euros"),
    ("1002000000", "un milliard deux millions d'euros"),
    (
        "1234567.89",
        "un million deux cent trente-quatre mille cinq cent soixante-sept euros "
        "et quatre-vingt-neuf centimes",
    ),
    ("-120", "moins cent vingt euros"),
    ("-1", "moins un euro"),
    ("-0.5", "moins cinquante centimes"),
    ("-2000000", "moins deux millions d'euros"),
    ("-0.004", "zéro euro"),
    ("1.005", "un euro et un centime"),
]

MONEY_WORDS_EN = [
    ("1234.56", "one thousand two hundred and thirty-four euros and fifty-six cents"),
    ("0", "zero euros"),
    ("0.01", "one cent"),
    ("0.5", "fifty cents"),
    ("1", "one euro"),
    ("1.01", "one euro and one cent"),
    ("2", "two euros"),
    ("5.00", "five euros"),
    ("21", "twenty-one euros"),
    ("71", "seventy-one euros"),
    ("80", "eighty euros"),
    ("81", "eighty-one euros"),
    ("100", "one hundred euros"),
    ("200", "two hundred euros"),
    ("1000", "one thousand euros"),
    ("2000", "two thousand euros"),
    ("1000000", "one million euros"),
    ("2000000", "two million euros"),
    ("1200000", "one million two hundred thousand euros"),
    ("1000000000", "one billion euros"),
    (
        "1234567.89",
        "one million two hundred and thirty-four thousand five hundred and sixty-seven euros "
        "and eighty-nine cents",
    ),
    ("-120", "minus one hundred and twenty euros"),
    ("-1", "minus one euro"),
]


@pytest.mark.parametrize(("amount", "expected"), MONEY_WORDS_FR)
def test_money_words_fr(amount: str, expected: str) -> None:
    assert money_words(D(amount)) == expected
    assert money_words(D(amount), "fr", "EUR") == expected


@pytest.mark.parametrize(("amount", "expected"), MONEY_WORDS_EN)
def test_money_words_en(amount: str, expected: str) -> None:
    assert money_words(D(amount), "en") == expected


@pytest.mark.parametrize(
    ("value", "fr", "en"),
    [
        (D("7.5"), "7,5\u00a0%", "7.5%"),
        (D("7.50"), "7,5\u00a0%", "7.5%"),
        (D("5"), "5\u00a0%", "5%"),
        (D("5.00"), "5\u00a0%", "5%"),
        (5, "5\u00a0%", "5%"),
        (D("33.3334"), "33,3334\u00a0%", "33.3334%"),
        (D("0"), "0\u00a0%", "0%"),
        (0, "0\u00a0%", "0%"),
        (D("0.0001"), "0,0001\u00a0%", "0.0001%"),
        (D("7.05"), "7,05\u00a0%", "7.05%"),
        (D("100"), "100\u00a0%", "100%"),
        (D("1E+2"), "100\u00a0%", "100%"),
        (D("-2.5"), "\u22122,5\u00a0%", "\u22122.5%"),
    ],
)
def test_percent(value: Decimal | int, fr: str, en: str) -> None:
    assert percent(value) == fr
    assert percent(value, "en") == en


@pytest.mark.parametrize(
    ("value", "fr", "en"),
    [
        (D("7.5"), "sept virgule cinq pour cent", "seven point five percent"),
        (D("5"), "cinq pour cent", "five percent"),
        (5, "cinq pour cent", "five percent"),
        (D("5.00"), "cinq pour cent", "five percent"),
        (D("0"), "zéro pour cent", "zero percent"),
        (D("20"), "vingt pour cent", "twenty percent"),
        (D("2.25"), "deux virgule vingt-cinq pour cent", "two point two five percent"),
        (D("7.05"), "sept virgule zéro cinq pour cent", "seven point zero five percent"),
        (D("7.005"), "sept virgule zéro zéro cinq pour cent", "seven point zero zero five percent"),
        (D("0.5"), "zéro virgule cinq pour cent", "zero point five percent"),
        (D("100"), "cent pour cent", "one hundred percent"),
        (D("1E+2"), "cent pour cent", "one hundred percent"),
        (D("80"), "quatre-vingts pour cent", "eighty percent"),
        (D("21"), "vingt et un pour cent", "twenty-one percent"),
        (
            D("33.3334"),
            "trente-trois virgule trois mille trois cent trente-quatre pour cent",
            "thirty-three point three three three four percent",
        ),
        (D("-2.5"), "moins deux virgule cinq pour cent", "minus two point five percent"),
    ],
)
def test_percent_words(value: Decimal | int, fr: str, en: str) -> None:
    assert percent_words(value) == fr
    assert percent_words(value, "en") == en


@pytest.mark.parametrize(
    ("value", "fr", "en"),
    [
        (datetime.date(2026, 12, 1), "1er décembre 2026", "1 December 2026"),
        (datetime.date(2026, 11, 28), "28 novembre 2026", "28 November 2026"),
        (datetime.date(2027, 1, 2), "2 janvier 2027", "2 January 2027"),
        (datetime.date(2027, 1, 11), "11 janvier 2027", "11 January 2027"),  # not "1er1"
        (datetime.date(2026, 8, 1), "1er août 2026", "1 August 2026"),
        (datetime.date(2026, 2, 21), "21 février 2026", "21 February 2026"),
    ],
)
def test_long_date(value: datetime.date, fr: str, en: str) -> None:
    assert long_date(value) == fr
    assert long_date(value, "en") == en


def test_amount_in_full() -> None:
    assert amount_in_full(D("1234.56")) == (
        "mille deux cent trente-quatre euros et cinquante-six centimes (1\u202f234,56\u00a0€)"
    )
    assert (
        amount_in_full(D("1000000"), "fr") == "un million d'euros (1\u202f000\u202f000,00\u00a0€)"
    )
    assert amount_in_full(D("1234.56"), "en") == (
        "one thousand two hundred and thirty-four euros and fifty-six cents (€1,234.56)"
    )


def test_rate_in_full() -> None:
    assert rate_in_full(D("5")) == "cinq pour cent (5\u00a0%)"
    assert rate_in_full(D("7.5"), "fr") == "sept virgule cinq pour cent (7,5\u00a0%)"
    assert rate_in_full(10, "en") == "ten percent (10%)"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_jinja_filters_are_bound_to_the_language(lang: str) -> None:
    filters = jinja_filters(lang)
    assert set(filters) == {
        "money",
        "money_words",
        "percent",
        "percent_words",
        "long_date",
        "amount_in_full",
        "rate_in_full",
        "figures",
        "short_date",
        "country_name",
        "number_words",
        "days",
        "months",
        "licence_name",
        "siren",
        "siret",
        "iban",
        "de",
        "à",
    }
    assert filters["money"](D("1234.56")) == money(D("1234.56"), lang)
    assert filters["money_words"](D("1.01")) == money_words(D("1.01"), lang)
    assert filters["percent"](D("7.5")) == percent(D("7.5"), lang)
    assert filters["percent_words"](D("7.5")) == percent_words(D("7.5"), lang)
    day = datetime.date(2026, 12, 1)
    assert filters["long_date"](day) == long_date(day, lang)
    assert filters["amount_in_full"](D("5")) == amount_in_full(D("5"), lang)
    assert filters["rate_in_full"](5) == rate_in_full(5, lang)
    assert filters["short_date"](datetime.date(2026, 1, 20)) == "20/01/2026"
    assert filters["country_name"]("BE") == {"fr": "Belgique", "en": "Belgium"}[lang]


def test_identifiers_are_grouped_with_no_break_spaces() -> None:
    """A SIREN, SIRET or IBAN reads in groups and never breaks across lines; None stays None."""
    nbsp = "\u00a0"
    assert siren("000000109") == nbsp.join(["000", "000", "109"])
    assert siret("00000010900074") == nbsp.join(["000", "000", "109", "00074"])
    assert iban("fr76 3000 6000 011234567890189") == nbsp.join(
        ["FR76", "3000", "6000", "0112", "3456", "7890", "189"]
    )
    assert siren(None) is None
    assert iban(None) is None


@pytest.mark.parametrize(("lang", "expected"), [("fr", "1\u202f234,56"), ("en", "1,234.56")])
def test_figures_without_currency_for_tables(lang: str, expected: str) -> None:
    assert figures(D("1234.555"), lang) == expected  # rounded half up
    assert figures(D("-0.5"), lang) == ("\u22120,50" if lang == "fr" else "\u22120.50")


def test_jinja_filters_in_a_template() -> None:
    jinja2 = pytest.importorskip("jinja2")
    environment = jinja2.Environment(autoescape=True)
    environment.filters.update(jinja_filters("fr"))
    template = environment.from_string("{{ amount|amount_in_full }}, {{ rate|percent }}")
    assert template.render(amount=D("80"), rate=D("7.50")) == (
        "quatre-vingts euros (80,00\u00a0€), 7,5\u00a0%"
    )


MONEY_FUNCTIONS: list[Callable[..., str]] = [money, money_words, amount_in_full]
RATE_FUNCTIONS: list[Callable[..., str]] = [percent, percent_words, rate_in_full]


@pytest.mark.parametrize("function", MONEY_FUNCTIONS)
@pytest.mark.parametrize("amount", [12.5, 1234, 0, True, "12.50", None])
def test_money_refuses_anything_but_a_decimal(function: Callable[..., str], amount: object) -> None:
    with pytest.raises(TypeError, match="Decimal"):
        function(amount)


@pytest.mark.parametrize("function", MONEY_FUNCTIONS)
@pytest.mark.parametrize("amount", ["NaN", "Infinity", "-Infinity"])
def test_money_refuses_non_finite_decimals(function: Callable[..., str], amount: str) -> None:
    with pytest.raises(ValueError, match="finite"):
        function(D(amount))


@pytest.mark.parametrize("function", RATE_FUNCTIONS)
@pytest.mark.parametrize("value", [7.5, 0.0, True, "5", None])
def test_rates_refuse_floats_and_non_numbers(function: Callable[..., str], value: object) -> None:
    with pytest.raises(TypeError, match="Decimal or an int"):
        function(value)


@pytest.mark.parametrize("function", RATE_FUNCTIONS)
def test_rates_refuse_non_finite_decimals(function: Callable[..., str]) -> None:
    with pytest.raises(ValueError, match="finite"):
        function(D("NaN"))


def test_long_date_refuses_a_string() -> None:
    untyped: Callable[..., str] = long_date
    with pytest.raises(TypeError, match="date"):
        untyped("2026-12-01")


def test_money_words_knows_only_the_euro() -> None:
    with pytest.raises(ValueError, match="'USD'"):
        money_words(D("1"), "fr", "USD")


@pytest.mark.parametrize(
    "call",
    [
        lambda lang: money(D("1"), lang),
        lambda lang: money_words(D("1"), lang),
        lambda lang: percent(D("1"), lang),
        lambda lang: percent_words(D("1"), lang),
        lambda lang: long_date(datetime.date(2026, 1, 1), lang),
        lambda lang: amount_in_full(D("1"), lang),
        lambda lang: rate_in_full(D("1"), lang),
        jinja_filters,
    ],
)
@pytest.mark.parametrize("lang", ["de", "FR", "fr_FR", ""])
def test_unknown_language(call: Callable[[str], object], lang: str) -> None:
    with pytest.raises(ValueError, match=r"unsupported language .*'en', 'fr'"):
        call(lang)


amounts_in_cents = st.decimals(
    min_value=0,
    max_value=D("999999999.99"),
    places=2,
    allow_nan=False,
    allow_infinity=False,
)


@given(amounts_in_cents)
@example(D("0.00"))
@example(D("0.01"))
@example(D("1000000.00"))
@example(D("999999999.99"))
def test_money_words_never_reads_a_zero_part(amount: Decimal) -> None:
    words = money_words(amount)
    assert ("zéro" in words) == (amount == 0)
    assert "euros et zéro centimes" not in words
    assert "zero" not in money_words(amount, "en") or amount == 0


# --------------------------------------------------------------------------------------------
# French grammar and typography of the records' text, durations, licences

NNBSP = "\u202f"
NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("typed", "fr", "en"),
    [
        (
            "retours d'expérience : guides",
            f"retours d’expérience{NNBSP}: guides",
            "retours d’expérience : guides",
        ),
        ("guides: fiches", f"guides{NNBSP}: fiches", "guides: fiches"),
        ("Quoi ? Oui !", f"Quoi{NNBSP}? Oui{NNBSP}!", "Quoi ? Oui !"),
        ("a ; b", f"a{NNBSP}; b", "a ; b"),
        ("« Movilab »", f"«{NNBSP}Movilab{NNBSP}»", "« Movilab »"),
        ("«Movilab»", f"«{NNBSP}Movilab{NNBSP}»", "«Movilab»"),
        (
            "articles L. 441-10 et D. 441-5",
            f"articles{NBSP}L.{NBSP}441\u201110 et D.{NBSP}441\u20115",
            f"articles{NBSP}L.{NBSP}441\u201110 et D.{NBSP}441\u20115",
        ),
        ("article 293 B du CGI", f"article{NBSP}293{NBSP}B du CGI", None),
        ("art. 238 bis", f"art.{NBSP}238{NBSP}bis", None),
        ("règlement n° 910/2014", f"règlement n°{NBSP}910/2014", None),
        ("Regulation (EU) No 910/2014", f"Regulation (EU) No{NBSP}910/2014", None),
        ("decree no. 2017-1416", f"decree no.{NBSP}2017-1416", None),
        ("No one", "No one", None),
        ("5 % et 40 €", f"5{NBSP}% et 40{NBSP}€", "5 % et 40 €"),
        # A colon that is not punctuation stays as it is.
        ("https://movilab.org/wiki:Accueil", "https://movilab.org/wiki:Accueil", None),
        ("à 12:30 précises", "à 12:30 précises", None),
    ],
)
def test_typography_of_record_text(typed: str, fr: str, en: str | None) -> None:
    """French typography is applied to what the records say, once: apostrophes, narrow
    no-break spaces before ; : ! ? and inside « », no line break inside a legal reference.
    English keeps its spacing but not a line break inside a legal reference either (`en` is
    None when it is the French result)."""
    assert typography(typed, "fr") == fr
    assert typography(fr, "fr") == fr  # applying it twice changes nothing
    english = typography(typed, "en")
    assert english == (en if en is not None else fr.replace(NNBSP, " ").replace("'", "’"))
    assert typography(english, "en") == english


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Arras", "d’Arras"),
        ("Lille", "de Lille"),
        ("Évry", "d’Évry"),
        ("hébergement", "d’hébergement"),
        ("Hazebrouck", "de Hazebrouck"),  # h aspiré
        ("Le Havre", "du Havre"),
        ("Les Mureaux", "des Mureaux"),
        ("La Rochelle", "de La Rochelle"),
        ("accompagnement", "d’accompagnement"),
        (
            ["accompagnement", "conseil", "formation"],
            "d’accompagnement, de conseil et de formation",
        ),
    ],
)
def test_de_elides_and_contracts(value: str | list[str], expected: str) -> None:
    """`de` before a name or a noun: elision before a vowel or a mute h, whatever the data."""
    assert of(value).replace("'", "’") == expected


def test_a_contracts_before_an_article() -> None:
    assert at_place("Lille") == "à Lille"
    assert at_place("Le Mans") == "au Mans"
    assert at_place("Les Mureaux") == "aux Mureaux"
    assert at_place("La Rochelle") == "à La Rochelle"


def test_durations_in_words_and_figures() -> None:
    assert days(60) == "soixante (60) jours"
    assert days(1) == "un (1) jour"
    assert days(0) == "zéro (0) jour"
    assert days(90, "en") == "ninety (90) days"
    assert days(1, "en") == "one (1) day"
    assert months(36) == "trente-six (36) mois"
    assert months(1, "en") == "one (1) month"
    with pytest.raises(TypeError):
        days("60")  # type: ignore[arg-type]


def test_licences_are_printed_with_their_full_name() -> None:
    """An SPDX id or expression gives each licence's name from the SPDX list; the id in
    brackets never breaks across lines (no-break hyphens); an unknown id stays as it is."""
    assert licence_name("CC-BY-SA-4.0") == (
        "Creative Commons Attribution Share Alike 4.0 International (CC\u2011BY\u2011SA\u20114.0)"
    )
    assert licence_name("MIT OR Apache-2.0", "en") == (
        "MIT License (MIT) or Apache License 2.0 (Apache\u20112.0)"
    )
    assert licence_name("GPL-2.0-only WITH Classpath-exception-2.0", "fr").startswith(
        "GNU General Public License v2.0 only (GPL\u20112.0\u2011only) avec l’exception "
        "Classpath exception 2.0"
    )
    assert licence_name("Licence-Maison") == "Licence\u2011Maison"
