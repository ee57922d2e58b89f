"""Located problems in user data, and the one list of their codes.

A :class:`Diagnostic` says where (file, 1-based line and column, JSON path), how bad
(error or warning), what (a stable :class:`Code`) and why (a message a host can act on). Every
stage returns them instead of raising, so one run shows every problem at once, sorted by file
and line.

:class:`Code` is the only place a code is defined: each carries the section of
docs/diagnostics.md it is documented in, its meaning there and its severity, and that page's
tables are generated from it (`tools/diagnostics_docs.py`, checked by `tests/test_docs.py`).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass


class Severity(enum.StrEnum):
    """How bad a problem is: errors make `validate` exit 1, warnings do not."""

    ERROR = "error"
    WARNING = "warning"


class Section(enum.StrEnum):
    """The sections of docs/diagnostics.md, in the page's order."""

    FILES = "Whole files"
    YAML = "YAML constructs refused in a registry"
    SCHEMA = "Records and schemas"
    RULES = "Across records"
    IMPORTS = "Spreadsheet imports (`declare --from`, `pay --from`)"
    BOOKS = "Accounting entries (`books export`)"
    DOCUMENTS = "Documents (`render`, `statement`)"


_E = Severity.ERROR
_W = Severity.WARNING


class Code(enum.StrEnum):
    """Every diagnostic code, with where it is documented, what it means and how bad it is.

    Codes never change with the language of the interface: scripts match on them.
    """

    section: Section
    meaning: str
    severity: Severity

    def __new__(cls, value: str, section: Section, meaning: str, severity: Severity = _E) -> Code:
        member = str.__new__(cls, value)
        member._value_ = value
        member.section = section
        member.meaning = meaning
        member.severity = severity
        return member

    # --- whole files
    FILE_TOO_LARGE = (
        "file-too-large",
        Section.FILES,
        "the file is over 5 MiB (5,242,880 bytes). A record is a few hundred bytes and a year of "
        "declarations in one file a few hundred kilobytes: anything larger is a mistake, or an "
        "attempt to exhaust memory. At most 5 MiB + 1 byte of a file is ever read.",
    )
    BINARY_FILE = (
        "binary-file",
        Section.FILES,
        "the file holds a NUL byte: it is not text (an image saved as `.yaml`)",
    )
    NOT_UTF8 = (
        "not-utf8",
        Section.FILES,
        "the file is not UTF-8; the position is that of the first bad byte",
    )
    MERGE_CONFLICT = (
        "merge-conflict",
        Section.FILES,
        "unresolved git conflict markers (`<<<<<<<`, `=======`, `>>>>>>>`)",
    )
    UNREADABLE_FILE = (
        "unreadable-file",
        Section.FILES,
        "the file cannot be read (permissions); for an import, a CSV file that is neither UTF-8 "
        "nor Windows-1252 text, or a spreadsheet that cannot be opened",
    )
    NOT_A_FILE = (
        "not-a-file",
        Section.FILES,
        "a name ending in .yaml that is not a regular file (a pipe, a device, a socket) or a "
        "symbolic link to a folder: it is never opened, so that reading the registry cannot "
        "hang, and a linked folder is never followed",
    )
    OUTSIDE_REGISTRY = (
        "outside-registry",
        Section.FILES,
        "a path that leads outside the registry once its `..` and symbolic links are resolved: "
        "a symbolic link to a record file elsewhere, a workspace `templates` folder or a "
        "signature's `document` outside it. Every path that comes from the data is resolved "
        'inside the registry, or refused (docs/registry.md, "Paths")',
    )
    EMPTY_FILE = (
        "empty-file",
        Section.FILES,
        "the file holds no record (empty, or only comments); a CSV file with no header or no "
        "data row",
    )
    YAML_SYNTAX = (
        "yaml-syntax",
        Section.FILES,
        "the YAML is malformed; the position is where the parser stopped",
    )
    YAML_TAB = ("yaml-tab", Section.FILES, "a tab is used for indentation")

    # --- YAML constructs
    YAML_ALIAS = (
        "yaml-alias",
        Section.YAML,
        "anchors (`&a`), aliases (`*a`) and merge keys (`<<`): a 500-byte file of nested aliases "
        '("billion laughs") would expand into gigabytes; records are written out in full',
    )
    YAML_TAG = ("yaml-tag", Section.YAML, "explicit tags (`!!python/...`, `!custom`)")
    DUPLICATE_KEY = (
        "duplicate-key",
        Section.YAML,
        "a key given twice in one mapping, reported at its second occurrence",
    )
    INVALID_KEY = (
        "invalid-key",
        Section.YAML,
        "a key that is not a plain name (a list, a mapping)",
    )
    AMBIGUOUS_SCALAR = (
        "ambiguous-scalar",
        Section.YAML,
        "an unquoted value that YAML 1.1 and YAML 1.2 tools read differently: digits with a "
        "leading zero (`01234567890123`, `0123` is 83 in YAML 1.1), `1_000`, `12:30`, "
        "`yes`/`no`/`on`/`off`/`y`/`n`. Quote text; write numbers in plain decimal and booleans "
        "as `true`/`false`",
    )
    INVALID_NUMBER = (
        "invalid-number",
        Section.YAML,
        "`.inf`, `.nan` and other numbers that are not plain decimals",
    )
    TOO_DEEP = (
        "too-deep",
        Section.YAML,
        "a record nested more than 32 levels deep (the schemas need 5)",
    )
    UNSAFE_CHARACTER = (
        "unsafe-character",
        Section.YAML,
        "a text holding a control character, a bidirectional mark or override (U+202E...), a "
        "line separator or a non-character: it could hide or reorder what a reader sees",
    )
    RECORD_NOT_MAPPING = (
        "record-not-mapping",
        Section.YAML,
        "a document that is a list or a plain value, not a record",
    )

    # --- records and schemas
    MISSING_KIND = ("missing-kind", Section.SCHEMA, "a record without `kind`")
    UNKNOWN_KIND = (
        "unknown-kind",
        Section.SCHEMA,
        "a `kind` that does not exist (with a suggestion)",
    )
    MISSING_FIELD = (
        "missing-field",
        Section.SCHEMA,
        "a required field is missing (reported at the enclosing mapping)",
    )
    UNKNOWN_KEY = (
        "unknown-key",
        Section.SCHEMA,
        "a key the schema does not know (with a suggestion: `rate_pourcent` → `rate_percent`)",
    )
    WRONG_TYPE = ("wrong-type", Section.SCHEMA, "a value of the wrong type (`rate_percent: five`)")
    QUOTE_STRING = (
        "quote-string",
        Section.SCHEMA,
        "digits written unquoted where text is expected (`siren: 000000109`): quote them",
    )
    INVALID_VALUE = (
        "invalid-value",
        Section.SCHEMA,
        "a value outside its list (`period: quartre`), an empty text or list, a repeated item",
    )
    INVALID_ID = (
        "invalid-id",
        Section.SCHEMA,
        "an id that is not lower-case letters, digits, `.`, `_`, `-` (so an id can never be a "
        "path such as `../../etc/passwd`)",
    )
    INVALID_FORMAT = (
        "invalid-format",
        Section.SCHEMA,
        "a text that does not have the expected form (a postcode, a licence, a hash)",
    )
    INVALID_DATE = (
        "invalid-date",
        Section.SCHEMA,
        "not a real date `YYYY-MM-DD` (`2026-02-30`), or not an ISO date and time",
    )
    TOO_MANY_DECIMALS = (
        "too-many-decimals",
        Section.SCHEMA,
        "an amount with more than 2 decimals (`12.345`), a percentage with more than 4",
    )
    OUT_OF_RANGE = (
        "out-of-range",
        Section.SCHEMA,
        "a percentage outside 0 to 100, a negative number of days, an amount that must be positive",
    )
    INVALID_SIREN = (
        "invalid-siren",
        Section.SCHEMA,
        "a SIREN whose Luhn check digit is wrong",
    )
    INVALID_SIRET = (
        "invalid-siret",
        Section.SCHEMA,
        "a SIRET whose Luhn check digit is wrong",
    )
    INVALID_VAT_NUMBER = (
        "invalid-vat-number",
        Section.SCHEMA,
        "a VAT number with a wrong key",
    )
    INVALID_IBAN = ("invalid-iban", Section.SCHEMA, "an IBAN with a wrong key")
    INVALID_RNA = ("invalid-rna", Section.SCHEMA, "an RNA number of the wrong form")
    INVALID_EMAIL = ("invalid-email", Section.SCHEMA, "not an e-mail address")
    INVALID_URL = ("invalid-url", Section.SCHEMA, "not an `http(s)://` address")
    RATE_OR_TIERS = (
        "rate-or-tiers",
        Section.SCHEMA,
        "a reciprocity contract needs a flat `rate_percent` or `tiers`, not both",
    )
    END_OR_DURATION = (
        "end-or-duration",
        Section.SCHEMA,
        "a hosting contract gives `end_date` or `duration_months`, not both",
    )
    NOT_ALLOWED_HERE = (
        "not-allowed-here",
        Section.SCHEMA,
        "a field that the record's other values exclude: `hours` on an expense that is not paid "
        "by the hour, `funder_type` on an income that is not a subsidy",
    )
    SCHEMA = (
        "schema",
        Section.SCHEMA,
        "any other departure from the schema, with the schema's own message",
    )

    # --- across records
    MISSING_WORKSPACE = (
        "missing-workspace",
        Section.RULES,
        "`commons-contracts.yaml` has no `workspace` record",
    )
    DUPLICATE_WORKSPACE = (
        "duplicate-workspace",
        Section.RULES,
        "`commons-contracts.yaml` holds a second `workspace` record",
    )
    MISPLACED_WORKSPACE = (
        "misplaced-workspace",
        Section.RULES,
        "a `workspace` record outside `commons-contracts.yaml`",
    )
    MISPLACED_RECORD = (
        "misplaced-record",
        Section.RULES,
        "a record other than the workspace in `commons-contracts.yaml`",
    )
    DUPLICATE_ID = (
        "duplicate-id",
        Section.RULES,
        "two records of a kind share an id (contracts share one set of ids); the later file is "
        "reported",
    )
    UNKNOWN_REFERENCE = (
        "unknown-reference",
        Section.RULES,
        "a reference to an id that does not exist, with a suggestion; also a signatory that is "
        "not one of the contract's, a commons share naming a commons outside the contract",
    )
    WRONG_REFERENCE = (
        "wrong-reference",
        Section.RULES,
        "a declaration or payment that names a hosting contract",
    )
    SAME_PARTY = (
        "same-party",
        Section.RULES,
        "the actor of a reciprocity contract is its host",
    )
    END_BEFORE_START = (
        "end-before-start",
        Section.RULES,
        "a contract that ends before it takes effect, a termination that takes effect before it "
        "is notified, a campaign that closes before it opens, a contribution that ends before "
        "it starts",
    )
    TIERS_ORDER = (
        "tiers-order",
        Section.RULES,
        "tiers must have increasing `up_to`, and only the last has none (it covers all revenue "
        "above the previous one)",
    )
    APPROVALS_ABOVE_REPRESENTATIVES = (
        "approvals-above-representatives",
        Section.RULES,
        "a hosting contract asks more approvals of an expense than its commons has "
        "representatives: no expense could ever be approved",
    )
    INVALID_RANGE = (
        "invalid-range",
        Section.RULES,
        "an hourly rate whose `max` is below its `min`",
    )
    DUPLICATE_SIGNATORY = (
        "duplicate-signatory",
        Section.RULES,
        "two signatories of a contract with the same id",
    )
    DUPLICATE_SIGNATURE = (
        "duplicate-signature",
        Section.RULES,
        "the same signatory signed the same version of a contract twice",
    )
    DATE_OUTSIDE_CONTRACT = (
        "date-outside-contract",
        Section.RULES,
        "a declaration, an amendment or a termination dated before the contract's effective "
        "date or after its end (its end date in force, or its termination)",
    )
    AMENDMENT_NUMBER = (
        "amendment-number",
        Section.RULES,
        "the amendments of a contract are not numbered 1, 2, ... without gap or repeat",
    )
    CHANGE_NOT_ALLOWED = (
        "change-not-allowed",
        Section.RULES,
        "an amendment that changes the parties, the commons, the period or the qualification: "
        "that is a new contract",
    )
    PAYMENT_BEFORE_CONTRACT = (
        "payment-before-contract",
        Section.RULES,
        "a payment dated before the contract's effective date (one after the end is fine: the "
        "last period falls due then)",
    )
    MISSING_SHARES = (
        "missing-shares",
        Section.RULES,
        "a declaration on a contract that covers several commons must say how its due is shared "
        "(`commons_shares`)",
    )
    SHARES_NOT_ALLOWED = (
        "shares-not-allowed",
        Section.RULES,
        "`commons_shares` on a declaration whose contract covers one commons",
    )
    SHARES_SUM = (
        "shares-sum",
        Section.RULES,
        "`commons_shares` that do not add up to exactly 100",
    )
    DUPLICATE_INVOICE = (
        "duplicate-invoice",
        Section.RULES,
        "an invoice reference declared twice under the same contract (re-running the same CSV "
        "import is refused this way)",
    )
    POSSIBLE_DUPLICATE = (
        "possible-duplicate",
        Section.RULES,
        "two payments with the same contract, date, amount and reference, or an income with "
        "the date and amount of a reciprocity payment to its commons: probably one payment "
        "entered twice (reciprocity payments are income of their commons already)",
        _W,
    )
    SIRET_SIREN_MISMATCH = (
        "siret-siren-mismatch",
        Section.RULES,
        "a SIRET that does not start with the party's SIREN",
    )
    VAT_SIREN_MISMATCH = (
        "vat-siren-mismatch",
        Section.RULES,
        "a French VAT number that does not end with the party's SIREN",
    )
    VAT_NOT_APPLICABLE = (
        "vat-not-applicable",
        Section.RULES,
        "VAT charged on a donation, or by a host that is not liable to VAT",
        _W,
    )
    COMMONS_NOT_HOSTED = (
        "commons-not-hosted",
        Section.RULES,
        "a reciprocity contract for a commons that its host does not host (no hosting contract "
        "between them)",
        _W,
    )
    AMENDMENT_NOT_SIGNED = (
        "amendment-not-signed",
        Section.RULES,
        "an amendment that some of its signatories have not signed yet: it counts from its "
        "effective date all the same; the contract's status stays that of its former version",
        _W,
    )
    SIGNED_RECORD_CHANGED = (
        "signed-record-changed",
        Section.RULES,
        "a contract or an amendment whose record changed after it was signed: the signatures "
        "no longer count; a change of signed terms is made by an amendment",
        _W,
    )
    CONTRACT_NOT_SIGNED = (
        "contract-not-signed",
        Section.RULES,
        "declarations on a contract that some signatory has not signed yet; one warning per "
        "contract, at its latest declaration",
        _W,
    )

    NOT_HOSTED = (
        "not-hosted",
        Section.RULES,
        "an income or an expense dated when no hosting contract hosts its commons: no host "
        "holds the commons' money that day",
    )
    RATE_OUTSIDE_RANGE = (
        "rate-outside-range",
        Section.RULES,
        "an hours expense at an hourly rate outside the hosting contract's `hourly_rate` range",
    )
    NOT_A_REPRESENTATIVE = (
        "not-a-representative",
        Section.RULES,
        "an approval given by an e-mail address that is not one of the commons' "
        "representatives (with a suggestion)",
    )
    SELF_APPROVAL = (
        "self-approval",
        Section.RULES,
        "a representative approves an expense paid to themselves (the payee has their name or "
        "e-mail address, or is a party they represent): the approval does not count",
    )
    DUPLICATE_APPROVAL = (
        "duplicate-approval",
        Section.RULES,
        "a representative approves the same expense twice: approvals count once per person",
        _W,
    )
    MISSING_IBAN = (
        "missing-iban",
        Section.RULES,
        "an expense whose payee is a name, not a party id, without the payee's `iban`",
    )
    GRANT_WITHOUT_FUNDING = (
        "grant-without-funding",
        Section.RULES,
        "a `grant` expense that does not name the incomes that fund it (`funded_by`)",
    )
    REGRANT_FORBIDDEN = (
        "regrant-forbidden",
        Section.RULES,
        "a `grant` funded by a subsidy whose funder did not permit passing it on "
        "(`regrant_permission: false`): art. 15 of the décret-loi of 2 May 1938 for the State, "
        "art. L. 1611-4 CGCT for local authorities",
    )
    PAYOUT_NOT_APPROVED = (
        "payout-not-approved",
        Section.RULES,
        "a payout dated before its expense has the approvals of distinct representatives that "
        "the hosting contract asks (`expense_approval`)",
    )
    PAYOUT_ABOVE_EXPENSE = (
        "payout-above-expense",
        Section.RULES,
        "payouts of an expense that add up to more than the expense",
    )
    FUND_OVERDRAWN = (
        "fund-overdrawn",
        Section.RULES,
        "a payout that leaves the commons' fund negative on its date: the fund is restricted, "
        "the host never spends beyond it",
    )
    APPROVAL_ABOVE_AVAILABLE = (
        "approval-above-available",
        Section.RULES,
        "an approval that commits more than the fund has available and not yet committed on "
        "its date",
        _W,
    )
    COORDINATION_ABOVE_SHARE = (
        "coordination-above-share",
        Section.RULES,
        "coordination paid out in a year above the hosting contract's `coordination_percent` "
        "of that year's payouts; at the year's last coordination payout",
        _W,
    )
    UNKNOWN_LICENCE = (
        "unknown-licence",
        Section.RULES,
        "a commons' licence that is not an id of the SPDX licence list (with a suggestion): "
        "documents print a licence by its full name, which only the list gives",
        _W,
    )
    TAX_RECEIPTS_UNSTATED = (
        "tax-receipts-unstated",
        Section.RULES,
        "a donation contract whose host does not say whether it may issue tax receipts "
        "(`tax_receipts`): the contract then states that it issues none",
        _W,
    )
    CAMPAIGN_COORDINATION_SHARE = (
        "campaign-coordination-share",
        Section.RULES,
        "a campaign whose coordination lines are outside 10 %-25 % of its budget, or above the "
        "hosting contract's `coordination_percent`",
        _W,
    )
    DEBT_NOT_RECOGNISED = (
        "debt-not-recognised",
        Section.RULES,
        "a payout of an expense that repays a contribution the community has not recognised yet "
        "(it lacks the approvals the hosting contract asks) on the payout's date",
    )
    REPAYMENT_ABOVE_DEBT = (
        "repayment-above-debt",
        Section.RULES,
        "an expense that repays more than the contributions it names are worth, or a payout of "
        "it beyond what is left of their recognised debt",
    )
    DUPLICATE_CANDIDATE = (
        "duplicate-candidate",
        Section.RULES,
        "a ballot that names a candidate twice, or a vote that grades a candidate twice",
    )
    UNKNOWN_GRADE = (
        "unknown-grade",
        Section.RULES,
        'a vote that gives a grade the ballot does not have (with a "did you mean")',
    )
    DUPLICATE_VOTE = (
        "duplicate-vote",
        Section.RULES,
        "a second vote of the same voter on a ballot: only the first counts",
        _W,
    )
    VOTE_OUTSIDE_DATES = (
        "vote-outside-dates",
        Section.RULES,
        "a vote dated before its ballot opens or after it closes: it does not count",
        _W,
    )

    # everyday mistakes (docs/entry-and-imports.md, "Undoing a record")
    VOID_TARGET_KIND = (
        "void-target-kind",
        Section.RULES,
        "a void whose `target_kind` is not a kind that can be voided (a declaration or a payment)",
    )
    VOIDED_TWICE = (
        "voided-twice",
        Section.RULES,
        "a record cancelled by a second void; the first one counts",
    )
    DATE_FAR_AHEAD = (
        "date-far-ahead",
        Section.RULES,
        "a payment or a signature dated more than a year after today: probably a mistyped year",
        _W,
    )
    PAYMENT_ABOVE_OUTSTANDING = (
        "payment-above-outstanding",
        Section.RULES,
        "a payment larger than everything still owed on its contract (every declaration's due "
        "including VAT, less the payments before it): a wrong contract or amount?",
        _W,
    )
    POSSIBLE_DUPLICATE_DECLARATION = (
        "possible-duplicate-declaration",
        Section.RULES,
        "two declarations without an invoice reference with the same contract, date, amount "
        "and client: probably one service declared twice",
        _W,
    )
    SIGNATORY_NOT_REPRESENTATIVE = (
        "signatory-not-representative",
        Section.RULES,
        "a signatory listed for the community of a commons (no `party`) whose name is not one "
        "of the commons' `representatives`",
        _W,
    )

    UNKNOWN_ACCOUNT = (
        "unknown-account",
        Section.RULES,
        "an account of the workspace's `books.accounts`, or of an accounting entry, that is "
        "neither in the associations' chart nor a sub-account of one of its accounts",
    )

    NUMBERING_GAP = (
        "numbering-gap",
        Section.RULES,
        "a host's invoices (or its tax receipts) are not numbered in one unbroken chronological "
        "sequence: a number missing, taken twice, or dated before the one before it. Issue "
        "them from one clone of the registry, the host's; after a merge of two clones that "
        "both issued, cancel the later ones with credit notes and issue again",
    )
    INVOICE_MISMATCH = (
        "invoice-mismatch",
        Section.RULES,
        "an invoice that cannot stand: for a contract that is not a royalty reciprocity "
        "contract or not the host's, for a period without declarations or outside the "
        "contract, amounts that do not add up, a credit note that refers to no earlier "
        "invoice of its contract, or invoices of a period that add up to more than it owes",
    )
    INVOICE_OUTDATED = (
        "invoice-outdated",
        Section.RULES,
        "the invoices and credit notes of a period no longer add up to what it owes: a "
        "declaration of the period was recorded or changed after it was invoiced; `invoice` "
        "issues the difference (an invoice, or a credit note)",
        _W,
    )
    RECEIPT_MISMATCH = (
        "receipt-mismatch",
        Section.RULES,
        "a tax receipt that cannot stand: for a payment that is not a donation, of a host "
        "that does not say it may issue receipts, for another amount than the payment's, or "
        "a second receipt for one payment",
    )

    # --- spreadsheet imports
    UNKNOWN_COLUMN = (
        "unknown-column",
        Section.IMPORTS,
        "the header row names a column that is neither a field, nor one of its French names, nor "
        "mapped by the import rule",
    )
    MISSING_COLUMN = (
        "missing-column",
        Section.IMPORTS,
        "the header row lacks `date` or the amount (`amount_excl_tax`; `amount` for payments), "
        "or `contract` without `--contract`",
    )
    DUPLICATE_COLUMN = ("duplicate-column", Section.IMPORTS, "the header row names a column twice")
    EXTRA_CELL = (
        "extra-cell",
        Section.IMPORTS,
        "a row with more cells than the header has columns",
    )
    INVALID_SHARES = (
        "invalid-shares",
        Section.IMPORTS,
        "a `commons_shares` cell not written `movilab=70;dokos=30`",
    )
    EMPTY_CELL = (
        "empty-cell",
        Section.IMPORTS,
        "a data row whose date or amount cell is empty, or holds a spreadsheet error such as "
        "`#DIV/0!` (which reads as empty); a total row is skipped only by a `skip` rule of an "
        "import",
    )
    UNKNOWN_SHEET = (
        "unknown-sheet",
        Section.IMPORTS,
        "the sheet named by `--sheet` or by the import rule is not in the workbook",
    )
    LEGACY_ENCODING = (
        "legacy-encoding",
        Section.IMPORTS,
        "the CSV file is not UTF-8 and was read as Windows-1252 (what Excel and LibreOffice write "
        "on Windows); the message quotes its first accented word to check",
        _W,
    )

    # --- accounting entries
    UNBALANCED_ENTRY = (
        "unbalanced-entry",
        Section.BOOKS,
        "an accounting entry whose debits and credits differ, with fewer than two lines, or "
        "with a line that is not one amount of whole cents on one side; nothing is exported",
    )

    # --- documents
    MISSING_TRANSLATION = (
        "missing-translation",
        Section.DOCUMENTS,
        "a text of a record printed in a document has no version in the document's language "
        "(`description: {fr: ..., en: ...}`): the document prints the one it has",
        _W,
    )


