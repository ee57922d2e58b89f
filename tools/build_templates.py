"""Write the six built-in templates (templates/*.docx) with python-docx, once.

This script produced the redrafted wording of the built-in templates (the four contracts and
the two statements) in the house style. It is kept out of the repository's tools: the .docx
files are the one source of the wording, which legal volunteers edit in Word or LibreOffice,
and their plain-text twins (templates/*.txt, what `template show` prints) are what reviewers
read in a diff. To make a new template in the house style, use tools/new_template.py.

Notation: `{{ ... }}` prints a value, `{% if %}` inside a paragraph chooses words, and a block
tuple `("tag", "{%p if ... %}")` writes a paragraph of its own that docxtpl removes at render
time. `**bold**` marks bold runs. An article (`("article", key, TITLE)`) is a `Heading 1`
paragraph, numbered automatically (`ARTICLE 1 –`), carrying the bookmark `key`; a clause
(`("clause", text)` or `("clause", text, key)`) is a `Clause` paragraph numbered `1.1`. `⟨key⟩`
becomes the tag `{{ ref('key') }}`, which prints the number of the article or clause whose
bookmark is `key`, counted after the conditional clauses have dropped out.
"""

from __future__ import annotations

import datetime
import io
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from commons_contracts.documents.docx import normalize_docx
from commons_contracts.i18n.wording import typography

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"

BODY_FONT = "Calibri"  # Carlito, metric-compatible, stands in for it under LibreOffice
HEADING_FONT = "Calibri"
INK = RGBColor(0x1A, 0x1A, 0x1A)
GREY = RGBColor(0x59, 0x59, 0x59)
TAG_GREY = RGBColor(0x80, 0x80, 0x80)
HEADER_FILL = "E7E6E6"
LABEL_FILL = "F2F2F2"
NOTICE_FILL = "FFF4D6"
RULE_COLOUR = "A6A6A6"

# The templates' own dates are fixed, so that re-running the script gives the same bytes.
BUILD_TIME = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)

Block = tuple[str, ...]

NNBSP = "\u202f"  # narrow no-break space
NBSP = "\u00a0"

_TAG = re.compile(r"(\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\})")


def typeset(text: str, lang: str) -> str:
    """The typography of `lang` in the literal text, not in the tags."""
    parts = _TAG.split(text)
    for index in range(0, len(parts), 2):  # even indexes are literal text
        parts[index] = typography(parts[index], lang)
    return "".join(parts)


# --------------------------------------------------------------------------------------------
# Wording shared by the contracts

APPROVALS = "contract.expense_approval.approvals"
ROYALTY = "contract.qualification == 'royalty'"
DONATION = "contract.qualification == 'donation'"
WITH_VAT = "contract.vat_rate_percent > 0"
HANDWRITTEN = "contract.signing_method == 'handwritten'"


def party_fr(p: str) -> str:
    """The identification of a party (organisation or person) in French."""
    return (
        f"{{% if {p}.type == 'organisation' %}}**{{{{ {p}.name }}}}**, {{{{ {p}.legal_form }}}}"
        f"{{% if {p}.share_capital is not none %}} au capital de {{{{ {p}.share_capital|money }}}}"
        "{% endif %}, dont le siège social est situé "
        f"{{% else %}}**{{{{ {p}.name }}}}**{{% if {p}.legal_form %}}, {{{{ {p}.legal_form }}}}"
        "{% endif %}, dont l'adresse professionnelle est "
        f"{{% endif %}}{{{{ {p}.address.street }}}}, {{{{ {p}.address.postcode }}}} "
        f"{{{{ {p}.address.city }}}}{{% if {p}.address.country != 'FR' %}} "
        f"({{{{ {p}.address.country|country_name }}}}){{% endif %}}"
        f"{{% if {p}.rcs_city and {p}.siren %}}, immatriculée au registre du commerce et des "
        f"sociétés {{{{ {p}.rcs_city|de }}}} sous le numéro {{{{ {p}.siren|siren }}}}"
        f"{{% elif {p}.siren %}}, numéro SIREN {{{{ {p}.siren|siren }}}}{{% endif %}}"
        f"{{% if {p}.siret %}} (SIRET {{{{ {p}.siret|siret }}}}){{% endif %}}"
        f"{{% if {p}.rna %}}, inscrite au répertoire national des associations sous le numéro "
        f"{{{{ {p}.rna }}}}{{% endif %}}"
        f"{{% if {p}.vat_regime == 'liable' %}}{{% if {p}.vat_number %}}, numéro de TVA "
        f"intracommunautaire {{{{ {p}.vat_number }}}}{{% endif %}}"
        f"{{% elif {p}.vat_regime == 'franchise' %}}, TVA non applicable, article 293 B du CGI"
        "{% else %}, dont les opérations sont exonérées de TVA{% endif %}"
        f"{{% if {p}.type == 'organisation' %}}, représentée par "
        f"{{{{ {p}.representative.name }}}}, en sa qualité de {{{{ {p}.representative.role }}}}, "
        "qui déclare avoir tous pouvoirs à l'effet des présentes{% endif %},"
    )


def party_en(p: str) -> str:
    """The identification of a party (organisation or person) in English."""
    return (
        f"{{% if {p}.type == 'organisation' %}}**{{{{ {p}.name }}}}**, {{{{ {p}.legal_form }}}}"
        f"{{% if {p}.share_capital is not none %}} with a share capital of "
        f"{{{{ {p}.share_capital|money }}}}{{% endif %}}, whose registered office is at "
        f"{{% else %}}**{{{{ {p}.name }}}}**{{% if {p}.legal_form %}}, {{{{ {p}.legal_form }}}}"
        "{% endif %}, whose business address is "
        f"{{% endif %}}{{{{ {p}.address.street }}}}, {{{{ {p}.address.postcode }}}} "
        f"{{{{ {p}.address.city }}}}, {{{{ {p}.address.country|country_name }}}}"
        f"{{% if {p}.rcs_city and {p}.siren %}}, registered with the Trade and Companies "
        f"Register (RCS) of {{{{ {p}.rcs_city }}}} under number {{{{ {p}.siren|siren }}}}"
        f"{{% elif {p}.siren %}}, SIREN number {{{{ {p}.siren|siren }}}}{{% endif %}}"
        f"{{% if {p}.siret %}} (SIRET {{{{ {p}.siret|siret }}}}){{% endif %}}"
        f"{{% if {p}.rna %}}, registered in the French national register of associations "
        f"(RNA) under number {{{{ {p}.rna }}}}{{% endif %}}"
        f"{{% if {p}.vat_regime == 'liable' %}}{{% if {p}.vat_number %}}, VAT number "
        f"{{{{ {p}.vat_number }}}}{{% endif %}}"
        f"{{% elif {p}.vat_regime == 'franchise' %}}, not subject to VAT under the "
        "franchise scheme (“TVA non applicable, article 293 B du CGI”)"
        "{% else %}, whose operations are exempt from VAT{% endif %}"
        f"{{% if {p}.type == 'organisation' %}}, represented by "
        f"{{{{ {p}.representative.name }}}}, acting as {{{{ {p}.representative.role }}}}, "
        "who declares that they are duly authorised for the purposes hereof{% endif %},"
    )


SIGNATURES_FR = (
    "{% if s.side == 'host' %}Pour l'Hôte{% elif s.side == 'actor' and s.party.type == "
    "'person' %}L'Acteur{% elif s.side == 'actor' %}Pour l'Acteur{% elif s.side == "
    "'community' %}{{ s.role|capitalize }}{% else %}Pour {{ s.party.name }}{% endif %}",
    "{% if s.side == 'community' %}du commun « {{ commons.name }} »{% elif s.party.type == "
    "'person' %}{{ s.name }}{% else %}{{ s.party.name }}{% endif %}",
    "{% if s.side == 'community' %}{{ s.name }}{% elif s.party.type == 'person' %}"
    "{{ s.role }}{% else %}{{ s.name }}, {{ s.role }}{% endif %}",
    "Signature :",
)
SIGNATURES_EN = (
    "{% if s.side == 'host' %}For the Host{% elif s.side == 'actor' and s.party.type == "
    "'person' %}The Actor{% elif s.side == 'actor' %}For the Actor{% elif s.side == "
    "'community' %}{{ s.role|capitalize }}{% else %}For {{ s.party.name }}{% endif %}",
    "{% if s.side == 'community' %}of the commons “{{ commons.name }}”{% elif s.party.type == "
    "'person' %}{{ s.name }}{% else %}{{ s.party.name }}{% endif %}",
    "{% if s.side == 'community' %}{{ s.name }}{% elif s.party.type == 'person' %}"
    "{{ s.role }}{% else %}{{ s.name }}, {{ s.role }}{% endif %}",
    "Signature:",
)

PERIOD_FR = (
    "{% if contract.period == 'month' %}mois civil{% elif contract.period == 'quarter' %}"
    "trimestre civil{% else %}année civile{% endif %}"
)
PERIOD_EN = (
    "{% if contract.period == 'month' %}calendar month{% elif contract.period == 'quarter' %}"
    "calendar quarter{% else %}calendar year{% endif %}"
)

TIER_RANGE_FR = (
    "{% if t.up_to is none and t.lower == 0 %}Totalité du chiffre d'affaires"
    "{% elif t.up_to is none %}Au-delà de {{ t.lower|amount_in_full }}"
    "{% elif t.lower == 0 %}Jusqu'à {{ t.up_to|amount_in_full }}"
    "{% else %}Au-delà de {{ t.lower|amount_in_full }} et jusqu'à "
    "{{ t.up_to|amount_in_full }}{% endif %}"
)
TIER_RANGE_EN = (
    "{% if t.up_to is none and t.lower == 0 %}All revenue"
    "{% elif t.up_to is none %}Above {{ t.lower|amount_in_full }}"
    "{% elif t.lower == 0 %}Up to {{ t.up_to|amount_in_full }}"
    "{% else %}Above {{ t.lower|amount_in_full }} and up to "
    "{{ t.up_to|amount_in_full }}{% endif %}"
)

INSTRUCTION_SIGNERS_FR = (
    f"{{% if {APPROVALS} == 1 %}}d'un Représentant{{% else %}}de "
    f"{{{{ {APPROVALS}|number_words }}}} ({{{{ {APPROVALS} }}}}) Représentants distincts"
    "{% endif %}"
)
INSTRUCTION_SIGNERS_EN = (
    f"{{% if {APPROVALS} == 1 %}}one Representative{{% else %}}"
    f"{{{{ {APPROVALS}|number_words }}}} ({{{{ {APPROVALS} }}}}) different Representatives"
    "{% endif %}"
)

MEDIATOR_FR = (
    "{% if contract.mediator %}{{ contract.mediator|à }} de désigner un médiateur{% else %}au "
    "Centre de médiation et d'arbitrage de Paris (CMAP) de désigner un médiateur, selon son "
    "règlement de médiation{% endif %}"
)
MEDIATOR_EN = (
    "{% if contract.mediator %}{{ contract.mediator }} to appoint a mediator{% else %}the "
    "Centre de médiation et d'arbitrage de Paris (CMAP) to appoint a mediator, under its "
    "mediation rules{% endif %}"
)

EIDAS_FR = (
    "{% if contract.signing_method == 'simple-electronic' %}simple, au sens de l'article 3, "
    "10) du règlement (UE) n° 910/2014 (eIDAS){% elif contract.signing_method == "
    "'advanced-electronic' %}avancée, au sens des articles 3, 11) et 26 du règlement (UE) "
    "n° 910/2014 (eIDAS){% else %}qualifiée, au sens de l'article 3, 12) du règlement (UE) "
    "n° 910/2014 (eIDAS), dont la fiabilité est présumée jusqu'à preuve contraire (décret "
    "n° 2017-1416 du 28 septembre 2017){% endif %}"
)
EIDAS_EN = (
    "{% if contract.signing_method == 'simple-electronic' %}simple electronic signature "
    "within the meaning of article 3(10) of Regulation (EU) No 910/2014 (eIDAS)"
    "{% elif contract.signing_method == 'advanced-electronic' %}advanced electronic signature "
    "within the meaning of articles 3(11) and 26 of Regulation (EU) No 910/2014 (eIDAS)"
    "{% else %}qualified electronic signature within the meaning of article 3(12) of "
    "Regulation (EU) No 910/2014 (eIDAS), whose reliability is presumed until the contrary is "
    "proven (decree no. 2017-1416 of 28 September 2017){% endif %}"
)


# --------------------------------------------------------------------------------------------
# The hosting contract


