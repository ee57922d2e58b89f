"""Invoices and credit notes of royalties, tax receipts of gifts: the numbered records, their
sequence under concurrent runs, every mention read back from the documents (the invoice's PDF
and its Factur-X XML), the due dates of `balance`, and their entries in the host's books."""

from __future__ import annotations

import datetime
import os
import shutil
import subprocess
import sys
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from beancount import loader
from docx import Document
from lxml import etree
from pypdf import PdfReader
from typer.testing import CliRunner

from commons_contracts.books.facturx import check_invoice_xml, embedded_xml
from commons_contracts.cli import app
from commons_contracts.ledger.balances import compute_balances
from commons_contracts.validation.validate import validate_registry

D = Decimal
NS = {
    "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
    "udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
}
ALICE = "reciprocite-alice-movilab"
ATELIER = "reciprocite-atelier-boussole"
SCIC_GIFT = "2027-01-20-reciprocite-scic-communs-vir-scic-don-2026"


def _records(root: Path, folder: str) -> list[dict[str, object]]:
    return [yaml.safe_load(p.read_text()) for p in sorted((root / folder).rglob("*.yaml"))]


def _invoke(runner: CliRunner, root: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, [*args, "-r", str(root), "--no-cache"])
    return result.exit_code, result.stdout, result.stderr


def _docx_text(path: Path) -> str:
    document = Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    parts.extend(p.text for p in document.sections[0].footer.paragraphs)
    return "\n".join(parts)


def _plain(text: str) -> str:
    # The documents' typography: no-break and narrow no-break spaces, curly apostrophes.
    return " ".join(text.replace("\u202f", " ").replace("\xa0", " ").replace("’", "'").split())


# --- the records -------------------------------------------------------------------------------


def test_the_example_invoices_are_the_periods_dues(example_copy: Path) -> None:
    """The example registry's invoices are what its first two quarters owe, and its receipt
    the gift it certifies; the registry validates with them."""
    result = validate_registry(example_copy, cache=False)
    assert result.ok, result.diagnostics
    assert result.registry is not None
    (balance,) = compute_balances(result.registry, datetime.date(2026, 12, 31), contract_id=ALICE)
    dues = {p.period: p for p in balance.reversal.periods}
    for invoice in result.registry.invoices:
        figures = dues[invoice.period]
        assert invoice.amount_excl_tax == figures.due_excl_tax
        assert invoice.vat == figures.vat
        assert invoice.amount_incl_tax == figures.due_incl_tax
        # The due date of an invoiced period follows the invoice.
        assert figures.payment_due_date == invoice.due_date == invoice.date + datetime.timedelta(30)


def test_an_invoice_is_numbered_and_its_period_falls_due_from_its_date(
    runner: CliRunner, example_copy: Path, tmp_path: Path
) -> None:
    """`invoice` writes the next number of the host's sequence; `balance` then counts the
    period's due date and overdue flag from the invoice; a second run issues nothing new."""
    code, out, err = _invoke(
        runner,
        example_copy,
        "invoice",
        ALICE,
        "--period",
        "2026-Q3",
        "--date",
        "2026-11-20",
        "--format",
        "docx",
        "--out",
        str(tmp_path),
    )
    assert code == 0, err
    (record,) = [r for r in _records(example_copy, "invoices") if r["period"] == "2026-Q3"]
    assert (record["sequence"], record["number"], record["type"]) == (3, "RC-0003", "invoice")
    assert record["due_date"] == datetime.date(2026, 12, 20)
    assert out.strip().endswith("RC-0003.fr.docx")
    code, out, _ = _invoke(
        runner,
        example_copy,
        "balance",
        "--contract",
        ALICE,
        "--as-of",
        "2026-12-01",
        "--format",
        "csv",
    )
    row = next(line for line in out.splitlines() if ",2026-Q3," in line).split(",")
    # Without the invoice the quarter fell due on 2026-10-30 and was overdue on 1 December.
    assert row[-2:] == ["2026-12-20", "false"]
    code, _, err = _invoke(
        runner,
        example_copy,
        "invoice",
        ALICE,
        "--period",
        "2026-Q3",
        "--date",
        "2026-11-25",
        "--format",
        "docx",
        "--out",
        str(tmp_path),
    )
    assert code == 0 and "nothing new to issue" in err
    assert len(_records(example_copy, "invoices")) == 3