@dataclass(frozen=True)
class Diagnostic:
    """One located problem; its severity is that of its code."""

    path: str
    line: int
    column: int
    code: Code
    message: str
    json_path: str = "$"
    sheet: str | None = None
    """The sheet, for a cell of a spreadsheet (.ods, .xlsx): its position is then shown as
    `file:sheet:row:column letter` (`factures.xlsx:Factures:4:B`)."""

    @property
    def severity(self) -> Severity:
        """Error or warning, as the code says."""
        return self.code.severity

    def format_text(self) -> str:
        """Render as `path:line:column: severity CODE: message ($.json.path)`; a spreadsheet
        cell as `path:sheet:row:letter: ...`."""
        where = (
            f"{self.path}:{self.line}:{self.column}"
            if self.sheet is None
            else f"{self.path}:{self.sheet}:{self.line}:{column_letter(self.column)}"
        )
        severity, code = self.severity.value, self.code.value
        return f"{where}: {severity} {code}: {self.message} ({self.json_path})"

    def as_json(self) -> dict[str, str | int]:
        """The record as a JSON-ready mapping with the documented keys (and `sheet`, for a
        spreadsheet cell)."""
        document: dict[str, str | int] = {"path": self.path}
        if self.sheet is not None:
            document["sheet"] = self.sheet
        document.update(
            line=self.line,
            column=self.column,
            severity=self.severity.value,
            code=self.code.value,
            message=self.message,
            json_path=self.json_path,
        )
        return document

    def sort_key(self) -> tuple[str, str, int, int, str, str, str, str]:
        """File (and sheet), line, column, then severity (errors first), code, message and JSON
        path."""
        return (
            self.path,
            self.sheet or "",
            self.line,
            self.column,
            self.severity.value,
            self.code.value,
            self.message,
            self.json_path,
        )


def column_letter(column: int) -> str:
    """A spreadsheet's name of a 1-based column: 1 is `A`, 26 `Z`, 27 `AA`."""
    letters = ""
    while column > 0:
        column, remainder = divmod(column - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    """Whether any diagnostic is an error (warnings alone leave a registry valid)."""
    return any(d.severity is Severity.ERROR for d in diagnostics)


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Sorted by file, line, column, then severity and code; exact duplicates removed."""
    return sorted(set(diagnostics), key=Diagnostic.sort_key)