def hosting_fr() -> list[Block]:
    """The commons hosting agreement, in French."""
    return [
        ("title", "CONTRAT D'HÉBERGEMENT DE COMMUN"),
        ("subtitle", "Commun « {{ commons.name }} »"),
        ("reference", "Référence du contrat : {{ contract.id }}"),
        ("section", "ENTRE LES SOUSSIGNÉS :"),
        ("p", party_fr("host")),
        ("p", "ci-après « l'Hôte »,"),
        ("right", "d'une part,"),
        ("section", "ET :"),
        (
            "p",
            "Les personnes physiques désignées ci-dessous par la communauté du commun "
            "« {{ commons.name }} » pour porter ses décisions auprès de l'Hôte, chacune "
            "agissant en son nom personnel :",
        ),
        ("tag", "{%p for r in commons.representatives %}"),
        (
            "item",
            "{{ r.name }} ({{ r.email }}), {{ r.mandate }}{% if loop.last %},{% else %} ;"
            "{% endif %}",
        ),
        ("tag", "{%p endfor %}"),
        (
            "p",
            "ci-après ensemble « les Représentants » et chacune « un Représentant »,",
        ),
        ("right", "d'autre part,"),
        (
            "p",
            "L'Hôte et les Représentants étant ci-après dénommés ensemble « les Parties » et "
            "individuellement « une Partie ».",
        ),
        ("section", "PRÉAMBULE"),
        (
            "p",
            "Le commun « {{ commons.name }} » (ci-après « le Commun ») est une ressource "
            "partagée, produite et gouvernée par une communauté de contributeurs et de "
            "contributrices (ci-après « la Communauté »). {{ commons.description }}"
            "{% if commons.url %} Il est accessible à l'adresse {{ commons.url }}.{% endif %} "
            "Ses contenus sont diffusés sous la licence {{ commons.licence|licence_name }}.",
        ),
        (
            "p",
            "Ni le Commun ni la Communauté n'ont la personnalité juridique : ils ne peuvent ni "
            "contracter, ni être titulaires d'un compte bancaire, ni recevoir des fonds. La "
            "Communauté décide collectivement des orientations du Commun et de l'usage de ses "
            "ressources ; ses décisions sont prises par {{ commons.governance.decision_body }}, "
            "{{ commons.governance.decision_rule }}{% if commons.governance.charter_url %}, "
            "selon la charte de gouvernance publiée à l'adresse "
            "{{ commons.governance.charter_url }}, que les Parties déclarent connaître"
            "{% endif %}.",
        ),
        (
            "p",
            "L'Hôte accepte de recevoir en son nom les sommes destinées au Commun, d'en être "
            "propriétaire à charge de les affecter exclusivement au Commun et de ne les employer "
            "que selon les décisions de la Communauté, et de rendre au Commun des services "
            "administratifs, sans exercer aucun pouvoir de décision sur lui. Les Représentants "
            "s'engagent, en leur nom personnel, à porter fidèlement ces décisions auprès de "
            "l'Hôte. Les engagements de l'Hôte sont pris envers eux et, par stipulation pour "
            "autrui, au profit des Contributeurs définis ci-après (article 1205 du Code civil).",
        ),
        ("center", "IL A ÉTÉ CONVENU CE QUI SUIT :"),
        ("article", "definitions", "DÉFINITIONS"),
        (
            "p",
            "Dans le présent contrat, les termes suivants, employés avec une majuscule, au "
            "singulier ou au pluriel, ont le sens qui leur est donné ci-dessous :",
        ),
        (
            "item",
            "« Commun » : la ressource « {{ commons.name }} » décrite au préambule, y compris "
            "ses contenus, son code, sa documentation et les noms qui la désignent ;",
        ),
        (
            "item",
            "« Communauté » : l'ensemble des contributeurs et des contributrices du Commun, "
            "qui décident selon les règles de gouvernance décrites au préambule ;",
        ),
        (
            "item",
            "« Instance de décision » : {{ commons.governance.decision_body }}, qui décide "
            "{{ commons.governance.decision_rule }} ;",
        ),
        (
            "item",
            "« Décision de la Communauté » : une décision de l'Instance de décision prise "
            "selon ces règles et consignée par écrit (compte rendu, relevé de décisions ou "
            "message publié dans l'espace où la Communauté délibère) ;",
        ),
        (
            "item",
            "« Instruction » : un écrit adressé à l'Hôte, un courrier électronique suffisant, "
            f"qui émane {INSTRUCTION_SIGNERS_FR} n'ayant pas d'intérêt personnel à son objet au "
            "sens de l'article ⟨conflicts⟩, et qui mentionne la Décision de la Communauté dont "
            "il procède ;",
        ),
        (
            "item",
            "« Fonds du Commun » : les sommes que l'Hôte reçoit en vue de leur affectation au "
            "Commun (cofinancements, subventions, dons, redevances et dons reçus au titre de "
            "contrats de réciprocité), diminuées des frais de gestion prévus à l'article "
            "⟨fee⟩ ;",
        ),
        (
            "item",
            "« Contributeur » : toute personne physique ou morale qui réalise un travail pour "
            "le Commun à la demande ou avec l'accord de la Communauté ;",
        ),
        (
            "item",
            "« Budget de développement » : l'enveloppe qu'une Décision de la Communauté "
            "affecte à une étape identifiée du développement du Commun ;",
        ),
        (
            "item",
            "« Dette contributive » : la valeur du travail non rémunéré fourni par les "
            "fondateurs et premiers contributeurs du Commun, recensée selon l'article ⟨debt⟩.",
        ),
        ("article", "object", "OBJET"),
        (
            "clause",
            "Le présent contrat a pour objet de définir les conditions dans lesquelles l'Hôte "
            "(i) reçoit en son nom les Fonds du Commun, les affecte exclusivement au Commun et "
            "les emploie selon les Décisions de la Communauté et (ii) rend au Commun des "
            "services administratifs : encaissements, tenue d'une comptabilité séparée, "
            "paiement des Contributeurs et des fournisseurs, établissement des documents "
            "comptables et fiscaux, conclusion des contrats décidés par la Communauté.",
        ),
        (
            "clause",
            "L'hébergement porte exclusivement sur ces fonds et ces services. Il ne confère à "
            "l'Hôte aucun droit sur le Commun lui-même, ni aucun pouvoir de décision sur ses "
            "orientations.",
        ),
        ("article", "fund", "FONDS DU COMMUN : PROPRIÉTÉ, AFFECTATION ET COMPTE DÉDIÉ"),
        (
            "clause",
            "L'Hôte est propriétaire des Fonds du Commun, qu'il reçoit en son nom. Il s'engage "
            "envers les Représentants et, en application de l'article 1205 du Code civil, au "
            "profit des Contributeurs, qui peuvent en exiger l'exécution pour ce qui les "
            "concerne, à les affecter exclusivement au Commun et à ne les employer que selon "
            "les Décisions de la Communauté.",
        ),
        (
            "clause",
            "L'Hôte enregistre les Fonds du Commun dans une comptabilité analytique distincte, "
            "qui en fait connaître à tout moment les entrées, les sorties et le solde, et "
            "inscrit la part non encore employée en fonds dédiés dans ses comptes annuels "
            "(règlement ANC n° 2018-06).",
        ),
        (
            "clause",
            "Dans les trente (30) jours de la prise d'effet du contrat, l'Hôte ouvre à son nom "
            "un compte bancaire dédié au Commun, distinct de ses autres comptes, dont il "
            "communique les coordonnées aux Représentants. Il y dépose les Fonds du Commun et "
            "n'y dépose aucune autre somme ; une somme destinée au Commun reçue sur un autre "
            "compte y est virée dans les quinze (15) jours de son encaissement. L'Hôte n'emploie "
            "jamais les Fonds du Commun à sa propre trésorerie, même temporairement.",
        ),
        (
            "clause",
            "Aucune dépense ne peut être engagée au-delà du solde disponible des Fonds du "
            "Commun. L'Hôte n'est jamais tenu d'avancer ses fonds propres pour le Commun.",
        ),
        ("article", "decision", "ABSENCE DE POUVOIR DE DÉCISION DE L'HÔTE"),
        (
            "clause",
            "La Communauté décide seule, par les Décisions de la Communauté, des orientations "
            "du Commun et de l'emploi des Fonds du Commun. L'Hôte exécute les Instructions qui "
            "les lui transmettent ; il n'exerce aucun pouvoir de décision, de contrôle "
            "d'opportunité ou de veto sur le Commun, ses contenus ou l'emploi des Fonds du "
            "Commun.",
        ),
        (
            "clause",
            "L'Hôte ne peut refuser d'exécuter une Instruction que dans les trois cas suivants : "
            "(a) son exécution excéderait le solde disponible des Fonds du Commun ; (b) elle "
            "est manifestement illicite ; (c) elle méconnaît une condition d'emploi écrite d'un "
            "financement reçu pour le Commun (article ⟨subsidies⟩). Il notifie son refus et ses "
            "motifs aux Représentants, par écrit, dans les huit (8) jours de la réception de "
            "l'Instruction.",
        ),
        (
            "clause",
            "L'Hôte qui emploie un Contributeur en vertu d'un contrat de travail conserve à son "
            "égard le pouvoir de direction et les obligations de l'employeur (durée du travail, "
            "santé et sécurité, discipline) ; la Communauté décide du travail financé et en "
            "valide le résultat, sans exercer d'autorité sur le salarié.",
        ),
        ("article", "representation", "REPRÉSENTANTS ET INSTRUCTIONS"),
        (
            "clause",
            "La Communauté s'adresse à l'Hôte par des Instructions. Toute Instruction émane "
            f"{INSTRUCTION_SIGNERS_FR} et mentionne la Décision de la Communauté dont elle "
            "procède ; l'Hôte peut demander copie de cette Décision.",
            "instructions",
        ),
        (
            "clause",
            "La Communauté peut à tout moment désigner un nouveau Représentant ou mettre fin "
            "aux fonctions d'un Représentant, par une Décision de la Communauté notifiée à "
            "l'Hôte par une Instruction. Un nouveau Représentant devient Partie au présent "
            "contrat en signant un acte d'adhésion, par lequel il en accepte les stipulations ; "
            "il exerce ses fonctions à compter de la réception de cet acte par l'Hôte. Un "
            "Représentant dont les fonctions prennent fin cesse d'être Partie, pour l'avenir, à "
            "compter de la réception de la notification par l'Hôte. Ces changements ne "
            "requièrent pas d'avenant.",
        ),
        (
            "clause",
            "Lorsque le nombre de Représentants en fonction ne permet plus d'émettre une "
            "Instruction, la Communauté en désigne sans délai de nouveaux ; dans l'intervalle, "
            "l'Hôte n'exécute que les dépenses déjà approuvées et celles qui sont nécessaires à "
            "la conservation des Fonds du Commun.",
        ),
        (
            "clause",
            "L'Hôte peut se fier à une Instruction régulière en la forme. Il n'a pas à vérifier "
            "la régularité des délibérations internes de la Communauté, sauf doute sérieux, "
            "qu'il signale alors aux Représentants.",
        ),
        (
            "clause",
            "Chaque Représentant s'engage à porter fidèlement les Décisions de la Communauté et "
            "à ne signer aucune Instruction qui n'en procède pas. Les Représentants ne sont "
            "tenus envers l'Hôte d'aucune obligation de payer ni d'aucune garantie des "
            "engagements pris pour le Commun ; chacun ne répond que de ses propres manquements "
            "aux obligations que le présent contrat met à sa charge.",
        ),
        ("article", "conflicts", "CONFLITS D'INTÉRÊTS"),
        (
            "clause",
            "Un Représentant qui est le bénéficiaire d'une dépense ou le cocontractant d'un "
            "contrat conclu pour le Commun, ou qui y a un intérêt personnel, direct ou indirect "
            "(par un proche, ou par une société ou une association qu'il dirige ou qui "
            "l'emploie), le déclare aux autres Représentants et à l'Hôte. Il ne prend part ni à "
            "l'approbation de cette dépense ni à l'Instruction qui la concerne, et n'est pas "
            "compté parmi les Représentants qui la signent : nul n'approuve un paiement qui lui "
            "est destiné.",
        ),
        (
            "clause",
            "Lorsque, de ce fait, l'Instruction ne peut être émise, la dépense ou le contrat "
            "est approuvé par une Décision de la Communauté prise sans la participation du "
            "Représentant intéressé, dont le compte rendu, signé par deux membres de "
            "l'Instance de décision qui n'ont pas d'intérêt à cette dépense, tient lieu "
            "d'Instruction.",
        ),
        (
            "clause",
            "Une dépense au profit d'un dirigeant, d'un administrateur ou d'un salarié de "
            "l'Hôte, autre qu'une rémunération prévue par son contrat de travail, est signalée "
            "comme telle dans l'Instruction et dans le rapport annuel prévu à l'article "
            "⟨transparency⟩.",
        ),
        ("article", "fee", "FRAIS DE GESTION ET COORDINATION"),
        (
            "clause",
            "L'Hôte conserve, au titre de ses frais de gestion, "
            "{{ contract.host_fee_percent|rate_in_full }} du montant hors taxes de chaque somme "
            "qu'il reçoit en vue de son affectation au Commun, à la date de son encaissement ; "
            "la taxe sur la valeur ajoutée qu'il collecte, le cas échéant, sur une somme reçue "
            "n'entre ni dans l'assiette des frais de gestion ni dans les Fonds du Commun. Les "
            "frais de gestion couvrent l'ensemble des services prévus à l'article ⟨object⟩ et "
            "ne donnent lieu à aucune autre facturation ; ils sont réduits ou supprimés pour "
            "un financement dans les conditions de l'article ⟨subsidies⟩.",
        ),
        ("tag", "{%p if contract.coordination_percent is not none %}"),
        (
            "clause",
            "Une part égale à {{ contract.coordination_percent|rate_in_full }} de chaque Budget "
            "de développement est réservée à la coordination et à l'animation de la "
            "Communauté ; une Décision de la Communauté désigne les personnes rémunérées pour "
            "ces missions.",
        ),
        ("tag", "{%p endif %}"),
        ("article", "pay", "RÉMUNÉRATION DES CONTRIBUTEURS"),
        (
            "clause",
            "Les Contributeurs sont rémunérés pour le travail décidé par la Communauté"
            "{% if contract.hourly_rate is not none %}, sur la base d'un taux horaire "
            "compris entre {{ contract.hourly_rate.min|amount_in_full }} et "
            "{{ contract.hourly_rate.max|amount_in_full }} hors taxes{% else %}, selon les "
            "conditions fixées par une Décision de la Communauté{% endif %}.",
        ),
        (
            "clause",
            "L'Hôte paie un Contributeur (a) sur devis accepté par une Instruction puis sur "
            "facture, lorsque le Contributeur exerce une activité indépendante, ou (b) comme "
            "salarié, en vertu d'un contrat de travail que l'Hôte conclut sur Instruction, sur "
            "la base d'un relevé d'heures validé par la Communauté. Il ne rémunère aucun "
            "Contributeur en dehors de ces cadres.",
        ),
        (
            "clause",
            "Pour tout contrat d'un montant d'au moins cinq mille euros (5 000,00 €) hors "
            "taxes, l'Hôte obtient du Contributeur, lors de sa conclusion puis tous les six (6) "
            "mois jusqu'à la fin de son exécution, les documents prévus à l'article D. 8222-5 "
            "du Code du travail.",
        ),
        ("article", "subsidies", "SUBVENTIONS ET AUTRES FINANCEMENTS"),
        (
            "clause",
            "L'Hôte sollicite et reçoit en son nom les subventions destinées au Commun, sur "
            "Instruction ; il en respecte les conditions d'emploi et rend compte au financeur. "
            "Les Représentants lui fournissent les éléments nécessaires.",
        ),
        (
            "clause",
            "Une subvention de l'État ne peut être employée, en tout ou partie, en subventions "
            "à d'autres associations, sociétés, collectivités privées ou œuvres sans "
            "l'autorisation formelle prévue à l'article 15 du décret-loi du 2 mai 1938 ; une "
            "subvention d'une collectivité territoriale ou d'un groupement de collectivités, "
            "que si la convention conclue avec elle le prévoit expressément (article L. 1611-4 "
            "du code général des collectivités territoriales). L'Hôte obtient cette "
            "autorisation ou cette stipulation avant tout engagement ; à défaut, il n'emploie la "
            "subvention qu'au paiement de prestations effectivement rendues au Commun, sur "
            "facture, ou de salaires.",
        ),
        (
            "clause",
            "Lorsque les conditions d'un financement plafonnent les frais de gestion ou de "
            "structure qui peuvent lui être imputés, les frais de gestion prévus à l'article "
            "⟨fee⟩ sont réduits à ce plafond pour ce financement ; lorsqu'elles les excluent, "
            "aucun frais de gestion n'est prélevé sur lui.",
        ),
        ("article", "debt", "DETTE CONTRIBUTIVE"),
        (
            "clause",
            "La Communauté tient, sous sa responsabilité, un registre de la Dette contributive "
            "indiquant pour chaque fondateur ou premier contributeur la nature du travail non "
            "rémunéré, sa période, le temps consacré et sa valorisation, arrêtés par une "
            "Décision de la Communauté. L'Hôte en conserve une copie.",
        ),
        (
            "clause",
            "La Dette contributive est payée sur les Fonds du Commun, sur Instruction, dans "
            "l'ordre et au rythme que fixe la Communauté et dans la limite du solde disponible ; "
            "chaque paiement rémunère un travail et suit les règles de l'article ⟨pay⟩. La "
            "Dette contributive n'est pas une dette de l'Hôte.",
        ),
        (
            "clause",
            "Afin de limiter la formation d'une nouvelle dette, le travail décidé par la "
            "Communauté est, autant que possible, rémunéré dès son accomplissement.",
        ),
        ("article", "expenses", "ENGAGEMENT DES DÉPENSES ET DÉLAIS DE PAIEMENT"),
        (
            "clause",
            "Toute dépense fait l'objet, avant d'être engagée, d'une Instruction, dans le cadre "
            "d'un budget fixé par une Décision de la Communauté.",
        ),
        (
            "clause",
            "L'Hôte paie chaque dépense approuvée dans un délai de "
            "{{ contract.payment_days|days }} à compter de la réception de la facture ou de la "
            "pièce justificative conforme, dans la limite du solde disponible des Fonds du "
            "Commun.",
        ),
        (
            "clause",
            "L'Hôte conserve les pièces justificatives pendant six (6) ans au moins à compter "
            "de la date à laquelle elles ont été établies (article L. 102 B du livre des "
            "procédures fiscales) et, en tout état de cause, jusqu'à l'expiration de la "
            "prescription des actions nées du présent contrat.",
        ),
        ("article", "transparency", "TRANSPARENCE ET REDDITION DES COMPTES"),
        (
            "clause",
            "L'Hôte tient un état public des Fonds du Commun (recettes, dépenses, solde), mis à "
            "jour au moins chaque trimestre et accessible à tous les membres de la Communauté.",
        ),
        (
            "clause",
            "Dans les trois (3) mois qui suivent la clôture de chaque exercice, l'Hôte remet "
            "aux Représentants un rapport annuel présentant les sommes reçues par origine, les "
            "frais de gestion prélevés, les dépenses par nature et par bénéficiaire, et le "
            "solde des Fonds du Commun.",
        ),
        (
            "clause",
            "La Communauté dispose de {{ contract.dispute_days|days }} à compter de la "
            "réception du rapport pour en contester par écrit tout élément ; passé ce délai, le "
            "rapport est réputé approuvé, sauf erreur matérielle. Les Représentants peuvent à "
            "tout moment obtenir communication des pièces justificatives.",
        ),
        ("article", "ip", "PROPRIÉTÉ INTELLECTUELLE, NOMS ET COMPTES"),
        (
            "clause",
            "Le présent contrat n'opère aucune cession de droits. La Communauté, qui n'a pas la "
            "personnalité juridique, n'est titulaire d'aucun droit : les contributions au "
            "Commun appartiennent à leurs auteurs ou à leurs ayants droit, qui les diffusent "
            "sous la licence {{ commons.licence|licence_name }}.",
        ),
        (
            "clause",
            "Les logiciels et leur documentation créés par les salariés de l'Hôte dans "
            "l'exercice de leurs fonctions ou d'après ses instructions sont dévolus à l'Hôte "
            "(article L. 113-9 du code de la propriété intellectuelle) ; pour les autres "
            "œuvres, l'Hôte obtient de ses salariés, et stipule dans les devis et contrats "
            "conclus avec les Contributeurs, l'autorisation de les diffuser sous la licence du "
            "Commun. L'Hôte s'engage à publier sous cette licence, au plus tard lors de leur "
            "remise au Commun, tous les travaux payés sur les Fonds du Commun dont il détient "
            "les droits, et à ne s'en réserver aucun usage exclusif.",
        ),
        (
            "clause",
            "Lorsque l'Hôte enregistre pour le Commun un nom de domaine, une marque, un compte "
            "en ligne ou tout autre élément, il en est titulaire ; il ne l'emploie et n'en "
            "dispose que selon les Instructions, et le transfère à l'Hôte successeur dans les "
            "conditions de l'article ⟨successor⟩.",
        ),
        ("article", "contracts", "CONTRATS CONCLUS POUR LE COMMUN"),
        (
            "clause",
            "L'Hôte conclut en son nom les contrats que la Communauté décide (commandes, "
            "contrats de prestation, contrats de réciprocité, conventions de financement), sur "
            "Instruction et dans la limite du solde disponible des Fonds du Commun.",
            "contracts_instruction",
        ),
        (
            "clause",
            "Entre les Parties, les charges nées de ces contrats sont supportées par les Fonds "
            "du Commun. L'Hôte ne peut refuser de conclure un contrat que dans les cas prévus à "
            "l'article ⟨decision⟩.",
        ),
        ("article", "confidentiality", "CONFIDENTIALITÉ"),
        (
            "clause",
            "Chaque Partie garde confidentielles les informations non publiques qu'elle reçoit "
            "au titre du présent contrat, notamment les données personnelles des Contributeurs "
            "et des salariés de l'Hôte, les coordonnées bancaires et les éléments des "
            "négociations avec les financeurs, et ne les communique qu'aux personnes qui "
            "doivent en connaître pour son exécution, tenues au même secret.",
        ),
        (
            "clause",
            "Ne sont pas confidentielles les informations que l'article ⟨transparency⟩ rend "
            "publiques, ni celles qu'une Partie est tenue de communiquer en vertu de la loi ou "
            "d'une décision de justice. L'obligation de confidentialité dure pendant le contrat "
            "et cinq (5) ans après sa fin.",
        ),
        ("article", "liability", "RESPONSABILITÉ ET ASSURANCE"),
        (
            "clause",
            "L'Hôte est tenu d'une obligation de moyens dans la gestion des Fonds du Commun. Il "
            "répond de ses fautes ; il ne répond ni des Décisions de la Communauté ni du "
            "contenu du Commun.",
        ),
        (
            "clause",
            "L'Hôte déclare être assuré en responsabilité civile pour ses activités, y compris "
            "l'hébergement objet des présentes, et en justifie sur demande des Représentants.",
        ),
        ("article", "gdpr", "DONNÉES PERSONNELLES"),
        (
            "clause",
            "L'Hôte est responsable du traitement des données personnelles des Représentants, "
            "des Contributeurs, des financeurs et des autres personnes concernées par "
            "l'exécution du présent contrat. Il les traite pour les finalités suivantes : (a) "
            "l'exécution du présent contrat et des contrats conclus pour le Commun (réception "
            "et emploi des Fonds du Commun, paiements, suivi des Instructions), sur le "
            "fondement de l'exécution d'un contrat (article 6, paragraphe 1, b) du règlement "
            "(UE) 2016/679, « RGPD ») ; (b) la tenue de sa comptabilité et le respect de ses "
            "obligations fiscales et sociales, sur le fondement de ses obligations légales "
            "(article 6, paragraphe 1, c) du RGPD) ; (c) la publication, dans l'état public et "
            "le rapport de transparence, du nom d'une personne physique et des sommes qui lui "
            "sont versées, sur le seul fondement de son consentement (article 6, paragraphe 1, "
            "a) du RGPD), à défaut duquel ces sommes n'y figurent que de manière agrégée.",
        ),
        (
            "clause",
            "Les données sont conservées pendant la durée du contrat puis cinq (5) ans après sa "
            "fin, les pièces comptables pendant la durée prévue à l'article ⟨expenses⟩, et les "
            "noms publiés jusqu'au retrait du consentement. Elles ne sont communiquées qu'aux "
            "Représentants, à l'Instance de décision pour ce que ses décisions requièrent, à "
            "l'expert-comptable et, le cas échéant, au commissaire aux comptes de l'Hôte, aux "
            "financeurs pour les comptes rendus qu'ils exigent et aux établissements bancaires ; "
            "elles ne sont pas transférées hors de l'Union européenne sans les garanties prévues "
            "au chapitre V du RGPD.",
        ),
        (
            "clause",
            "Toute personne concernée peut exercer ses droits d'accès, de rectification, "
            "d'effacement, de limitation, d'opposition et de portabilité, et retirer à tout "
            "moment son consentement, sans effet sur la licéité du traitement antérieur, en "
            "écrivant à l'Hôte{% if host.email %} à l'adresse {{ host.email }}{% endif %} ; "
            "elle peut introduire une réclamation auprès de la Commission nationale de "
            "l'informatique et des libertés (CNIL). Chaque Représentant ne traite les données "
            "personnelles qu'il reçoit en cette qualité que pour l'exécution du présent contrat.",
        ),
        ("article", "hardship", "IMPRÉVISION ET FORCE MAJEURE"),
        (
            "clause",
            "Si un changement de circonstances imprévisible lors de la conclusion du contrat "
            "rend son exécution excessivement onéreuse pour une Partie qui n'avait pas accepté "
            "d'en assumer le risque, celle-ci peut demander une renégociation du contrat à "
            "l'autre Partie ; elle continue d'exécuter ses obligations pendant la renégociation. "
            "En cas de refus ou d'échec de la renégociation dans les trente (30) jours de la "
            "demande, chaque Partie peut résilier le contrat dans les conditions de l'article "
            "⟨term⟩. Les Parties renoncent à demander au juge la révision ou la résolution du "
            "contrat en application de l'article 1195 du Code civil.",
        ),
        (
            "clause",
            "Aucune Partie n'est responsable de l'inexécution d'une obligation due à un cas de "
            "force majeure au sens de l'article 1218 du Code civil. La Partie empêchée en "
            "informe l'autre sans délai ; l'exécution de l'obligation est suspendue tant que "
            "dure l'empêchement, sauf s'il s'agit de payer une somme d'argent. Si l'empêchement "
            "dure plus de trois (3) mois, chaque Partie peut résilier le contrat par "
            "notification écrite, sans indemnité.",
        ),
        ("article", "term", "DURÉE, RENOUVELLEMENT ET RÉSILIATION"),
        (
            "clause",
            "Le présent contrat prend effet le {{ contract.effective_date|long_date }}"
            "{% if contract.end %} et prend fin le {{ contract.end|long_date }}"
            "{% if contract.duration_months %}, soit une durée de "
            "{{ contract.duration_months|months }}{% endif %}"
            "{% if contract.renewal == 'tacit' %}. Il est ensuite renouvelé par tacite "
            "reconduction pour des périodes successives de même durée, sauf dénonciation par "
            "l'une des Parties notifiée au moins {{ contract.notice_days|days }} avant "
            "l'échéance{% else %}. Il n'est pas renouvelé tacitement ; sa prolongation fait "
            "l'objet d'un avenant{% endif %}{% else %}. Il est conclu pour une durée "
            "indéterminée{% endif %}.",
        ),
        (
            "clause",
            "Chaque Partie peut résilier le contrat à tout moment, sans avoir à motiver sa "
            "décision, moyennant un préavis de {{ contract.notice_days|days }} notifié dans les "
            "formes de l'article ⟨notices⟩. Pour la Communauté, la résiliation est décidée par "
            "une Décision de la Communauté et notifiée par une Instruction.",
        ),
        (
            "clause",
            "En cas de manquement grave d'une Partie à ses obligations auquel il n'est pas "
            "remédié dans un délai de {{ contract.breach_notice_days|days }} après une mise en "
            "demeure restée sans effet, l'autre Partie peut résilier le contrat de plein droit "
            "par notification écrite, sans préjudice de tous dommages et intérêts.",
        ),
        (
            "clause",
            "Les articles ⟨transparency⟩ (pour le dernier rapport), ⟨confidentiality⟩, "
            "⟨gdpr⟩, ⟨successor⟩ et ⟨disputes⟩ survivent à l'expiration ou à la résiliation du "
            "contrat jusqu'à leur complète exécution.",
        ),
        ("article", "insolvency", "DISSOLUTION OU DIFFICULTÉS DE L'HÔTE"),
        (
            "clause",
            "En cas de dissolution de l'Hôte, le présent contrat prend fin à la date de la "
            "décision de dissolution. L'Hôte ou son liquidateur transfère le solde des Fonds "
            "du Commun et les éléments prévus à l'article ⟨ip⟩ à l'Hôte successeur selon "
            "l'article ⟨successor⟩, avant toute dévolution de son actif net : ces sommes, "
            "affectées au Commun par le présent contrat et inscrites en fonds dédiés, ne font "
            "pas partie de l'actif à dévoluer.",
        ),
        (
            "clause",
            "Les Parties savent que les Fonds du Commun, propriété de l'Hôte, feraient partie "
            "de son patrimoine si une procédure de sauvegarde, de redressement ou de "
            "liquidation judiciaire était ouverte à son égard : les Contributeurs et l'Hôte "
            "successeur n'y auraient que les droits de créanciers, et l'ouverture de la "
            "procédure n'entraînerait pas à elle seule la résiliation du contrat (article "
            "L. 622-13 du Code de commerce). Pour réduire ce risque, l'Hôte tient les Fonds du "
            "Commun sur le compte dédié prévu à l'article ⟨fund⟩ et informe les Représentants "
            "sans délai de toute difficulté de nature à compromettre la continuité de son "
            "activité ; la Communauté peut alors décider, à tout moment, le transfert du solde "
            "non engagé à un Hôte successeur, que l'Hôte exécute sur Instruction.",
        ),
        ("article", "successor", "HÔTE SUCCESSEUR ET TRANSFERT DES FONDS"),
        (
            "clause",
            "À l'expiration ou à la résiliation du contrat, pour quelque cause que ce soit, la "
            "Communauté choisit par une Décision de la Communauté un nouvel hôte (« l'Hôte "
            "successeur ») et le désigne à l'Hôte par une Instruction.",
        ),
        (
            "clause",
            "Dans les {{ contract.successor_transfer_days|days }} qui suivent la fin du contrat "
            "ou, si elle est postérieure, la désignation de l'Hôte successeur, l'Hôte lui "
            "transfère le solde des Fonds du Commun, déduction faite des dépenses déjà "
            "engagées, ainsi que les noms de domaine, comptes et autres éléments prévus à "
            "l'article ⟨ip⟩, et lui remet un état final des comptes avec les pièces "
            "justificatives. Il lui cède les contrats de réciprocité conclus au bénéfice du "
            "Commun, auxquels les acteurs ont consenti par avance (article 1216 du Code civil). "
            "Les sommes issues d'une subvention ne sont transférées qu'avec l'accord du "
            "financeur.",
        ),
        (
            "clause",
            "À défaut de désignation d'un Hôte successeur dans les six (6) mois qui suivent la "
            "fin du contrat, l'Hôte transfère le solde à un autre commun ou à un organisme sans "
            "but lucratif poursuivant un objet similaire, choisi par une Décision de la "
            "Communauté ou, à défaut, par l'Hôte après avis des Représentants, dans le respect "
            "de l'intention des financeurs.",
        ),
        ("article", "notices", "NOTIFICATIONS"),
        (
            "clause",
            "Les notifications prévues au présent contrat sont faites par écrit aux adresses "
            "indiquées en tête des présentes{% if host.email %} (pour l'Hôte, également "
            "{{ host.email }}){% endif %} ou à celles qu'une Partie a notifiées depuis. Une "
            "résiliation, une mise en demeure ou une dénonciation est notifiée par lettre "
            "recommandée avec demande d'avis de réception, ou par courrier électronique dont le "
            "destinataire accuse réception ; elle prend effet à sa réception. Les autres "
            "communications, dont les Instructions, peuvent être faites par courrier "
            "électronique.",
        ),
        ("article", "amendments", "MODIFICATIONS ET DISPOSITIONS GÉNÉRALES"),
        (
            "clause",
            "Toute modification du présent contrat fait l'objet d'un avenant écrit signé par "
            "l'Hôte et par les Représentants en fonction, sous réserve de l'article "
            "⟨representation⟩ pour la désignation et le départ d'un Représentant.",
        ),
        (
            "clause",
            "L'Hôte ne peut céder le présent contrat qu'à un Hôte successeur désigné selon "
            "l'article ⟨successor⟩. Le présent contrat exprime l'intégralité de l'accord des "
            "Parties sur son objet ; si l'une de ses stipulations était déclarée nulle, les "
            "autres conserveraient leur plein effet.",
        ),
        (
            "clause",
            "Le présent contrat est rédigé en français. S'il en est fait une traduction, "
            "notamment en anglais, seule la version française fait foi.",
        ),
        ("article", "disputes", "DROIT APPLICABLE, MÉDIATION ET LITIGES"),
        ("clause", "Le présent contrat est soumis au droit français."),
        (
            "clause",
            "Tout différend relatif au présent contrat est soumis, avant toute action en "
            "justice, à une médiation. La Partie la plus diligente le notifie à l'autre ; à "
            "défaut d'accord amiable dans les trente (30) jours de la notification, elle "
            f"demande {MEDIATOR_FR}, à moins que les Parties ne s'accordent sur son choix dans "
            "les quinze (15) jours de la demande. Les frais de la médiation "
            "sont supportés pour moitié par l'Hôte et pour moitié par les Fonds du Commun. Une "
            "action en justice introduite sans médiation préalable est irrecevable, sauf pour "
            "obtenir des mesures urgentes, provisoires ou conservatoires.",
        ),
        (
            "clause",
            "À défaut d'accord dans les soixante (60) jours qui suivent la désignation du "
            "médiateur, le différend est porté devant la juridiction compétente.",
        ),
        ("article", "signature", "SIGNATURE ET PREUVE"),
        ("tag", f"{{%p if {HANDWRITTEN} %}}"),
        (
            "clause",
            "Le présent contrat est signé de manière manuscrite, en autant d'exemplaires "
            "originaux que de parties ayant un intérêt distinct (article 1375 du Code civil) ; "
            "les Représentants, qui ont un même intérêt, reçoivent ensemble un exemplaire "
            "original et chacun une copie.",
        ),
        ("tag", "{%p else %}"),
        (
            "clause",
            "Le présent contrat est signé par voie électronique, conformément aux articles 1366 "
            f"et 1367 du Code civil, au moyen d'une signature électronique {EIDAS_FR}. Le fichier "
            "signé vaut original pour chaque Partie.",
        ),
        (
            "clause",
            "Les Parties conviennent, en application de l'article 1368 du Code civil, que le "
            "fichier PDF du contrat signé électroniquement, l'empreinte de ses termes indiquée "
            "ci-dessous et le dossier de preuve établi par le service de signature font preuve "
            "entre elles du contenu du contrat, de l'identité des signataires et de leur "
            "consentement ; elles s'interdisent d'en contester la valeur probante au seul "
            "motif de leur forme électronique.",
        ),
        ("tag", "{%p endif %}"),
        (
            "clause",
            "L'empreinte des termes du présent contrat (SHA-256) est calculée sur l'ensemble de "
            "son texte et des données qui le composent : Parties, Représentants, signataires, "
            "stipulations et modèle employé. Elle figure ci-dessous en entier, et ses seize "
            "(16) premiers caractères au pied de chaque page ; la moindre modification de l'un "
            "de ces éléments la change.",
        ),
        ("fingerprint", "Empreinte des termes : {{ terms_sha256 }}"),
        ("tag", f"{{%p if {HANDWRITTEN} %}}"),
        (
            "place",
            "Fait {{ contract.place_of_signature|à }}, le ____________________, en "
            "{{ copies.words }} ({{ copies.count }}) exemplaires originaux.",
        ),
        ("tag", "{%p endif %}"),
        ("signatures", *SIGNATURES_FR),
    ]