def test_a_period_whose_due_went_down_gets_a_credit_note(
    runner: CliRunner, example_copy: Path, tmp_path: Path
) -> None:
    """A credit note declared after the invoice makes the period owe less: the next `invoice`
    issues a credit note for the difference, referring to the contract's last invoice."""
    args = ("--format", "docx", "--out", str(tmp_path))
    assert (
        _invoke(
            runner,
            example_copy,
            "invoice",
            ALICE,
            "--period",
            "2026-Q3",
            "--date",
            "2026-10-02",
            *args,
        )[0]
        == 0
    )
    code, _, err = _invoke(
        runner,
        example_copy,
        "declare",
        "--contract",
        ALICE,
        "--date",
        "2026-09-30",
        "--amount",
        "-1000",
        "--client",
        "Mairie de Roubaix",
        "--invoice-ref",
        "AM-AV-1",
    )
    assert code == 0, err
    # The invoice no longer matches the period: a warning, which names the command.
    found = validate_registry(example_copy, cache=False)
    assert [d.code for d in found.diagnostics if d.code.startswith("invoice")] == [
        "invoice-outdated"
    ]
    code, out, err = _invoke(
        runner, example_copy, "invoice", ALICE, "--period", "2026-Q3", "--date", "2026-10-06", *args
    )
    assert code == 0, err
    note = next(r for r in _records(example_copy, "invoices") if r["type"] == "credit-note")
    assert note["corrects"] == "tiers-lieux-hdf-rc-0003"
    assert note["lines"] == [{"commons": "movilab", "amount_excl_tax": D("50.00")}]
    assert (note["vat"], note["amount_incl_tax"]) == (D("10.00"), D("60.00"))
    after = validate_registry(example_copy, cache=False).diagnostics
    assert [d for d in after if d.code.startswith("invoice")] == []
    text = _plain(_docx_text(Path(out.split()[-1])))
    assert "AVOIR N° RC-0004" in text
    assert "se rapportant à la facture n° RC-0003 du 2 octobre 2026" in text


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (("reciprocite-scic-communs", "--period", "2026", "--date", "2027-01-05"), "donation"),
        ((ALICE, "--period", "2026-Q4", "--date", "2026-12-15"), "ends on 2026-12-31"),
        ((ALICE, "--period", "2027-Q1", "--date", "2027-04-05"), "no declaration"),
        ((ALICE, "--period", "2026-11", "--date", "2027-04-05"), "is not a quarter"),
        ((ALICE, "--period", "2026-Q3", "--date", "2026-05-01"), "ends on 2026-09-30"),
    ],
)
def test_what_cannot_be_invoiced_is_refused_with_its_reason(
    runner: CliRunner, example_copy: Path, tmp_path: Path, args: tuple[str, ...], reason: str
) -> None:
    """A gift, a period not ended, a period without declarations or of another length: a
    clear refusal, and no record written."""
    code, _, err = _invoke(
        runner, example_copy, "invoice", *args, "--format", "docx", "--out", str(tmp_path)
    )
    assert code == 2, err
    assert reason in err
    assert len(_records(example_copy, "invoices")) == 2


def test_an_invoice_dated_before_the_host_s_last_one_is_refused(
    runner: CliRunner, example_copy: Path, tmp_path: Path
) -> None:
    """The sequence is chronological: an invoice cannot be dated before the last one."""
    code, _, err = _invoke(
        runner,
        example_copy,
        "invoice",
        ATELIER,
        "--period",
        "2026-Q1",
        "--date",
        "2026-05-01",
        "--format",
        "docx",
        "--out",
        str(tmp_path),
    )
    assert code == 2
    assert "RC-0002 is dated 2026-07-02" in err