def hosting_en() -> list[Block]:
    """The commons hosting agreement, in English."""
    return [
        ("title", "COMMONS HOSTING AGREEMENT"),
        ("subtitle", "Commons “{{ commons.name }}”"),
        ("reference", "Agreement reference: {{ contract.id }}"),
        ("section", "BETWEEN THE UNDERSIGNED:"),
        ("p", party_en("host")),
        ("p", "hereinafter “the Host”,"),
        ("right", "of the one part,"),
        ("section", "AND:"),
        (
            "p",
            "The natural persons listed below, designated by the community of the commons "
            "“{{ commons.name }}” to convey its decisions to the Host, each acting in their own "
            "name:",
        ),
        ("tag", "{%p for r in commons.representatives %}"),
        (
            "item",
            "{{ r.name }} ({{ r.email }}), {{ r.mandate }}{% if loop.last %},{% else %};"
            "{% endif %}",
        ),
        ("tag", "{%p endfor %}"),
        (
            "p",
            "hereinafter together “the Representatives” and each “a Representative”,",
        ),
        ("right", "of the other part,"),
        (
            "p",
            "The Host and the Representatives being hereinafter together “the Parties” and "
            "each “a Party”.",
        ),
        ("section", "RECITALS"),
        (
            "p",
            "The commons “{{ commons.name }}” (hereinafter “the Commons”) is a shared resource, "
            "produced and governed by a community of contributors (hereinafter “the "
            "Community”). {{ commons.description }}{% if commons.url %} It is available at "
            "{{ commons.url }}.{% endif %} Its contents are published under the licence "
            "{{ commons.licence|licence_name }}.",
        ),
        (
            "p",
            "Neither the Commons nor the Community has legal personality: they can neither "
            "enter into contracts, nor hold a bank account, nor receive funds. The Community "
            "decides collectively on the direction of the Commons and the use of its "
            "resources; its decisions are taken by {{ commons.governance.decision_body }}, "
            "{{ commons.governance.decision_rule }}{% if commons.governance.charter_url %}, "
            "under the governance charter published at {{ commons.governance.charter_url }}, "
            "which the Parties declare they know{% endif %}.",
        ),
        (
            "p",
            "The Host agrees to receive in its own name the sums intended for the Commons, to "
            "own them on condition that it earmarks them exclusively for the Commons and uses "
            "them only as the Community decides, and to provide administrative services to the "
            "Commons, without any power of decision over it. The Representatives undertake, in "
            "their own name, to convey these decisions faithfully to the Host. The Host's "
            "undertakings are given to them and, as a stipulation for the benefit of third "
            "parties, for the benefit of the Contributors defined below (article 1205 of the "
            "French Civil Code).",
        ),
        ("center", "NOW, THEREFORE, THE PARTIES AGREE AS FOLLOWS:"),
        ("article", "definitions", "DEFINITIONS"),
        (
            "p",
            "In this agreement, the following capitalised terms, in the singular or the plural, "
            "have the meaning given to them below:",
        ),
        (
            "item",
            "“Commons”: the resource “{{ commons.name }}” described in the recitals, including "
            "its contents, its code, its documentation and the names that designate it;",
        ),
        (
            "item",
            "“Community”: all the contributors to the Commons, who decide according to the "
            "governance rules described in the recitals;",
        ),
        (
            "item",
            "“Decision Body”: {{ commons.governance.decision_body }}, which decides "
            "{{ commons.governance.decision_rule }};",
        ),
        (
            "item",
            "“Community Decision”: a decision of the Decision Body taken under those rules and "
            "recorded in writing (minutes, record of decisions or message posted where the "
            "Community deliberates);",
        ),
        (
            "item",
            "“Instruction”: a writing addressed to the Host, an e-mail being sufficient, from "
            f"{INSTRUCTION_SIGNERS_EN} who have no personal interest in its subject within the "
            "meaning of article ⟨conflicts⟩, stating the Community Decision it implements;",
        ),
        (
            "item",
            "“Commons Funds”: the sums the Host receives to be earmarked for the Commons "
            "(co-financing, grants, gifts, and royalties and gifts received under reciprocity "
            "agreements), less the host fee provided for in article ⟨fee⟩;",
        ),
        (
            "item",
            "“Contributor”: any natural or legal person who does work for the Commons at the "
            "request or with the agreement of the Community;",
        ),
        (
            "item",
            "“Development Budget”: the budget that a Community Decision allocates to an "
            "identified step in the development of the Commons;",
        ),
        (
            "item",
            "“Contributive Debt”: the value of the unpaid work done by the founders and first "
            "contributors of the Commons, recorded under article ⟨debt⟩.",
        ),
        ("article", "object", "PURPOSE"),
        (
            "clause",
            "The purpose of this agreement is to set out the terms on which the Host (i) "
            "receives the Commons Funds in its own name, earmarks them exclusively for the "
            "Commons and uses them according to the Community Decisions, and (ii) provides "
            "administrative services to the Commons: collecting payments, keeping separate "
            "accounts, paying Contributors and suppliers, preparing accounting and tax "
            "documents, entering into the contracts decided by the Community.",
        ),
        (
            "clause",
            "The hosting covers these funds and services only. It gives the Host no right over "
            "the Commons itself, and no power of decision over its direction.",
        ),
        ("article", "fund", "COMMONS FUNDS: OWNERSHIP, EARMARKING AND DEDICATED ACCOUNT"),
        (
            "clause",
            "The Host owns the Commons Funds, which it receives in its own name. It undertakes "
            "to the Representatives and, under article 1205 of the French Civil Code, for the "
            "benefit of the Contributors, who may demand its performance as far as they are "
            "concerned, to earmark them exclusively for the Commons and to use them only "
            "according to the Community Decisions.",
        ),
        (
            "clause",
            "The Host records the Commons Funds in separate analytical accounts showing at any "
            "time their receipts, payments and balance, and records the part not yet used as "
            "dedicated funds (fonds dédiés) in its annual accounts (ANC regulation "
            "no. 2018-06).",
        ),
        (
            "clause",
            "Within thirty (30) days of the agreement taking effect, the Host opens in its own "
            "name a bank account dedicated to the Commons, separate from its other accounts, "
            "and gives its details to the Representatives. It pays the Commons Funds into it "
            "and no other sum; a sum intended for the Commons received on another account is "
            "transferred to it within fifteen (15) days of its receipt. The Host never uses the "
            "Commons Funds for its own cash needs, even temporarily.",
        ),
        (
            "clause",
            "No expense may be committed beyond the available balance of the Commons Funds. The "
            "Host is never bound to advance its own funds for the Commons.",
        ),
        ("article", "decision", "NO DECISION RIGHT FOR THE HOST"),
        (
            "clause",
            "The Community alone decides, through Community Decisions, on the direction of the "
            "Commons and the use of the Commons Funds. The Host carries out the Instructions "
            "that convey them; it exercises no power of decision, review of expediency or veto "
            "over the Commons, its contents or the use of the Commons Funds.",
        ),
        (
            "clause",
            "The Host may refuse to carry out an Instruction only in the following three "
            "cases: (a) carrying it out would exceed the available balance of the Commons "
            "Funds; (b) it is manifestly unlawful; (c) it breaches a written condition of use "
            "of funding received for the Commons (article ⟨subsidies⟩). It notifies its "
            "refusal and its reasons to the Representatives in writing within eight (8) days "
            "of receiving the Instruction.",
        ),
        (
            "clause",
            "Where the Host employs a Contributor under an employment contract, it keeps the "
            "employer's power of direction and obligations towards them (working time, health "
            "and safety, discipline); the Community decides on the work funded and approves "
            "its result, without exercising any authority over the employee.",
        ),
        ("article", "representation", "REPRESENTATIVES AND INSTRUCTIONS"),
        (
            "clause",
            "The Community addresses the Host through Instructions. Every Instruction comes "
            f"from {INSTRUCTION_SIGNERS_EN} and states the Community Decision it implements; the "
            "Host may ask for a copy of that Decision.",
            "instructions",
        ),
        (
            "clause",
            "The Community may at any time designate a new Representative or end the functions "
            "of a Representative, by a Community Decision notified to the Host by an "
            "Instruction. A new Representative becomes a Party to this agreement by signing a "
            "deed of accession accepting its terms, and acts as such from the Host's receipt of "
            "that deed. A Representative whose functions end ceases to be a Party, for the "
            "future, from the Host's receipt of the notification. These changes require no "
            "amendment.",
        ),
        (
            "clause",
            "Where the number of Representatives in office no longer allows an Instruction to "
            "be given, the Community designates new ones without delay; in the meantime, the "
            "Host carries out only the expenses already approved and those needed to preserve "
            "the Commons Funds.",
        ),
        (
            "clause",
            "The Host may rely on an Instruction that is regular in form. It need not check the "
            "regularity of the Community's internal deliberations, unless it has serious "
            "doubts, which it then reports to the Representatives.",
        ),
        (
            "clause",
            "Each Representative undertakes to convey the Community Decisions faithfully and to "
            "sign no Instruction that does not implement one. The Representatives owe the Host "
            "no payment and no guarantee of the undertakings given for the Commons; each is "
            "liable only for their own breaches of the obligations this agreement places on "
            "them.",
        ),
        ("article", "conflicts", "CONFLICTS OF INTEREST"),
        (
            "clause",
            "A Representative who is the beneficiary of an expense or the other party to a "
            "contract entered into for the Commons, or who has a personal interest in it, "
            "direct or indirect (through a relative, or a company or association they manage "
            "or that employs them), declares it to the other Representatives and to the Host. "
            "They take no part in approving that expense or in the Instruction about it, and "
            "are not counted among the Representatives who sign it: nobody approves a payment "
            "made to themselves.",
        ),
        (
            "clause",
            "Where, as a result, the Instruction cannot be given, the expense or contract is "
            "approved by a Community Decision taken without the interested Representative, "
            "whose minutes, signed by two members of the Decision Body who have no interest in "
            "that expense, stand as the Instruction.",
        ),
        (
            "clause",
            "An expense for the benefit of a manager, a board member or an employee of the "
            "Host, other than the pay provided for by their employment contract, is reported as "
            "such in the Instruction and in the annual report provided for in article "
            "⟨transparency⟩.",
        ),
        ("article", "fee", "HOST FEE AND COORDINATION"),
        (
            "clause",
            "The Host keeps, as its host fee, {{ contract.host_fee_percent|rate_in_full }} of "
            "the amount excluding VAT of each sum it receives to be earmarked for the Commons, "
            "on the date it is received; any VAT it collects on a sum received is neither part "
            "of the basis of the host fee nor of the Commons Funds. The host fee covers all the "
            "services provided for in article ⟨object⟩ and gives rise to no other invoice; it "
            "is reduced or waived for funding covered by article ⟨subsidies⟩.",
        ),
        ("tag", "{%p if contract.coordination_percent is not none %}"),
        (
            "clause",
            "A share of {{ contract.coordination_percent|rate_in_full }} of each Development "
            "Budget is reserved for coordinating and animating the Community; a Community "
            "Decision designates the persons paid for these tasks.",
        ),
        ("tag", "{%p endif %}"),
        ("article", "pay", "PAY OF CONTRIBUTORS"),
        (
            "clause",
            "Contributors are paid for the work decided by the Community"
            "{% if contract.hourly_rate is not none %}, at an hourly rate between "
            "{{ contract.hourly_rate.min|amount_in_full }} and "
            "{{ contract.hourly_rate.max|amount_in_full }} excluding VAT{% else %}, on the "
            "terms set by a Community Decision{% endif %}.",
        ),
        (
            "clause",
            "The Host pays a Contributor (a) on a quote accepted by an Instruction and then on "
            "invoice, where the Contributor is self-employed, or (b) as an employee, under an "
            "employment contract the Host enters into on an Instruction, on a record of hours "
            "approved by the Community. It pays no Contributor outside these frameworks.",
        ),
        (
            "clause",
            "For any contract of at least five thousand euros (€5,000.00) excluding VAT, the "
            "Host obtains from the Contributor, when it is entered into and then every six (6) "
            "months until it ends, the documents listed in article D. 8222-5 of the French "
            "Labour Code.",
        ),
        ("article", "subsidies", "GRANTS AND OTHER FUNDING"),
        (
            "clause",
            "The Host applies for and receives in its own name the grants intended for the "
            "Commons, on an Instruction; it complies with their conditions of use and reports "
            "to the funder. The Representatives give it the information needed.",
        ),
        (
            "clause",
            "A State grant may not be used, in whole or in part, for grants to other "
            "associations, companies, private bodies or charities without the formal "
            "authorisation provided for in article 15 of the décret-loi of 2 May 1938; a grant "
            "from a local authority or a grouping of local authorities, only where the "
            "agreement entered into with it expressly provides so (article L. 1611-4 of the "
            "French General Code of Local Authorities). The Host obtains that authorisation or "
            "that provision before any commitment; failing it, it uses the grant only to pay "
            "for services actually rendered to the Commons, on invoice, or for salaries.",
        ),
        (
            "clause",
            "Where a funder's conditions cap the management or overhead costs that may be "
            "charged to its funding, the host fee provided for in article ⟨fee⟩ is reduced to "
            "that cap for that funding; where they exclude them, no host fee is taken from it.",
        ),
        ("article", "debt", "CONTRIBUTIVE DEBT"),
        (
            "clause",
            "The Community keeps, under its responsibility, a register of the Contributive Debt "
            "stating for each founder or first contributor the nature of the unpaid work, its "
            "period, the time spent and its value, as set by a Community Decision. The Host "
            "keeps a copy of it.",
        ),
        (
            "clause",
            "The Contributive Debt is paid from the Commons Funds, on an Instruction, in the "
            "order and at the pace the Community sets and within the available balance; each "
            "payment pays for work and follows article ⟨pay⟩. The Contributive Debt is not a "
            "debt of the Host.",
        ),
        (
            "clause",
            "To limit the growth of a new debt, the work decided by the Community is paid, as "
            "far as possible, as soon as it is done.",
        ),
        ("article", "expenses", "EXPENSES AND PAYMENT DEADLINES"),
        (
            "clause",
            "Every expense is the subject of an Instruction before it is committed, within a "
            "budget set by a Community Decision.",
        ),
        (
            "clause",
            "The Host pays each approved expense within {{ contract.payment_days|days }} of "
            "receiving the invoice or the proper supporting document, within the available "
            "balance of the Commons Funds.",
        ),
        (
            "clause",
            "The Host keeps the supporting documents for at least six (6) years from the date "
            "they were drawn up (article L. 102 B of the French Book of Tax Procedures) and, in "
            "any event, until the limitation period of the actions arising from this agreement "
            "has expired.",
        ),
        ("article", "transparency", "TRANSPARENCY AND ACCOUNTS"),
        (
            "clause",
            "The Host keeps a public statement of the Commons Funds (receipts, payments, "
            "balance), updated at least every quarter and available to all members of the "
            "Community.",
        ),
        (
            "clause",
            "Within three (3) months of the end of each financial year, the Host gives the "
            "Representatives an annual report presenting the sums received by origin, the host "
            "fees taken, the expenses by nature and by beneficiary, and the balance of the "
            "Commons Funds.",
        ),
        (
            "clause",
            "The Community has {{ contract.dispute_days|days }} from receiving the report to "
            "dispute any item of it in writing; after that, the report is deemed approved, save "
            "for a clerical error. The Representatives may at any time obtain the supporting "
            "documents.",
        ),
        ("article", "ip", "INTELLECTUAL PROPERTY, NAMES AND ACCOUNTS"),
        (
            "clause",
            "This agreement transfers no right. The Community, which has no legal personality, "
            "holds no right: the contributions to the Commons belong to their authors or their "
            "successors in title, who publish them under the licence "
            "{{ commons.licence|licence_name }}.",
        ),
        (
            "clause",
            "Software and its documentation created by the Host's employees in the course of "
            "their duties or on its instructions vest in the Host (article L. 113-9 of the "
            "French Intellectual Property Code); for other works, the Host obtains from its "
            "employees, and provides in the quotes and contracts made with Contributors, the "
            "permission to publish them under the licence of the Commons. The Host undertakes "
            "to publish under that licence, at the latest when they are delivered to the "
            "Commons, all the works paid from the Commons Funds whose rights it holds, and to "
            "keep no exclusive use of them.",
        ),
        (
            "clause",
            "Where the Host registers a domain name, a trademark, an online account or any "
            "other item for the Commons, it holds it; it uses and disposes of it only according "
            "to the Instructions, and transfers it to the Successor Host under article "
            "⟨successor⟩.",
        ),
        ("article", "contracts", "CONTRACTS ENTERED INTO FOR THE COMMONS"),
        (
            "clause",
            "The Host enters in its own name into the contracts the Community decides (orders, "
            "service contracts, reciprocity agreements, funding agreements), on an Instruction "
            "and within the available balance of the Commons Funds.",
            "contracts_instruction",
        ),
        (
            "clause",
            "Between the Parties, the costs arising from these contracts are borne by the "
            "Commons Funds. The Host may refuse to enter into a contract only in the cases "
            "provided for in article ⟨decision⟩.",
        ),
        ("article", "confidentiality", "CONFIDENTIALITY"),
        (
            "clause",
            "Each Party keeps confidential the non-public information it receives under this "
            "agreement, in particular the personal data of the Contributors and of the Host's "
            "employees, bank details and the elements of negotiations with funders, and "
            "discloses it only to the persons who need it to perform the agreement, bound by "
            "the same secrecy.",
        ),
        (
            "clause",
            "Information that article ⟨transparency⟩ makes public is not confidential, nor is "
            "information a Party must disclose under the law or a court decision. The "
            "confidentiality obligation lasts for the term of the agreement and five (5) years "
            "after its end.",
        ),
        ("article", "liability", "LIABILITY AND INSURANCE"),
        (
            "clause",
            "The Host has an obligation of means in managing the Commons Funds. It is liable "
            "for its faults; it is liable neither for the Community Decisions nor for the "
            "content of the Commons.",
        ),
        (
            "clause",
            "The Host declares that it holds civil liability insurance for its activities, "
            "including the hosting covered by this agreement, and shows proof of it at the "
            "Representatives' request.",
        ),
        ("article", "gdpr", "PERSONAL DATA"),
        (
            "clause",
            "The Host is the controller of the personal data of the Representatives, the "
            "Contributors, the funders and the other persons concerned by the performance of "
            "this agreement. It processes them for the following purposes: (a) performing this "
            "agreement and the contracts entered into for the Commons (receiving and using the "
            "Commons Funds, payments, following up the Instructions), on the basis of the "
            "performance of a contract (article 6(1)(b) of Regulation (EU) 2016/679, "
            "“GDPR”); (b) keeping its accounts and complying with its tax and social "
            "obligations, on the basis of its legal obligations (article 6(1)(c) GDPR); (c) "
            "publishing, in the public statement and the transparency report, the name of a "
            "natural person and the sums paid to them, on the sole basis of their consent "
            "(article 6(1)(a) GDPR), without which these sums appear only in aggregate form.",
        ),
        (
            "clause",
            "The data are kept for the term of the agreement and five (5) years after its end, "
            "the accounting documents for the period provided for in article ⟨expenses⟩, and "
            "published names until consent is withdrawn. They are disclosed only to the "
            "Representatives, to the Decision Body as far as its decisions require, to the "
            "Host's chartered accountant and, where applicable, statutory auditor, to funders "
            "for the reports they require and to banks; they are not transferred outside the "
            "European Union without the safeguards of Chapter V GDPR.",
        ),
        (
            "clause",
            "Any data subject may exercise their rights of access, rectification, erasure, "
            "restriction, objection and portability, and withdraw their consent at any time, "
            "without affecting the lawfulness of earlier processing, by writing to the Host"
            "{% if host.email %} at {{ host.email }}{% endif %}; they may lodge a complaint with "
            "the French data protection authority (CNIL). Each Representative processes the "
            "personal data received in that capacity only to perform this agreement.",
        ),
        ("article", "hardship", "HARDSHIP AND FORCE MAJEURE"),
        (
            "clause",
            "If a change of circumstances unforeseeable when the agreement was made renders its "
            "performance excessively onerous for a Party that had not agreed to bear that risk, "
            "that Party may ask the other to renegotiate the agreement; it continues to perform "
            "its obligations during the renegotiation. If the renegotiation is refused or fails "
            "within thirty (30) days of the request, either Party may terminate the agreement "
            "under article ⟨term⟩. The Parties waive any right to ask a court to revise or "
            "terminate the agreement under article 1195 of the French Civil Code.",
        ),
        (
            "clause",
            "No Party is liable for failing to perform an obligation because of force majeure "
            "within the meaning of article 1218 of the French Civil Code. The Party prevented "
            "informs the other without delay; the performance of the obligation is suspended "
            "for as long as the impediment lasts, save for paying a sum of money. If the "
            "impediment lasts more than three (3) months, either Party may terminate the "
            "agreement by written notice, without compensation.",
        ),
        ("article", "term", "TERM, RENEWAL AND TERMINATION"),
        (
            "clause",
            "This agreement takes effect on {{ contract.effective_date|long_date }}"
            "{% if contract.end %} and ends on {{ contract.end|long_date }}"
            "{% if contract.duration_months %}, a term of "
            "{{ contract.duration_months|months }}{% endif %}"
            "{% if contract.renewal == 'tacit' %}. It is then renewed automatically for "
            "successive periods of the same length, unless either Party gives notice at least "
            "{{ contract.notice_days|days }} before the end of the current period{% else %}. It "
            "is not renewed automatically; an extension requires an amendment{% endif %}"
            "{% else %}. It is made for an indefinite term{% endif %}.",
        ),
        (
            "clause",
            "Either Party may terminate the agreement at any time, without having to give "
            "reasons, subject to {{ contract.notice_days|days }}' notice given in the forms of "
            "article ⟨notices⟩. For the Community, termination is decided by a Community "
            "Decision and notified by an Instruction.",
        ),
        (
            "clause",
            "If a Party commits a serious breach of its obligations that is not remedied within "
            "{{ contract.breach_notice_days|days }} of a formal notice that remained without "
            "effect, the other Party may terminate the agreement by operation of law by written "
            "notice, without prejudice to any damages.",
        ),
        (
            "clause",
            "Articles ⟨transparency⟩ (for the last report), ⟨confidentiality⟩, ⟨gdpr⟩, "
            "⟨successor⟩ and ⟨disputes⟩ survive the expiry or termination of the agreement "
            "until fully performed.",
        ),
        ("article", "insolvency", "DISSOLUTION OR DIFFICULTIES OF THE HOST"),
        (
            "clause",
            "If the Host is dissolved, this agreement ends on the date of the decision to "
            "dissolve it. The Host or its liquidator transfers the balance of the Commons Funds "
            "and the items provided for in article ⟨ip⟩ to the Successor Host under article "
            "⟨successor⟩, before any allocation of its net assets: these sums, earmarked for "
            "the Commons by this agreement and recorded as dedicated funds, are not part of the "
            "assets to be allocated.",
        ),
        (
            "clause",
            "The Parties know that the Commons Funds, which the Host owns, would be part of its "
            "estate if safeguard, reorganisation or judicial liquidation proceedings were opened "
            "against it: the Contributors and the Successor Host would then have only the rights "
            "of creditors, and the opening of the proceedings would not by itself terminate the "
            "agreement (article L. 622-13 of the French Commercial Code). To reduce this risk, "
            "the Host keeps the Commons Funds on the dedicated account provided for in article "
            "⟨fund⟩ and informs the Representatives without delay of any difficulty likely to "
            "jeopardise the continuity of its activity; the Community may then decide, at any "
            "time, to transfer the uncommitted balance to a Successor Host, which the Host "
            "carries out on an Instruction.",
        ),
        ("article", "successor", "SUCCESSOR HOST AND TRANSFER OF FUNDS"),
        (
            "clause",
            "On the expiry or termination of the agreement, for whatever reason, the Community "
            "chooses by a Community Decision a new host (“the Successor Host”) and designates "
            "it to the Host by an Instruction.",
        ),
        (
            "clause",
            "Within {{ contract.successor_transfer_days|days }} of the end of the agreement or, "
            "if later, of the designation of the Successor Host, the Host transfers to it the "
            "balance of the Commons Funds, less the expenses already committed, and the domain "
            "names, accounts and other items provided for in article ⟨ip⟩, and gives it a final "
            "statement of accounts with the supporting documents. It assigns to it the "
            "reciprocity agreements made for the benefit of the Commons, to which the actors "
            "consented in advance (article 1216 of the French Civil Code). Sums from a grant "
            "are transferred only with the funder's consent.",
        ),
        (
            "clause",
            "If no Successor Host is designated within six (6) months of the end of the "
            "agreement, the Host transfers the balance to another commons or to a non-profit "
            "organisation pursuing a similar purpose, chosen by a Community Decision or, "
            "failing that, by the Host after consulting the Representatives, in keeping with "
            "the funders' intentions.",
        ),
        ("article", "notices", "NOTICES"),
        (
            "clause",
            "The notices provided for in this agreement are given in writing to the addresses "
            "stated at the head of this agreement{% if host.email %} (for the Host, also "
            "{{ host.email }}){% endif %} or to those a Party has notified since. A termination, "
            "a formal notice or a notice not to renew is given by registered letter with "
            "acknowledgment of receipt, or by e-mail whose recipient acknowledges receipt; it "
            "takes effect on receipt. Other communications, including Instructions, may be made "
            "by e-mail.",
        ),
        ("article", "amendments", "AMENDMENTS AND GENERAL PROVISIONS"),
        (
            "clause",
            "Any change to this agreement requires a written amendment signed by the Host and "
            "by the Representatives in office, subject to article ⟨representation⟩ for the "
            "designation and departure of a Representative.",
        ),
        (
            "clause",
            "The Host may assign this agreement only to a Successor Host designated under "
            "article ⟨successor⟩. This agreement is the entire agreement of the Parties on its "
            "subject; if any of its provisions were held void, the others would remain in full "
            "force.",
        ),
        (
            "clause",
            "This agreement is made in French. This English version is a translation: only the "
            "French version is authentic, and it prevails in case of any difference.",
        ),
        ("article", "disputes", "GOVERNING LAW, MEDIATION AND DISPUTES"),
        ("clause", "This agreement is governed by French law."),
        (
            "clause",
            "Any dispute about this agreement is submitted to mediation before any court "
            "action. The first Party to act notifies it to the other; failing an amicable "
            "settlement within thirty (30) days of the notice, it asks "
            f"{MEDIATOR_EN}, unless the Parties agree on the choice of a mediator within "
            "fifteen (15) days of the request. The costs of the mediation are borne half by "
            "the Host and half by the Commons Funds. A court action brought without prior "
            "mediation is inadmissible, save to obtain urgent, interim or protective measures.",
        ),
        (
            "clause",
            "Failing agreement within sixty (60) days of the designation of the mediator, the "
            "dispute is brought before the competent court.",
        ),
        ("article", "signature", "SIGNATURE AND EVIDENCE"),
        ("tag", f"{{%p if {HANDWRITTEN} %}}"),
        (
            "clause",
            "This agreement is signed by hand, in as many originals as there are parties with a "
            "distinct interest (article 1375 of the French Civil Code); the Representatives, "
            "who share one interest, receive one original together and a copy each.",
        ),
        ("tag", "{%p else %}"),
        (
            "clause",
            "This agreement is signed electronically, under articles 1366 and 1367 of the French "
            f"Civil Code, with a {EIDAS_EN}. The signed file is an original for each Party.",
        ),
        (
            "clause",
            "The Parties agree, under article 1368 of the French Civil Code, that the PDF file "
            "of the agreement signed electronically, the fingerprint of its terms given below "
            "and the evidence file drawn up by the signature service prove between them the "
            "content of the agreement, the identity of the signatories and their consent; they "
            "shall not dispute their evidential value on the sole ground of their electronic "
            "form.",
        ),
        ("tag", "{%p endif %}"),
        (
            "clause",
            "The fingerprint of the terms of this agreement (SHA-256) is computed on its whole "
            "text and the data it is made of: Parties, Representatives, signatories, terms and "
            "template used. It is given in full below, and its first sixteen (16) characters at "
            "the foot of every page; the slightest change to any of these changes it.",
        ),
        ("fingerprint", "Fingerprint of the terms: {{ terms_sha256 }}"),
        ("tag", f"{{%p if {HANDWRITTEN} %}}"),
        (
            "place",
            "Signed in {{ contract.place_of_signature }} on ____________________, in "
            "{{ copies.words }} ({{ copies.count }}) originals.",
        ),
        ("tag", "{%p endif %}"),
        ("signatures", *SIGNATURES_EN),
    ]


# --------------------------------------------------------------------------------------------
# The reciprocity contract

# Words that follow the number of commons.
S_FR = {
    "ce_commun": "{% if several_commons %}ces communs{% else %}ce commun{% endif %}",
    "lui": "{% if several_commons %}leur{% else %}lui{% endif %}",
    "sa": "{% if several_commons %}leurs{% else %}sa{% endif %}",
    "ses": "{% if several_commons %}leurs{% else %}ses{% endif %}",
}


def reciprocity_fr() -> list[Block]:
    """The reciprocity agreement for the benefit of a commons, in French: a royalty, the price
    of a licence to use the commons' name and of a listing as partner, or gifts to the host
    earmarked for the commons (`qualification: donation`)."""
    royalty_or = "{% if contract.qualification == 'royalty' %}"
    return [
        (
            "title",
            "CONTRAT DE RÉCIPROCITÉ AU BÉNÉFICE "
            "{% if several_commons %}DE COMMUNS{% else %}D'UN COMMUN{% endif %}",
        ),
        (
            "subtitle",
            f"{royalty_or}Redevance au bénéfice {{% if several_commons %}}des communs{{% else %}}"
            "du commun{% endif %}{% else %}Dons affectés {% if several_commons %}aux communs"
            "{% else %}au commun{% endif %}{% endif %} {{ commons_names }}",
        ),
        ("reference", "Référence du contrat : {{ contract.id }}"),
        ("section", "ENTRE LES SOUSSIGNÉS :"),
        ("p", party_fr("host")),
        (
            "p",
            "structure hébergeuse {% if several_commons %}des communs{% else %}du commun"
            "{% endif %} {{ commons_names }} en vertu du contrat d'hébergement qui la lie à "
            f"{S_FR['sa']} communauté{{% if several_commons %}}s{{% endif %}}, ci-après "
            "« l'Hôte »,",
        ),
        ("right", "d'une part,"),
        ("section", "ET :"),
        ("p", party_fr("actor")),
        ("p", "ci-après « l'Acteur »,"),
        ("right", "d'autre part,"),
        (
            "p",
            "L'Hôte et l'Acteur étant ci-après dénommés ensemble « les Parties » et "
            "individuellement « une Partie ».",
        ),
        ("section", "PRÉAMBULE"),
        ("tag", "{%p for c in commons_list %}"),
        (
            "p",
            "Le commun « {{ c.name }} » est une ressource partagée, produite et gouvernée par "
            "sa communauté de contributeurs et de contributrices. {{ c.description }}"
            "{% if c.url %} Il est accessible à l'adresse {{ c.url }}.{% endif %} Ses contenus "
            "sont diffusés sous la licence {{ c.licence|licence_name }}"
            "{% if c.social_code %} et accompagnés d'un code social publié à l'adresse "
            "{{ c.social_code }}{% endif %} ; ses décisions sont prises par "
            "{{ c.governance.decision_body }}, {{ c.governance.decision_rule }}.",
        ),
        ("tag", "{%p endfor %}"),
        (
            "p",
            "N'ayant pas la personnalité juridique, "
            f"{S_FR['ce_commun']} ne {{% if several_commons %}}peuvent{{% else %}}peut"
            "{% endif %} ni contracter ni recevoir de fonds. L'Hôte reçoit en son nom les "
            f"sommes qui {S_FR['lui']} sont destinées ; il s'est engagé, par le contrat "
            f"d'hébergement, à les {S_FR['lui']} affecter et à ne les employer que selon les "
            "décisions de "
            "{% if several_commons %}leurs communautés{% else %}sa communauté{% endif %}, sans "
            "exercer de pouvoir de décision sur "
            "{% if several_commons %}eux{% else %}lui{% endif %}.",
        ),
        (
            "p",
            "L'Acteur exerce une activité professionnelle "
            "{{ contract.covered_activities|de }}, qui s'appuie sur "
            f"{S_FR['ce_commun']}. {royalty_or}Il souhaite faire connaître son partenariat "
            f"avec {S_FR['ce_commun']} et acquérir, par une redevance proportionnelle au "
            "chiffre d'affaires qu'il en tire, le droit d'en faire état dans sa communication "
            "et d'être inscrit parmi les partenaires du Commun ; l'Hôte affecte ces sommes à "
            "l'entretien et au développement du Commun.{% else %}Dans un esprit de "
            f"réciprocité, il souhaite soutenir {S_FR['ce_commun']} par des dons, à proportion "
            "du chiffre d'affaires qu'il en tire, sans en attendre de contrepartie. Une "
            "promesse de donner des revenus à venir ne pouvant valoir donation (articles 931 "
            "et 943 du Code civil), le présent contrat n'oblige pas l'Acteur à donner : il lui "
            "indique un montant de don, et organise la manière dont l'Hôte reçoit les dons que "
            "l'Acteur décide de faire, les affecte au Commun et les fait connaître.{% endif %}",
        ),
        ("center", "IL A ÉTÉ CONVENU CE QUI SUIT :"),
        ("article", "definitions", "DÉFINITIONS"),
        (
            "p",
            "Dans le présent contrat, les termes suivants, employés avec une majuscule, au "
            "singulier ou au pluriel, ont le sens qui leur est donné ci-dessous :",
        ),
        (
            "item",
            "« Commun » : {% if several_commons %}chacun des communs {{ commons_names }} "
            "décrits au préambule ; ce qui est stipulé pour le Commun vaut pour chacun "
            "d'eux{% else %}le commun {{ commons_names }} décrit au préambule{% endif %} ;",
        ),
        (
            "item",
            "« Communauté » : la communauté des contributeurs et des contributrices du Commun ;",
        ),
        (
            "item",
            "« Décision de la Communauté » : une décision prise par l'instance de décision de "
            "la Communauté selon ses règles, décrites au préambule, et notifiée à l'Hôte ;",
        ),
        (
            "item",
            "« Prestation couverte » : toute prestation de services ou action de formation "
            "réalisée à titre onéreux par l'Acteur, qui utilise le Commun ou s'appuie sur lui, "
            "dans les activités suivantes : {{ contract.covered_activities|join(' ; ') }} ;",
        ),
        (
            "item",
            "« Chiffre d'affaires HT » : le montant hors taxes facturé par l'Acteur au titre "
            "des Prestations couvertes, diminué des avoirs correspondants ;",
        ),
        ("item", "« Période » : chaque " + PERIOD_FR + " ;"),
        ("tag", f"{{%p if {ROYALTY} %}}"),
        (
            "item",
            "« Redevance » : la somme due par l'Acteur pour chaque Période en application de "
            "l'article ⟨rate⟩.",
        ),
        ("tag", "{%p else %}"),
        (
            "item",
            "« Don » : chaque somme que l'Acteur remet à l'Hôte au titre du présent contrat ;",
        ),
        (
            "item",
            "« Montant indicatif » : le montant de Don calculé pour chaque Période en "
            "application de l'article ⟨rate⟩, que l'Acteur est libre de suivre ou non.",
        ),
        ("tag", "{%p endif %}"),
        ("article", "object", "OBJET"),
        ("tag", f"{{%p if {ROYALTY} %}}"),
        (
            "clause",
            "Le présent contrat a pour objet la concession par l'Hôte à l'Acteur, pour sa "
            "durée, des droits décrits à l'article ⟨counterpart⟩, moyennant une Redevance "
            "proportionnelle au Chiffre d'affaires HT des Prestations couvertes, que l'Hôte "
            "reçoit en son nom et affecte au Commun.",
        ),
        ("tag", "{%p else %}"),
        (
            "clause",
            "Le présent contrat a pour objet de fixer les conditions dans lesquelles l'Hôte "
            "reçoit les Dons que l'Acteur décide de faire, les affecte au Commun, en délivre "
            "reçu le cas échéant et les fait connaître, et d'indiquer à l'Acteur, pour chaque "
            "Période, un Montant indicatif calculé sur le Chiffre d'affaires HT qu'il tire du "
            "Commun.",
        ),
        ("tag", "{%p endif %}"),
        ("article", "licence", "LICENCE ET ATTRIBUTION"),
        (
            "clause",
            "L'usage du Commun demeure régi par sa licence, indiquée au préambule. Le présent "
            "contrat ne restreint aucun droit que cette licence accorde et n'en est pas la "
            "condition.",
        ),
        (
            "clause",
            "L'Acteur respecte les conditions de la licence, notamment l'attribution du Commun "
            "et de ses auteurs, et mentionne le Commun ({% for c in commons_list %}"
            "{{ c.name }}{% if c.url %}, {{ c.url }}{% endif %}{% if not loop.last %} ; "
            "{% endif %}{% endfor %}) dans les supports remis à ses clients au titre des "
            "Prestations couvertes.",
        ),
        ("tag", "{%p if commons_list|selectattr('social_code')|list %}"),
        (
            "clause",
            "L'Acteur déclare avoir pris connaissance du code social du Commun et s'engage à en "
            "respecter l'esprit.",
        ),
        ("tag", "{%p endif %}"),
        ("tag", f"{{%p if {ROYALTY} %}}"),
        ("article", "counterpart", "DROITS CONCÉDÉS À L'ACTEUR"),
        (
            "clause",
            "L'Hôte concède à l'Acteur, pour la durée du contrat et à titre non exclusif, le "
            "droit de faire usage, dans sa communication commerciale (site, documents "
            "commerciaux, propositions remises à ses clients), "
            "{% if several_commons %}des noms{% else %}du nom{% endif %} {{ commons_names }} et "
            "de la mention {% for c in commons_list %}« Partenaire {{ c.name|de }} »"
            "{% if not loop.last %}, {% endif %}{% endfor %}, pour présenter les Prestations "
            "couvertes, sans laisser entendre que le Commun, la Communauté ou l'Hôte approuve, "
            "certifie ou garantit ces prestations.",
            "label",
        ),
        (
            "clause",
            "Pendant toute la durée du contrat, l'Hôte fait figurer l'Acteur, sous sa "
            "dénomination, sur la liste publique des partenaires du Commun publiée avec son "
            "rapport de transparence. Il ne peut l'en retirer avant la fin du contrat, sauf "
            "résiliation pour manquement de l'Acteur ou usage du nom du Commun contraire à "
            "l'article ⟨label⟩.",
        ),
        (
            "clause",
            "L'Hôte concède ces droits sur Décision de la Communauté, en vertu du contrat "
            "d'hébergement qui lui confie les noms du Commun. Ils ont pour l'Acteur, qui en "
            "fait un usage commercial, une valeur économique réelle : la Redevance en est le "
            "prix.",
        ),
        ("tag", "{%p endif %}"),
        ("article", "qualification", "QUALIFICATION DES SOMMES VERSÉES"),
        ("tag", f"{{%p if {ROYALTY} %}}"),
        (
            "clause",
            "La Redevance est le prix des droits concédés à l'article ⟨counterpart⟩. Elle n'est "
            "pas une condition de l'usage du Commun, qui reste régi par sa licence, et n'est "
            "pas un don : elle n'ouvre droit à aucun reçu fiscal.",
        ),
        (
            "clause",
            "La Redevance est facturée par l'Hôte"
            f"{{% if {WITH_VAT} %}} et soumise à la taxe sur la valeur ajoutée au taux de "
            "{{ contract.vat_rate_percent|rate_in_full }}"
            "{% elif host.vat_regime == 'franchise' %} sans taxe sur la valeur ajoutée : TVA non "
            "applicable, article 293 B du CGI{% else %} sans taxe sur la valeur ajoutée"
            "{% endif %}.",
        ),
        ("tag", "{%p else %}"),
        (
            "clause",
            "Chaque Don est un don manuel fait à l'Hôte, qui l'accepte et l'affecte au Commun "
            "en application du contrat d'hébergement. L'Acteur reste libre, à tout moment, de "
            "donner ou non et de fixer le montant de chaque Don : le présent contrat ne "
            "l'oblige à aucun versement, ne comporte ni pénalité ni intérêt de retard et ne "
            "donne lieu à aucun contrôle de ses déclarations. Les Dons ne sont pas soumis à la "
            "taxe sur la valeur ajoutée.",
        ),
        ("tag", "{%p if host.tax_receipts and host.tax_receipts.eligible %}"),
        (
            "clause",
            "L'Hôte déclare être habilité à délivrer des reçus fiscaux au titre de l'article "
            "238 bis du code général des impôts : {{ host.tax_receipts.basis }}. Il délivre à "
            "l'Acteur, pour chaque Don, un reçu conforme au modèle fixé par l'administration, et "
            "l'informe sans délai s'il cesse d'être habilité ; il ne garantit pas l'obtention "
            "de la réduction d'impôt, qui dépend de la situation de l'Acteur.",
        ),
        ("tag", "{%p else %}"),
        (
            "clause",
            "L'Hôte n'est pas habilité à délivrer des reçus fiscaux au titre de l'article "
            "238 bis du code général des impôts : il n'en délivre aucun, et les Dons n'ouvrent "
            "droit à aucune réduction d'impôt.",
        ),
        ("tag", "{%p endif %}"),
        (
            "clause",
            "En contrepartie des Dons, l'Acteur ne reçoit ni droit d'usage du nom du Commun, ni "
            "rôle dans sa gouvernance, ni aucune prestation. La seule reconnaissance dont il "
            "bénéficie est la mention de son nom prévue à l'article ⟨recognition⟩, s'il y "
            "consent, qui reste sans commune mesure avec le montant des Dons.",
        ),
        ("tag", "{%p endif %}"),
        ("article", "rate", "TAUX ET ASSIETTE"),
        ("tag", "{%p if contract.flat_rate %}"),
        (
            "clause",
            f"{royalty_or}La Redevance de chaque Période est égale{{% else %}}Le Montant "
            "indicatif de chaque Période est égal{% endif %} à "
            "{{ contract.rate_percent|rate_in_full }} du Chiffre d'affaires HT des Prestations "
            "couvertes facturées au cours de la Période.",
        ),
        ("tag", "{%p else %}"),
        (
            "clause",
            f"{royalty_or}La Redevance est calculée{{% else %}}Le Montant indicatif est calculé"
            "{% endif %} par tranches du Chiffre d'affaires HT cumulé de chaque année civile : "
            "chaque taux s'applique à la seule fraction du chiffre d'affaires comprise dans sa "
            "tranche, selon le barème suivant :",
        ),
        (
            "tiers",
            "Tranche du Chiffre d'affaires HT cumulé de l'année civile",
            "Taux",
            TIER_RANGE_FR,
            "{{ t.rate_percent|rate_in_full }}",
        ),
        (
            "after_table",
            f"{royalty_or}La Redevance due{{% else %}}Le Montant indicatif{{% endif %}} au titre "
            "d'une Prestation couverte est la différence entre le montant calculé sur le cumul "
            "de l'année qui l'inclut et celui calculé sur le cumul qui la précède.",
        ),
        ("tag", "{%p endif %}"),
        ("tag", "{%p if contract.annual_cap is not none %}"),
        (
            "clause",
            f"Le total {royalty_or}des Redevances dues{{% else %}}des Montants indicatifs"
            "{% endif %} au titre d'une même année civile est plafonné à "
            "{{ contract.annual_cap|amount_in_full }} hors taxes.",
        ),
        ("tag", "{%p else %}"),
        (
            "clause",
            f"Le total {royalty_or}des Redevances{{% else %}}des Montants indicatifs"
            "{% endif %} d'une année civile n'est pas plafonné.",
        ),
        ("tag", "{%p endif %}"),
        ("tag", f"{{%p if {ROYALTY} %}}"),
        (
            "clause",
            "Un avoir émis par l'Acteur au titre d'une Prestation couverte réduit le Chiffre "
            "d'affaires HT cumulé de l'année de son émission et la Redevance de la Période de "
            "son émission. Si la Redevance d'une Période devient ainsi négative, l'Hôte émet "
            "une facture d'avoir de ce montant, qui s'impute sur les Redevances des Périodes "
            "suivantes ; le solde qui subsiste à la fin du contrat est remboursé à l'Acteur "
            "dans les trente (30) jours.",
        ),
        ("tag", "{%p else %}"),
        (
            "clause",
            "Un avoir émis par l'Acteur au titre d'une Prestation couverte réduit le Chiffre "
            "d'affaires HT cumulé de l'année de son émission et le Montant indicatif de la "
            "Période de son émission ; un Montant indicatif négatif réduit ceux des Périodes "
            "suivantes. Un Don fait n'est jamais restitué.",
        ),
        ("tag", "{%p endif %}"),
        (
            "clause",
            "Les montants sont arrondis au centime d'euro le plus proche, la moitié d'un "
            "centime étant arrondie au centime supérieur.",
        ),
        ("tag", "{%p if several_commons %}"),
        (
            "clause",
            "Chaque déclaration indique la répartition, en pourcentage, "
            f"{royalty_or}de la Redevance{{% else %}}du Montant indicatif{{% endif %}} entre "
            "les communs bénéficiaires ; l'Hôte affecte les sommes reçues à chacun selon cette "
            "répartition.",
        ),
        ("tag", "{%p endif %}"),
        ("article", "declaration", "DÉCLARATION DU CHIFFRE D'AFFAIRES"),
        ("tag", f"{{%p if {ROYALTY} %}}"),
        (
            "clause",
            "L'Acteur déclare à l'Hôte, pour chaque Période, les Prestations couvertes "
            "facturées au cours de celle-ci, au plus tard "
            "{{ contract.declaration_days|days }} après la fin de la Période. Une Période sans "
            "Prestation couverte donne lieu à une déclaration « néant ».",
        ),
        ("tag", "{%p else %}"),
        (
            "clause",
            "Afin que l'Hôte puisse lui indiquer le Montant indicatif de ses Dons, l'Acteur "
            "lui déclare, pour chaque Période et au plus tard "
            "{{ contract.declaration_days|days }} après sa fin, les Prestations couvertes "
            "facturées au cours de celle-ci. Cette déclaration n'engage l'Acteur à aucun Don ; "
            "son absence a pour seul effet qu'aucun Montant indicatif n'est calculé.",
        ),
        ("tag", "{%p endif %}"),
        (
            "clause",
            "La déclaration est faite par écrit, par courrier électronique ou au moyen de "
            "l'outil mis à disposition par l'Hôte. Elle indique, pour chaque Prestation "
            "couverte, sa date, son client, sa nature, son montant hors taxes et la référence "
            "de la facture correspondante.",
        ),
        (
            "article",
            "payment",
            f"{royalty_or}FACTURATION ET PAIEMENT{{% else %}}APPELS À DON ET DONS{{% endif %}}",
        ),
        ("tag", f"{{%p if {ROYALTY} %}}"),
        (
            "clause",
            "Au vu de chaque déclaration, l'Hôte émet, sous sa propre numérotation, une facture "
            "de la Redevance de la Période"
            f"{{% if {WITH_VAT} %}}, majorée de la TVA au taux de "
            "{{ contract.vat_rate_percent|rate_in_full }}{% elif host.vat_regime == 'franchise' "
            "%} portant la mention « TVA non applicable, article 293 B du CGI »{% endif %}, et "
            "l'adresse à l'Acteur avec un relevé des déclarations.",
        ),
        (
            "clause",
            "L'Acteur paie la Redevance de chaque Période au plus tard "
            "{{ contract.payment_days|days }} après la fin de celle-ci, par virement"
            "{% if host.iban %} sur le compte de l'Hôte IBAN {{ host.iban|iban }}"
            "{% if host.bic %} (BIC {{ host.bic }}){% endif %}{% else %} sur le compte "
            "désigné par l'Hôte{% endif %}, en rappelant la référence du relevé.",
        ),
        (
            "clause",
            "Toute somme non payée à l'échéance porte de plein droit, sans qu'un rappel soit "
            "nécessaire, intérêt au taux "
            "{% if contract.late_interest_percent is not none %}annuel de "
            "{{ contract.late_interest_percent|rate_in_full }}{% else %}égal à trois fois le "
            "taux de l'intérêt légal{% endif %}, et donne lieu à l'indemnité forfaitaire pour "
            "frais de recouvrement de quarante euros (40,00 €) prévue aux articles L. 441-10 et "
            "D. 441-5 du Code de commerce.",
        ),
        ("tag", "{%p else %}"),
        (
            "clause",
            "Au vu de chaque déclaration, l'Hôte adresse à l'Acteur un appel à don indiquant le "
            "Montant indicatif de la Période.",
        ),
        (
            "clause",
            "L'Acteur qui décide de donner verse son Don par virement"
            "{% if host.iban %} sur le compte de l'Hôte IBAN {{ host.iban|iban }}"
            "{% if host.bic %} (BIC {{ host.bic }}){% endif %}{% else %} sur le compte "
            "désigné par l'Hôte{% endif %}, en rappelant la référence de l'appel à don. Un appel "
            "à don resté sans suite n'entraîne ni relance comminatoire, ni pénalité, ni aucune "
            "autre conséquence.",
        ),
        ("tag", "{%p endif %}"),
        ("tag", f"{{%p if {ROYALTY} %}}"),
        ("article", "audit", "CONTRÔLE DES DÉCLARATIONS"),
        (
            "clause",
            "Sur Décision de la Communauté notifiée par l'Hôte, au plus une fois par année "
            "civile, l'Acteur fait attester le Chiffre d'affaires HT déclaré par son "
            "expert-comptable ou son commissaire aux comptes, ou en permet la vérification par "
            "un tiers indépendant, tenu au secret professionnel et choisi d'un commun accord. "
            "Le contrôle porte au plus sur les trois (3) dernières années civiles.",
        ),
        (
            "clause",
            "Les frais du contrôle sont supportés par les sommes affectées au Commun, sauf s'il "
            "révèle une insuffisance de déclaration supérieure à cinq pour cent (5 %), auquel "
            "cas l'Acteur les supporte et paie sans délai la Redevance complémentaire due.",
        ),
        ("tag", "{%p endif %}"),
        ("article", "confidentiality", "CONFIDENTIALITÉ"),
        (
            "clause",
            "L'Hôte garde confidentiels les éléments détaillés des déclarations (clients, "
            "montants par prestation). Il ne les communique qu'aux représentants de la "
            "Communauté désignés par le contrat d'hébergement, tenus à la même confidentialité, "
            "et ne publie que les totaux annuels, dans les conditions de l'article "
            "⟨recognition⟩. Cette obligation dure pendant le contrat et cinq (5) ans après sa "
            "fin.",
        ),
        ("article", "recognition", "RECONNAISSANCE PUBLIQUE ET CONSENTEMENT"),
        (
            "clause",
            "Le nom de l'Acteur n'est publié avec le montant des sommes qu'il a déclarées"
            f"{royalty_or}, dues et payées{{% else %}} et données{{% endif %}}, dans le rapport "
            "de transparence du Commun, qu'avec son consentement. Ce consentement est distinct "
            f"{royalty_or}du prix : la Redevance et les droits de l'article ⟨counterpart⟩ sont "
            "les mêmes, que l'Acteur consente ou non{% else %}des Dons, dont il n'est ni la "
            "condition ni la contrepartie{% endif %}. L'Acteur peut le donner ou le retirer à "
            "tout moment, par un simple courrier électronique à l'Hôte, sans effet sur le "
            "reste du contrat ; le retrait vaut pour les rapports publiés après sa réception.",
        ),
        (
            "clause",
            "{% if listing_consent %}L'Acteur consent à cette publication.{% else %}L'Acteur ne "
            "consent pas à cette publication : ses sommes ne figurent dans le rapport que "
            "réunies avec celles d'autres acteurs, et seulement lorsque leur nombre ne permet "
            "pas de les identifier.{% endif %} Le consentement ne prend effet qu'une fois le "
            "contrat signé par les Parties.",
        ),
        ("tag", f"{{%p if {DONATION} %}}"),
        (
            "clause",
            "L'Acteur peut faire état de ses Dons au Commun, sans laisser entendre que le "
            "Commun, la Communauté ou l'Hôte approuve ou certifie ses prestations.",
        ),
        ("tag", "{%p endif %}"),
        ("article", "community", "DÉCISIONS DE LA COMMUNAUTÉ"),
        (
            "clause",
            "L'Hôte conclut le présent contrat sur Décision de la Communauté, conformément au "
            "contrat d'hébergement. Il ne consent à une modification du "
            f"{royalty_or}taux, du barème ou du plafond{{% else %}}taux indicatif, du barème "
            f"ou du plafond{{% endif %}}, {royalty_or}ne demande le contrôle prévu à l'article "
            "⟨audit⟩, {% endif %}ne conclut d'avenant et ne résilie le contrat que sur une "
            "Décision de la Communauté"
            "{% if several_commons %} de chacun des Communs concernés{% endif %}, qu'il "
            "notifie à l'Acteur.",
        ),
        ("article", "term", "DURÉE ET RÉVISION ANNUELLE"),
        (
            "clause",
            "Le présent contrat prend effet le {{ contract.effective_date|long_date }}"
            "{% if contract.end %} et prend fin le {{ contract.end|long_date }}. Les Parties se "
            "rapprochent au moins trois (3) mois avant ce terme pour convenir de son éventuel "
            "renouvellement, qui fait l'objet d'un avenant{% else %}. Il est conclu pour une "
            "durée indéterminée{% endif %}.",
        ),
        (
            "clause",
            "Chaque année, au cours du premier trimestre, les Parties examinent ensemble "
            "l'application du contrat au vu du rapport de transparence de l'année écoulée. "
            "Toute modification du taux, du barème ou du plafond, proposée par l'Acteur ou par "
            "une Décision de la Communauté, fait l'objet d'un avenant ; à défaut d'accord, le "
            "contrat se poursuit aux conditions en vigueur, chaque Partie conservant la faculté "
            "de le résilier selon l'article ⟨termination⟩.",
        ),
        ("article", "hardship", "IMPRÉVISION ET FORCE MAJEURE"),
        (
            "clause",
            "Si un changement de circonstances imprévisible lors de la conclusion du contrat "
            "rend son exécution excessivement onéreuse pour une Partie qui n'avait pas accepté "
            "d'en assumer le risque, celle-ci peut demander une renégociation du contrat à "
            "l'autre Partie ; elle continue d'exécuter ses obligations pendant la renégociation. "
            "En cas de refus ou d'échec de la renégociation dans les trente (30) jours de la "
            "demande, chaque Partie peut résilier le contrat selon l'article ⟨termination⟩. Les "
            "Parties renoncent à demander au juge la révision ou la résolution du contrat en "
            "application de l'article 1195 du Code civil.",
        ),
        (
            "clause",
            "Aucune Partie n'est responsable de l'inexécution d'une obligation due à un cas de "
            "force majeure au sens de l'article 1218 du Code civil. La Partie empêchée en "
            "informe l'autre sans délai ; l'exécution de l'obligation est suspendue tant que "
            "dure l'empêchement, sauf s'il s'agit de payer une somme d'argent. Si l'empêchement "
            "dure plus de trois (3) mois, chaque Partie peut résilier le contrat par "
            "notification écrite, sans indemnité.",
        ),
        ("article", "termination", "RÉSILIATION ET EFFETS DE LA FIN DU CONTRAT"),
        ("tag", f"{{%p if {ROYALTY} %}}"),
        (
            "clause",
            "Chaque Partie peut résilier le contrat à tout moment, moyennant un préavis de "
            "{{ contract.notice_days|days }} notifié dans les formes de l'article ⟨notices⟩.",
        ),
        (
            "clause",
            "En cas de manquement grave d'une Partie à ses obligations auquel il n'est pas "
            "remédié dans un délai de {{ contract.breach_notice_days|days }} après une mise en "
            "demeure restée sans effet, l'autre Partie peut résilier le contrat de plein droit "
            "par notification écrite.",
        ),
        (
            "clause",
            "La fin du contrat, pour quelque cause que ce soit, laisse subsister l'obligation "
            "de déclarer et de payer la Redevance des Prestations couvertes facturées jusqu'à "
            "sa date d'effet ; l'Acteur cesse, dans les trente (30) jours, tout usage du nom et "
            "de la mention prévus à l'article ⟨counterpart⟩. Les articles ⟨payment⟩ et "
            "⟨audit⟩, pour les Périodes concernées, ainsi que les articles ⟨confidentiality⟩, "
            "⟨gdpr⟩ et ⟨disputes⟩ survivent à la fin du contrat.",
        ),
        ("tag", "{%p else %}"),
        (
            "clause",
            "Chaque Partie peut mettre fin au contrat à tout moment, moyennant un préavis de "
            "{{ contract.notice_days|days }} notifié dans les formes de l'article ⟨notices⟩. "
            "L'absence de Don n'est jamais une cause de résiliation ni de responsabilité.",
        ),
        (
            "clause",
            "Les Dons faits avant la fin du contrat restent acquis à l'Hôte et affectés au "
            "Commun ; l'Hôte délivre les reçus qui restent dus. Les articles "
            "⟨confidentiality⟩, ⟨gdpr⟩ et ⟨disputes⟩ survivent à la fin du contrat.",
        ),
        ("tag", "{%p endif %}"),
        (
            "article",
            "assignment",
            f"{royalty_or}CESSION ET CHANGEMENT DE CONTRÔLE{{% else %}}CESSION À UN HÔTE "
            "SUCCESSEUR{% endif %}",
        ),
        (
            "clause",
            "L'Acteur consent dès à présent, en application de l'article 1216 du Code civil, à "
            "la cession du présent contrat par l'Hôte à l'hôte successeur que la Communauté "
            "choisit en application du contrat d'hébergement"
            "{% if several_commons %} ; pour un contrat au bénéfice de plusieurs communs, la "
            "cession porte sur le contrat en tant qu'il concerne le commun qui change d'hôte, "
            "et l'Acteur consent à cette division{% endif %}. La cession produit effet à "
            "l'égard de l'Acteur dès qu'elle lui est notifiée ; l'Hôte est alors libéré pour "
            "l'avenir (article 1216-1 du Code civil).",
        ),
        ("tag", f"{{%p if {ROYALTY} %}}"),
        (
            "clause",
            "L'Acteur ne peut céder le présent contrat sans l'accord écrit de l'Hôte, donné sur "
            "Décision de la Communauté. Il informe l'Hôte, dans les trente (30) jours, "
            "{% if actor.type == 'organisation' %}de tout changement de son contrôle au sens "
            "de l'article L. 233-3 du Code de commerce{% else %}de la cession ou de l'apport de "
            "son activité{% endif %} ; l'Hôte peut alors, sur Décision de la Communauté, "
            "résilier le contrat moyennant un préavis de trente (30) jours notifié dans les "
            "trois (3) mois de cette information.",
        ),
        ("tag", "{%p endif %}"),
        ("article", "independence", "INDÉPENDANCE DES PARTIES ET NON-EXCLUSIVITÉ"),
        (
            "clause",
            "Les Parties agissent en toute indépendance : le présent contrat ne crée entre "
            "elles ni société, ni mandat, ni lien de subordination. Il n'emporte aucune "
            "exclusivité : l'Acteur exerce librement ses activités, et l'Hôte peut conclure des "
            "contrats de réciprocité au bénéfice du Commun avec d'autres acteurs.",
        ),
        (
            "clause",
            "Le présent contrat ne confère à l'Acteur aucun droit dans la gouvernance du "
            "Commun ; l'Acteur peut y prendre part, comme toute personne, selon les règles de "
            "la Communauté.",
        ),
        ("article", "gdpr", "DONNÉES PERSONNELLES"),
        (
            "clause",
            "Chaque Partie est responsable des traitements de données personnelles qu'elle "
            "opère pour l'exécution du présent contrat. L'Hôte traite les données de l'Acteur"
            "{% if actor.type == 'organisation' %} et de ses représentants{% endif %} pour les "
            f"finalités suivantes : (a) l'exécution du contrat (déclarations, {royalty_or}"
            "factures et recouvrement{% else %}appels à don et reçus{% endif %}), sur le "
            "fondement de l'exécution d'un contrat (article 6, paragraphe 1, b) du règlement "
            "(UE) 2016/679, « RGPD ») ; (b) la tenue de sa comptabilité, sur le fondement de "
            "ses obligations légales (article 6, paragraphe 1, c) du RGPD) ; (c) "
            f"{royalty_or}l'inscription de l'Acteur sur la liste des partenaires prévue à "
            "l'article ⟨counterpart⟩, sur le fondement de l'exécution du contrat, et {% endif %}"
            "la publication prévue à l'article ⟨recognition⟩, sur le seul fondement du "
            "consentement de l'Acteur (article 6, paragraphe 1, a) du RGPD).",
        ),
        (
            "clause",
            "Les données sont conservées pendant la durée du contrat puis cinq (5) ans après sa "
            "fin, les pièces comptables pendant six (6) ans au moins (article L. 102 B du livre "
            "des procédures fiscales), et les données publiées jusqu'au retrait du "
            "consentement. Elles ne sont communiquées qu'aux représentants de la Communauté, à "
            "l'expert-comptable et, le cas échéant, au commissaire aux comptes de l'Hôte ; elles "
            "ne sont pas transférées hors de l'Union européenne sans les garanties prévues au "
            "chapitre V du RGPD.",
        ),
        (
            "clause",
            "Toute personne concernée peut exercer ses droits d'accès, de rectification, "
            "d'effacement, de limitation, d'opposition et de portabilité, et retirer à tout "
            "moment son consentement, sans effet sur la licéité du traitement antérieur, en "
            "écrivant à l'Hôte{% if host.email %} à l'adresse {{ host.email }}{% endif %} ; "
            "elle peut introduire une réclamation auprès de la Commission nationale de "
            "l'informatique et des libertés (CNIL).",
        ),
        ("article", "notices", "NOTIFICATIONS"),
        (
            "clause",
            "Les notifications prévues au présent contrat sont faites par écrit aux adresses "
            "indiquées en tête des présentes{% if host.email or actor.email %} (par courrier "
            "électronique : {% if host.email %}{{ host.email }} pour l'Hôte{% endif %}"
            "{% if host.email and actor.email %}, {% endif %}{% if actor.email %}"
            "{{ actor.email }} pour l'Acteur{% endif %}){% endif %} ou à celles qu'une Partie a "
            "notifiées depuis. Une "
            "résiliation ou une mise en demeure est notifiée par lettre recommandée avec "
            "demande d'avis de réception, ou par courrier électronique dont le destinataire "
            "accuse réception ; elle prend effet à sa réception. Les autres communications "
            "peuvent être faites par courrier électronique.",
        ),
        ("article", "amendments", "MODIFICATIONS ET DISPOSITIONS GÉNÉRALES"),
        (
            "clause",
            "Toute modification du présent contrat fait l'objet d'un avenant écrit signé par "
            "les Parties. Le contrat exprime l'intégralité de leur accord sur son objet ; si "
            "l'une de ses stipulations était déclarée nulle, les autres conserveraient leur "
            "plein effet.",
        ),
        (
            "clause",
            "Le présent contrat est rédigé en français. S'il en est fait une traduction, "
            "notamment en anglais, seule la version française fait foi.",
        ),
        ("article", "disputes", "DROIT APPLICABLE, MÉDIATION ET LITIGES"),
        ("clause", "Le présent contrat est soumis au droit français."),
        (
            "clause",
            "Tout différend relatif au présent contrat est soumis, avant toute action en "
            "justice, à une médiation. La Partie la plus diligente le notifie à l'autre ; à "
            "défaut d'accord amiable dans les trente (30) jours de la notification, elle "
            f"demande {MEDIATOR_FR}, à moins que les Parties ne s'accordent sur son choix dans "
            "les quinze (15) jours de la demande. Les frais de la médiation sont partagés par "
            "moitié entre les Parties. Une action en justice introduite sans médiation "
            "préalable est irrecevable, sauf pour obtenir des mesures urgentes, provisoires ou "
            "conservatoires.",
        ),
        (
            "clause",
            "À défaut d'accord dans les soixante (60) jours qui suivent la désignation du "
            "médiateur, le différend est porté devant la juridiction compétente.",
        ),
        ("article", "signature", "SIGNATURE ET PREUVE"),
        ("tag", f"{{%p if {HANDWRITTEN} %}}"),
        (
            "clause",
            "Le présent contrat est signé de manière manuscrite, en autant d'exemplaires "
            "originaux que de Parties (article 1375 du Code civil).",
        ),
        ("tag", "{%p else %}"),
        (
            "clause",
            "Le présent contrat est signé par voie électronique, conformément aux articles 1366 "
            f"et 1367 du Code civil, au moyen d'une signature électronique {EIDAS_FR}. Le fichier "
            "signé vaut original pour chaque Partie.",
        ),
        (
            "clause",
            "Les Parties conviennent, en application de l'article 1368 du Code civil, que le "
            "fichier PDF du contrat signé électroniquement, l'empreinte de ses termes indiquée "
            "ci-dessous et le dossier de preuve établi par le service de signature font preuve "
            "entre elles du contenu du contrat, de l'identité des signataires et de leur "
            "consentement ; elles s'interdisent d'en contester la valeur probante au seul "
            "motif de leur forme électronique.",
        ),
        ("tag", "{%p endif %}"),
        (
            "clause",
            "L'empreinte des termes du présent contrat (SHA-256) est calculée sur l'ensemble de "
            "son texte et des données qui le composent : Parties, signataires, stipulations et "
            "modèle employé. Elle figure ci-dessous en entier, et ses seize (16) premiers "
            "caractères au pied de chaque page ; la moindre modification de l'un de ces "
            "éléments la change.",
        ),
        ("fingerprint", "Empreinte des termes : {{ terms_sha256 }}"),
        ("tag", f"{{%p if {HANDWRITTEN} %}}"),
        (
            "place",
            "Fait {{ contract.place_of_signature|à }}, le ____________________, en "
            "{{ copies.words }} ({{ copies.count }}) exemplaires originaux.",
        ),
        ("tag", "{%p endif %}"),
        ("signatures", *SIGNATURES_FR),
    ]