@pytest.mark.slow
def test_concurrent_invoice_runs_give_one_unbroken_sequence(tmp_path: Path) -> None:
    """Six `invoice` commands started at once, as separate processes, each take their own
    number: 3 to 8, no gap, no duplicate, and the registry validates."""
    root = tmp_path / "registry"
    shutil.copytree(Path(__file__).resolve().parents[1] / "examples", root)
    script = shutil.which("commons-contracts", path=str(Path(sys.executable).parent))
    assert script is not None
    periods = [(ALICE, "2026-Q3"), (ALICE, "2026-Q4")] + [
        (ATELIER, f"2026-Q{q}") for q in range(1, 5)
    ]
    env = {**os.environ, "COMMONS_CONTRACTS_NO_CACHE": ""}
    processes = [
        subprocess.Popen(
            [
                script,
                "invoice",
                contract,
                "--period",
                period,
                "--date",
                "2027-01-10",
                "--format",
                "docx",
                "--out",
                str(tmp_path / "out"),
                "-r",
                str(root),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        for contract, period in periods
    ]
    for process in processes:
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err.decode()
    invoices = _records(root, "invoices")
    assert sorted(int(str(i["sequence"])) for i in invoices) == list(range(1, 9))
    assert len({i["number"] for i in invoices}) == 8
    assert {(i["contract"], i["period"]) for i in invoices} >= set(periods)
    assert validate_registry(root, cache=False).ok


# --- the invoice's PDF, and its Factur-X XML -----------------------------------------------------


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_every_mandatory_mention_is_read_back_from_the_factur_x_pdf(
    runner: CliRunner, example_copy: Path, tmp_path: Path
) -> None:
    """The invoice PDF is a PDF/A-3 carrying a valid EN 16931 XML; its text holds every mention
    of art. 242 nonies A annexe II CGI and L. 441-9 / L. 441-10 C. com., and the XML the same
    figures."""
    code, out, err = _invoke(
        runner,
        example_copy,
        "invoice",
        ALICE,
        "--period",
        "2026-Q3",
        "--date",
        "2026-10-05",
        "--out",
        str(tmp_path),
    )
    assert code == 0, err
    pdf = Path(out.split()[-1])
    assert pdf.name == "RC-0003.fr.pdf"
    reader = PdfReader(pdf)
    text = _plain(" ".join(page.extract_text() for page in reader.pages))
    for mention in (
        "FACTURE N° RC-0003",  # number
        "Date d'émission : 5 octobre 2026",  # date of issue
        "Réseau des tiers-lieux des Hauts-de-France",  # seller
        "12 rue des Arts, 59000 Lille",
        "SIREN 000 000 307",
        "TVA intracommunautaire : FR60000000307",
        "Alice Moreau",  # buyer
        "8 rue Pierre Motte, 59100 Roubaix",
        "SIREN 000 000 406",
        "Redevance de réciprocité, commun « Movilab », 3e trimestre 2026",  # the service
        "achevé le 30 septembre 2026",  # date of the service
        "Total hors taxes 105,00 €",  # excl. VAT
        "TVA au taux de 20 % 21,00 €",  # rate and VAT
        "Total à payer TTC 126,00 €",  # total
        "cent vingt-six euros (126,00 €) toutes taxes comprises",
        "Date d'échéance : 4 novembre 2026",  # due date
        "trois fois le taux de l'intérêt légal",  # late-payment rate
        "indemnité forfaitaire pour frais de recouvrement de 40,00 €",
        "Pas d'escompte pour paiement anticipé",
        "FR76 3000 6000 0112 3456 7890 189",
    ):
        assert mention in text, mention
    assert "TVA non applicable" not in text  # the host is liable to VAT
    # PDF/A-3 with the XML attached as factur-x.xml.
    metadata = reader.xmp_metadata
    assert metadata is not None
    assert b'pdfaid:part="3"' in metadata.stream.get_data() or b"<pdfaid:part>3" in (
        metadata.stream.get_data()
    )
    xml = embedded_xml(pdf.read_bytes())
    check_invoice_xml(xml, "en16931")
    tree = etree.fromstring(xml)
    read = lambda path: tree.xpath(path, namespaces=NS)  # noqa: E731
    assert read("string(rsm:ExchangedDocument/ram:ID)") == "RC-0003"
    assert read("string(rsm:ExchangedDocument/ram:TypeCode)") == "380"
    assert read("string(rsm:ExchangedDocument/ram:IssueDateTime/udt:DateTimeString)") == (
        "20261005"
    )
    seller = "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement/"
    assert read(f"string({seller}ram:SellerTradeParty/ram:SpecifiedLegalOrganization/ram:ID)") == (
        "000000307"
    )
    assert read(f"string({seller}ram:BuyerTradeParty/ram:SpecifiedLegalOrganization/ram:ID)") == (
        "000000406"
    )
    settlement = "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement/"
    totals = f"{settlement}ram:SpecifiedTradeSettlementHeaderMonetarySummation/"
    assert read(f"string({totals}ram:TaxBasisTotalAmount)") == "105.00"
    assert read(f"string({totals}ram:TaxTotalAmount)") == "21.00"
    assert read(f"string({totals}ram:GrandTotalAmount)") == "126.00"
    assert (
        read(
            f"string({settlement}ram:SpecifiedTradePaymentTerms/ram:DueDateDateTime/udt:DateTimeString)"
        )
        == "20261104"
    )


# --- tax receipts ------------------------------------------------------------------------------


def test_a_receipt_carries_every_mention_of_the_official_model(
    runner: CliRunner, example_copy: Path, tmp_path: Path
) -> None:
    """The example's gift by a cooperative (a company) follows Cerfa n° 16216: every mention
    is read back from the document; a second run gives the same receipt."""
    code, out, err = _invoke(
        runner, example_copy, "receipt", SCIC_GIFT, "--format", "docx", "--out", str(tmp_path)
    )
    assert code == 0, err
    assert "nothing new to issue" in err  # the example holds its receipt already
    text = _plain(_docx_text(Path(out.split()[-1])))
    for mention in (
        "Reçu n° RF-0001 (numéro d'ordre)",
        "Article 238 bis du code général des impôts",
        "Cerfa n° 16216*02",
        "Dénomination : Réseau des tiers-lieux des Hauts-de-France",
        "N° SIREN : 000 000 307 · N° RNA : W000000002",
        "Adresse : 12 rue des Arts, 59000 Lille",
        "Objet : animer le réseau des tiers-lieux",
        "Qualité : organisme d'intérêt général à caractère éducatif",
        "Dénomination : Territoires Partagés",
        "N° SIREN :",
        "la somme de : *** 438,75 € ***",
        "quatre cent trente-huit euros et soixante-quinze centimes",
        "Date du versement : 20 janvier 2027",
        "déclaration de don manuel",
        "numéraire",
        "virement",
        "certifie sur l'honneur que les dons et versements qu'il reçoit ouvrent droit à la "
        "réduction d'impôt prévue à l'article 238 bis du code général des impôts",
        "Fait à Lille, le 25 janvier 2027",
        "Claire Martin, présidente",
    ):
        assert mention in text, mention
    assert len(_records(example_copy, "receipts")) == 1


def test_a_gift_by_a_person_follows_the_individuals_model(
    runner: CliRunner, example_copy: Path, tmp_path: Path
) -> None:
    """A donor who is a person without a SIREN gets Cerfa n° 11580 (art. 200 CGI), with the
    next number of the host's receipts."""
    party = example_copy / "parties" / "scic-territoires.yaml"
    data = yaml.safe_load(party.read_text())
    person = {
        "kind": "party",
        "id": "scic-territoires",
        "type": "person",
        "name": "Jeanne Durand",
        "vat_regime": "exempt",
        "address": data["address"],
    }
    party.write_text(yaml.safe_dump(person, allow_unicode=True))
    for signature in (example_copy / "signatures").glob("reciprocite-scic-communs-*.yaml"):
        signature.unlink()  # the terms changed; the signatures do not matter here
    assert (
        _invoke(
            runner,
            example_copy,
            "pay",
            "--contract",
            "reciprocite-scic-communs",
            "--date",
            "2027-02-10",
            "--amount",
            "50",
            "--reference",
            "DON 2",
        )[0]
        == 0
    )
    payment = next((example_copy / "payments" / "2027").glob("2027-02-10-*.yaml")).stem
    code, out, err = _invoke(
        runner,
        example_copy,
        "receipt",
        payment,
        "--date",
        "2027-02-12",
        "--format",
        "docx",
        "--out",
        str(tmp_path),
    )
    assert code == 0, err
    text = _plain(_docx_text(Path(out.split()[-1])))
    assert "Reçu n° RF-0002" in text
    assert "Cerfa n° 11580*05" in text
    assert "Nom et prénoms : Jeanne Durand" in text
    assert "réduction d'impôt prévue à l'article 200 du code général des impôts" in text


def test_receipts_of_a_year_in_one_batch_in_the_order_of_the_gifts(
    runner: CliRunner, example_copy: Path, tmp_path: Path
) -> None:
    """`receipts --year 2027`: the two gifts of 2027 still without a receipt get the next
    numbers in the order of their dates (RF-0002 for February's, RF-0003 for March's), whatever
    the order of their files; the gift that has RF-0001 and Alice's royalty get none. Each
    document reads back its gift; a second run issues nothing."""
    for day, amount in (("2027-03-10", "100.00"), ("2027-02-10", "50.00")):
        (example_copy / "payments" / "2027" / f"{day}-scic-don.yaml").write_text(
            f"kind: payment\nid: {day}-scic-don\ncontract: reciprocite-scic-communs\n"
            f"date: {day}\namount: {amount}\nreference: VIR SCIC {day}\n",
            encoding="utf-8",
        )
    (example_copy / "payments" / "2027" / "2027-04-20-alice-q1.yaml").write_text(
        f"kind: payment\nid: 2027-04-20-alice-q1\ncontract: {ALICE}\ndate: 2027-04-20\n"
        "amount: 10.00\nreference: VIR ALICE\n",
        encoding="utf-8",
    )
    args = ("receipts", "--year", "2027", "--date", "2028-01-15", "-f", "docx", "-o", str(tmp_path))
    code, out, err = _invoke(runner, example_copy, *args)
    assert code == 0, err
    receipts = {r["number"]: r for r in _records(example_copy, "receipts")}
    assert {n: (r["payment"], r["amount"]) for n, r in receipts.items()} == {
        "RF-0001": (SCIC_GIFT, D("438.75")),
        "RF-0002": ("2027-02-10-scic-don", D("50.00")),
        "RF-0003": ("2027-03-10-scic-don", D("100.00")),
    }
    documents = sorted(Path(line) for line in out.split() if line.endswith(".docx"))
    assert [path.name for path in documents] == [  # the earlier receipt's written again
        "RF-0001.fr.docx",
        "RF-0002.fr.docx",
        "RF-0003.fr.docx",
    ]
    second = _plain(_docx_text(documents[2]))
    assert "Reçu n° RF-0003 (numéro d'ordre)" in second
    assert "la somme de : *** 100,00 € ***" in second
    assert "Date du versement : 10 mars 2027" in second
    assert "the gifts of 2027: new receipts 2, documents written 3" in err
    code, out, err = _invoke(runner, example_copy, *args)
    assert code == 0, err
    assert "the gifts of 2027: new receipts 0, documents written 3" in err
    assert len(_records(example_copy, "receipts")) == 3


def test_a_batch_of_receipts_refused_or_passing_over_a_gift_writes_what_it_says(
    runner: CliRunner, example_copy: Path, tmp_path: Path
) -> None:
    """A gift received after the date of issue is passed over, with the reason, and the others
    are issued. A host that may issue receipts but states no object refuses the whole batch:
    nothing is written, and the error says what to add."""
    for day, amount in (("2027-03-10", "100.00"), ("2027-06-10", "50.00")):
        (example_copy / "payments" / "2027" / f"{day}-scic-don.yaml").write_text(
            f"kind: payment\nid: {day}-scic-don\ncontract: reciprocite-scic-communs\n"
            f"date: {day}\namount: {amount}\nreference: VIR SCIC {day}\n",
            encoding="utf-8",
        )
    host = example_copy / "parties" / "tiers-lieux-hdf.yaml"
    stated = host.read_text(encoding="utf-8")
    data = yaml.safe_load(stated)
    del data["tax_receipts"]["purpose"]
    host.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    args = ("receipts", "--year", "2027", "--date", "2027-04-01", "-f", "docx", "-o", str(tmp_path))
    code, _, err = _invoke(runner, example_copy, *args)
    assert code == 1
    assert "does not give its object: add `tax_receipts.purpose`" in err
    assert len(_records(example_copy, "receipts")) == 1
    host.write_text(stated, encoding="utf-8")
    code, _, err = _invoke(runner, example_copy, *args)
    assert code == 0, err
    assert "no tax receipt for '2027-06-10-scic-don': received on 2027-06-10, after" in err
    assert [r["payment"] for r in _records(example_copy, "receipts")] == [
        SCIC_GIFT,
        "2027-03-10-scic-don",
    ]


def test_no_receipt_for_a_royalty_or_a_host_that_may_issue_none(
    runner: CliRunner, example_copy: Path, starter: Path, tmp_path: Path
) -> None:
    """A royalty payment is a price; the starter's host says it issues no receipts: each is
    refused with its reason, and nothing is written."""
    code, _, err = _invoke(
        runner,
        example_copy,
        "receipt",
        "2026-04-24-alice-q1",
        "--format",
        "docx",
        "--out",
        str(tmp_path),
    )
    assert code == 1 and "pays the royalty" in err
    shutil.rmtree(starter / "invoices")  # a donation is not invoiced
    contract = starter / "contracts" / "reciprocite-mon-acteur.yaml"
    contract.write_text(
        contract.read_text()
        .replace("qualification: royalty", "qualification: donation")
        .replace("annual_cap: 2500", "")
    )
    code, _, err = _invoke(
        runner,
        starter,
        "receipt",
        "2026-04-20-mon-acteur",
        "--format",
        "docx",
        "--out",
        str(tmp_path),
    )
    assert code == 1 and "does not state that it may issue tax receipts" in err
    assert not (starter / "receipts").exists()


# --- the books -----------------------------------------------------------------------------------


def test_invoices_enter_the_books_and_their_payments_settle_the_customer(
    runner: CliRunner, example_copy: Path, tmp_path: Path
) -> None:
    """With two invoiced and paid quarters, the sales journal holds the invoices (411 / 706 /
    4458), their payments settle 411 and move the VAT to 44571: 411 and 4458 net to zero for
    that actor, each entry balances, and beancount's loader accepts the journal."""
    code, out, err = _invoke(
        runner,
        example_copy,
        "books",
        "export",
        "--format",
        "beancount",
        "--year",
        "2026",
        "--out",
        str(tmp_path),
    )
    assert code == 0, err
    entries, errors, _ = loader.load_file(out.split()[-1])
    assert errors == []
    totals: defaultdict[str, Decimal] = defaultdict(Decimal)
    for entry in entries:
        for posting in getattr(entry, "postings", []):
            if posting.meta.get("third_party") in (None, "alice-conseil"):
                totals[posting.account] += posting.units.number
    assert totals["Assets:411"] == 0
    assert totals["Liabilities:4458"] == 0
    # 342.00 + 173.00 invoiced: their VAT is collected once they are paid.
    code, out, _ = _invoke(
        runner,
        example_copy,
        "books",
        "export",
        "--format",
        "fec",
        "--year",
        "2026",
        "--out",
        str(tmp_path),
    )
    lines = Path(out.split()[-1]).read_text(encoding="iso-8859-15").splitlines()[1:]
    by_entry: defaultdict[str, Decimal] = defaultdict(Decimal)
    sales = set()
    for line in lines:
        fields = line.split("|")
        debit, credit = (Decimal(f.replace(",", ".")) for f in fields[11:13])
        by_entry[fields[2]] += debit - credit
        if fields[0] == "VT":
            sales.add(fields[8])
    assert all(value == 0 for value in by_entry.values())
    assert sales == {"RC-0001", "RC-0002"}