S_EN = {
    "this_commons": "{% if several_commons %}these commons{% else %}this commons{% endif %}",
    "it": "{% if several_commons %}them{% else %}it{% endif %}",
    "its": "{% if several_commons %}their{% else %}its{% endif %}",
}


def reciprocity_en() -> list[Block]:
    """The reciprocity agreement for the benefit of a commons, in English."""
    royalty_or = "{% if contract.qualification == 'royalty' %}"
    return [
        (
            "title",
            "RECIPROCITY AGREEMENT FOR THE BENEFIT OF "
            "{% if several_commons %}COMMONS{% else %}A COMMONS{% endif %}",
        ),
        (
            "subtitle",
            f"{royalty_or}Royalty for the benefit of{{% else %}}Gifts earmarked for{{% endif %}} "
            "the commons {{ commons_names }}",
        ),
        ("reference", "Agreement reference: {{ contract.id }}"),
        ("section", "BETWEEN THE UNDERSIGNED:"),
        ("p", party_en("host")),
        (
            "p",
            "host of the commons {{ commons_names }} under the hosting agreement that binds it "
            f"to {S_EN['its']} communit{{% if several_commons %}}ies{{% else %}}y{{% endif %}}, "
            "hereinafter “the Host”,",
        ),
        ("right", "of the one part,"),
        ("section", "AND:"),
        ("p", party_en("actor")),
        ("p", "hereinafter “the Actor”,"),
        ("right", "of the other part,"),
        (
            "p",
            "The Host and the Actor being hereinafter together “the Parties” and each “a Party”.",
        ),
        ("section", "RECITALS"),
        ("tag", "{%p for c in commons_list %}"),
        (
            "p",
            "The commons “{{ c.name }}” is a shared resource, produced and governed by its "
            "community of contributors. {{ c.description }}{% if c.url %} It is available at "
            "{{ c.url }}.{% endif %} Its contents are published under the licence "
            "{{ c.licence|licence_name }}{% if c.social_code %} and come with a social code "
            "published at {{ c.social_code }}{% endif %}; its decisions are taken by "
            "{{ c.governance.decision_body }}, {{ c.governance.decision_rule }}.",
        ),
        ("tag", "{%p endfor %}"),
        (
            "p",
            f"Having no legal personality, {S_EN['this_commons']} can neither enter into "
            "contracts nor receive funds. The Host receives in its own name the sums intended "
            f"for {S_EN['it']}; it has undertaken, by the hosting agreement, to earmark them "
            f"for {S_EN['it']} and to use them only as "
            "{% if several_commons %}their communities decide{% else %}its community decides"
            "{% endif %}, without any power of decision over "
            f"{S_EN['it']}.",
        ),
        (
            "p",
            "The Actor carries on a professional activity that builds on "
            f"{S_EN['this_commons']}, in the following fields: "
            "{{ contract.covered_activities|join('; ') }}. "
            f"{royalty_or}It wishes to make its partnership with "
            f"{S_EN['this_commons']} known and to acquire, by a royalty proportional to the "
            "revenue it earns from it, the right to mention it in its communication and to be "
            "listed among the partners of the Commons; the Host earmarks these sums for the "
            "upkeep and development of the Commons.{% else %}In a spirit of reciprocity, it "
            f"wishes to support {S_EN['this_commons']} by gifts, in proportion to the revenue "
            "it earns from it, expecting nothing in return. As a promise to give future income "
            "cannot be a valid gift under French law (articles 931 and 943 of the French Civil "
            "Code), this agreement does not bind the Actor to give: it indicates an amount of "
            "gift, and organises how the Host receives the gifts the Actor decides to make, "
            "earmarks them for the Commons and makes them known.{% endif %}",
        ),
        ("center", "NOW, THEREFORE, THE PARTIES AGREE AS FOLLOWS:"),
        ("article", "definitions", "DEFINITIONS"),
        (
            "p",
            "In this agreement, the following capitalised terms, in the singular or the plural, "
            "have the meaning given to them below:",
        ),
        (
            "item",
            "“Commons”: {% if several_commons %}each of the commons {{ commons_names }} "
            "described in the recitals; what is provided for the Commons applies to each of "
            "them{% else %}the commons {{ commons_names }} described in the recitals{% endif %};",
        ),
        ("item", "“Community”: the community of contributors to the Commons;"),
        (
            "item",
            "“Community Decision”: a decision taken by the decision body of the Community "
            "under its rules, described in the recitals, and notified to the Host;",
        ),
        (
            "item",
            "“Covered Service”: any service or training provided for consideration by the "
            "Actor that uses or builds on the Commons, within the following activities: "
            "{{ contract.covered_activities|join('; ') }};",
        ),
        (
            "item",
            "“Revenue excl. VAT”: the amount excluding VAT invoiced by the Actor for Covered "
            "Services, less the corresponding credit notes;",
        ),
        ("item", "“Period”: each " + PERIOD_EN + ";"),
        ("tag", f"{{%p if {ROYALTY} %}}"),
        (
            "item",
            "“Royalty”: the sum owed by the Actor for each Period under article ⟨rate⟩.",
        ),
        ("tag", "{%p else %}"),
        ("item", "“Gift”: each sum the Actor gives the Host under this agreement;"),
        (
            "item",
            "“Indicative Amount”: the amount of Gift computed for each Period under article "
            "⟨rate⟩, which the Actor is free to follow or not.",
        ),
        ("tag", "{%p endif %}"),
        ("article", "object", "PURPOSE"),
        ("tag", f"{{%p if {ROYALTY} %}}"),
        (
            "clause",
            "The purpose of this agreement is the grant by the Host to the Actor, for its term, "
            "of the rights described in article ⟨counterpart⟩, for a Royalty proportional to "
            "the Revenue excl. VAT of the Covered Services, which the Host receives in its own "
            "name and earmarks for the Commons.",
        ),
        ("tag", "{%p else %}"),
        (
            "clause",
            "The purpose of this agreement is to set out how the Host receives the Gifts the "
            "Actor decides to make, earmarks them for the Commons, issues receipts where "
            "applicable and makes them known, and to indicate to the Actor, for each Period, an "
            "Indicative Amount computed on the Revenue excl. VAT it earns from the Commons.",
        ),
        ("tag", "{%p endif %}"),
        ("article", "licence", "LICENCE AND ATTRIBUTION"),
        (
            "clause",
            "The use of the Commons remains governed by its licence, stated in the recitals. "
            "This agreement restricts no right granted by that licence and is not a condition "
            "of it.",
        ),
        (
            "clause",
            "The Actor complies with the terms of the licence, in particular the attribution "
            "of the Commons and its authors, and mentions the Commons ({% for c in commons_list "
            "%}{{ c.name }}{% if c.url %}, {{ c.url }}{% endif %}{% if not loop.last %}; "
            "{% endif %}{% endfor %}) in the materials it gives its clients for Covered "
            "Services.",
        ),
        ("tag", "{%p if commons_list|selectattr('social_code')|list %}"),
        (
            "clause",
            "The Actor declares that it has read the social code of the Commons and undertakes "
            "to respect its spirit.",
        ),
        ("tag", "{%p endif %}"),
        ("tag", f"{{%p if {ROYALTY} %}}"),
        ("article", "counterpart", "RIGHTS GRANTED TO THE ACTOR"),
        (
            "clause",
            "The Host grants the Actor, for the term of the agreement and on a non-exclusive "
            "basis, the right to use, in its commercial communication (website, sales "
            "documents, proposals to its clients), the "
            "{% if several_commons %}names{% else %}name{% endif %} {{ commons_names }} and the "
            "statement {% for c in commons_list %}“Partner of {{ c.name }}”"
            "{% if not loop.last %}, {% endif %}{% endfor %}, to present the Covered Services, "
            "without suggesting that the Commons, the Community or the Host approves, certifies "
            "or guarantees those services.",
            "label",
        ),
        (
            "clause",
            "For the whole term of the agreement, the Host lists the Actor, under its name, on "
            "the public list of partners of the Commons published with its transparency "
            "report. It may not remove the Actor from it before the end of the agreement, save "
            "for termination for the Actor's breach or a use of the name of the Commons "
            "contrary to article ⟨label⟩.",
        ),
        (
            "clause",
            "The Host grants these rights on a Community Decision, under the hosting agreement "
            "that entrusts it with the names of the Commons. They have a real economic value "
            "for the Actor, which makes commercial use of them: the Royalty is their price.",
        ),
        ("tag", "{%p endif %}"),
        ("article", "qualification", "NATURE OF THE SUMS PAID"),
        ("tag", f"{{%p if {ROYALTY} %}}"),
        (
            "clause",
            "The Royalty is the price of the rights granted in article ⟨counterpart⟩. It is not "
            "a condition of the use of the Commons, which remains governed by its licence, and "
            "it is not a gift: it gives rise to no tax receipt.",
        ),
        (
            "clause",
            "The Royalty is invoiced by the Host"
            f"{{% if {WITH_VAT} %}} and subject to value added tax at the rate of "
            "{{ contract.vat_rate_percent|rate_in_full }}"
            "{% elif host.vat_regime == 'franchise' %} without value added tax: VAT not "
            "applicable under the franchise scheme (“TVA non applicable, article 293 B du "
            "CGI”){% else %} without value added tax{% endif %}.",
        ),
        ("tag", "{%p else %}"),
        (
            "clause",
            "Each Gift is a manual gift (don manuel) made to the Host, which accepts it and "
            "earmarks it for the Commons under the hosting agreement. The Actor remains free, "
            "at any time, to give or not and to set the amount of each Gift: this agreement "
            "binds it to no payment, provides for no penalty or late interest and involves no "
            "audit of its declarations. Gifts are not subject to value added tax.",
        ),
        ("tag", "{%p if host.tax_receipts and host.tax_receipts.eligible %}"),
        (
            "clause",
            "The Host declares that it is entitled to issue tax receipts under article 238 bis "
            "of the French General Tax Code: {{ host.tax_receipts.basis }}. It issues the Actor, "
            "for each Gift, a receipt on the official model, and informs it without delay if it "
            "ceases to be entitled to do so; it does not guarantee that the Actor obtains the "
            "tax reduction, which depends on the Actor's situation.",
        ),
        ("tag", "{%p else %}"),
        (
            "clause",
            "The Host is not entitled to issue tax receipts under article 238 bis of the French "
            "General Tax Code: it issues none, and the Gifts give rise to no tax reduction.",
        ),
        ("tag", "{%p endif %}"),
        (
            "clause",
            "In return for the Gifts, the Actor receives no right to use the name of the "
            "Commons, no role in its governance and no service. The only recognition it "
            "receives is the mention of its name provided for in article ⟨recognition⟩, if it "
            "consents, which bears no relation to the amount of the Gifts.",
        ),
        ("tag", "{%p endif %}"),
        ("article", "rate", "RATE AND BASIS"),
        ("tag", "{%p if contract.flat_rate %}"),
        (
            "clause",
            f"{royalty_or}The Royalty for each Period is{{% else %}}The Indicative Amount for "
            "each Period is{% endif %} {{ contract.rate_percent|rate_in_full }} of the Revenue "
            "excl. VAT of the Covered Services invoiced during the Period.",
        ),
        ("tag", "{%p else %}"),
        (
            "clause",
            f"{royalty_or}The Royalty is{{% else %}}The Indicative Amount is{{% endif %}} "
            "computed in tiers of the cumulative Revenue excl. VAT of each calendar year: each "
            "rate applies only to the part of the revenue that falls within its tier, according "
            "to the following scale:",
        ),
        (
            "tiers",
            "Tier of cumulative Revenue excl. VAT in the calendar year",
            "Rate",
            TIER_RANGE_EN,
            "{{ t.rate_percent|rate_in_full }}",
        ),
        (
            "after_table",
            f"{royalty_or}The Royalty owed{{% else %}}The Indicative Amount{{% endif %}} for a "
            "Covered Service is the difference between the amount computed on the cumulative "
            "revenue of the year that includes it and the amount computed on the cumulative "
            "revenue before it.",
        ),
        ("tag", "{%p endif %}"),
        ("tag", "{%p if contract.annual_cap is not none %}"),
        (
            "clause",
            f"The total of the {royalty_or}Royalties owed{{% else %}}Indicative Amounts"
            "{% endif %} for any one calendar year is capped at "
            "{{ contract.annual_cap|amount_in_full }} excluding VAT.",
        ),
        ("tag", "{%p else %}"),
        (
            "clause",
            f"The total of the {royalty_or}Royalties{{% else %}}Indicative Amounts{{% endif %}} "
            "for a calendar year is not capped.",
        ),
        ("tag", "{%p endif %}"),
        ("tag", f"{{%p if {ROYALTY} %}}"),
        (
            "clause",
            "A credit note issued by the Actor for a Covered Service reduces the cumulative "
            "Revenue excl. VAT of the year in which it is issued and the Royalty of the Period "
            "in which it is issued. If the Royalty of a Period thus becomes negative, the Host "
            "issues a credit note for that amount, which is set off against the Royalties of "
            "the following Periods; any balance left at the end of the agreement is refunded "
            "to the Actor within thirty (30) days.",
        ),
        ("tag", "{%p else %}"),
        (
            "clause",
            "A credit note issued by the Actor for a Covered Service reduces the cumulative "
            "Revenue excl. VAT of the year in which it is issued and the Indicative Amount of "
            "the Period in which it is issued; a negative Indicative Amount reduces those of "
            "the following Periods. A Gift made is never returned.",
        ),
        ("tag", "{%p endif %}"),
        (
            "clause",
            "Amounts are rounded to the nearest euro cent, half a cent being rounded up.",
        ),
        ("tag", "{%p if several_commons %}"),
        (
            "clause",
            "Each declaration states the split, in percent, of the "
            f"{royalty_or}Royalty{{% else %}}Indicative Amount{{% endif %}} between the "
            "benefiting commons; the Host earmarks the sums received for each according to "
            "that split.",
        ),
        ("tag", "{%p endif %}"),
        ("article", "declaration", "DECLARATION OF REVENUE"),
        ("tag", f"{{%p if {ROYALTY} %}}"),
        (
            "clause",
            "For each Period, the Actor declares to the Host the Covered Services invoiced "
            "during that Period, no later than {{ contract.declaration_days|days }} after the "
            "end of the Period. A Period without any Covered Service gives rise to a “nil” "
            "declaration.",
        ),
        ("tag", "{%p else %}"),
        (
            "clause",
            "So that the Host can indicate the Indicative Amount of its Gifts, the Actor "
            "declares to it, for each Period and no later than "
            "{{ contract.declaration_days|days }} after its end, the Covered Services invoiced "
            "during that Period. This declaration binds the Actor to no Gift; its only effect "
            "if missing is that no Indicative Amount is computed.",
        ),
        ("tag", "{%p endif %}"),
        (
            "clause",
            "The declaration is made in writing, by e-mail or with the tool provided by the "
            "Host. It states, for each Covered Service, its date, its client, its nature, its "
            "amount excluding VAT and the reference of the corresponding invoice.",
        ),
        (
            "article",
            "payment",
            f"{royalty_or}INVOICING AND PAYMENT{{% else %}}CALLS FOR GIFTS AND GIFTS{{% endif %}}",
        ),
        ("tag", f"{{%p if {ROYALTY} %}}"),
        (
            "clause",
            "On receipt of each declaration, the Host issues, under its own numbering, an "
            "invoice for the Royalty of the Period"
            f"{{% if {WITH_VAT} %}}, plus VAT at the rate of "
            "{{ contract.vat_rate_percent|rate_in_full }}{% elif host.vat_regime == 'franchise' "
            "%} bearing the statement “TVA non applicable, article 293 B du CGI”{% endif %}, "
            "and sends it to the Actor with a statement of the declarations.",
        ),
        (
            "clause",
            "The Actor pays the Royalty of each Period no later than "
            "{{ contract.payment_days|days }} after its end, by bank transfer"
            "{% if host.iban %} to the Host's account IBAN {{ host.iban|iban }}"
            "{% if host.bic %} (BIC {{ host.bic }}){% endif %}{% else %} to the account "
            "designated by the Host{% endif %}, quoting the reference of the statement.",
        ),
        (
            "clause",
            "Any sum not paid when due bears interest by operation of law, without any reminder "
            "being needed, at "
            "{% if contract.late_interest_percent is not none %}the yearly rate of "
            "{{ contract.late_interest_percent|rate_in_full }}{% else %}three times the French "
            "statutory interest rate{% endif %}, and gives rise to the fixed recovery indemnity "
            "of forty euros (€40.00) provided for in articles L. 441-10 and D. 441-5 of the "
            "French Commercial Code.",
        ),
        ("tag", "{%p else %}"),
        (
            "clause",
            "On receipt of each declaration, the Host sends the Actor a call for a gift stating "
            "the Indicative Amount of the Period.",
        ),
        (
            "clause",
            "If the Actor decides to give, it pays its Gift by bank transfer"
            "{% if host.iban %} to the Host's account IBAN {{ host.iban|iban }}"
            "{% if host.bic %} (BIC {{ host.bic }}){% endif %}{% else %} to the account "
            "designated by the Host{% endif %}, quoting the reference of the call for a gift. A "
            "call for a gift left unanswered leads to no pressing reminder, no penalty and no "
            "other consequence.",
        ),
        ("tag", "{%p endif %}"),
        ("tag", f"{{%p if {ROYALTY} %}}"),
        ("article", "audit", "AUDIT OF THE DECLARATIONS"),
        (
            "clause",
            "On a Community Decision notified by the Host, no more than once per calendar year, "
            "the Actor has the declared Revenue excl. VAT certified by its chartered accountant "
            "or statutory auditor, or allows it to be checked by an independent third party, "
            "bound by professional secrecy and chosen by mutual agreement. The audit covers at "
            "most the last three (3) calendar years.",
        ),
        (
            "clause",
            "The costs of the audit are borne by the sums earmarked for the Commons, unless it "
            "reveals an under-declaration of more than five percent (5%), in which case the "
            "Actor bears them and pays the additional Royalty due without delay.",
        ),
        ("tag", "{%p endif %}"),
        ("article", "confidentiality", "CONFIDENTIALITY"),
        (
            "clause",
            "The Host keeps the details of the declarations (clients, amounts per service) "
            "confidential. It discloses them only to the representatives of the Community "
            "designated under the hosting agreement, who are bound by the same "
            "confidentiality, and publishes only the annual totals, on the terms of article "
            "⟨recognition⟩. This obligation lasts for the term of the agreement and five (5) "
            "years after its end.",
        ),
        ("article", "recognition", "PUBLIC RECOGNITION AND CONSENT"),
        (
            "clause",
            "The Actor's name is published with the amount of the sums it declared"
            f"{royalty_or}, owed and paid{{% else %}} and gave{{% endif %}}, in the "
            "transparency report of the Commons, only with its consent. This consent is "
            f"separate {royalty_or}from the price: the Royalty and the rights of article "
            "⟨counterpart⟩ are the same whether the Actor consents or not{% else %}from the "
            "Gifts, of which it is neither a condition nor a consideration{% endif %}. The "
            "Actor may give or withdraw it at any time, by a simple e-mail to the Host, "
            "without any effect on the rest of the agreement; a withdrawal applies to the "
            "reports published after its receipt.",
        ),
        (
            "clause",
            "{% if listing_consent %}The Actor consents to this publication.{% else %}The Actor "
            "does not consent to this publication: its sums appear in the report only together "
            "with those of other actors, and only where their number does not allow them to be "
            "identified.{% endif %} The consent takes effect only once the agreement is signed "
            "by the Parties.",
        ),
        ("tag", f"{{%p if {DONATION} %}}"),
        (
            "clause",
            "The Actor may mention its Gifts to the Commons, without suggesting that the "
            "Commons, the Community or the Host approves or certifies its services.",
        ),
        ("tag", "{%p endif %}"),
        ("article", "community", "COMMUNITY DECISIONS"),
        (
            "clause",
            "The Host enters into this agreement on a Community Decision, under the hosting "
            "agreement. It agrees to a change of the "
            f"{royalty_or}rate, the scale or the cap{{% else %}}indicative rate, the scale or "
            f"the cap{{% endif %}}, {royalty_or}asks for the audit provided for in article "
            "⟨audit⟩, {% endif %}enters into an amendment or terminates the agreement only on a "
            "Community Decision{% if several_commons %} of each Commons concerned{% endif %}, "
            "which it notifies to the Actor.",
        ),
        ("article", "term", "TERM AND ANNUAL REVIEW"),
        (
            "clause",
            "This agreement takes effect on {{ contract.effective_date|long_date }}"
            "{% if contract.end %} and ends on {{ contract.end|long_date }}. The Parties meet at "
            "least three (3) months before that date to agree on a possible renewal, which "
            "requires an amendment{% else %}. It is made for an indefinite term{% endif %}.",
        ),
        (
            "clause",
            "Every year, during the first quarter, the Parties review together how the "
            "agreement has worked in the light of the transparency report of the past year. Any "
            "change to the rate, the scale or the cap, proposed by the Actor or by a Community "
            "Decision, requires an amendment; failing agreement, the agreement continues on "
            "the terms in force, each Party keeping the right to terminate it under article "
            "⟨termination⟩.",
        ),
        ("article", "hardship", "HARDSHIP AND FORCE MAJEURE"),
        (
            "clause",
            "If a change of circumstances unforeseeable when the agreement was made renders its "
            "performance excessively onerous for a Party that had not agreed to bear that risk, "
            "that Party may ask the other to renegotiate the agreement; it continues to perform "
            "its obligations during the renegotiation. If the renegotiation is refused or fails "
            "within thirty (30) days of the request, either Party may terminate the agreement "
            "under article ⟨termination⟩. The Parties waive any right to ask a court to revise "
            "or terminate the agreement under article 1195 of the French Civil Code.",
        ),
        (
            "clause",
            "No Party is liable for failing to perform an obligation because of force majeure "
            "within the meaning of article 1218 of the French Civil Code. The Party prevented "
            "informs the other without delay; the performance of the obligation is suspended "
            "for as long as the impediment lasts, save for paying a sum of money. If the "
            "impediment lasts more than three (3) months, either Party may terminate the "
            "agreement by written notice, without compensation.",
        ),
        ("article", "termination", "TERMINATION AND ITS EFFECTS"),
        ("tag", f"{{%p if {ROYALTY} %}}"),
        (
            "clause",
            "Either Party may terminate the agreement at any time, subject to "
            "{{ contract.notice_days|days }}' notice given in the forms of article ⟨notices⟩.",
        ),
        (
            "clause",
            "If a Party commits a serious breach of its obligations that is not remedied within "
            "{{ contract.breach_notice_days|days }} of a formal notice that remained without "
            "effect, the other Party may terminate the agreement by operation of law by written "
            "notice.",
        ),
        (
            "clause",
            "The end of the agreement, for whatever reason, leaves in place the obligation to "
            "declare and pay the Royalty for Covered Services invoiced up to its effective "
            "date; within thirty (30) days, the Actor stops any use of the name and the "
            "statement provided for in article ⟨counterpart⟩. Articles ⟨payment⟩ and ⟨audit⟩, "
            "for the Periods concerned, and articles ⟨confidentiality⟩, ⟨gdpr⟩ and "
            "⟨disputes⟩ survive the end of the agreement.",
        ),
        ("tag", "{%p else %}"),
        (
            "clause",
            "Either Party may end the agreement at any time, subject to "
            "{{ contract.notice_days|days }}' notice given in the forms of article ⟨notices⟩. "
            "The absence of a Gift is never a ground for termination or liability.",
        ),
        (
            "clause",
            "Gifts made before the end of the agreement remain the Host's and earmarked for the "
            "Commons; the Host issues any receipts still due. Articles ⟨confidentiality⟩, "
            "⟨gdpr⟩ and ⟨disputes⟩ survive the end of the agreement.",
        ),
        ("tag", "{%p endif %}"),
        (
            "article",
            "assignment",
            f"{royalty_or}ASSIGNMENT AND CHANGE OF CONTROL{{% else %}}ASSIGNMENT TO A SUCCESSOR "
            "HOST{% endif %}",
        ),
        (
            "clause",
            "The Actor consents now, under article 1216 of the French Civil Code, to the "
            "assignment of this agreement by the Host to the successor host that the Community "
            "chooses under the hosting agreement"
            "{% if several_commons %}; for an agreement for the benefit of several commons, the "
            "assignment covers the agreement as far as it concerns the commons that changes "
            "host, and the Actor consents to that division{% endif %}. The assignment takes "
            "effect towards the Actor as soon as it is notified to it; the Host is then "
            "released for the future (article 1216-1 of the French Civil Code).",
        ),
        ("tag", f"{{%p if {ROYALTY} %}}"),
        (
            "clause",
            "The Actor may not assign this agreement without the Host's written consent, given "
            "on a Community Decision. It informs the Host, within thirty (30) days, "
            "{% if actor.type == 'organisation' %}of any change of its control within the "
            "meaning of article L. 233-3 of the French Commercial Code{% else %}of the transfer "
            "or contribution of its business{% endif %}; the Host may then, on a Community "
            "Decision, terminate the agreement subject to thirty (30) days' notice given within "
            "three (3) months of that information.",
        ),
        ("tag", "{%p endif %}"),
        ("article", "independence", "INDEPENDENCE OF THE PARTIES AND NON-EXCLUSIVITY"),
        (
            "clause",
            "The Parties act independently: this agreement creates between them no "
            "partnership, no agency and no subordination. It is not exclusive: the Actor "
            "carries on its activities freely, and the Host may make reciprocity agreements "
            "for the benefit of the Commons with other actors.",
        ),
        (
            "clause",
            "This agreement gives the Actor no right in the governance of the Commons; the "
            "Actor may take part in it, like anyone, according to the rules of the Community.",
        ),
        ("article", "gdpr", "PERSONAL DATA"),
        (
            "clause",
            "Each Party is the controller of the processing of personal data it carries out to "
            "perform this agreement. The Host processes the data of the Actor"
            "{% if actor.type == 'organisation' %} and of its representatives{% endif %} for the "
            f"following purposes: (a) performing the agreement (declarations, {royalty_or}"
            "invoices and collection{% else %}calls for gifts and receipts{% endif %}), on the "
            "basis of the performance of a contract (article 6(1)(b) of Regulation (EU) "
            "2016/679, “GDPR”); (b) keeping its accounts, on the basis of its legal obligations "
            f"(article 6(1)(c) GDPR); (c) {royalty_or}listing the Actor on the list of partners "
            "provided for in article ⟨counterpart⟩, on the basis of the performance of the "
            "agreement, and {% endif %}the publication provided for in article ⟨recognition⟩, "
            "on the sole basis of the Actor's consent (article 6(1)(a) GDPR).",
        ),
        (
            "clause",
            "The data are kept for the term of the agreement and five (5) years after its end, "
            "accounting documents for at least six (6) years (article L. 102 B of the French "
            "Book of Tax Procedures), and published data until consent is withdrawn. They are "
            "disclosed only to the representatives of the Community, to the Host's chartered "
            "accountant and, where applicable, statutory auditor; they are not transferred "
            "outside the European Union without the safeguards of Chapter V GDPR.",
        ),
        (
            "clause",
            "Any data subject may exercise their rights of access, rectification, erasure, "
            "restriction, objection and portability, and withdraw their consent at any time, "
            "without affecting the lawfulness of earlier processing, by writing to the Host"
            "{% if host.email %} at {{ host.email }}{% endif %}; they may lodge a complaint with "
            "the French data protection authority (CNIL).",
        ),
        ("article", "notices", "NOTICES"),
        (
            "clause",
            "The notices provided for in this agreement are given in writing to the addresses "
            "stated at the head of this agreement{% if host.email or actor.email %} (by e-mail: "
            "{% if host.email %}{{ host.email }} for the Host{% endif %}"
            "{% if host.email and actor.email %}, {% endif %}{% if actor.email %}"
            "{{ actor.email }} for the Actor{% endif %}){% endif %} or to those a Party has "
            "notified since. A "
            "termination or a formal notice is given by registered letter with acknowledgment "
            "of receipt, or by e-mail whose recipient acknowledges receipt; it takes effect on "
            "receipt. Other communications may be made by e-mail.",
        ),
        ("article", "amendments", "AMENDMENTS AND GENERAL PROVISIONS"),
        (
            "clause",
            "Any change to this agreement requires a written amendment signed by the Parties. "
            "This agreement is the entire agreement of the Parties on its subject; if any of "
            "its provisions were held void, the others would remain in full force.",
        ),
        (
            "clause",
            "This agreement is made in French. This English version is a translation: only the "
            "French version is authentic, and it prevails in case of any difference.",
        ),
        ("article", "disputes", "GOVERNING LAW, MEDIATION AND DISPUTES"),
        ("clause", "This agreement is governed by French law."),
        (
            "clause",
            "Any dispute about this agreement is submitted to mediation before any court "
            "action. The first Party to act notifies it to the other; failing an amicable "
            "settlement within thirty (30) days of the notice, it asks "
            f"{MEDIATOR_EN}, unless the Parties agree on the choice of a mediator within "
            "fifteen (15) days of the request. The costs of the mediation are shared equally "
            "between the Parties. A court action brought without prior mediation is "
            "inadmissible, save to obtain urgent, interim or protective measures.",
        ),
        (
            "clause",
            "Failing agreement within sixty (60) days of the designation of the mediator, the "
            "dispute is brought before the competent court.",
        ),
        ("article", "signature", "SIGNATURE AND EVIDENCE"),
        ("tag", f"{{%p if {HANDWRITTEN} %}}"),
        (
            "clause",
            "This agreement is signed by hand, in as many originals as there are Parties "
            "(article 1375 of the French Civil Code).",
        ),
        ("tag", "{%p else %}"),
        (
            "clause",
            "This agreement is signed electronically, under articles 1366 and 1367 of the French "
            f"Civil Code, with a {EIDAS_EN}. The signed file is an original for each Party.",
        ),
        (
            "clause",
            "The Parties agree, under article 1368 of the French Civil Code, that the PDF file "
            "of the agreement signed electronically, the fingerprint of its terms given below "
            "and the evidence file drawn up by the signature service prove between them the "
            "content of the agreement, the identity of the signatories and their consent; they "
            "shall not dispute their evidential value on the sole ground of their electronic "
            "form.",
        ),
        ("tag", "{%p endif %}"),
        (
            "clause",
            "The fingerprint of the terms of this agreement (SHA-256) is computed on its whole "
            "text and the data it is made of: Parties, signatories, terms and template used. It "
            "is given in full below, and its first sixteen (16) characters at the foot of every "
            "page; the slightest change to any of these changes it.",
        ),
        ("fingerprint", "Fingerprint of the terms: {{ terms_sha256 }}"),
        ("tag", f"{{%p if {HANDWRITTEN} %}}"),
        (
            "place",
            "Signed in {{ contract.place_of_signature }} on ____________________, in "
            "{{ copies.words }} ({{ copies.count }}) originals.",
        ),
        ("tag", "{%p endif %}"),
        ("signatures", *SIGNATURES_EN),
    ]


# --------------------------------------------------------------------------------------------
# The reversal statement: for a royalty, a statement of the royalty due; for gifts, a call
# for a gift of an indicative amount.


def statement_party_fr(p: str, issuer: bool) -> str:
    """The lines identifying a party in the statement's parties table, in French."""
    vat_franchise = (
        "TVA non applicable, article 293 B du CGI"
        if issuer
        else "Franchise en base de TVA (article 293 B du CGI)"
    )
    return "\n".join(
        [
            f"**{{{{ {p}.name }}}}**",
            f"{{%p if {p}.legal_form %}}",
            f"{{{{ {p}.legal_form }}}}{{% if {p}.share_capital is not none %}} au capital de "
            f"{{{{ {p}.share_capital|money }}}}{{% endif %}}",
            "{%p endif %}",
            f"{{{{ {p}.address.street }}}}, {{{{ {p}.address.postcode }}}} "
            f"{{{{ {p}.address.city }}}}{{% if {p}.address.country != 'FR' %}} "
            f"({{{{ {p}.address.country|country_name }}}}){{% endif %}}",
            f"{{%p if {p}.siret or {p}.siren %}}",
            f"{{% if {p}.siret %}}SIRET {{{{ {p}.siret|siret }}}}{{% else %}}SIREN "
            f"{{{{ {p}.siren|siren }}}}{{% endif %}}{{% if {p}.rcs_city %}} – RCS "
            f"{{{{ {p}.rcs_city }}}}{{% endif %}}",
            "{%p endif %}",
            f"{{%p if {p}.rna %}}",
            f"RNA {{{{ {p}.rna }}}}",
            "{%p endif %}",
            f"{{%p if {p}.vat_regime == 'liable' and {p}.vat_number %}}",
            f"TVA intracommunautaire : {{{{ {p}.vat_number }}}}",
            f"{{%p elif {p}.vat_regime == 'franchise' %}}",
            vat_franchise,
            f"{{%p elif {p}.vat_regime == 'exempt' %}}",
            "Opérations exonérées de TVA",
            "{%p endif %}",
            f"{{%p if {p}.email %}}",
            f"{{{{ {p}.email }}}}",
            "{%p endif %}",
        ]
    )


def statement_party_en(p: str, issuer: bool) -> str:
    """The lines identifying a party in the statement's parties table, in English."""
    vat_franchise = (
        "VAT not applicable (“TVA non applicable, article 293 B du CGI”)"
        if issuer
        else "VAT franchise scheme (article 293 B of the French General Tax Code)"
    )
    return "\n".join(
        [
            f"**{{{{ {p}.name }}}}**",
            f"{{%p if {p}.legal_form %}}",
            f"{{{{ {p}.legal_form }}}}{{% if {p}.share_capital is not none %}} with a share "
            f"capital of {{{{ {p}.share_capital|money }}}}{{% endif %}}",
            "{%p endif %}",
            f"{{{{ {p}.address.street }}}}, {{{{ {p}.address.postcode }}}} "
            f"{{{{ {p}.address.city }}}}, {{{{ {p}.address.country|country_name }}}}",
            f"{{%p if {p}.siret or {p}.siren %}}",
            f"{{% if {p}.siret %}}SIRET {{{{ {p}.siret|siret }}}}{{% else %}}SIREN "
            f"{{{{ {p}.siren|siren }}}}{{% endif %}}{{% if {p}.rcs_city %}} – RCS "
            f"{{{{ {p}.rcs_city }}}}{{% endif %}}",
            "{%p endif %}",
            f"{{%p if {p}.rna %}}",
            f"RNA {{{{ {p}.rna }}}}",
            "{%p endif %}",
            f"{{%p if {p}.vat_regime == 'liable' and {p}.vat_number %}}",
            f"VAT number: {{{{ {p}.vat_number }}}}",
            f"{{%p elif {p}.vat_regime == 'franchise' %}}",
            vat_franchise,
            f"{{%p elif {p}.vat_regime == 'exempt' %}}",
            "Operations exempt from VAT",
            "{%p endif %}",
            f"{{%p if {p}.email %}}",
            f"{{{{ {p}.email }}}}",
            "{%p endif %}",
        ]
    )


STATEMENT_TIERS_FR = "\n".join(
    [
        "Barème par tranches du chiffre d'affaires HT cumulé de chaque année civile :",
        "{%p for t in tiers %}",
        "–\u00a0{{ t.rate_percent|percent }} "
        "{% if t.up_to is none and t.lower == 0 %}sur la totalité du chiffre d'affaires"
        "{% elif t.up_to is none %}au-delà de {{ t.lower|money }}"
        "{% elif t.lower == 0 %}jusqu'à {{ t.up_to|money }}"
        "{% else %}de {{ t.lower|money }} à {{ t.up_to|money }}{% endif %}"
        "{% if loop.last %}{% else %} ;{% endif %}",
        "{%p endfor %}",
    ]
)
STATEMENT_TIERS_EN = "\n".join(
    [
        "Tiered scale on the cumulative revenue excl. VAT of each calendar year:",
        "{%p for t in tiers %}",
        "–\u00a0{{ t.rate_percent|percent }} "
        "{% if t.up_to is none and t.lower == 0 %}on all revenue"
        "{% elif t.up_to is none %}above {{ t.lower|money }}"
        "{% elif t.lower == 0 %}up to {{ t.up_to|money }}"
        "{% else %}from {{ t.lower|money }} to {{ t.up_to|money }}{% endif %}"
        "{% if loop.last %}{% else %};{% endif %}",
        "{%p endfor %}",
    ]
)

RECEIPT_FR = (
    "{% if host.tax_receipts and host.tax_receipts.eligible %}L'Hôte est habilité à "
    "délivrer des reçus fiscaux au titre de l'article 238 bis du code général des impôts : "
    "{{ host.tax_receipts.basis }}. Il vous adressera un reçu pour chaque don.{% else %}"
    "L'Hôte n'est pas habilité à délivrer des reçus fiscaux : un don n'ouvre droit à aucune "
    "réduction d'impôt.{% endif %}"
)
RECEIPT_EN = (
    "{% if host.tax_receipts and host.tax_receipts.eligible %}The Host is entitled to issue "
    "tax receipts under article 238 bis of the French General Tax Code: "
    "{{ host.tax_receipts.basis }}. It will send you a receipt for each gift.{% else %}"
    "The Host is not entitled to issue tax receipts: a gift gives rise to no tax reduction."
    "{% endif %}"
)


def statement_fr() -> list[Block]:
    """The statement of one period of a reciprocity contract, in French: the royalty due,
    or a call for a gift of an indicative amount."""
    royalty_or = f"{{% if {ROYALTY} %}}"
    return [
        ("title", f"{royalty_or}RELEVÉ DE REDEVANCE{{% else %}}APPEL À DON{{% endif %}}"),
        ("subtitle", "{{ statement.period_name|capitalize }}"),
        (
            "period",
            "Période du {{ statement.period_start|long_date }} au "
            "{{ statement.period_end|long_date }}",
        ),
        (
            "reference",
            f"{royalty_or}Relevé{{% else %}}Appel à don{{% endif %}} n° "
            "{{ statement.reference }} · établi le {{ statement.as_of|long_date }}",
        ),
        ("tag", "{%p if not statement.period_closed %}"),
        (
            "notice",
            f"**{royalty_or}Relevé provisoire{{% else %}}Appel provisoire{{% endif %}}** : la "
            "période n'est pas close au {{ statement.as_of|long_date }} ; ce document porte sur "
            "les déclarations enregistrées à cette date.",
        ),
        ("tag", "{%p endif %}"),
        ("heading", "ÉMETTEUR ET DESTINATAIRE"),
        (
            "parties",
            "Émetteur : l'Hôte",
            statement_party_fr("host", issuer=True),
            "Destinataire : l'Acteur",
            statement_party_fr("actor", issuer=False),
        ),
        ("heading", "CONTRAT"),
        ("detail", "Contrat de réciprocité", "**{{ contract.id }}**"),
        (
            "detail",
            "Durée",
            "{% if contract.end %}Du {{ contract.effective_date|long_date }} au "
            "{{ contract.end|long_date }}{% else %}Depuis le "
            "{{ contract.effective_date|long_date }}, pour une durée indéterminée{% endif %}",
        ),
        (
            "detail",
            "{% if several_commons %}Communs bénéficiaires{% else %}Commun bénéficiaire{% endif %}",
            "{{ commons_names }}",
        ),
        ("detail", "Prestations couvertes", "{{ contract.covered_activities|join(' ; ') }}"),
        ("detail_tag", "{%tr if contract.flat_rate %}"),
        (
            "detail",
            f"{royalty_or}Taux de la redevance{{% else %}}Taux indicatif{{% endif %}}",
            "{{ contract.rate_percent|percent }} du chiffre d'affaires HT des prestations "
            "couvertes",
        ),
        ("detail_tag", "{%tr else %}"),
        (
            "detail",
            f"{royalty_or}Taux de la redevance{{% else %}}Taux indicatif{{% endif %}}",
            STATEMENT_TIERS_FR,
        ),
        ("detail_tag", "{%tr endif %}"),
        ("detail_tag", "{%tr if contract.annual_cap is not none %}"),
        (
            "detail",
            "Plafond annuel",
            "{{ contract.annual_cap|money }} HT par année civile",
        ),
        ("detail_tag", "{%tr endif %}"),
        (
            "detail",
            "Nature des sommes",
            f"{royalty_or}Redevance, prix des droits concédés par le contrat"
            f"{{% if {WITH_VAT} %}}, soumise à la TVA au taux de "
            "{{ contract.vat_rate_percent|percent }}{% elif host.vat_regime == 'franchise' %} ; "
            "TVA non applicable, article 293 B du CGI{% else %}, sans TVA{% endif %}"
            "{% else %}Dons manuels à l'Hôte, affectés "
            "{% if several_commons %}aux communs{% else %}au commun{% endif %}, libres dans leur "
            "principe et leur montant, hors du champ de la TVA{% endif %}",
        ),
        ("tag", "{%p if statement.amendments %}"),
        (
            "note",
            "Conditions en vigueur le {{ statement.period_end|long_date }}, dernier jour de la "
            "période, compte tenu {% if statement.amendments|length == 1 %}de l'avenant "
            "n° {{ statement.amendments[0] }}{% else %}des avenants n° "
            "{{ statement.amendments|join(', ') }}{% endif %}.{% if statement.repriced %} "
            "Chaque déclaration est calculée avec le barème en vigueur à sa date.{% endif %}",
        ),
        ("tag", "{%p endif %}"),
        ("heading", "DÉCLARATIONS DE LA PÉRIODE"),
        (
            "lead",
            "Prestations couvertes déclarées par l'Acteur pour la période et enregistrées au "
            "{{ statement.as_of|long_date }} :",
        ),
        (
            "declarations",
            "Date",
            "Client",
            "Prestation",
            "Facture",
            "Montant HT (€)",
            f"{royalty_or}Redevance HT (€){{% else %}}Montant indicatif (€){{% endif %}}",
            "{{ d.date|short_date }}",
            "{% if d.client %}{{ d.client }}{% else %}–{% endif %}",
            "{% if d.description %}{{ d.description }}{% else %}–{% endif %}",
            "{% if d.invoice_ref %}{{ d.invoice_ref }}{% else %}–{% endif %}"
            "{% if d.credit_note %} (avoir){% endif %}",
            "{{ d.amount_excl_tax|figures }}",
            "{{ d.due_excl_tax|figures }}",
            "{% for s in d.shares %}{{ s.name }} : {{ s.percent|percent }} "
            "({{ s.due_excl_tax|figures }}){% if not loop.last %} ; {% endif %}{% endfor %}",
            "Total de la période",
            "{{ totals.revenue_excl_tax|figures }}",
            "{{ totals.due_excl_tax|figures }}",
        ),
        ("tag", "{%p if declarations|selectattr('credit_note')|list %}"),
        (
            "note",
            "Un avoir, porté en négatif, réduit le chiffre d'affaires HT cumulé de l'année et "
            f"{royalty_or}la redevance due{{% else %}}le montant indicatif{{% endif %}}.",
        ),
        ("tag", "{%p endif %}"),
        ("tag", "{%p if not contract.flat_rate or contract.annual_cap is not none %}"),
        (
            "note",
            "Chiffre d'affaires HT cumulé de l'année {{ statement.year }} après la dernière "
            "déclaration de la période : {{ totals.cumulative_revenue|money }}. Le montant de "
            "chaque déclaration est la différence entre le montant calculé sur le cumul de "
            "l'année qui l'inclut et celui calculé sur le cumul qui la précède.",
        ),
        ("tag", "{%p endif %}"),
        ("tag", f"{{%p if {ROYALTY} %}}"),
        ("heading", "MONTANTS DUS"),
        (
            "amount",
            "Redevance HT de la période"
            "{% if contract.flat_rate and not statement.repriced %} "
            "({{ contract.rate_percent|percent }} de {{ totals.revenue_excl_tax|money }})"
            "{% endif %}",
            "{{ totals.due_excl_tax|money }}",
        ),
        ("amount_tag", f"{{%tr if {WITH_VAT} %}}"),
        (
            "amount",
            "TVA au taux de {{ contract.vat_rate_percent|percent }}",
            "{{ totals.vat|money }}",
        ),
        ("amount_subtotal", "Redevance TTC de la période", "{{ totals.due_incl_tax|money }}"),
        ("amount_tag", "{%tr endif %}"),
        ("amount_tag", "{%tr if totals.paid != 0 %}"),
        ("amount", "Déjà réglé au titre de la période", "{{ (0 - totals.paid)|money }}"),
        ("amount_tag", "{%tr endif %}"),
        (
            "amount",
            "Solde des périodes antérieures{% if totals.carried_balance < 0 %} (crédit en "
            "faveur de l'Acteur){% endif %}",
            "{{ totals.carried_balance|money }}",
        ),
        (
            "amount_total",
            "{% if totals.balance_due < 0 %}Crédit en faveur de l'Acteur{% else %}"
            "Total à payer{% endif %}",
            "{% if totals.balance_due < 0 %}{{ (0 - totals.balance_due)|money }}{% else %}"
            "{{ totals.balance_due|money }}{% endif %}",
        ),
        (
            "words",
            "La redevance de la période s'élève à {{ totals.due_excl_tax|amount_in_full }} hors "
            f"taxes{{% if {WITH_VAT} %}}, plus {{{{ totals.vat|amount_in_full }}}} de TVA au "
            "taux de {{ contract.vat_rate_percent|percent }}, soit "
            "{{ totals.due_incl_tax|amount_in_full }} toutes taxes comprises"
            "{% elif host.vat_regime == 'franchise' %} ; TVA non applicable, article 293 B du "
            "CGI{% else %}, sans TVA{% endif %}.",
        ),
        (
            "p",
            "{% if totals.balance_due > 0 %}Le présent relevé est arrêté à la somme de "
            f"**{{{{ totals.balance_due|amount_in_full }}}}**{{% if {WITH_VAT} %}} toutes taxes "
            "comprises{% endif %}{% if totals.carried_balance > 0 %}, dont "
            "{{ totals.carried_balance|money }} au titre des périodes antérieures"
            "{% elif totals.carried_balance < 0 %}, après imputation d'un crédit de "
            "{{ (0 - totals.carried_balance)|money }}{% endif %}."
            "{% elif totals.balance_due == 0 %}Aucune somme ne reste due au titre de cette "
            "période et des précédentes à la date du présent relevé.{% else %}L'Acteur dispose "
            "d'un crédit de **{{ (0 - totals.balance_due)|amount_in_full }}**, qui s'imputera "
            "sur les prochaines redevances.{% endif %}",
        ),
        ("tag", "{%p else %}"),
        ("heading", "MONTANT INDICATIF DU DON"),
        (
            "amount",
            "Montant indicatif de la période"
            "{% if contract.flat_rate and not statement.repriced %} "
            "({{ contract.rate_percent|percent }} de {{ totals.revenue_excl_tax|money }})"
            "{% endif %}",
            "{{ totals.due_excl_tax|money }}",
        ),
        ("amount_tag", "{%tr if totals.paid != 0 %}"),
        ("amount", "Dons déjà reçus pour la période", "{{ (0 - totals.paid)|money }}"),
        ("amount_tag", "{%tr endif %}"),
        (
            "amount_total",
            "Montant indicatif restant",
            "{% if totals.outstanding > 0 %}{{ totals.outstanding|money }}{% else %}"
            "0,00 €{% endif %}",
        ),
        (
            "words",
            "{% if totals.outstanding > 0 %}Le montant indicatif de votre don pour la période "
            "s'élève à **{{ totals.outstanding|amount_in_full }}**. Ce montant n'est qu'une "
            "indication : vous restez libre de donner ou non, et de fixer le montant de votre "
            "don.{% else %}Aucun don n'est suggéré pour cette période.{% endif %}",
        ),
        ("tag", "{%p endif %}"),
        ("tag", "{%p if several_commons %}"),
        (
            "lead",
            f"Répartition {royalty_or}de la redevance{{% else %}}du montant indicatif"
            "{% endif %} de la période entre les communs bénéficiaires, selon les parts "
            "indiquées dans chaque déclaration :",
        ),
        (
            "split",
            "Commun",
            f"{royalty_or}Redevance HT (€){{% else %}}Montant indicatif (€){{% endif %}}",
            "« {{ c.name }} »",
            "{{ c.due_excl_tax|figures }}",
            "Total",
            "{{ totals.due_excl_tax|figures }}",
        ),
        ("tag", "{%p endif %}"),
        ("tag", f"{{%p if {ROYALTY} %}}"),
        ("heading", "RÈGLEMENT"),
        ("tag", "{%p if totals.balance_due > 0 %}"),
        ("tag", "{%p if totals.outstanding > 0 %}"),
        (
            "lead",
            "Échéance de la redevance de la période : "
            "**{{ statement.payment_due_date|long_date }}**{% if statement.overdue %} "
            "(échéance dépassée){% endif %}.",
        ),
        ("tag", "{%p endif %}"),
        ("tag", "{%p if totals.carried_overdue > 0 %}"),
        (
            "lead",
            "Solde échu des périodes antérieures, à régler sans délai : "
            "**{{ totals.carried_overdue|money }}**.",
        ),
        ("tag", "{%p endif %}"),
        (
            "lead",
            "Règlement par virement{% if payment.iban %} sur le compte ci-dessous{% else %} sur "
            "le compte désigné par l'Hôte{% endif %}, en indiquant la référence du relevé"
            "{% if not payment.iban %} : **{{ payment.reference }}**{% endif %}.",
        ),
        ("tag", "{%p if payment.iban|iban %}"),
        ("detail", "Titulaire du compte", "{{ payment.account_holder }}"),
        ("detail", "IBAN", "**{{ payment.iban|iban }}**"),
        ("detail_tag", "{%tr if payment.bic %}"),
        ("detail", "BIC", "{{ payment.bic }}"),
        ("detail_tag", "{%tr endif %}"),
        ("detail", "Référence à indiquer", "**{{ payment.reference }}**"),
        ("tag", "{%p endif %}"),
        ("tag", "{%p else %}"),
        (
            "p",
            "Aucun paiement n'est attendu à la date du présent relevé (échéance de la redevance "
            "de la période : {{ statement.payment_due_date|long_date }}).",
        ),
        ("tag", "{%p endif %}"),
        (
            "note",
            "Tout retard de paiement fait courir de plein droit des pénalités au taux "
            "{% if contract.late_interest_percent is not none %}annuel de "
            "{{ contract.late_interest_percent|percent }}{% else %}égal à trois fois le taux de "
            "l'intérêt légal{% endif %} et l'indemnité forfaitaire pour frais de recouvrement de "
            "40,00 € (articles L. 441-10 et D. 441-5 du Code de commerce). Pas d'escompte pour "
            "paiement anticipé.",
        ),
        (
            "note",
            "Ce relevé récapitule les déclarations et les sommes dues ; il ne tient pas lieu "
            "de facture. La redevance de la période fait l'objet d'une facture de l'Hôte, "
            "établie conformément au contrat.",
        ),
        ("tag", "{%p else %}"),
        ("heading", "COMMENT DONNER"),
        ("tag", "{%p if totals.outstanding > 0 %}"),
        (
            "lead",
            "Si vous décidez de donner, vous pouvez verser votre don par virement"
            "{% if payment.iban %} sur le compte ci-dessous{% else %} sur le compte désigné par "
            "l'Hôte{% endif %}, en indiquant la référence de cet appel"
            "{% if not payment.iban %} : **{{ payment.reference }}**{% endif %}.",
        ),
        ("tag", "{%p if payment.iban|iban %}"),
        ("detail", "Titulaire du compte", "{{ payment.account_holder }}"),
        ("detail", "IBAN", "**{{ payment.iban|iban }}**"),
        ("detail_tag", "{%tr if payment.bic %}"),
        ("detail", "BIC", "{{ payment.bic }}"),
        ("detail_tag", "{%tr endif %}"),
        ("detail", "Référence à indiquer", "**{{ payment.reference }}**"),
        ("tag", "{%p endif %}"),
        ("tag", "{%p endif %}"),
        ("note", RECEIPT_FR),
        (
            "note",
            "Votre don est reçu par l'Hôte, qui l'affecte "
            "{% if several_commons %}aux communs{% else %}au commun{% endif %} "
            "{{ commons_names }} en application du contrat d'hébergement. Un appel à don resté "
            "sans suite n'entraîne ni relance comminatoire, ni pénalité, ni aucune autre "
            "conséquence.",
        ),
        ("tag", "{%p endif %}"),
        (
            "place",
            "Fait {{ host.address.city|à }}, le {{ statement.as_of|long_date }}.",
        ),
        ("issuer", "Pour l'Hôte, **{{ host.name }}**"),
        ("tag", "{%p if host.representative %}"),
        ("issuer", "{{ host.representative.name }}, {{ host.representative.role }}"),
        ("tag", "{%p endif %}"),
    ]


def statement_en() -> list[Block]:
    """The statement of one period of a reciprocity agreement, in English: the royalty due,
    or a call for a gift of an indicative amount."""
    royalty_or = f"{{% if {ROYALTY} %}}"
    return [
        ("title", f"{royalty_or}ROYALTY STATEMENT{{% else %}}CALL FOR A GIFT{{% endif %}}"),
        ("subtitle", "{{ statement.period_name|capitalize }}"),
        (
            "period",
            "Period from {{ statement.period_start|long_date }} to "
            "{{ statement.period_end|long_date }}",
        ),
        (
            "reference",
            f"{royalty_or}Statement{{% else %}}Call for a gift{{% endif %}} no. "
            "{{ statement.reference }} · issued on {{ statement.as_of|long_date }}",
        ),
        ("tag", "{%p if not statement.period_closed %}"),
        (
            "notice",
            f"**{royalty_or}Provisional statement{{% else %}}Provisional call{{% endif %}}**: the "
            "period is not closed on {{ statement.as_of|long_date }}; this document covers the "
            "declarations recorded on that date.",
        ),
        ("tag", "{%p endif %}"),
        ("heading", "ISSUER AND ADDRESSEE"),
        (
            "parties",
            "Issuer: the Host",
            statement_party_en("host", issuer=True),
            "Addressee: the Actor",
            statement_party_en("actor", issuer=False),
        ),
        ("heading", "AGREEMENT"),
        ("detail", "Reciprocity agreement", "**{{ contract.id }}**"),
        (
            "detail",
            "Term",
            "{% if contract.end %}From {{ contract.effective_date|long_date }} to "
            "{{ contract.end|long_date }}{% else %}Since "
            "{{ contract.effective_date|long_date }}, for an indefinite term{% endif %}",
        ),
        ("detail", "Benefiting commons", "{{ commons_names }}"),
        ("detail", "Covered services", "{{ contract.covered_activities|join('; ') }}"),
        ("detail_tag", "{%tr if contract.flat_rate %}"),
        (
            "detail",
            f"{royalty_or}Royalty rate{{% else %}}Indicative rate{{% endif %}}",
            "{{ contract.rate_percent|percent }} of the revenue excl. VAT from covered services",
        ),
        ("detail_tag", "{%tr else %}"),
        (
            "detail",
            f"{royalty_or}Royalty rate{{% else %}}Indicative rate{{% endif %}}",
            STATEMENT_TIERS_EN,
        ),
        ("detail_tag", "{%tr endif %}"),
        ("detail_tag", "{%tr if contract.annual_cap is not none %}"),
        (
            "detail",
            "Annual cap",
            "{{ contract.annual_cap|money }} excl. VAT per calendar year",
        ),
        ("detail_tag", "{%tr endif %}"),
        (
            "detail",
            "Nature of the sums",
            f"{royalty_or}Royalty, the price of the rights granted by the agreement"
            f"{{% if {WITH_VAT} %}}, subject to VAT at "
            "{{ contract.vat_rate_percent|percent }}{% elif host.vat_regime == 'franchise' %}; "
            "VAT not applicable (“TVA non applicable, article 293 B du CGI”){% else %}, without "
            "VAT{% endif %}{% else %}Manual gifts (dons manuels) to the Host, earmarked for the "
            "commons, free in principle and amount, outside the scope of VAT{% endif %}",
        ),
        ("tag", "{%p if statement.amendments %}"),
        (
            "note",
            "Terms in force on {{ statement.period_end|long_date }}, the last day of the period, "
            "as amended by amendment{% if statement.amendments|length > 1 %}s{% endif %} "
            "no. {{ statement.amendments|join(', ') }}.{% if statement.repriced %} Each "
            "declaration is computed with the schedule in force on its date.{% endif %}",
        ),
        ("tag", "{%p endif %}"),
        ("heading", "DECLARATIONS FOR THE PERIOD"),
        (
            "lead",
            "Covered services declared by the Actor for the period and recorded on "
            "{{ statement.as_of|long_date }}:",
        ),
        (
            "declarations",
            "Date",
            "Client",
            "Service",
            "Invoice",
            "Amount excl. VAT (€)",
            f"{royalty_or}Royalty excl. VAT (€){{% else %}}Indicative amount (€){{% endif %}}",
            "{{ d.date|short_date }}",
            "{% if d.client %}{{ d.client }}{% else %}–{% endif %}",
            "{% if d.description %}{{ d.description }}{% else %}–{% endif %}",
            "{% if d.invoice_ref %}{{ d.invoice_ref }}{% else %}–{% endif %}"
            "{% if d.credit_note %} (credit note){% endif %}",
            "{{ d.amount_excl_tax|figures }}",
            "{{ d.due_excl_tax|figures }}",
            "{% for s in d.shares %}{{ s.name }}: {{ s.percent|percent }} "
            "({{ s.due_excl_tax|figures }}){% if not loop.last %}; {% endif %}{% endfor %}",
            "Total for the period",
            "{{ totals.revenue_excl_tax|figures }}",
            "{{ totals.due_excl_tax|figures }}",
        ),
        ("tag", "{%p if declarations|selectattr('credit_note')|list %}"),
        (
            "note",
            "A credit note, shown as a negative amount, reduces the cumulative revenue excl. "
            f"VAT of the year and {royalty_or}the royalty owed{{% else %}}the indicative amount"
            "{% endif %}.",
        ),
        ("tag", "{%p endif %}"),
        ("tag", "{%p if not contract.flat_rate or contract.annual_cap is not none %}"),
        (
            "note",
            "Cumulative revenue excl. VAT for {{ statement.year }} after the last declaration "
            "of the period: {{ totals.cumulative_revenue|money }}. The amount for each "
            "declaration is the difference between the amount computed on the cumulative "
            "revenue of the year including it and the amount computed on the cumulative "
            "revenue before it.",
        ),
        ("tag", "{%p endif %}"),
        ("tag", f"{{%p if {ROYALTY} %}}"),
        ("heading", "AMOUNTS DUE"),
        (
            "amount",
            "Royalty excl. VAT for the period"
            "{% if contract.flat_rate and not statement.repriced %} "
            "({{ contract.rate_percent|percent }} of {{ totals.revenue_excl_tax|money }})"
            "{% endif %}",
            "{{ totals.due_excl_tax|money }}",
        ),
        ("amount_tag", f"{{%tr if {WITH_VAT} %}}"),
        (
            "amount",
            "VAT at {{ contract.vat_rate_percent|percent }}",
            "{{ totals.vat|money }}",
        ),
        ("amount_subtotal", "Royalty incl. VAT for the period", "{{ totals.due_incl_tax|money }}"),
        ("amount_tag", "{%tr endif %}"),
        ("amount_tag", "{%tr if totals.paid != 0 %}"),
        ("amount", "Already paid for the period", "{{ (0 - totals.paid)|money }}"),
        ("amount_tag", "{%tr endif %}"),
        (
            "amount",
            "Balance of earlier periods{% if totals.carried_balance < 0 %} (credit of the "
            "Actor){% endif %}",
            "{{ totals.carried_balance|money }}",
        ),
        (
            "amount_total",
            "{% if totals.balance_due < 0 %}Credit of the Actor{% else %}Total to pay{% endif %}",
            "{% if totals.balance_due < 0 %}{{ (0 - totals.balance_due)|money }}{% else %}"
            "{{ totals.balance_due|money }}{% endif %}",
        ),
        (
            "words",
            "The royalty for the period amounts to {{ totals.due_excl_tax|amount_in_full }} "
            f"excluding VAT{{% if {WITH_VAT} %}}, plus {{{{ totals.vat|amount_in_full }}}} of "
            "VAT at {{ contract.vat_rate_percent|percent }}, that is "
            "{{ totals.due_incl_tax|amount_in_full }} including VAT"
            "{% elif host.vat_regime == 'franchise' %}; VAT not applicable (“TVA non "
            "applicable, article 293 B du CGI”){% else %}, without VAT{% endif %}.",
        ),
        (
            "p",
            "{% if totals.balance_due > 0 %}The amount due under this statement is "
            f"**{{{{ totals.balance_due|amount_in_full }}}}**{{% if {WITH_VAT} %}} including "
            "VAT{% endif %}{% if totals.carried_balance > 0 %}, of which "
            "{{ totals.carried_balance|money }} for earlier periods"
            "{% elif totals.carried_balance < 0 %}, after deduction of a credit of "
            "{{ (0 - totals.carried_balance)|money }}{% endif %}."
            "{% elif totals.balance_due == 0 %}Nothing remains due for this period and the "
            "earlier ones on the date of this statement.{% else %}The Actor has a credit of "
            "**{{ (0 - totals.balance_due)|amount_in_full }}**, which will be set off against "
            "the next royalties.{% endif %}",
        ),
        ("tag", "{%p else %}"),
        ("heading", "INDICATIVE AMOUNT OF THE GIFT"),
        (
            "amount",
            "Indicative amount for the period"
            "{% if contract.flat_rate and not statement.repriced %} "
            "({{ contract.rate_percent|percent }} of {{ totals.revenue_excl_tax|money }})"
            "{% endif %}",
            "{{ totals.due_excl_tax|money }}",
        ),
        ("amount_tag", "{%tr if totals.paid != 0 %}"),
        ("amount", "Gifts already received for the period", "{{ (0 - totals.paid)|money }}"),
        ("amount_tag", "{%tr endif %}"),
        (
            "amount_total",
            "Indicative amount remaining",
            "{% if totals.outstanding > 0 %}{{ totals.outstanding|money }}{% else %}"
            "€0.00{% endif %}",
        ),
        (
            "words",
            "{% if totals.outstanding > 0 %}The indicative amount of your gift for the period "
            "is **{{ totals.outstanding|amount_in_full }}**. This amount is only an indication: "
            "you remain free to give or not, and to set the amount of your gift.{% else %}No "
            "gift is suggested for this period.{% endif %}",
        ),
        ("tag", "{%p endif %}"),
        ("tag", "{%p if several_commons %}"),
        (
            "lead",
            f"Split of the {royalty_or}royalty{{% else %}}indicative amount{{% endif %}} for the "
            "period between the benefiting commons, according to the shares stated in each "
            "declaration:",
        ),
        (
            "split",
            "Commons",
            f"{royalty_or}Royalty excl. VAT (€){{% else %}}Indicative amount (€){{% endif %}}",
            "“{{ c.name }}”",
            "{{ c.due_excl_tax|figures }}",
            "Total",
            "{{ totals.due_excl_tax|figures }}",
        ),
        ("tag", "{%p endif %}"),
        ("tag", f"{{%p if {ROYALTY} %}}"),
        ("heading", "PAYMENT"),
        ("tag", "{%p if totals.balance_due > 0 %}"),
        ("tag", "{%p if totals.outstanding > 0 %}"),
        (
            "lead",
            "Due date of the royalty for the period: "
            "**{{ statement.payment_due_date|long_date }}**{% if statement.overdue %} "
            "(past due){% endif %}.",
        ),
        ("tag", "{%p endif %}"),
        ("tag", "{%p if totals.carried_overdue > 0 %}"),
        (
            "lead",
            "Past-due balance of earlier periods, payable immediately: "
            "**{{ totals.carried_overdue|money }}**.",
        ),
        ("tag", "{%p endif %}"),
        (
            "lead",
            "Payment by bank transfer{% if payment.iban %} to the account below{% else %} to the "
            "account designated by the Host{% endif %}, quoting the statement reference"
            "{% if not payment.iban %}: **{{ payment.reference }}**{% endif %}.",
        ),
        ("tag", "{%p if payment.iban|iban %}"),
        ("detail", "Account holder", "{{ payment.account_holder }}"),
        ("detail", "IBAN", "**{{ payment.iban|iban }}**"),
        ("detail_tag", "{%tr if payment.bic %}"),
        ("detail", "BIC", "{{ payment.bic }}"),
        ("detail_tag", "{%tr endif %}"),
        ("detail", "Reference to quote", "**{{ payment.reference }}**"),
        ("tag", "{%p endif %}"),
        ("tag", "{%p else %}"),
        (
            "p",
            "No payment is expected on the date of this statement (due date of the royalty for "
            "the period: {{ statement.payment_due_date|long_date }}).",
        ),
        ("tag", "{%p endif %}"),
        (
            "note",
            "Any late payment bears, by operation of law, interest at "
            "{% if contract.late_interest_percent is not none %}the yearly rate of "
            "{{ contract.late_interest_percent|percent }}{% else %}three times the French legal "
            "interest rate{% endif %} and the fixed recovery indemnity of €40.00 (articles "
            "L. 441-10 and D. 441-5 of the French Commercial Code). No discount for early "
            "payment.",
        ),
        (
            "note",
            "This statement sums up the declarations and the amounts due; it is not an "
            "invoice. The royalty for the period is invoiced by the Host as the agreement "
            "provides.",
        ),
        ("tag", "{%p else %}"),
        ("heading", "HOW TO GIVE"),
        ("tag", "{%p if totals.outstanding > 0 %}"),
        (
            "lead",
            "If you decide to give, you may pay your gift by bank transfer"
            "{% if payment.iban %} to the account below{% else %} to the account designated by "
            "the Host{% endif %}, quoting the reference of this call"
            "{% if not payment.iban %}: **{{ payment.reference }}**{% endif %}.",
        ),
        ("tag", "{%p if payment.iban|iban %}"),
        ("detail", "Account holder", "{{ payment.account_holder }}"),
        ("detail", "IBAN", "**{{ payment.iban|iban }}**"),
        ("detail_tag", "{%tr if payment.bic %}"),
        ("detail", "BIC", "{{ payment.bic }}"),
        ("detail_tag", "{%tr endif %}"),
        ("detail", "Reference to quote", "**{{ payment.reference }}**"),
        ("tag", "{%p endif %}"),
        ("tag", "{%p endif %}"),
        ("note", RECEIPT_EN),
        (
            "note",
            "Your gift is received by the Host, which earmarks it for the commons "
            "{{ commons_names }} under the hosting agreement. A call for a gift left unanswered "
            "leads to no pressing reminder, no penalty and no other consequence.",
        ),
        ("tag", "{%p endif %}"),
        (
            "place",
            "Issued in {{ host.address.city }} on {{ statement.as_of|long_date }}.",
        ),
        ("issuer", "For the Host, **{{ host.name }}**"),
        ("tag", "{%p if host.representative %}"),
        ("issuer", "{{ host.representative.name }}, {{ host.representative.role }}"),
        ("tag", "{%p endif %}"),
    ]


FOOTERS = {
    "fr": ("Contrat {{ contract.id }} · empreinte des termes {{ short_hash }}", "Page ", " sur "),
    "en": ("Agreement {{ contract.id }} · terms fingerprint {{ short_hash }}", "Page ", " of "),
}
STATEMENT_FOOTERS = {
    "fr": (
        f"{{% if {ROYALTY} %}}Relevé de redevance{{% else %}}Appel à don{{% endif %}} · contrat "
        "{{ contract.id }} · {{ statement.period_name }}",
        "Page ",
        " sur ",
    ),
    "en": (
        f"{{% if {ROYALTY} %}}Royalty statement{{% else %}}Call for a gift{{% endif %}} · "
        "agreement {{ contract.id }} · {{ statement.period_name }}",
        "Page ",
        " of ",
    ),
}

# The automatic numbers: an article is `ARTICLE 1 –` (a no-break space before the number),
# a clause `1.1`; a statement's section `1.`.
ARTICLE_NUMBER = "ARTICLE\u00a0%1 –"
CLAUSE_NUMBER = "%1.%2"
SECTION_NUMBER = "%1."
LIST_ID = 90  # the ids of the list in numbering.xml, clear of python-docx's own

PROPERTIES = {
    ("hosting", "fr"): "Modèle de contrat d'hébergement de commun",
    ("hosting", "en"): "Commons hosting agreement template",
    ("reciprocity", "fr"): "Modèle de contrat de réciprocité au bénéfice d'un commun",
    ("reciprocity", "en"): "Reciprocity agreement template",
    ("statement", "fr"): "Modèle de relevé de redevance et d'appel à don",
    ("statement", "en"): "Royalty statement and call for a gift template",
}


# --------------------------------------------------------------------------------------------
# Writing a document


def _set_fonts(element: object, font: str) -> None:
    """Name `font` for every script, removing the theme fonts that would override it."""
    rpr = element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in list(fonts.attrib):
        if attribute.lower().endswith("theme"):  # asciiTheme, cstheme...
            del fonts.attrib[attribute]
    for script in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(script), font)


def _set_language(document: DocumentObject, lang: str) -> None:
    """Declare the document's language (spelling, hyphenation) in the default run properties."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    language = rpr.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        rpr.append(language)
    code = "fr-FR" if lang == "fr" else "en-GB"
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        language.set(qn(attribute), code)


def _style_document(document: DocumentObject, lang: str) -> None:
    """Page setup and the styles the templates use."""
    for section in document.sections:
        section.page_width, section.page_height = Cm(21), Cm(29.7)  # A4
        section.left_margin = section.right_margin = Cm(2.3)
        section.top_margin = Cm(2.0)
        section.bottom_margin = Cm(2.2)
        section.footer_distance = Cm(1.0)
        section.header_distance = Cm(1.0)
    _set_language(document, lang)
    styles = document.styles

    normal = styles["Normal"]
    normal.font.size = Pt(10.5)
    normal.font.color.rgb = INK
    _set_fonts(normal.element, BODY_FONT)
    fmt = normal.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(5)
    fmt.line_spacing = 1.1
    fmt.widow_control = True

    title = styles["Title"]
    _set_fonts(title.element, HEADING_FONT)
    title.font.size = Pt(17)
    title.font.bold = True
    title.font.color.rgb = INK
    title.font.all_caps = False
    tfmt = title.paragraph_format
    tfmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
    tfmt.space_before = Pt(6)
    tfmt.space_after = Pt(4)
    _remove_border(title.element)
    _plain_letter_spacing(title.element)

    subtitle = styles["Subtitle"]
    _set_fonts(subtitle.element, HEADING_FONT)
    subtitle.font.size = Pt(13)
    subtitle.font.italic = False
    subtitle.font.color.rgb = INK
    sfmt = subtitle.paragraph_format
    sfmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sfmt.space_after = Pt(2)
    _plain_letter_spacing(subtitle.element)
    numbering = subtitle.element.get_or_add_pPr().find(qn("w:numPr"))
    if numbering is not None:  # a stray list level in python-docx's template
        numbering.getparent().remove(numbering)

    reference = styles.add_style("Contract Reference", WD_STYLE_TYPE.PARAGRAPH)
    reference.base_style = normal
    reference.font.size = Pt(9)
    reference.font.color.rgb = GREY
    rfmt = reference.paragraph_format
    rfmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
    rfmt.space_after = Pt(18)
    _bottom_rule(reference.element)

    heading = styles["Heading 1"]
    _set_fonts(heading.element, HEADING_FONT)
    heading.font.size = Pt(11)
    heading.font.bold = True
    heading.font.color.rgb = INK
    hfmt = heading.paragraph_format
    hfmt.alignment = WD_ALIGN_PARAGRAPH.LEFT
    hfmt.space_before = Pt(14)
    hfmt.space_after = Pt(5)
    hfmt.keep_with_next = True

    section_style = styles["Heading 2"]
    _set_fonts(section_style.element, HEADING_FONT)
    section_style.font.size = Pt(10.5)
    section_style.font.bold = True
    section_style.font.color.rgb = INK
    s2 = section_style.paragraph_format
    s2.alignment = WD_ALIGN_PARAGRAPH.LEFT
    s2.space_before = Pt(12)
    s2.space_after = Pt(6)
    s2.keep_with_next = True

    center = styles.add_style("Centered Statement", WD_STYLE_TYPE.PARAGRAPH)
    center.base_style = normal
    center.font.bold = True
    cfmt = center.paragraph_format
    cfmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
    cfmt.space_before = Pt(12)
    cfmt.space_after = Pt(6)
    cfmt.keep_with_next = True

    right = styles.add_style("Party Side", WD_STYLE_TYPE.PARAGRAPH)
    right.base_style = normal
    right.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    item = styles.add_style("Enumeration", WD_STYLE_TYPE.PARAGRAPH)
    item.base_style = normal
    ifmt = item.paragraph_format
    ifmt.left_indent = Cm(0.9)
    ifmt.first_line_indent = Cm(-0.45)
    ifmt.space_after = Pt(3)
    ifmt.tab_stops.add_tab_stop(Cm(0.9))

    clause = styles.add_style("Clause", WD_STYLE_TYPE.PARAGRAPH)
    clause.base_style = normal
    clause.paragraph_format.widow_control = True

    fingerprint = styles.add_style("Fingerprint", WD_STYLE_TYPE.PARAGRAPH)
    fingerprint.base_style = normal
    fingerprint.font.size = Pt(9)
    ffmt = fingerprint.paragraph_format
    ffmt.alignment = WD_ALIGN_PARAGRAPH.LEFT
    ffmt.keep_with_next = True
    ffmt.space_before = Pt(2)
    ffmt.space_after = Pt(8)

    tag = styles.add_style("Template Tag", WD_STYLE_TYPE.PARAGRAPH)
    tag.base_style = normal
    tag.font.size = Pt(8)
    tag.font.color.rgb = TAG_GREY
    tag.paragraph_format.space_after = Pt(0)
    tag.paragraph_format.keep_with_next = True

    place = styles.add_style("Signature Place", WD_STYLE_TYPE.PARAGRAPH)
    place.base_style = normal
    pfmt = place.paragraph_format
    pfmt.space_before = Pt(14)
    pfmt.space_after = Pt(10)
    pfmt.keep_with_next = True

    after_table = styles.add_style("After Table", WD_STYLE_TYPE.PARAGRAPH)
    after_table.base_style = normal
    after_table.paragraph_format.space_before = Pt(8)

    cell = styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
    cell.base_style = normal
    cell.font.size = Pt(10)
    cfmt2 = cell.paragraph_format
    cfmt2.alignment = WD_ALIGN_PARAGRAPH.LEFT
    cfmt2.space_before = Pt(2)
    cfmt2.space_after = Pt(2)

    footer = styles["Footer"]
    footer.font.size = Pt(8)
    footer.font.color.rgb = GREY
    _set_fonts(footer.element, BODY_FONT)
    # python-docx's template sets Letter-sized tab stops on the footer style; replace them
    # with one right-aligned stop at the right margin of an A4 page.
    tabs = footer.element.get_or_add_pPr().find(qn("w:tabs"))
    if tabs is not None:
        tabs.getparent().remove(tabs)
    section = document.sections[0]
    usable = section.page_width - section.left_margin - section.right_margin
    footer.paragraph_format.tab_stops.add_tab_stop(usable, WD_TAB_ALIGNMENT.RIGHT)

    label = styles.add_style("Signatory Label", WD_STYLE_TYPE.PARAGRAPH)
    label.base_style = normal
    lfmt = label.paragraph_format
    lfmt.alignment = WD_ALIGN_PARAGRAPH.LEFT
    lfmt.space_before = Pt(0)
    lfmt.space_after = Pt(2)
    lfmt.keep_with_next = True

    signatory = styles.add_style("Signatory", WD_STYLE_TYPE.PARAGRAPH)
    signatory.base_style = normal
    sgfmt = signatory.paragraph_format
    sgfmt.alignment = WD_ALIGN_PARAGRAPH.LEFT
    sgfmt.space_after = Pt(1)
    sgfmt.keep_with_next = True

    space = styles.add_style("Signature Space", WD_STYLE_TYPE.PARAGRAPH)
    space.base_style = normal
    space.font.size = Pt(8.5)
    space.font.color.rgb = GREY
    spfmt = space.paragraph_format
    spfmt.alignment = WD_ALIGN_PARAGRAPH.LEFT
    spfmt.space_before = Pt(6)
    spfmt.space_after = Pt(76)  # room for a handwritten signature, about 2.7 cm
    spfmt.keep_with_next = False


def _numbering(document: DocumentObject, levels: Sequence[tuple[str, str, bool]]) -> None:
    """A numbered list whose levels are carried by paragraph styles: `levels` holds, for each
    level from the first, the style id, the number's text (`ARTICLE %1 –`) and whether the
    number is bold. Word and LibreOffice show and update the numbers as one edits; the
    renderer writes them as text once the conditional clauses are settled."""
    numbering = document.part.numbering_part.element
    parts = [
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{LIST_ID}">',
        '<w:multiLevelType w:val="multilevel"/>',
    ]
    for index, (style_id, text, bold) in enumerate(levels):
        parts.append(
            f'<w:lvl w:ilvl="{index}"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
            f'<w:pStyle w:val="{style_id}"/><w:suff w:val="space"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            '<w:pPr><w:ind w:left="0" w:firstLine="0"/></w:pPr>'
            + ("<w:rPr><w:b/></w:rPr>" if bold else "")
            + "</w:lvl>"
        )
    parts.append("</w:abstractNum>")
    abstract = parse_xml("".join(parts))
    instance = parse_xml(
        f'<w:num {nsdecls("w")} w:numId="{LIST_ID}"><w:abstractNumId w:val="{LIST_ID}"/></w:num>'
    )
    # numbering.xml holds every abstractNum before the first num.
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(instance)
    for index, (style_id, _, _) in enumerate(levels):
        style = next(s for s in document.styles if s.style_id == style_id)
        num_pr = style.element.get_or_add_pPr().get_or_add_numPr()  # in the schema's order
        num_pr.get_or_add_ilvl().val = index
        num_pr.get_or_add_numId().val = LIST_ID


def _style_statement(document: DocumentObject) -> None:
    """The styles that only the reversal statements use, and a tighter layout than the
    contracts' so that a statement fits on one or two pages (the contracts stay as they are)."""
    styles = document.styles
    normal = styles["Normal"]
    styles["Title"].font.size = Pt(16)
    styles["Title"].paragraph_format.space_before = Pt(0)
    styles["Title"].paragraph_format.space_after = Pt(2)
    styles["Subtitle"].font.size = Pt(12)
    styles["Contract Reference"].paragraph_format.space_after = Pt(10)
    heading = styles["Heading 1"].paragraph_format
    heading.space_before = Pt(10)
    heading.space_after = Pt(4)
    styles["Signature Place"].paragraph_format.space_before = Pt(10)
    styles["Signature Place"].paragraph_format.space_after = Pt(6)

    period = styles.add_style("Statement Period", WD_STYLE_TYPE.PARAGRAPH)
    period.base_style = normal
    period.font.size = Pt(10)
    pfmt = period.paragraph_format
    pfmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
    pfmt.space_after = Pt(2)

    lead = styles.add_style("Lead-in", WD_STYLE_TYPE.PARAGRAPH)
    lead.base_style = normal
    lead.paragraph_format.keep_with_next = True

    notice = styles.add_style("Statement Notice", WD_STYLE_TYPE.PARAGRAPH)
    notice.base_style = normal
    notice.font.size = Pt(9.5)
    nfmt = notice.paragraph_format
    nfmt.alignment = WD_ALIGN_PARAGRAPH.LEFT
    nfmt.space_before = Pt(0)
    nfmt.space_after = Pt(10)
    _paragraph_shading(notice.element, NOTICE_FILL)

    note = styles.add_style("Statement Note", WD_STYLE_TYPE.PARAGRAPH)
    note.base_style = normal
    note.font.size = Pt(8.5)
    note.font.color.rgb = GREY
    nofmt = note.paragraph_format
    nofmt.space_before = Pt(4)
    nofmt.space_after = Pt(2)

    small = styles.add_style("Table Small", WD_STYLE_TYPE.PARAGRAPH)
    small.base_style = styles["Table Text"]
    small.font.size = Pt(9)
    small.paragraph_format.space_before = Pt(1)
    small.paragraph_format.space_after = Pt(1)
    small.paragraph_format.line_spacing = 1.0

    amount = styles.add_style("Table Amount", WD_STYLE_TYPE.PARAGRAPH)
    amount.base_style = small
    amount.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    share = styles.add_style("Table Share", WD_STYLE_TYPE.PARAGRAPH)
    share.base_style = small
    share.font.size = Pt(8)
    share.font.color.rgb = GREY


def _paragraph_shading(style_element: object, fill: str) -> None:
    """A paragraph style's background colour, with a thin frame of the same colour."""
    ppr = style_element.get_or_add_pPr()  # type: ignore[attr-defined]
    borders = OxmlElement("w:pBdr")
    for edge in ("top", "left", "bottom", "right"):
        element = OxmlElement(f"w:{edge}")
        for key, value in (("w:val", "single"), ("w:sz", "4"), ("w:space", "4")):
            element.set(qn(key), value)
        element.set(qn("w:color"), RULE_COLOUR)
        borders.append(element)
    ppr.append(borders)
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    ppr.append(shading)


def _plain_letter_spacing(style_element: object) -> None:
    """Drop the letter spacing python-docx's template gives its title styles."""
    rpr = style_element.get_or_add_rPr()  # type: ignore[attr-defined]
    spacing = rpr.find(qn("w:spacing"))
    if spacing is not None:
        rpr.remove(spacing)


def _remove_border(style_element: object) -> None:
    ppr = style_element.get_or_add_pPr()  # type: ignore[attr-defined]
    border = ppr.find(qn("w:pBdr"))
    if border is not None:
        ppr.remove(border)


def _bottom_rule(style_element: object) -> None:
    """A thin rule under the paragraph (below the contract reference, above the footer)."""
    ppr = style_element.get_or_add_pPr()  # type: ignore[attr-defined]
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "4"), ("w:space", "6")):
        bottom.set(qn(key), value)
    bottom.set(qn("w:color"), RULE_COLOUR)
    borders.append(bottom)
    ppr.append(borders)


def _top_rule(paragraph: Paragraph) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("w:val", "single"), ("w:sz", "4"), ("w:space", "4")):
        top.set(qn(key), value)
    top.set(qn("w:color"), RULE_COLOUR)
    borders.append(top)
    ppr.append(borders)


def _add_text(paragraph: Paragraph, text: str) -> None:
    """Add `text` as runs; `**...**` is bold. A Jinja tag never straddles two runs."""
    for index, chunk in enumerate(text.split("**")):
        if chunk:
            run = paragraph.add_run(chunk)
            run.bold = index % 2 == 1 or None


def _add_field(paragraph: Paragraph, instruction: str) -> None:
    """A field (PAGE, NUMPAGES) that the word processor computes when it lays out the page."""

    def run_with(child: object) -> None:
        run = paragraph.add_run()
        run._r.append(child)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    run_with(code)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    paragraph.add_run("1")
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def _shade(cell: _Cell, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    tcpr.append(shading)


def _table_borders(table: Table, *, inside: bool, colour: str = RULE_COLOUR) -> None:
    """Thin borders around the table, and between its cells when `inside`."""
    tblpr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    edges = ["top", "left", "bottom", "right"] + (["insideH", "insideV"] if inside else [])
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        if edge in edges:
            element.set(qn("w:val"), "single")
            element.set(qn("w:sz"), "4")
            element.set(qn("w:color"), colour)
        else:
            element.set(qn("w:val"), "nil")
        element.set(qn("w:space"), "0")
        borders.append(element)
    tblpr.append(borders)


def _cell_margins(table: Table, top: int, side: int) -> None:
    """Inner cell margins in twentieths of a point."""
    tblpr = table._tbl.tblPr
    margins = OxmlElement("w:tblCellMar")
    for edge, value in (("top", top), ("left", side), ("bottom", top), ("right", side)):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), str(value))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    tblpr.append(margins)


def _widths(table: Table, widths: Sequence[Cm]) -> None:
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def _repeat_header(row: object) -> None:
    trpr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    header = OxmlElement("w:tblHeader")
    trpr.append(header)


def _cant_split(row: object) -> None:
    trpr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    trpr.append(OxmlElement("w:cantSplit"))


def _cell_text(cell: _Cell, text: str, *, style: str = "Table Text", bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.style = style
    _add_text(paragraph, f"**{text}**" if bold else text)


def _tag_row(table: Table, tag: str) -> None:
    """A table row that holds only a `{%tr ... %}` tag: docxtpl removes the whole row."""
    row = table.add_row()
    _cell_text(row.cells[0], tag, style="Template Tag")


def _tiers_table(document: DocumentObject, block: Block) -> None:
    _, range_header, rate_header, range_cell, rate_cell = block
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _table_borders(table, inside=True)
    _cell_margins(table, 40, 100)
    header = table.rows[0]
    _repeat_header(header)
    for cell, text in zip(header.cells, (range_header, rate_header), strict=True):
        _cell_text(cell, text, bold=True)
        _shade(cell, HEADER_FILL)
    _tag_row(table, "{%tr for t in tiers %}")
    row = table.add_row()
    _cant_split(row)
    _cell_text(row.cells[0], range_cell)
    _cell_text(row.cells[1], rate_cell)
    _tag_row(table, "{%tr endfor %}")
    _widths(table, [Cm(10.6), Cm(5.8)])


def _signature_block(cell: _Cell, side_test: str, block: Block) -> None:
    """One signatory after the other in `cell`: who signs for whom, and room to sign."""
    _, label, first_line, second_line, signature_word = block
    first = cell.paragraphs[0]
    first.style = "Template Tag"
    _add_text(first, f"{{%p for s in signatories if {side_test} %}}")
    _add_text(cell.add_paragraph(style="Signatory Label"), f"**{label}**")
    _add_text(cell.add_paragraph(style="Signatory"), first_line)
    _add_text(cell.add_paragraph(style="Signatory"), second_line)
    _add_text(cell.add_paragraph(style="Signature Space"), signature_word)
    cell.add_paragraph("{%p endfor %}", style="Template Tag")
    # A cell must hold a paragraph even when no signatory falls on its side (Word refuses
    # an empty cell): this one stays, empty and tiny.
    guard = cell.add_paragraph(style="Template Tag")
    guard.paragraph_format.keep_with_next = False


def _signature_table(document: DocumentObject, block: Block) -> None:
    """The signatures side by side, the host's on the left and the other side's on the right,
    in one row that never splits across pages."""
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _table_borders(table, inside=False, colour="FFFFFF")
    _cell_margins(table, 0, 0)
    row = table.rows[0]
    _cant_split(row)
    left, right = row.cells
    _signature_block(left, "s.side == 'host'", block)
    _signature_block(right, "s.side != 'host'", block)
    _widths(table, [Cm(8.2), Cm(8.2)])


def _statement_cell(cell: _Cell, text: str, style: str) -> None:
    """`text` in `cell`, one paragraph per line; a line that is a `{%p ... %}` tag gets the
    Template Tag style (docxtpl removes that paragraph when it renders)."""
    for index, line in enumerate(text.split("\n")):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        paragraph.style = "Template Tag" if line.startswith("{%p") else style
        _add_text(paragraph, line)


def _row_widths(row: object, widths: Sequence[Cm]) -> None:
    for cell, width in zip(row.cells, widths, strict=True):  # type: ignore[attr-defined]
        cell.width = width


def _keep_together(row: object) -> None:
    """Keep the row with the next one: a short table never splits across two pages."""
    for cell in row.cells:  # type: ignore[attr-defined]
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.keep_with_next = True


def _header_row(table: Table, texts: Sequence[str], amount_from: int) -> None:
    """The table's first row: bold on grey, repeated on every page; columns from
    `amount_from` on hold amounts and are right-aligned."""
    header = table.rows[0]
    _repeat_header(header)
    for index, (cell, text) in enumerate(zip(header.cells, texts, strict=True)):
        style = "Table Amount" if index >= amount_from else "Table Small"
        _cell_text(cell, text, style=style, bold=True)
        _shade(cell, HEADER_FILL)


def _total_row(table: Table, texts: Sequence[str], amount_from: int) -> object:
    row = table.add_row()
    _cant_split(row)
    for index, (cell, text) in enumerate(zip(row.cells, texts, strict=True)):
        if text:
            style = "Table Amount" if index >= amount_from else "Table Small"
            _cell_text(cell, text, style=style, bold=True)
        _shade(cell, HEADER_FILL)
    return row


def _parties_table(document: DocumentObject, block: Block) -> None:
    """The issuer and the addressee side by side, each under its label."""
    _, left_label, left, right_label, right = block
    table = document.add_table(rows=2, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _table_borders(table, inside=True)
    _cell_margins(table, 50, 110)
    _header_row(table, (left_label, right_label), amount_from=2)
    _keep_together(table.rows[0])
    _cant_split(table.rows[1])
    for cell, text in zip(table.rows[1].cells, (left, right), strict=True):
        _statement_cell(cell, text, "Table Small")
    _widths(table, [Cm(8.2), Cm(8.2)])


DECLARATION_WIDTHS = (Cm(1.9), Cm(3.2), Cm(4.7), Cm(2.4), Cm(2.0), Cm(2.2))


def _declarations_table(document: DocumentObject, block: Block) -> None:
    """One row per declaration of the period, amounts right-aligned, then the period's total;
    under the description, the split between commons when there are several."""
    headers, cells = block[1:7], block[7:13]
    shares, total_label, total_amount, total_due = block[13:17]
    table = document.add_table(rows=1, cols=6)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _table_borders(table, inside=True)
    _cell_margins(table, 30, 70)
    _header_row(table, headers, amount_from=4)
    _keep_together(table.rows[0])
    # Every declaration but the last, then the last one, kept with the period's total: the
    # total never begins a page alone, and a table longer than a page breaks between rows.
    for loop, kept in (("declarations[:-1]", False), ("declarations[-1:]", True)):
        _tag_row(table, f"{{%tr for d in {loop} %}}")
        row = table.add_row()
        _cant_split(row)
        for index, (cell, text) in enumerate(zip(row.cells, cells, strict=True)):
            _cell_text(cell, text, style="Table Amount" if index >= 4 else "Table Small")
        description = row.cells[2]
        description.add_paragraph("{%p if several_commons %}", style="Template Tag")
        _add_text(description.add_paragraph(style="Table Share"), shares)
        description.add_paragraph("{%p endif %}", style="Template Tag")
        if kept:
            _keep_together(row)
        _tag_row(table, "{%tr endfor %}")
    total = _total_row(table, (total_label, "", "", "", total_amount, total_due), amount_from=4)
    _widths(table, DECLARATION_WIDTHS)
    label = total.cells[0]  # type: ignore[attr-defined]
    label.merge(total.cells[3])  # type: ignore[attr-defined]


def _split_table(document: DocumentObject, block: Block) -> None:
    """The period's reversal per commons, and its total."""
    _, name_header, due_header, name, due, total_label, total_due = block
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _table_borders(table, inside=True)
    _cell_margins(table, 30, 100)
    _header_row(table, (name_header, due_header), amount_from=1)
    _keep_together(table.rows[0])
    _tag_row(table, "{%tr for c in by_commons %}")
    row = table.add_row()
    _cant_split(row)
    _keep_together(row)
    _cell_text(row.cells[0], name, style="Table Small")
    _cell_text(row.cells[1], due, style="Table Amount")
    _tag_row(table, "{%tr endfor %}")
    _total_row(table, (total_label, total_due), amount_from=1)
    _widths(table, AMOUNT_WIDTHS)


AMOUNT_WIDTHS = (Cm(11.4), Cm(5.0))
DETAIL_WIDTHS = (Cm(4.4), Cm(12.0))

# Blocks that are rows of a two-column table; consecutive rows of one family make one table.
ROW_FAMILIES = {
    "amount": "amount",
    "amount_subtotal": "amount",
    "amount_total": "amount",
    "amount_tag": "amount",
    "detail": "detail",
    "detail_tag": "detail",
}


def _rows_table(document: DocumentObject) -> Table:
    table = document.add_table(rows=0, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _table_borders(table, inside=True)
    _cell_margins(table, 30, 100)
    return table


def _table_row(table: Table, block: Block) -> None:
    """One row of an amounts table (label, amount right-aligned) or of a details table
    (label on grey, value), or a `{%tr %}` tag row."""
    kind_of_block = block[0]
    family = ROW_FAMILIES[kind_of_block]
    widths = AMOUNT_WIDTHS if family == "amount" else DETAIL_WIDTHS
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    # Every row stays with the next: a short table of amounts never splits across pages, and
    # its total never stands alone (the tag rows in between go when the document renders).
    if table.rows:
        _keep_together(table.rows[-1])
    if kind_of_block.endswith("_tag"):
        _tag_row(table, block[1])
        _row_widths(table.rows[-1], widths)
        return
    _, label, value = block
    row = table.add_row()
    _cant_split(row)
    label_cell, value_cell = row.cells
    if family == "detail":
        _statement_cell(label_cell, label, "Table Small")
        _shade(label_cell, LABEL_FILL)
        _statement_cell(value_cell, value, "Table Small")
    else:
        strong = kind_of_block in ("amount_subtotal", "amount_total")
        _cell_text(label_cell, label, style="Table Small", bold=strong)
        _cell_text(value_cell, value, style="Table Amount", bold=strong)
        if kind_of_block == "amount_total":
            _shade(label_cell, HEADER_FILL)
            _shade(value_cell, HEADER_FILL)
            _keep_together(row)  # with the amounts in words that follow
    _row_widths(row, widths)


def _footer(document: DocumentObject, lang: str, kind: str) -> None:
    reference, page, of = (STATEMENT_FOOTERS if kind == "statement" else FOOTERS)[lang]
    section = document.sections[0]
    footer = section.footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    paragraph.style = "Footer"
    _top_rule(paragraph)
    _add_text(paragraph, reference)
    paragraph.add_run("\t" + page)
    _add_field(paragraph, "PAGE")
    paragraph.add_run(of)
    _add_field(paragraph, "NUMPAGES")


def _refs(text: str, keys: set[str]) -> str:
    """`⟨key⟩` as the tag that prints the number of the article or clause `key`."""

    def tag(match: re.Match[str]) -> str:
        if match.group(1) not in keys:
            raise SystemExit(f"unknown reference ⟨{match.group(1)}⟩")
        return "{{ ref('" + match.group(1) + "') }}"

    return re.sub(r"⟨([a-z_]+)⟩", tag, text)


def _bookmark(paragraph: Paragraph, name: str, number: int) -> None:
    """A bookmark named `name` around the paragraph's text: what `ref(name)` points to."""
    start = parse_xml(f'<w:bookmarkStart {nsdecls("w")} w:id="{number}" w:name="{name}"/>')
    end = parse_xml(f'<w:bookmarkEnd {nsdecls("w")} w:id="{number}"/>')
    ppr = paragraph._p.pPr
    if ppr is not None:
        ppr.addnext(start)
    else:
        paragraph._p.insert(0, start)
    paragraph._p.append(end)


def build(blocks: Sequence[Block], lang: str, kind: str) -> DocumentObject:
    """A styled document holding `blocks`."""
    document = Document()
    _prune_package(document)
    _style_document(document, lang)
    if kind == "statement":
        _style_statement(document)
    if kind == "statement":
        _numbering(document, [("Heading1", SECTION_NUMBER, False)])
    else:
        _numbering(document, [("Heading1", ARTICLE_NUMBER, False), ("Clause", CLAUSE_NUMBER, True)])
    keys = {block[1] for block in blocks if block[0] == "article"}
    keys |= {block[2] for block in blocks if block[0] == "clause" and len(block) > 2}
    marks = 0
    rows: tuple[Table, str] | None = None  # the two-column table being filled, and its family
    # python-docx's default document starts with one empty paragraph: use it for the title.
    body = document.element.body
    for paragraph in list(body.iterchildren(qn("w:p"))):
        body.remove(paragraph)

    def text_of(raw: str) -> str:
        return typeset(_refs(raw, keys), lang)

    for block in blocks:
        kind_of_block = block[0]
        family = ROW_FAMILIES.get(kind_of_block)
        if family is None:
            rows = None
        elif rows is None or rows[1] != family:
            rows = (_rows_table(document), family)
        if rows is not None:
            _table_row(rows[0], tuple(text_of(part) for part in block))
        elif kind_of_block == "title":
            _add_text(document.add_paragraph(style="Title"), text_of(block[1]))
        elif kind_of_block == "subtitle":
            _add_text(document.add_paragraph(style="Subtitle"), text_of(block[1]))
        elif kind_of_block == "reference":
            _add_text(document.add_paragraph(style="Contract Reference"), text_of(block[1]))
        elif kind_of_block == "section":
            _add_text(document.add_paragraph(style="Heading 2"), text_of(block[1]))
        elif kind_of_block == "center":
            _add_text(document.add_paragraph(style="Centered Statement"), text_of(block[1]))
        elif kind_of_block == "right":
            _add_text(document.add_paragraph(style="Party Side"), text_of(block[1]))
        elif kind_of_block == "article":
            paragraph = document.add_paragraph(style="Heading 1")
            _add_text(paragraph, text_of(block[2]))
            marks += 1
            _bookmark(paragraph, block[1], marks)
        elif kind_of_block == "clause":
            paragraph = document.add_paragraph(style="Clause")
            _add_text(paragraph, text_of(block[1]))
            if len(block) > 2:
                marks += 1
                _bookmark(paragraph, block[2], marks)
        elif kind_of_block == "fingerprint":
            # The clause that announces the fingerprint stays with it and the signatures.
            document.paragraphs[-1].paragraph_format.keep_with_next = True
            _add_text(document.add_paragraph(style="Fingerprint"), text_of(block[1]))
        elif kind_of_block == "after_table":
            _add_text(document.add_paragraph(style="After Table"), text_of(block[1]))
        elif kind_of_block == "p":
            _add_text(document.add_paragraph(), text_of(block[1]))
        elif kind_of_block == "item":
            _add_text(document.add_paragraph(style="Enumeration"), "–\t" + text_of(block[1]))
        elif kind_of_block == "tag":
            document.add_paragraph(block[1], style="Template Tag")
        elif kind_of_block == "place":
            _add_text(document.add_paragraph(style="Signature Place"), text_of(block[1]))
        elif kind_of_block == "tiers":
            _tiers_table(document, tuple(text_of(part) for part in block))
        elif kind_of_block == "signatures":
            _signature_table(document, tuple(text_of(part) for part in block))
        elif kind_of_block == "heading":
            _add_text(document.add_paragraph(style="Heading 1"), text_of(block[1]))
        elif kind_of_block == "period":
            _add_text(document.add_paragraph(style="Statement Period"), text_of(block[1]))
        elif kind_of_block == "words":
            paragraph = document.add_paragraph(style="After Table")
            paragraph.paragraph_format.keep_with_next = True
            _add_text(paragraph, text_of(block[1]))
        elif kind_of_block == "lead":
            _add_text(document.add_paragraph(style="Lead-in"), text_of(block[1]))
        elif kind_of_block == "notice":
            _add_text(document.add_paragraph(style="Statement Notice"), text_of(block[1]))
        elif kind_of_block == "note":
            _add_text(document.add_paragraph(style="Statement Note"), text_of(block[1]))
        elif kind_of_block == "issuer":
            _add_text(document.add_paragraph(style="Signatory"), text_of(block[1]))
        elif kind_of_block == "parties":
            _parties_table(document, tuple(text_of(part) for part in block))
        elif kind_of_block == "declarations":
            _declarations_table(document, tuple(text_of(part) for part in block))
        elif kind_of_block == "split":
            _split_table(document, tuple(text_of(part) for part in block))
        else:
            raise SystemExit(f"unknown block {kind_of_block!r}")
    _footer(document, lang, kind)
    _properties(document, kind, lang)
    return document


def _prune_package(document: DocumentObject) -> None:
    """Remove what python-docx's default template carries and a contract does not need: a
    thumbnail of itself, Word 2010's duplicate of the styles, a bibliography part, and about a
    hundred table styles and latent style entries (two thirds of a megabyte of XML that every
    render would otherwise serialise and compress again)."""
    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            del package.rels[rel_id]
    for rel_id, rel in list(document.part.rels.items()):
        if rel.reltype.endswith(("/stylesWithEffects", "/customXml")):
            del document.part.rels[rel_id]
    styles = document.styles.element
    keep_tables = {"TableNormal", "TableGrid"}
    for style in list(styles.iterchildren(qn("w:style"))):
        if style.get(qn("w:type")) == "table" and style.get(qn("w:styleId")) not in keep_tables:
            styles.remove(style)
    latent = styles.find(qn("w:latentStyles"))
    if latent is not None:
        styles.remove(latent)


def _properties(document: DocumentObject, kind: str, lang: str) -> None:
    """Plain, tag-free core properties (rendering replaces them with the contract's)."""
    properties = document.core_properties
    properties.title = PROPERTIES[(kind, lang)]
    properties.subject = ""
    properties.author = "commons-contracts"
    properties.last_modified_by = "commons-contracts"
    properties.comments = "docxtpl template: see docs/templates.md"
    properties.keywords = ""
    properties.category = ""
    properties.language = "fr-FR" if lang == "fr" else "en-GB"
    properties.revision = 1
    properties.created = BUILD_TIME.replace(tzinfo=None)
    properties.modified = BUILD_TIME.replace(tzinfo=None)


CONTRACTS: dict[tuple[str, str], Callable[[], list[Block]]] = {
    ("hosting", "fr"): hosting_fr,
    ("hosting", "en"): hosting_en,
    ("reciprocity", "fr"): reciprocity_fr,
    ("reciprocity", "en"): reciprocity_en,
}
STATEMENTS: dict[tuple[str, str], Callable[[], list[Block]]] = {
    ("statement", "fr"): statement_fr,
    ("statement", "en"): statement_en,
}
DOCUMENTS = {**CONTRACTS, **STATEMENTS}


def _iter_outputs(folder: Path) -> Iterator[tuple[Path, bytes]]:
    for (kind, lang), blocks in DOCUMENTS.items():
        document = build(blocks(), lang, kind)
        buffer = io.BytesIO()
        document.save(buffer)
        yield folder / f"{kind}-{lang}.docx", normalize_docx(buffer.getvalue(), BUILD_TIME)


def main(argv: Sequence[str] = ()) -> int:
    """Write the six templates and their text twins into `templates/` (or the folder given as
    first argument)."""
    from commons_contracts.documents.inspect import template_text  # noqa: PLC0415

    folder = Path(argv[0]) if argv else TEMPLATES
    folder.mkdir(parents=True, exist_ok=True)
    for path, data in _iter_outputs(folder):
        path.write_bytes(data)
        path.with_suffix(".txt").write_text(template_text(path), encoding="utf-8")
        print(f"wrote {path} and its text")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
