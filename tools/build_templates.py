"""Write the six built-in templates (templates/*.docx) with python-docx: the four contracts
and the two reversal statements.

The .docx files are what users edit: a legal volunteer opens `templates/hosting-fr.docx` in
Word or LibreOffice, changes the wording and saves it (or better, copies it into the templates
folder of a registry, which then overrides the built-in one). This script only exists so that
the wording of the built-in templates can be reviewed as plain text in a pull request and
rebuilt in one step; **re-running it overwrites the six files**, including any change made to
them in a word processor. Run it from the repository root:

    .venv/bin/python tools/build_templates.py

The contract text below is written with docxtpl tags (see docs/templates.md for the context):
`{{ ... }}` prints a value, `{% if %}` inside a paragraph chooses words, and a block tuple
`("tag", "{%p if ... %}")` writes a paragraph of its own that docxtpl removes at render time,
so that a conditional clause leaves no empty paragraph. `**bold**` marks bold runs, `§` at the
start of a clause is replaced by its number (`6.2`), and `⟨key⟩` by the number of the article
whose key is `key`. French typography (narrow no-break spaces before ; : ! ? and inside « »,
typographic apostrophes) is applied here, outside the tags, so that the text stays readable.
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
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from commons_contracts.documents.docx import normalize_docx

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


# --------------------------------------------------------------------------------------------
# Typography


def french_typography(text: str) -> str:
    """Narrow no-break spaces and typographic apostrophes in the literal text, not in tags."""
    parts = _TAG.split(text)
    for index in range(0, len(parts), 2):  # even indexes are literal text
        literal = parts[index].replace("'", "’")
        literal = re.sub(r" ([;:!?»])", NNBSP + r"\1", literal)
        literal = literal.replace("« ", "«" + NNBSP).replace("n° ", "n°" + NBSP)
        parts[index] = literal
    return "".join(parts)


def english_typography(text: str) -> str:
    """Typographic apostrophes in the literal text, not in tags."""
    parts = _TAG.split(text)
    for index in range(0, len(parts), 2):
        parts[index] = parts[index].replace("'", "’")
    return "".join(parts)


# --------------------------------------------------------------------------------------------
# Wording shared by the contracts


def party_fr(var: str) -> str:
    """The identification of a party (organisation or person) in French."""
    p = var
    return (
        f"{{% if {p}.type == 'organisation' %}}**{{{{ {p}.name }}}}**, {{{{ {p}.legal_form }}}}"
        f"{{% if {p}.share_capital is not none %}} au capital de {{{{ {p}.share_capital|money }}}}"
        "{% endif %}, dont le siège social est sis "
        f"{{% else %}}**{{{{ {p}.name }}}}**{{% if {p}.legal_form %}}, {{{{ {p}.legal_form }}}}"
        "{% endif %}, dont l'adresse professionnelle est "
        f"{{% endif %}}{{{{ {p}.address.street }}}}, {{{{ {p}.address.postcode }}}} "
        f"{{{{ {p}.address.city }}}}{{% if {p}.address.country != 'FR' %}} "
        f"({{{{ {p}.address.country|country_name }}}}){{% endif %}}"
        f"{{% if {p}.rcs_city and {p}.siren %}}, immatriculée au registre du commerce et des "
        f"sociétés de {{{{ {p}.rcs_city }}}} sous le numéro {{{{ {p}.siren|siren }}}}"
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
        "ayant tous pouvoirs à l'effet des présentes{% endif %},"
    )


def party_en(var: str) -> str:
    """The identification of a party (organisation or person) in English."""
    p = var
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
        "duly authorised for the purposes hereof{% endif %},"
    )


SIGNATURES_FR = {
    "label": (
        "{% if s.side == 'host' %}Pour l'Hôte{% elif s.side == 'actor' %}Pour l'Acteur"
        "{% elif s.side == 'community' %}Pour la Communauté{% else %}Pour{% endif %}"
    ),
    "party": "{% if s.party %}{{ s.party.name }}{% else %}Commun « {{ commons.name }} »{% endif %}",
    "signature": "Signature :",
}
SIGNATURES_EN = {
    "label": (
        "{% if s.side == 'host' %}For the Host{% elif s.side == 'actor' %}For the Actor"
        "{% elif s.side == 'community' %}For the Community{% else %}For{% endif %}"
    ),
    "party": "{% if s.party %}{{ s.party.name }}{% else %}Commons “{{ commons.name }}”{% endif %}",
    "signature": "Signature:",
}


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
            "Les personnes physiques désignées ci-dessous, agissant en qualité de représentants "
            "mandatés par la communauté contributrice du commun « {{ commons.name }} » "
            "(ci-après « la Communauté ») :",
        ),
        ("tag", "{%p for r in commons.representatives %}"),
        (
            "item",
            "{{ r.name }} ({{ r.email }}), mandat : {{ r.mandate }}"
            "{% if loop.last %},{% else %} ;{% endif %}",
        ),
        ("tag", "{%p endfor %}"),
        (
            "p",
            "ci-après dénommées ensemble « les Représentants », agissant pour le compte de la "
            "Communauté,",
        ),
        ("right", "d'autre part,"),
        (
            "p",
            "L'Hôte et les Représentants, agissant pour le compte de la Communauté, étant "
            "ci-après dénommés ensemble « les Parties » et individuellement « une Partie ».",
        ),
        ("section", "PRÉAMBULE"),
        (
            "p",
            "Le commun « {{ commons.name }} » (ci-après « le Commun ») est une ressource "
            "partagée, produite et gouvernée par sa communauté de contributeurs : "
            "{{ commons.description }}{% if commons.url %} Il est accessible à l'adresse "
            "{{ commons.url }}.{% endif %} Il est diffusé sous la licence {{ commons.licence }}.",
        ),
        (
            "p",
            "Le Commun n'a pas de personnalité juridique : il ne peut ni contracter, ni ouvrir un "
            "compte bancaire, ni recevoir directement des financements. Sa communauté décide "
            "collectivement de ses orientations et de l'usage de ses ressources ; les décisions "
            "sont prises par {{ commons.governance.decision_body }}, "
            "{{ commons.governance.decision_rule }}"
            "{% if commons.governance.charter_url %}, selon la charte de gouvernance publiée à "
            "l'adresse "
            "{{ commons.governance.charter_url }}, que les Parties déclarent connaître{% endif %}.",
        ),
        (
            "p",
            "L'Hôte, {{ host.legal_form }}, accepte d'héberger les fonds du Commun et de lui "
            "rendre des services administratifs, sans exercer aucun pouvoir de décision sur "
            "celui-ci. La Communauté n'ayant pas la personnalité juridique, le présent contrat "
            "est conclu avec les Représentants, qui agissent pour son compte selon ses règles de "
            "gouvernance ; les engagements de l'Hôte sont stipulés au profit du Commun et de sa "
            "Communauté, conformément à l'article 1205 du Code civil.",
        ),
        ("center", "IL A ÉTÉ CONVENU CE QUI SUIT :"),
        # 1
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
            "« Communauté » : l'ensemble des contributeurs du Commun, qui décident selon les "
            "règles de gouvernance décrites au préambule ;",
        ),
        (
            "item",
            "« Instance de décision » : {{ commons.governance.decision_body }}, qui décide "
            "{{ commons.governance.decision_rule }} ;",
        ),
        (
            "item",
            "« Fonds hébergés » : les sommes reçues par l'Hôte pour le compte du Commun "
            "(cofinancements, subventions, reversements au titre de contrats de réciprocité, "
            "dons), diminuées des frais de gestion prévus à l'article ⟨fee⟩ ;",
        ),
        (
            "item",
            "« Contributeur » : toute personne physique ou morale qui réalise un travail pour "
            "le Commun à la demande ou avec l'accord de la Communauté ;",
        ),
        (
            "item",
            "« Budget de développement » : l'enveloppe que la Communauté affecte à une étape "
            "identifiée du développement du Commun ;",
        ),
        (
            "item",
            "« Dette contributive » : la valeur du travail non rémunéré fourni par les "
            "fondateurs et premiers contributeurs du Commun, recensée selon l'article ⟨debt⟩.",
        ),
        # 2
        ("article", "object", "OBJET"),
        (
            "clause",
            "Le présent contrat a pour objet de définir les conditions dans lesquelles l'Hôte "
            "(i) reçoit, détient et décaisse les Fonds hébergés pour le compte du Commun et "
            "(ii) lui rend des services administratifs : encaissements, tenue d'une comptabilité "
            "séparée, paiement des Contributeurs et des fournisseurs, documents comptables et "
            "fiscaux, conclusion des contrats décidés par la Communauté.",
        ),
        (
            "clause",
            "L'hébergement porte exclusivement sur ces fonds et ces services administratifs. Il "
            "ne confère à l'Hôte aucun droit sur le Commun lui-même.",
        ),
        # 3
        ("article", "decision", "ABSENCE DE POUVOIR DE DÉCISION DE L'HÔTE"),
        (
            "clause",
            "La Communauté décide seule, selon ses règles de gouvernance, des orientations du "
            "Commun et de l'affectation des Fonds hébergés. L'Hôte exécute ces décisions ; il "
            "n'exerce aucun pouvoir de décision, de contrôle d'opportunité ou de veto sur le "
            "Commun, ses contenus ou l'usage des Fonds hébergés.",
        ),
        (
            "clause",
            "L'Hôte ne peut refuser d'exécuter une décision de la Communauté que si son "
            "exécution excéderait le solde disponible des Fonds hébergés, serait contraire à la "
            "loi, à ses statuts ou aux conditions d'un financement, ou l'exposerait à un risque "
            "juridique ou fiscal caractérisé. Il en informe alors les Représentants par écrit, "
            "en indiquant ses motifs, dans un délai de huit jours.",
        ),
        (
            "clause",
            "L'Hôte agit en simple intermédiaire : il détient les Fonds hébergés pour le compte "
            "du Commun, les inscrit en fonds dédiés dans sa comptabilité et s'interdit de les "
            "employer à d'autres fins que celles décidées par la Communauté.",
        ),
        # 4
        ("article", "representation", "REPRÉSENTATION DE LA COMMUNAUTÉ"),
        (
            "clause",
            "La Communauté est représentée auprès de l'Hôte par les Représentants désignés en "
            "tête des présentes. Toute instruction adressée à l'Hôte au nom de la Communauté "
            "émane d'un Représentant et mentionne la décision dont elle procède.",
        ),
        (
            "clause",
            "La Communauté peut à tout moment remplacer un Représentant, en désigner un nouveau "
            "ou mettre fin à un mandat, par une décision prise selon ses règles de gouvernance. "
            "Cette décision est notifiée à l'Hôte par écrit, un courrier électronique suffisant, "
            "par un Représentant en fonction ; elle prend effet à sa réception et ne requiert "
            "pas d'avenant.",
        ),
        (
            "clause",
            "L'Hôte peut se fier aux instructions d'un Représentant en fonction. Il n'a pas à "
            "vérifier la régularité des décisions internes de la Communauté, sauf doute sérieux, "
            "qu'il signale alors aux Représentants.",
        ),
        # 5
        ("article", "fund", "FONDS AFFECTÉS"),
        (
            "clause",
            "Les Fonds hébergés sont affectés exclusivement au Commun. L'Hôte les enregistre "
            "dans une comptabilité analytique distincte permettant d'en connaître à tout moment "
            "les entrées, les sorties et le solde.",
        ),
        (
            "clause",
            "Aucune dépense ne peut être engagée au-delà du solde disponible des Fonds hébergés. "
            "L'Hôte n'est jamais tenu d'avancer ses fonds propres pour le compte du Commun.",
        ),
        # 6
        ("article", "fee", "FRAIS DE GESTION ET COORDINATION"),
        (
            "clause",
            "En contrepartie de ses services, l'Hôte prélève des frais de gestion égaux à "
            "{{ contract.host_fee_percent|rate_in_full }} de chaque somme reçue pour le compte "
            "du Commun, lors de son encaissement. Ces frais couvrent l'ensemble des services "
            "décrits à l'article ⟨object⟩.",
        ),
        ("tag", "{%p if contract.coordination_percent is not none %}"),
        (
            "clause",
            "Une part égale à {{ contract.coordination_percent|rate_in_full }} de chaque Budget "
            "de développement est réservée à la coordination et à l'animation de la "
            "Communauté ; elle rémunère les personnes que la Communauté désigne pour ces "
            "missions.",
        ),
        ("tag", "{%p endif %}"),
        # 7
        ("article", "pay", "RÉMUNÉRATION DES CONTRIBUTEURS"),
        (
            "clause",
            "Les Contributeurs sont rémunérés pour le travail décidé par la Communauté"
            "{% if contract.hourly_rate is not none %}, sur la base d'un taux horaire "
            "compris entre {{ contract.hourly_rate.min|amount_in_full }} et "
            "{{ contract.hourly_rate.max|amount_in_full }} hors taxes{% else %}, selon les "
            "conditions fixées par la Communauté{% endif %}.",
        ),
        (
            "clause",
            "L'Hôte paie un Contributeur (a) sur devis accepté par la Communauté puis facture, "
            "lorsque le Contributeur exerce une activité indépendante, ou (b) sur la base d'un "
            "relevé d'heures validé par la Communauté, lorsque le Contributeur est lié à l'Hôte "
            "par un contrat de travail. Il ne rémunère aucun Contributeur en dehors de ces "
            "cadres.",
        ),
        (
            "clause",
            "Pour toute prestation d'un montant d'au moins cinq mille euros (5\u00a0000,00\u00a0€) "
            "hors taxes, l'Hôte obtient du Contributeur les documents prévus par l'article "
            "D. 8222-5 du Code du travail.",
        ),
        # 8
        ("article", "subsidies", "SUBVENTIONS PUBLIQUES"),
        (
            "clause",
            "Lorsque le Commun est financé par une subvention publique versée à l'Hôte, celui-ci "
            "en respecte les conditions d'emploi et rend compte au financeur ; les Représentants "
            "lui fournissent les éléments nécessaires.",
        ),
        (
            "clause",
            "L'article 15 du décret-loi du 2 mai 1938 interdit à l'organisme qui a reçu une "
            "subvention d'en employer tout ou partie en subventions à d'autres organismes, sauf "
            "autorisation formelle. En conséquence, l'Hôte ne reverse aucune part d'une "
            "subvention publique à un tiers sans l'autorisation expresse et écrite du "
            "financeur, qu'il sollicite avant tout engagement ; à défaut d'autorisation, il "
            "n'emploie la subvention qu'au paiement de prestations effectivement rendues, sur "
            "facture, ou de salaires.",
        ),
        # 9
        ("article", "debt", "DETTE CONTRIBUTIVE"),
        (
            "clause",
            "La Communauté tient, sous sa responsabilité, un registre de la Dette contributive "
            "indiquant pour chaque fondateur ou premier contributeur la nature du travail non "
            "rémunéré, sa période, le temps consacré et sa valorisation, arrêtés par "
            "l'Instance de décision. L'Hôte en conserve une copie.",
        ),
        (
            "clause",
            "La Dette contributive est remboursée sur les Fonds hébergés, sur décision de la "
            "Communauté, dans l'ordre et au rythme qu'elle fixe et dans la limite du solde "
            "disponible ; chaque remboursement rémunère un travail et suit les règles de "
            "l'article ⟨pay⟩. La Dette contributive n'est pas une dette de l'Hôte.",
        ),
        (
            "clause",
            "Afin de limiter la formation d'une nouvelle dette, le travail décidé par la "
            "Communauté est, autant que possible, rémunéré dès son accomplissement.",
        ),
        # 10
        ("article", "expenses", "ENGAGEMENT DES DÉPENSES ET DÉLAIS DE PAIEMENT"),
        (
            "clause",
            "Toute dépense est approuvée préalablement et par écrit, un courrier électronique "
            "suffisant, par {% if contract.expense_approval.approvals == 1 %}un Représentant"
            "{% else %}{{ contract.expense_approval.approvals|number_words }} "
            "({{ contract.expense_approval.approvals }}) Représentants distincts{% endif %}, "
            "dans le cadre d'un budget décidé par la Communauté.",
        ),
        (
            "clause",
            "L'Hôte paie chaque dépense approuvée dans un délai de {{ contract.payment_days }} "
            "jours à compter de la réception de la facture ou de la pièce justificative "
            "conforme, dans la limite du solde disponible des Fonds hébergés.",
        ),
        (
            "clause",
            "L'Hôte conserve les pièces justificatives pendant dix ans, conformément à l'article "
            "L. 123-22 du Code de commerce.",
        ),
        # 11
        ("article", "transparency", "TRANSPARENCE ET REDDITION DES COMPTES"),
        (
            "clause",
            "L'Hôte tient un état public des Fonds hébergés (recettes, dépenses, solde), mis à "
            "jour au moins chaque trimestre et accessible à tous les membres de la Communauté.",
        ),
        (
            "clause",
            "Dans les trois mois qui suivent la clôture de chaque exercice, l'Hôte remet aux "
            "Représentants un rapport annuel présentant les sommes reçues par origine, les "
            "frais de gestion prélevés, les dépenses par nature et par bénéficiaire, et le solde "
            "des Fonds hébergés.",
        ),
        (
            "clause",
            "La Communauté dispose de {{ contract.dispute_days }} jours à compter de la "
            "réception du rapport pour en contester par écrit tout élément ; passé ce délai, le "
            "rapport est réputé approuvé, sauf erreur matérielle. Les Représentants peuvent à "
            "tout moment obtenir communication des pièces justificatives.",
        ),
        # 12
        ("article", "ip", "PROPRIÉTÉ INTELLECTUELLE"),
        (
            "clause",
            "Le présent contrat n'opère aucune cession de droits. Les contributions au Commun "
            "restent régies par la licence {{ commons.licence }} et appartiennent à leurs "
            "auteurs ou à la Communauté selon ses règles ; l'Hôte n'acquiert aucun droit de "
            "propriété intellectuelle sur le Commun.",
        ),
        (
            "clause",
            "Lorsque l'Hôte enregistre ou détient pour le Commun un nom de domaine, une marque, "
            "un compte en ligne ou tout autre actif, il le détient pour le compte du Commun, "
            "n'en dispose que sur décision de la Communauté et le transfère à première demande "
            "de celle-ci dans les conditions de l'article ⟨successor⟩.",
        ),
        # 13
        ("article", "contracts", "CONTRATS CONCLUS POUR LE COMPTE DU COMMUN"),
        (
            "clause",
            "L'Hôte conclut en son nom, pour le compte du Commun, les contrats que la Communauté "
            "décide (commandes, contrats de prestation, conventions de financement), sur "
            "instruction écrite d'un Représentant et dans la limite du solde disponible des "
            "Fonds hébergés.",
        ),
        (
            "clause",
            "Entre les Parties, les charges nées de ces contrats sont supportées par les Fonds "
            "hébergés. L'Hôte peut refuser de conclure un contrat dans les cas prévus à "
            "l'article ⟨decision⟩.",
        ),
        # 14
        ("article", "liability", "RESPONSABILITÉ ET ASSURANCE"),
        (
            "clause",
            "L'Hôte est tenu d'une obligation de moyens. Il répond de ses fautes dans la gestion "
            "des Fonds hébergés ; il ne répond ni des décisions de la Communauté ni du contenu "
            "du Commun.",
        ),
        (
            "clause",
            "L'Hôte déclare être assuré en responsabilité civile pour ses activités, y compris "
            "l'hébergement objet des présentes, et en justifie sur demande des Représentants.",
        ),
        (
            "clause",
            "Les Représentants n'engagent pas leur responsabilité personnelle au titre des "
            "obligations de la Communauté, sauf faute personnelle détachable de leur mandat.",
        ),
        # 15
        ("article", "gdpr", "DONNÉES PERSONNELLES"),
        (
            "clause",
            "Chaque Partie traite les données personnelles dont elle a connaissance dans le "
            "respect du règlement (UE) 2016/679 (RGPD) et de la loi n° 78-17 du 6 janvier 1978. "
            "L'Hôte, responsable des traitements qu'il opère à ce titre, ne traite les données "
            "des Contributeurs et des financeurs que pour exécuter le présent contrat et "
            "satisfaire à ses obligations légales.",
        ),
        (
            "clause",
            "L'état public et le rapport annuel ne mentionnent le nom d'un Contributeur personne "
            "physique qu'avec son accord ; à défaut, les sommes qui lui sont versées y figurent "
            "de manière agrégée. Les personnes concernées exercent leurs droits auprès de l'Hôte"
            "{% if host.email %}, à l'adresse {{ host.email }}{% endif %}.",
        ),
        # 16
        ("article", "term", "DURÉE, RENOUVELLEMENT ET RÉSILIATION"),
        (
            "clause",
            "Le présent contrat prend effet le {{ contract.effective_date|long_date }}"
            "{% if contract.end %} et prend fin le {{ contract.end|long_date }}"
            "{% if contract.duration_months %}, soit une durée de {{ contract.duration_months }} "
            "mois{% endif %}{% if contract.renewal == 'tacit' %}. Il est ensuite renouvelé par "
            "tacite reconduction pour des périodes successives de même durée, sauf dénonciation "
            "par l'une des Parties notifiée au moins {{ contract.notice_days }} jours avant "
            "l'échéance{% else %}. Il n'est pas renouvelé tacitement ; sa prolongation fait "
            "l'objet d'un avenant{% endif %}{% else %}. Il est conclu pour une durée "
            "indéterminée{% endif %}.",
        ),
        (
            "clause",
            "Chaque Partie peut résilier le contrat à tout moment, sans avoir à motiver sa "
            "décision, moyennant un préavis de {{ contract.notice_days }} jours notifié par "
            "lettre recommandée avec demande d'avis de réception ou par tout moyen permettant "
            "d'en établir la date de réception. Pour la Communauté, la résiliation est décidée "
            "par l'Instance de décision et notifiée par un Représentant.",
        ),
        (
            "clause",
            "En cas de manquement grave d'une Partie à ses obligations auquel il n'est pas "
            "remédié dans un délai de {{ contract.breach_notice_days }} jours après une mise en "
            "demeure restée sans effet, l'autre Partie peut résilier le contrat de plein droit "
            "par notification écrite, sans préjudice de tous dommages et intérêts.",
        ),
        (
            "clause",
            "Les articles ⟨transparency⟩ et ⟨successor⟩ survivent à l'expiration ou à la "
            "résiliation du contrat jusqu'à leur complète exécution.",
        ),
        # 17
        ("article", "successor", "HÔTE SUCCESSEUR ET TRANSFERT DES FONDS"),
        (
            "clause",
            "À l'expiration ou à la résiliation du contrat, pour quelque cause que ce soit, la "
            "Communauté choisit un nouvel hôte (« l'Hôte successeur ») et le désigne à l'Hôte "
            "par un Représentant.",
        ),
        (
            "clause",
            "Dans les {{ contract.successor_transfer_days }} jours qui suivent la fin du contrat "
            "ou, si elle est postérieure, la désignation de l'Hôte successeur, l'Hôte lui "
            "transfère le solde des Fonds hébergés, déduction faite des dépenses déjà engagées, "
            "ainsi que les noms de domaine, comptes et autres actifs détenus pour le Commun, et "
            "lui remet un état final des comptes avec les pièces justificatives. Les sommes "
            "issues d'une subvention ne sont transférées qu'avec l'accord du financeur.",
        ),
        (
            "clause",
            "À défaut de désignation d'un Hôte successeur dans les six mois qui suivent la fin "
            "du contrat, l'Hôte transfère le solde à un autre commun ou à un organisme sans but "
            "lucratif poursuivant un objet similaire, choisi par la Communauté ou, à défaut, "
            "par l'Hôte, dans le respect de l'intention des financeurs.",
        ),
        # 18
        ("article", "amendments", "MODIFICATIONS ET DISPOSITIONS GÉNÉRALES"),
        (
            "clause",
            "Toute modification du présent contrat fait l'objet d'un avenant écrit signé par "
            "les Parties, sous réserve de l'article ⟨representation⟩ pour le remplacement d'un "
            "Représentant.",
        ),
        (
            "clause",
            "Le présent contrat exprime l'intégralité de l'accord des Parties sur son objet. Si "
            "l'une de ses stipulations était déclarée nulle, les autres conserveraient leur "
            "plein effet.",
        ),
        # 19
        ("article", "disputes", "DROIT APPLICABLE, MÉDIATION ET LITIGES"),
        ("clause", "Le présent contrat est soumis au droit français."),
        (
            "clause",
            "En cas de différend relatif au présent contrat, les Parties recherchent d'abord une "
            "solution amiable. À défaut d'accord dans les trente jours qui suivent la "
            "notification du différend par une Partie, elles recourent à une médiation avant "
            "toute action en justice, sauf mesure urgente.",
        ),
        (
            "clause",
            "À défaut de résolution dans les soixante jours qui suivent la désignation du "
            "médiateur, le différend est porté devant la juridiction compétente.",
        ),
        # 20
        ("article", "signature", "SIGNATURE"),
        (
            "clause",
            "Le présent contrat est signé soit de manière manuscrite, en autant d'exemplaires "
            "originaux que de Parties ayant un intérêt distinct (article 1375 du Code civil), "
            "soit par voie électronique conformément aux articles 1366 et 1367 du Code civil et "
            "au règlement (UE) n° 910/2014 (eIDAS), l'exemplaire électronique valant alors "
            "original.",
        ),
        (
            "clause",
            "Chaque page porte la référence du contrat et l'empreinte de ses termes "
            "({{ short_hash }}), qui permettent de vérifier que la version signée est celle que "
            "l'Hôte a enregistrée.",
        ),
        (
            "place",
            "Fait à {{ contract.place_of_signature }}, le ____________________, en "
            "{{ copies.words }} ({{ copies.count }}) exemplaires originaux, dont un pour chaque "
            "Partie.",
        ),
        ("signatures", SIGNATURES_FR["label"], SIGNATURES_FR["party"], SIGNATURES_FR["signature"]),
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
            "The natural persons named below, acting as representatives mandated by the "
            "community of contributors of the commons “{{ commons.name }}” (hereinafter “the "
            "Community”):",
        ),
        ("tag", "{%p for r in commons.representatives %}"),
        (
            "item",
            "{{ r.name }} ({{ r.email }}), mandate: {{ r.mandate }}"
            "{% if loop.last %},{% else %};{% endif %}",
        ),
        ("tag", "{%p endfor %}"),
        (
            "p",
            "hereinafter together “the Representatives”, acting on behalf of the Community,",
        ),
        ("right", "of the other part,"),
        (
            "p",
            "The Host and the Representatives, acting on behalf of the Community, being "
            "hereinafter together “the Parties” and each “a Party”.",
        ),
        ("section", "RECITALS"),
        (
            "p",
            "The commons “{{ commons.name }}” (hereinafter “the Commons”) is a shared resource, "
            "produced and governed by its community of contributors: {{ commons.description }}"
            "{% if commons.url %} It is available at {{ commons.url }}.{% endif %} It is "
            "published under the licence {{ commons.licence }}.",
        ),
        (
            "p",
            "The Commons has no legal personality: it can neither enter into contracts, nor "
            "open a bank account, nor receive funding directly. Its community decides "
            "collectively on its direction and on the use of its resources; decisions are "
            "taken by {{ commons.governance.decision_body }}, "
            "{{ commons.governance.decision_rule }}"
            "{% if commons.governance.charter_url %}, according to the governance charter "
            "published at "
            "{{ commons.governance.charter_url }}, which the Parties declare they know{% endif %}.",
        ),
        (
            "p",
            "The Host, {{ host.legal_form }}, agrees to host the funds of the Commons and to "
            "provide it with administrative services, without any power of decision over it. As "
            "the Community has no legal personality, this agreement is entered into with the "
            "Representatives, who act on its behalf according to its governance rules; the "
            "Host's undertakings are stipulated for the benefit of the Commons and its "
            "Community, in accordance with article 1205 of the French Civil Code.",
        ),
        ("center", "NOW, THEREFORE, THE PARTIES AGREE AS FOLLOWS:"),
        ("article", "definitions", "DEFINITIONS"),
        (
            "p",
            "In this agreement, the following capitalised terms, in the singular or the "
            "plural, have the meaning given to them below:",
        ),
        (
            "item",
            "“Commons”: the resource “{{ commons.name }}” described in the recitals, including "
            "its content, code, documentation and the names that designate it;",
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
            "“Hosted Funds”: the sums received by the Host on behalf of the Commons "
            "(co-financing, grants, payments under reciprocity agreements, donations), less "
            "the host fee provided for in article ⟨fee⟩;",
        ),
        (
            "item",
            "“Contributor”: any natural or legal person who carries out work for the Commons at "
            "the request or with the agreement of the Community;",
        ),
        (
            "item",
            "“Development Budget”: the budget that the Community allocates to an identified "
            "stage of the development of the Commons;",
        ),
        (
            "item",
            "“Contributive Debt”: the value of the unpaid work provided by the founders and "
            "early contributors of the Commons, recorded under article ⟨debt⟩.",
        ),
        ("article", "object", "PURPOSE"),
        (
            "clause",
            "The purpose of this agreement is to set out the terms on which the Host (i) "
            "receives, holds and disburses the Hosted Funds on behalf of the Commons and (ii) "
            "provides it with administrative services: collecting payments, keeping separate "
            "accounts, paying Contributors and suppliers, accounting and tax documents, and "
            "entering into the contracts decided by the Community.",
        ),
        (
            "clause",
            "The hosting covers these funds and administrative services only. It gives the "
            "Host no right over the Commons itself.",
        ),
        ("article", "decision", "NO DECISION RIGHT FOR THE HOST"),
        (
            "clause",
            "The Community alone decides, according to its governance rules, on the direction "
            "of the Commons and on the use of the Hosted Funds. The Host carries out these "
            "decisions; it has no power of decision, review or veto over the Commons, its "
            "content or the use of the Hosted Funds.",
        ),
        (
            "clause",
            "The Host may refuse to carry out a decision of the Community only if doing so "
            "would exceed the available balance of the Hosted Funds, would breach the law, its "
            "articles of association or the conditions of a funding, or would expose it to a "
            "material legal or tax risk. It then informs the Representatives in writing, "
            "stating its reasons, within eight days.",
        ),
        (
            "clause",
            "The Host acts solely as an intermediary: it holds the Hosted Funds on behalf of "
            "the Commons, records them as restricted funds in its accounts and shall not use "
            "them for any purpose other than those decided by the Community.",
        ),
        ("article", "representation", "REPRESENTATION OF THE COMMUNITY"),
        (
            "clause",
            "The Community is represented towards the Host by the Representatives named at the "
            "head of this agreement. Every instruction given to the Host on behalf of the "
            "Community comes from a Representative and states the decision it implements.",
        ),
        (
            "clause",
            "The Community may at any time replace a Representative, appoint a new one or end "
            "a mandate, by a decision taken according to its governance rules. The decision is "
            "notified to the Host in writing, an e-mail being sufficient, by a Representative "
            "in office; it takes effect on receipt and requires no amendment.",
        ),
        (
            "clause",
            "The Host may rely on the instructions of a Representative in office. It need not "
            "check the regularity of the Community's internal decisions, save in case of "
            "serious doubt, which it then reports to the Representatives.",
        ),
        ("article", "fund", "RESTRICTED FUND"),
        (
            "clause",
            "The Hosted Funds are earmarked exclusively for the Commons. The Host records them "
            "in separate analytical accounts showing at any time their receipts, expenses and "
            "balance.",
        ),
        (
            "clause",
            "No expense may be committed beyond the available balance of the Hosted Funds. The "
            "Host is never required to advance its own funds on behalf of the Commons.",
        ),
        ("article", "fee", "HOST FEE AND COORDINATION"),
        (
            "clause",
            "In consideration for its services, the Host deducts a host fee of "
            "{{ contract.host_fee_percent|rate_in_full }} from every sum received on behalf of "
            "the Commons, when it is received. This fee covers all the services described in "
            "article ⟨object⟩.",
        ),
        ("tag", "{%p if contract.coordination_percent is not none %}"),
        (
            "clause",
            "A share of {{ contract.coordination_percent|rate_in_full }} of every Development "
            "Budget is reserved for the coordination and animation of the Community; it pays "
            "the persons whom the Community appoints for these tasks.",
        ),
        ("tag", "{%p endif %}"),
        ("article", "pay", "PAY OF CONTRIBUTORS"),
        (
            "clause",
            "Contributors are paid for the work decided by the Community"
            "{% if contract.hourly_rate is not none %}, at an hourly rate between "
            "{{ contract.hourly_rate.min|amount_in_full }} and "
            "{{ contract.hourly_rate.max|amount_in_full }} excluding VAT{% else %}, on the "
            "terms set by the Community{% endif %}.",
        ),
        (
            "clause",
            "The Host pays a Contributor (a) against a quote accepted by the Community and then "
            "an invoice, where the Contributor works independently, or (b) on the basis of a "
            "timesheet approved by the Community, where the Contributor is employed by the "
            "Host. It pays no Contributor outside these frameworks.",
        ),
        (
            "clause",
            "For any service of five thousand euros (€5,000.00) or more excluding VAT, the "
            "Host obtains from the Contributor the documents required by article D. 8222-5 of "
            "the French Labour Code.",
        ),
        ("article", "subsidies", "PUBLIC GRANTS"),
        (
            "clause",
            "Where the Commons is funded by a public grant paid to the Host, the Host complies "
            "with the conditions of use of the grant and reports to the funder; the "
            "Representatives provide it with the information required.",
        ),
        (
            "clause",
            "Article 15 of the décret-loi of 2 May 1938 prohibits a body that has received a "
            "grant from using all or part of it as grants to other bodies, save with formal "
            "authorisation. Accordingly, the Host passes no part of a public grant on to a "
            "third party without the express written authorisation of the funder, which it "
            "seeks before any commitment; failing such authorisation, it uses the grant only "
            "to pay for services actually rendered, against invoices, or for salaries.",
        ),
        ("article", "debt", "CONTRIBUTIVE DEBT"),
        (
            "clause",
            "The Community keeps, under its own responsibility, a register of the Contributive "
            "Debt stating, for each founder or early contributor, the nature of the unpaid "
            "work, its period, the time spent and its value, as approved by the Decision Body. "
            "The Host keeps a copy of it.",
        ),
        (
            "clause",
            "The Contributive Debt is repaid out of the Hosted Funds, on the decision of the "
            "Community, in the order and at the pace it sets and within the available balance; "
            "each repayment pays for work and follows article ⟨pay⟩. The Contributive Debt is "
            "not a debt of the Host.",
        ),
        (
            "clause",
            "To keep new debt from building up, the work decided by the Community is paid, as "
            "far as possible, as soon as it is done.",
        ),
        ("article", "expenses", "EXPENSES AND PAYMENT DEADLINES"),
        (
            "clause",
            "Every expense is approved in advance and in writing, an e-mail being sufficient, "
            "by {% if contract.expense_approval.approvals == 1 %}one Representative"
            "{% else %}{{ contract.expense_approval.approvals|number_words }} "
            "({{ contract.expense_approval.approvals }}) distinct Representatives{% endif %}, "
            "within a budget decided by the Community.",
        ),
        (
            "clause",
            "The Host pays every approved expense within {{ contract.payment_days }} days of "
            "receiving the invoice or the valid supporting document, within the available "
            "balance of the Hosted Funds.",
        ),
        (
            "clause",
            "The Host keeps the supporting documents for ten years, in accordance with article "
            "L. 123-22 of the French Commercial Code.",
        ),
        ("article", "transparency", "TRANSPARENCY AND ACCOUNTS"),
        (
            "clause",
            "The Host keeps a public statement of the Hosted Funds (receipts, expenses, "
            "balance), updated at least every quarter and available to every member of the "
            "Community.",
        ),
        (
            "clause",
            "Within three months of the end of each financial year, the Host gives the "
            "Representatives an annual report showing the sums received by origin, the host "
            "fee deducted, the expenses by nature and by payee, and the balance of the Hosted "
            "Funds.",
        ),
        (
            "clause",
            "The Community has {{ contract.dispute_days }} days from receipt of the report to "
            "dispute any item of it in writing; after that period the report is deemed "
            "approved, save for clerical errors. The Representatives may at any time obtain "
            "the supporting documents.",
        ),
        ("article", "ip", "INTELLECTUAL PROPERTY"),
        (
            "clause",
            "This agreement transfers no rights. Contributions to the Commons remain governed "
            "by the licence {{ commons.licence }} and belong to their authors or to the "
            "Community according to its rules; the Host acquires no intellectual property "
            "right in the Commons.",
        ),
        (
            "clause",
            "Where the Host registers or holds a domain name, trade mark, online account or "
            "any other asset for the Commons, it holds it on behalf of the Commons, disposes "
            "of it only on the decision of the Community and transfers it on the Community's "
            "first request under article ⟨successor⟩.",
        ),
        ("article", "contracts", "CONTRACTS ENTERED INTO ON BEHALF OF THE COMMONS"),
        (
            "clause",
            "The Host enters, in its own name and on behalf of the Commons, into the contracts "
            "decided by the Community (orders, service contracts, funding agreements), on the "
            "written instruction of a Representative and within the available balance of the "
            "Hosted Funds.",
        ),
        (
            "clause",
            "As between the Parties, the costs arising from these contracts are borne by the "
            "Hosted Funds. The Host may refuse to enter into a contract in the cases provided "
            "for in article ⟨decision⟩.",
        ),
        ("article", "liability", "LIABILITY AND INSURANCE"),
        (
            "clause",
            "The Host is bound by an obligation of means. It is liable for its own faults in "
            "managing the Hosted Funds; it is liable neither for the decisions of the Community "
            "nor for the content of the Commons.",
        ),
        (
            "clause",
            "The Host declares that it holds civil liability insurance for its activities, "
            "including the hosting under this agreement, and provides evidence of it on the "
            "Representatives' request.",
        ),
        (
            "clause",
            "The Representatives incur no personal liability for the obligations of the "
            "Community, save for a personal fault separable from their mandate.",
        ),
        ("article", "gdpr", "PERSONAL DATA"),
        (
            "clause",
            "Each Party processes the personal data it receives in compliance with Regulation "
            "(EU) 2016/679 (GDPR) and the French Data Protection Act no. 78-17 of 6 January "
            "1978. The Host, as controller of the processing it carries out in this capacity, "
            "processes the data of Contributors and funders only to perform this agreement and "
            "to meet its legal obligations.",
        ),
        (
            "clause",
            "The public statement and the annual report name a Contributor who is a natural "
            "person only with their consent; otherwise the sums paid to them are shown in "
            "aggregate. Data subjects exercise their rights with the Host"
            "{% if host.email %}, at {{ host.email }}{% endif %}.",
        ),
        ("article", "term", "TERM, RENEWAL AND TERMINATION"),
        (
            "clause",
            "This agreement takes effect on {{ contract.effective_date|long_date }}"
            "{% if contract.end %} and ends on {{ contract.end|long_date }}"
            "{% if contract.duration_months %}, a term of {{ contract.duration_months }} "
            "months{% endif %}{% if contract.renewal == 'tacit' %}. It is then tacitly renewed "
            "for successive periods of the same length, unless terminated by either Party with "
            "at least {{ contract.notice_days }} days' notice before the end of the current "
            "period{% else %}. It is not tacitly renewed; any extension requires an "
            "amendment{% endif %}{% else %}. It is entered into for an indefinite "
            "term{% endif %}.",
        ),
        (
            "clause",
            "Either Party may terminate the agreement at any time, without giving reasons, "
            "with {{ contract.notice_days }} days' notice given by registered letter with "
            "acknowledgement of receipt or by any means that proves the date of receipt. For "
            "the Community, termination is decided by the Decision Body and notified by a "
            "Representative.",
        ),
        (
            "clause",
            "If a Party commits a serious breach of its obligations that is not remedied within "
            "{{ contract.breach_notice_days }} days of a formal notice, the other Party may "
            "terminate the agreement forthwith by written notice, without prejudice to any "
            "damages.",
        ),
        (
            "clause",
            "Articles ⟨transparency⟩ and ⟨successor⟩ survive the expiry or termination of the "
            "agreement until fully performed.",
        ),
        ("article", "successor", "SUCCESSOR HOST AND TRANSFER OF FUNDS"),
        (
            "clause",
            "On the expiry or termination of the agreement, for whatever reason, the Community "
            "chooses a new host (“the Successor Host”), whom a Representative names to the "
            "Host.",
        ),
        (
            "clause",
            "Within {{ contract.successor_transfer_days }} days of the end of the agreement or, "
            "if later, of the naming of the Successor Host, the Host transfers to it the "
            "balance of the Hosted Funds, less the expenses already committed, together with "
            "the domain names, accounts and other assets held for the Commons, and gives it a "
            "final statement of accounts with the supporting documents. Sums arising from a "
            "grant are transferred only with the funder's agreement.",
        ),
        (
            "clause",
            "If no Successor Host is named within six months of the end of the agreement, the "
            "Host transfers the balance to another commons or to a non-profit body with a "
            "similar purpose, chosen by the Community or, failing that, by the Host, in keeping "
            "with the intent of the funders.",
        ),
        ("article", "amendments", "AMENDMENTS AND GENERAL PROVISIONS"),
        (
            "clause",
            "Any change to this agreement requires a written amendment signed by the Parties, "
            "save as provided in article ⟨representation⟩ for the replacement of a "
            "Representative.",
        ),
        (
            "clause",
            "This agreement sets out the entire agreement of the Parties on its subject. If any "
            "of its provisions were held void, the others would remain in full force.",
        ),
        ("article", "disputes", "GOVERNING LAW, MEDIATION AND DISPUTES"),
        ("clause", "This agreement is governed by French law."),
        (
            "clause",
            "In the event of a dispute relating to this agreement, the Parties first seek an "
            "amicable solution. Failing agreement within thirty days of a Party notifying the "
            "dispute, they resort to mediation before any legal action, save for urgent "
            "measures.",
        ),
        (
            "clause",
            "If the dispute is not resolved within sixty days of the appointment of the "
            "mediator, it is brought before the competent court.",
        ),
        ("article", "signature", "SIGNATURE"),
        (
            "clause",
            "This agreement is signed either by hand, in as many original copies as there are "
            "Parties with a separate interest (article 1375 of the French Civil Code), or "
            "electronically in accordance with articles 1366 and 1367 of the French Civil Code "
            "and Regulation (EU) No 910/2014 (eIDAS), the electronic copy then being the "
            "original.",
        ),
        (
            "clause",
            "Every page bears the reference of the agreement and the fingerprint of its terms "
            "({{ short_hash }}), which make it possible to check that the signed version is the "
            "one recorded by the Host.",
        ),
        (
            "place",
            "Signed in {{ contract.place_of_signature }} on ____________________, in "
            "{{ copies.words }} ({{ copies.count }}) original copies, one for each Party.",
        ),
        ("signatures", SIGNATURES_EN["label"], SIGNATURES_EN["party"], SIGNATURES_EN["signature"]),
    ]


# --------------------------------------------------------------------------------------------
# The reciprocity contract


def reciprocity_fr() -> list[Block]:
    """The reciprocity agreement for the benefit of a commons, in French."""
    return [
        (
            "title",
            "CONTRAT DE RÉCIPROCITÉ AU BÉNÉFICE "
            "{% if several_commons %}DE COMMUNS{% else %}D'UN COMMUN{% endif %}",
        ),
        (
            "subtitle",
            "{% if several_commons %}Communs{% else %}Commun{% endif %} {{ commons_names }}",
        ),
        ("reference", "Référence du contrat : {{ contract.id }}"),
        ("section", "ENTRE LES SOUSSIGNÉS :"),
        ("p", party_fr("host")),
        (
            "p",
            "agissant en qualité de structure hébergeuse "
            "{% if several_commons %}des communs{% else %}du commun{% endif %} "
            "{{ commons_names }} et pour {% if several_commons %}leur{% else %}son{% endif %} "
            "compte, ci-après « l'Hôte »,",
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
            "sa communauté de contributeurs : {{ c.description }}{% if c.url %} Il est "
            "accessible à l'adresse {{ c.url }}.{% endif %} Il est diffusé sous la licence "
            "{{ c.licence }}{% if c.social_code %} et accompagné d'un code social publié à "
            "l'adresse {{ c.social_code }}{% endif %} ; ses décisions sont prises par "
            "{{ c.governance.decision_body }}, {{ c.governance.decision_rule }}.",
        ),
        ("tag", "{%p endfor %}"),
        (
            "p",
            "N'ayant pas de personnalité juridique, "
            "{% if several_commons %}ces communs sont hébergés{% else %}ce commun est "
            "hébergé{% endif %} par l'Hôte, qui reçoit et gère les fonds pour "
            "{% if several_commons %}leur{% else %}son{% endif %} compte sans exercer de pouvoir "
            "de décision sur {% if several_commons %}eux{% else %}lui{% endif %}.",
        ),
        (
            "p",
            "L'Acteur exerce une activité professionnelle de "
            "{{ contract.covered_activities|join(', ') }} qui s'appuie sur "
            "{% if several_commons %}ces communs{% else %}ce commun{% endif %}. Dans un esprit "
            "de réciprocité, il souhaite reverser une part du chiffre d'affaires qu'il en tire, "
            "afin de contribuer à leur entretien et à leur développement. Le présent contrat "
            "organise cet engagement.",
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
            "« Commun » : {% if several_commons %}chacun des communs {{ commons_names }} décrits "
            "au préambule ; ce qui est stipulé pour le Commun vaut pour chacun "
            "d'eux{% else %}le commun {{ commons_names }} décrit au préambule{% endif %} ;",
        ),
        (
            "item",
            "« Prestation couverte » : toute prestation de services ou action de formation "
            "réalisée à titre onéreux par l'Acteur, relevant des activités suivantes : "
            "{{ contract.covered_activities|join(', ') }}, et qui utilise le Commun ou "
            "s'appuie sur lui ;",
        ),
        (
            "item",
            "« Chiffre d'affaires HT » : le montant hors taxes facturé par l'Acteur au titre "
            "des Prestations couvertes, diminué des avoirs correspondants ;",
        ),
        ("item", "« Période » : chaque " + PERIOD_FR + " ;"),
        (
            "item",
            "« Reversement » : la somme due par l'Acteur au titre du présent contrat.",
        ),
        ("article", "object", "OBJET"),
        (
            "p",
            "Le présent contrat a pour objet de fixer les conditions dans lesquelles l'Acteur "
            "verse au Commun, par l'intermédiaire de l'Hôte, une part du Chiffre d'affaires HT "
            "de ses Prestations couvertes, les déclare et en rend compte, et celles dans "
            "lesquelles l'Hôte reçoit ces sommes pour le compte du Commun.",
        ),
        ("article", "licence", "LICENCE ET ATTRIBUTION"),
        (
            "clause",
            "L'usage du Commun demeure régi par sa licence, indiquée au préambule. Le présent "
            "contrat ne restreint aucun droit que cette licence accorde et n'en confère aucun "
            "autre.",
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
        ("article", "qualification", "QUALIFICATION DES SOMMES VERSÉES"),
        ("tag", "{%p if contract.qualification == 'royalty' %}"),
        (
            "clause",
            "Les Reversements constituent une redevance, c'est-à-dire le prix des avantages que "
            "l'Acteur retire du présent contrat : la faculté de se présenter comme contributeur "
            "du Commun, la reconnaissance publique prévue à l'article ⟨recognition⟩ et la "
            "participation à la gouvernance prévue à l'article ⟨governance⟩. Ils ne "
            "conditionnent pas l'usage du Commun, qui reste régi par sa licence.",
        ),
        (
            "clause",
            "La redevance est facturée par l'Hôte"
            "{% if contract.vat_rate_percent > 0 %} et soumise à la taxe sur la valeur ajoutée "
            "au taux de {{ contract.vat_rate_percent|rate_in_full }}"
            "{% elif host.vat_regime == 'franchise' %} sans taxe sur la valeur ajoutée : TVA non "
            "applicable, article 293 B du CGI{% else %} sans taxe sur la valeur ajoutée"
            "{% endif %}. Elle ne donne lieu à la délivrance d'aucun reçu fiscal.",
        ),
        ("tag", "{%p else %}"),
        (
            "clause",
            "Les Reversements constituent des dons consentis sans contrepartie au profit du "
            "Commun ; la mention du nom de l'Acteur prévue à l'article ⟨recognition⟩ n'en "
            "constitue pas une. Ils ne sont pas soumis à la taxe sur la valeur ajoutée.",
        ),
        (
            "clause",
            "Lorsque l'Hôte est un organisme mentionné à l'article 238 bis du code général des "
            "impôts, il délivre à l'Acteur, pour chaque versement, un reçu lui permettant de "
            "bénéficier, le cas échéant, de la réduction d'impôt prévue par cet article. L'Hôte "
            "ne garantit pas l'obtention de cette réduction, qui dépend de la situation de "
            "l'Acteur.",
        ),
        ("tag", "{%p endif %}"),
        ("article", "rate", "TAUX ET ASSIETTE DU REVERSEMENT"),
        ("tag", "{%p if contract.flat_rate %}"),
        (
            "clause",
            "Le Reversement est égal à {{ contract.rate_percent|rate_in_full }} du Chiffre "
            "d'affaires HT des Prestations couvertes.",
        ),
        ("tag", "{%p else %}"),
        (
            "clause",
            "Le Reversement est calculé par tranches progressives sur le Chiffre d'affaires HT "
            "cumulé de chaque année civile : chaque taux s'applique à la seule fraction du "
            "chiffre d'affaires comprise dans sa tranche, selon le barème suivant :",
        ),
        (
            "tiers",
            "Tranche du Chiffre d'affaires HT cumulé de l'année civile",
            "Taux de reversement",
            TIER_RANGE_FR,
            "{{ t.rate_percent|rate_in_full }}",
        ),
        (
            "after_table",
            "Le Reversement dû au titre d'une Prestation couverte est la différence entre le "
            "montant calculé sur le cumul de l'année qui l'inclut et celui calculé sur le cumul "
            "qui la précède.",
        ),
        ("tag", "{%p endif %}"),
        ("tag", "{%p if contract.annual_cap is not none %}"),
        (
            "clause",
            "Le total des Reversements dus au titre d'une même année civile est plafonné à "
            "{{ contract.annual_cap|amount_in_full }} hors taxes.",
        ),
        ("tag", "{%p else %}"),
        ("clause", "Le total des Reversements d'une année civile n'est pas plafonné."),
        ("tag", "{%p endif %}"),
        (
            "clause",
            "Un avoir réduit le Chiffre d'affaires HT cumulé de l'année au cours de laquelle il "
            "est émis. Les montants sont arrondis au centime d'euro le plus proche, la moitié "
            "d'un centime étant arrondie au centime supérieur.",
        ),
        ("tag", "{%p if several_commons %}"),
        (
            "clause",
            "Chaque déclaration indique la répartition, en pourcentage, de son Reversement entre "
            "les communs bénéficiaires.",
        ),
        ("tag", "{%p endif %}"),
        ("article", "declaration", "DÉCLARATION DU CHIFFRE D'AFFAIRES"),
        (
            "clause",
            "L'Acteur déclare à l'Hôte, pour chaque Période, les Prestations couvertes "
            "facturées au cours de celle-ci, au plus tard {{ contract.declaration_days }} jours "
            "après la fin de la Période.",
        ),
        (
            "clause",
            "La déclaration est faite par écrit, par courrier électronique ou au moyen de "
            "l'outil mis à disposition par l'Hôte. Elle indique, pour chaque Prestation "
            "couverte, sa date, son client, sa nature, son montant hors taxes et la référence de "
            "la facture correspondante. Une Période sans Prestation couverte donne lieu à une "
            "déclaration « néant ».",
        ),
        ("article", "payment", "FACTURATION ET PAIEMENT"),
        ("tag", "{%p if contract.qualification == 'royalty' %}"),
        (
            "clause",
            "Au vu de chaque déclaration, l'Hôte émet une facture du Reversement de la Période"
            "{% if contract.vat_rate_percent > 0 %}, majoré de la TVA au taux de "
            "{{ contract.vat_rate_percent|rate_in_full }}{% elif host.vat_regime == 'franchise' "
            "%} portant la mention « TVA non applicable, article 293 B du CGI »{% endif %}.",
        ),
        ("tag", "{%p else %}"),
        (
            "clause",
            "Au vu de chaque déclaration, l'Hôte communique à l'Acteur le montant du Reversement "
            "de la Période, qui n'est pas soumis à la TVA.",
        ),
        ("tag", "{%p endif %}"),
        (
            "clause",
            "L'Acteur paie le Reversement de chaque Période au plus tard "
            "{{ contract.payment_days }} jours après la fin de celle-ci, par virement"
            "{% if host.iban %} sur le compte de l'Hôte IBAN {{ host.iban }}"
            "{% if host.bic %} (BIC {{ host.bic }}){% endif %}{% else %} sur le compte "
            "désigné par l'Hôte{% endif %}, en rappelant la référence du contrat.",
        ),
        ("tag", "{%p if contract.qualification == 'royalty' %}"),
        (
            "clause",
            "Toute somme non payée à l'échéance porte de plein droit intérêt au taux "
            "{% if contract.late_interest_percent is not none %}annuel de "
            "{{ contract.late_interest_percent|rate_in_full }}{% else %}égal à trois fois le "
            "taux de l'intérêt légal{% endif %} et donne lieu à l'indemnité forfaitaire pour "
            "frais de recouvrement de quarante euros (40,00\u00a0€) prévue aux articles "
            "L. 441-10 et D. 441-5 du Code de commerce.",
        ),
        ("tag", "{%p else %}"),
        (
            "clause",
            "En cas de retard, l'Hôte adresse un rappel à l'Acteur. Des retards répétés peuvent "
            "justifier la résiliation du contrat dans les conditions de l'article "
            "⟨termination⟩.",
        ),
        ("tag", "{%p endif %}"),
        ("article", "audit", "CONTRÔLE ET CONFIDENTIALITÉ"),
        (
            "clause",
            "Sur demande écrite de l'Hôte, au plus une fois par année civile, l'Acteur fait "
            "attester le Chiffre d'affaires HT déclaré par son expert-comptable ou son "
            "commissaire aux comptes, ou en permet la vérification par un tiers indépendant "
            "tenu au secret professionnel. Les frais de vérification sont à la charge de "
            "l'Hôte, sauf si elle révèle une insuffisance de déclaration supérieure à cinq pour "
            "cent (5\u00a0%), auquel cas l'Acteur les supporte et paie sans délai le complément "
            "dû.",
        ),
        (
            "clause",
            "L'Hôte garde confidentiels les éléments détaillés des déclarations (clients, "
            "montants par prestation). Il ne les communique qu'aux représentants mandatés du "
            "Commun, tenus à la même confidentialité, et ne publie que les totaux annuels "
            "prévus à l'article ⟨recognition⟩.",
        ),
        (
            "clause",
            "Chaque Partie traite les données personnelles reçues au titre du présent contrat "
            "dans le respect du règlement (UE) 2016/679 (RGPD) et de la loi n° 78-17 du "
            "6 janvier 1978, pour les seuls besoins de son exécution.",
        ),
        ("article", "recognition", "RECONNAISSANCE PUBLIQUE"),
        ("tag", "{%p if contract.public_listing %}"),
        (
            "clause",
            "L'Acteur consent à figurer, sous son nom, dans le rapport public de transparence du "
            "Commun, avec le total annuel de ses Reversements. Il peut retirer ce consentement à "
            "tout moment par écrit, pour l'avenir.",
        ),
        ("tag", "{%p else %}"),
        (
            "clause",
            "L'Acteur ne souhaite pas figurer sous son nom dans le rapport public de "
            "transparence du Commun ; ses Reversements n'y figurent que de manière agrégée et "
            "anonyme. Il peut à tout moment y consentir par écrit.",
        ),
        ("tag", "{%p endif %}"),
        (
            "clause",
            "Pendant la durée du contrat, l'Acteur peut faire état de sa qualité de "
            "contributeur du Commun, sans laisser entendre que le Commun ou l'Hôte approuve ou "
            "certifie ses prestations.",
        ),
        ("article", "governance", "PARTICIPATION À LA GOUVERNANCE"),
        (
            "p",
            "L'Acteur est invité à participer à la vie et à la gouvernance du Commun selon les "
            "règles de sa communauté : il peut proposer des évolutions et prendre part aux "
            "instances ouvertes aux contributeurs. Le présent contrat ne lui confère aucun "
            "droit de décision particulier.",
        ),
        ("article", "term", "DURÉE, RENOUVELLEMENT ET RÉVISION"),
        (
            "clause",
            "Le présent contrat prend effet le {{ contract.effective_date|long_date }}"
            "{% if contract.end %} et prend fin le {{ contract.end|long_date }}. Les "
            "Parties se rapprochent au moins trois mois avant ce terme pour convenir de son "
            "éventuel renouvellement, qui fait l'objet d'un avenant{% else %}. Il est conclu "
            "pour une durée indéterminée{% endif %}.",
        ),
        (
            "clause",
            "Chaque année, au cours du premier trimestre, les Parties examinent ensemble "
            "l'application du contrat au vu du rapport de transparence de l'année écoulée. "
            "Toute modification du taux, du barème ou du plafond fait l'objet d'un avenant.",
        ),
        ("article", "termination", "RÉSILIATION ET EFFETS DE LA FIN DU CONTRAT"),
        (
            "clause",
            "Chaque Partie peut résilier le contrat à tout moment, moyennant un préavis de "
            "{{ contract.notice_days }} jours notifié par lettre recommandée avec demande "
            "d'avis de réception ou par tout moyen permettant d'en établir la date de "
            "réception.",
        ),
        (
            "clause",
            "En cas de manquement grave d'une Partie à ses obligations auquel il n'est pas "
            "remédié dans les trente jours d'une mise en demeure restée sans effet, l'autre "
            "Partie peut résilier le contrat de plein droit par notification écrite.",
        ),
        (
            "clause",
            "La fin du contrat, pour quelque cause que ce soit, laisse subsister l'obligation "
            "de déclarer et de payer le Reversement des Prestations couvertes facturées "
            "jusqu'à sa date d'effet, ainsi que les articles ⟨payment⟩ et ⟨audit⟩ pour les "
            "Périodes concernées.",
        ),
        ("article", "independence", "INDÉPENDANCE DES PARTIES ET NON-EXCLUSIVITÉ"),
        (
            "clause",
            "Les Parties agissent en toute indépendance. Le présent contrat ne crée entre elles "
            "ni société, ni mandat, ni lien de subordination.",
        ),
        (
            "clause",
            "Le contrat n'emporte aucune exclusivité : l'Acteur exerce librement ses activités "
            "et le Commun peut conclure des contrats de réciprocité avec d'autres acteurs.",
        ),
        ("article", "amendments", "MODIFICATIONS ET DISPOSITIONS GÉNÉRALES"),
        (
            "p",
            "Toute modification du présent contrat fait l'objet d'un avenant écrit signé par "
            "les Parties. Le contrat exprime l'intégralité de leur accord sur son objet ; si "
            "l'une de ses stipulations était déclarée nulle, les autres conserveraient leur "
            "plein effet.",
        ),
        ("article", "disputes", "DROIT APPLICABLE ET LITIGES"),
        (
            "p",
            "Le présent contrat est soumis au droit français. En cas de différend, les Parties "
            "recherchent une solution amiable et, à défaut d'accord dans les trente jours de sa "
            "notification, recourent à une médiation avant toute action en justice, sauf "
            "mesure urgente. À défaut de résolution dans les soixante jours de la désignation "
            "du médiateur, le différend est porté devant la juridiction compétente.",
        ),
        ("article", "signature", "SIGNATURE"),
        (
            "clause",
            "Le présent contrat est signé soit de manière manuscrite, en autant d'exemplaires "
            "originaux que de Parties (article 1375 du Code civil), soit par voie électronique "
            "conformément aux articles 1366 et 1367 du Code civil et au règlement (UE) "
            "n° 910/2014 (eIDAS), l'exemplaire électronique valant alors original.",
        ),
        (
            "clause",
            "Chaque page porte la référence du contrat et l'empreinte de ses termes "
            "({{ short_hash }}), qui permettent de vérifier que la version signée est celle que "
            "l'Hôte a enregistrée.",
        ),
        (
            "place",
            "Fait à {{ contract.place_of_signature }}, le ____________________, en "
            "{{ copies.words }} ({{ copies.count }}) exemplaires originaux, dont un pour chaque "
            "Partie.",
        ),
        ("signatures", SIGNATURES_FR["label"], SIGNATURES_FR["party"], SIGNATURES_FR["signature"]),
    ]


def reciprocity_en() -> list[Block]:
    """The reciprocity agreement for the benefit of a commons, in English."""
    return [
        (
            "title",
            "RECIPROCITY AGREEMENT FOR THE BENEFIT OF "
            "{% if several_commons %}COMMONS{% else %}A COMMONS{% endif %}",
        ),
        ("subtitle", "Commons {{ commons_names }}"),
        ("reference", "Agreement reference: {{ contract.id }}"),
        ("section", "BETWEEN THE UNDERSIGNED:"),
        ("p", party_en("host")),
        (
            "p",
            "acting as host of the commons {{ commons_names }} and on "
            "{% if several_commons %}their{% else %}its{% endif %} behalf, hereinafter “the "
            "Host”,",
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
            "community of contributors: {{ c.description }}{% if c.url %} It is available at "
            "{{ c.url }}.{% endif %} It is published under the licence {{ c.licence }}"
            "{% if c.social_code %} with a social code published at {{ c.social_code }}"
            "{% endif %}; its decisions are taken by {{ c.governance.decision_body }}, "
            "{{ c.governance.decision_rule }}.",
        ),
        ("tag", "{%p endfor %}"),
        (
            "p",
            "Having no legal personality, {% if several_commons %}these commons are{% else %}"
            "this commons is{% endif %} hosted by the Host, which receives and manages funds on "
            "{% if several_commons %}their{% else %}its{% endif %} behalf without any power of "
            "decision over {% if several_commons %}them{% else %}it{% endif %}.",
        ),
        (
            "p",
            "The Actor carries on a professional activity of "
            "{{ contract.covered_activities|join(', ') }} that builds on "
            "{% if several_commons %}these commons{% else %}this commons{% endif %}. In a "
            "spirit of reciprocity, it wishes to give back part of the revenue it earns from "
            "{% if several_commons %}them{% else %}it{% endif %}, to contribute to "
            "{% if several_commons %}their{% else %}its{% endif %} upkeep and development. This "
            "agreement sets out that undertaking.",
        ),
        ("center", "NOW, THEREFORE, THE PARTIES AGREE AS FOLLOWS:"),
        ("article", "definitions", "DEFINITIONS"),
        (
            "p",
            "In this agreement, the following capitalised terms, in the singular or the "
            "plural, have the meaning given to them below:",
        ),
        (
            "item",
            "“Commons”: {% if several_commons %}each of the commons {{ commons_names }} "
            "described in the recitals; what is provided for the Commons applies to each of "
            "them{% else %}the commons {{ commons_names }} described in the recitals"
            "{% endif %};",
        ),
        (
            "item",
            "“Covered Service”: any service or training provided for consideration by the "
            "Actor, within the following activities: "
            "{{ contract.covered_activities|join(', ') }}, that uses or builds on the Commons;",
        ),
        (
            "item",
            "“Revenue excl. VAT”: the amount excluding VAT invoiced by the Actor for Covered "
            "Services, less the corresponding credit notes;",
        ),
        ("item", "“Period”: each " + PERIOD_EN + ";"),
        ("item", "“Reversal”: the sum owed by the Actor under this agreement."),
        ("article", "object", "PURPOSE"),
        (
            "p",
            "The purpose of this agreement is to set out the terms on which the Actor pays the "
            "Commons, through the Host, a share of the Revenue excl. VAT of its Covered "
            "Services, declares it and accounts for it, and those on which the Host receives "
            "these sums on behalf of the Commons.",
        ),
        ("article", "licence", "LICENCE AND ATTRIBUTION"),
        (
            "clause",
            "The use of the Commons remains governed by its licence, stated in the recitals. "
            "This agreement restricts no right granted by that licence and grants no other.",
        ),
        (
            "clause",
            "The Actor complies with the terms of the licence, in particular the attribution "
            "of the Commons and its authors, and mentions the Commons ("
            "{% for c in commons_list %}{{ c.name }}{% if c.url %}, {{ c.url }}{% endif %}"
            "{% if not loop.last %}; {% endif %}{% endfor %}) in the materials it gives its "
            "clients for Covered Services.",
        ),
        ("tag", "{%p if commons_list|selectattr('social_code')|list %}"),
        (
            "clause",
            "The Actor declares that it has read the social code of the Commons and undertakes "
            "to respect its spirit.",
        ),
        ("tag", "{%p endif %}"),
        ("article", "qualification", "NATURE OF THE SUMS PAID"),
        ("tag", "{%p if contract.qualification == 'royalty' %}"),
        (
            "clause",
            "The Reversals are a royalty, that is, the price of the benefits the Actor derives "
            "from this agreement: the right to present itself as a contributor to the Commons, "
            "the public recognition provided for in article ⟨recognition⟩ and the participation "
            "in governance provided for in article ⟨governance⟩. They are not a condition of "
            "the use of the Commons, which remains governed by its licence.",
        ),
        (
            "clause",
            "The royalty is invoiced by the Host"
            "{% if contract.vat_rate_percent > 0 %} and subject to value added tax at the rate "
            "of {{ contract.vat_rate_percent|rate_in_full }}"
            "{% elif host.vat_regime == 'franchise' %} without value added tax (“TVA non "
            "applicable, article 293 B du CGI”){% else %} without value added tax{% endif %}. "
            "No tax receipt is issued for it.",
        ),
        ("tag", "{%p else %}"),
        (
            "clause",
            "The Reversals are donations made without consideration for the benefit of the "
            "Commons; the mention of the Actor's name under article ⟨recognition⟩ is not a "
            "consideration. They are not subject to value added tax.",
        ),
        (
            "clause",
            "Where the Host is a body referred to in article 238 bis of the French General Tax "
            "Code, it issues the Actor, for each payment, a receipt allowing it to claim, where "
            "applicable, the tax reduction provided for in that article. The Host does not "
            "warrant that the reduction will be obtained, which depends on the Actor's "
            "situation.",
        ),
        ("tag", "{%p endif %}"),
        ("article", "rate", "RATE AND BASIS OF THE REVERSAL"),
        ("tag", "{%p if contract.flat_rate %}"),
        (
            "clause",
            "The Reversal is equal to {{ contract.rate_percent|rate_in_full }} of the Revenue "
            "excl. VAT of Covered Services.",
        ),
        ("tag", "{%p else %}"),
        (
            "clause",
            "The Reversal is calculated in progressive bands on the cumulative Revenue excl. "
            "VAT of each calendar year: each rate applies only to the part of the revenue that "
            "falls within its band, according to the following scale:",
        ),
        (
            "tiers",
            "Band of cumulative Revenue excl. VAT in the calendar year",
            "Reversal rate",
            TIER_RANGE_EN,
            "{{ t.rate_percent|rate_in_full }}",
        ),
        (
            "after_table",
            "The Reversal owed for a Covered Service is the difference between the amount "
            "calculated on the cumulative revenue of the year that includes it and the amount "
            "calculated on the cumulative revenue before it.",
        ),
        ("tag", "{%p endif %}"),
        ("tag", "{%p if contract.annual_cap is not none %}"),
        (
            "clause",
            "The total of the Reversals owed for any one calendar year is capped at "
            "{{ contract.annual_cap|amount_in_full }} excluding VAT.",
        ),
        ("tag", "{%p else %}"),
        ("clause", "The total of the Reversals of a calendar year is not capped."),
        ("tag", "{%p endif %}"),
        (
            "clause",
            "A credit note reduces the cumulative Revenue excl. VAT of the year in which it is "
            "issued. Amounts are rounded to the nearest euro cent, half a cent being rounded "
            "up.",
        ),
        ("tag", "{%p if several_commons %}"),
        (
            "clause",
            "Each declaration states how its Reversal is shared, in percent, between the "
            "benefiting commons.",
        ),
        ("tag", "{%p endif %}"),
        ("article", "declaration", "DECLARATION OF REVENUE"),
        (
            "clause",
            "For each Period, the Actor declares to the Host the Covered Services invoiced "
            "during that Period, no later than {{ contract.declaration_days }} days after the "
            "end of the Period.",
        ),
        (
            "clause",
            "The declaration is made in writing, by e-mail or with the tool provided by the "
            "Host. It states, for each Covered Service, its date, its client, its nature, its "
            "amount excluding VAT and the reference of the corresponding invoice. A Period "
            "without any Covered Service gives rise to a “nil” declaration.",
        ),
        ("article", "payment", "INVOICING AND PAYMENT"),
        ("tag", "{%p if contract.qualification == 'royalty' %}"),
        (
            "clause",
            "On receipt of each declaration, the Host issues an invoice for the Reversal of the "
            "Period{% if contract.vat_rate_percent > 0 %}, plus VAT at the rate of "
            "{{ contract.vat_rate_percent|rate_in_full }}{% elif host.vat_regime == 'franchise' "
            "%} bearing the mention “TVA non applicable, article 293 B du CGI”{% endif %}.",
        ),
        ("tag", "{%p else %}"),
        (
            "clause",
            "On receipt of each declaration, the Host informs the Actor of the amount of the "
            "Reversal of the Period, which is not subject to VAT.",
        ),
        ("tag", "{%p endif %}"),
        (
            "clause",
            "The Actor pays the Reversal of each Period no later than "
            "{{ contract.payment_days }} days after its end, by bank transfer"
            "{% if host.iban %} to the Host's account IBAN {{ host.iban }}"
            "{% if host.bic %} (BIC {{ host.bic }}){% endif %}{% else %} to the account "
            "designated by the Host{% endif %}, quoting the reference of the agreement.",
        ),
        ("tag", "{%p if contract.qualification == 'royalty' %}"),
        (
            "clause",
            "Any sum not paid when due bears interest by operation of law at "
            "{% if contract.late_interest_percent is not none %}the annual rate of "
            "{{ contract.late_interest_percent|rate_in_full }}{% else %}three times the French "
            "statutory interest rate{% endif %} and gives rise to the fixed recovery "
            "indemnity of forty euros (€40.00) provided for in articles L. 441-10 and D. 441-5 "
            "of the French Commercial Code.",
        ),
        ("tag", "{%p else %}"),
        (
            "clause",
            "In the event of late payment, the Host sends the Actor a reminder. Repeated delays "
            "may justify termination of the agreement under article ⟨termination⟩.",
        ),
        ("tag", "{%p endif %}"),
        ("article", "audit", "AUDIT AND CONFIDENTIALITY"),
        (
            "clause",
            "At the Host's written request, no more than once per calendar year, the Actor has "
            "the declared Revenue excl. VAT certified by its chartered accountant or statutory "
            "auditor, or allows it to be checked by an independent third party bound by "
            "professional secrecy. The costs of the check are borne by the Host, unless it "
            "reveals an under-declaration of more than five percent (5%), in which case the "
            "Actor bears them and pays the balance due without delay.",
        ),
        (
            "clause",
            "The Host keeps the details of the declarations (clients, amounts per service) "
            "confidential. It discloses them only to the mandated representatives of the "
            "Commons, who are bound by the same confidentiality, and publishes only the annual "
            "totals provided for in article ⟨recognition⟩.",
        ),
        (
            "clause",
            "Each Party processes the personal data received under this agreement in "
            "compliance with Regulation (EU) 2016/679 (GDPR) and the French Data Protection "
            "Act no. 78-17 of 6 January 1978, solely for the purposes of its performance.",
        ),
        ("article", "recognition", "PUBLIC RECOGNITION"),
        ("tag", "{%p if contract.public_listing %}"),
        (
            "clause",
            "The Actor consents to being named in the public transparency report of the "
            "Commons, with the annual total of its Reversals. It may withdraw this consent at "
            "any time in writing, for the future.",
        ),
        ("tag", "{%p else %}"),
        (
            "clause",
            "The Actor does not wish to be named in the public transparency report of the "
            "Commons; its Reversals appear there only in aggregate and anonymously. It may "
            "consent to being named at any time in writing.",
        ),
        ("tag", "{%p endif %}"),
        (
            "clause",
            "During the term of the agreement, the Actor may state that it is a contributor to "
            "the Commons, without suggesting that the Commons or the Host approves or "
            "certifies its services.",
        ),
        ("article", "governance", "PARTICIPATION IN GOVERNANCE"),
        (
            "p",
            "The Actor is invited to take part in the life and governance of the Commons "
            "according to the rules of its community: it may propose changes and take part in "
            "the bodies open to contributors. This agreement gives it no special decision "
            "right.",
        ),
        ("article", "term", "TERM, RENEWAL AND REVIEW"),
        (
            "clause",
            "This agreement takes effect on {{ contract.effective_date|long_date }}"
            "{% if contract.end %} and ends on {{ contract.end|long_date }}. The "
            "Parties meet at least three months before that date to agree on a possible "
            "renewal, which requires an amendment{% else %}. It is entered into for an "
            "indefinite term{% endif %}.",
        ),
        (
            "clause",
            "Every year, during the first quarter, the Parties review together how the "
            "agreement has worked in the light of the transparency report of the past year. "
            "Any change to the rate, the scale or the cap requires an amendment.",
        ),
        ("article", "termination", "TERMINATION AND ITS EFFECTS"),
        (
            "clause",
            "Either Party may terminate the agreement at any time with "
            "{{ contract.notice_days }} days' notice given by registered letter with "
            "acknowledgement of receipt or by any means that proves the date of receipt.",
        ),
        (
            "clause",
            "If a Party commits a serious breach of its obligations that is not remedied within "
            "thirty days of a formal notice, the other Party may terminate the agreement "
            "forthwith by written notice.",
        ),
        (
            "clause",
            "The end of the agreement, for whatever reason, leaves in force the obligation to "
            "declare and pay the Reversal on the Covered Services invoiced up to its effective "
            "date, and articles ⟨payment⟩ and ⟨audit⟩ for the Periods concerned.",
        ),
        ("article", "independence", "INDEPENDENCE OF THE PARTIES AND NON-EXCLUSIVITY"),
        (
            "clause",
            "The Parties act independently. This agreement creates between them no "
            "partnership, agency or relationship of subordination.",
        ),
        (
            "clause",
            "This agreement is not exclusive: the Actor carries on its activities freely and "
            "the Commons may enter into reciprocity agreements with other actors.",
        ),
        ("article", "amendments", "AMENDMENTS AND GENERAL PROVISIONS"),
        (
            "p",
            "Any change to this agreement requires a written amendment signed by the Parties. "
            "This agreement sets out the entire agreement of the Parties on its subject; if "
            "any of its provisions were held void, the others would remain in full force.",
        ),
        ("article", "disputes", "GOVERNING LAW AND DISPUTES"),
        (
            "p",
            "This agreement is governed by French law. In the event of a dispute, the Parties "
            "seek an amicable solution and, failing agreement within thirty days of its "
            "notification, resort to mediation before any legal action, save for urgent "
            "measures. If the dispute is not resolved within sixty days of the appointment of "
            "the mediator, it is brought before the competent court.",
        ),
        ("article", "signature", "SIGNATURE"),
        (
            "clause",
            "This agreement is signed either by hand, in as many original copies as there are "
            "Parties (article 1375 of the French Civil Code), or electronically in accordance "
            "with articles 1366 and 1367 of the French Civil Code and Regulation (EU) "
            "No 910/2014 (eIDAS), the electronic copy then being the original.",
        ),
        (
            "clause",
            "Every page bears the reference of the agreement and the fingerprint of its terms "
            "({{ short_hash }}), which make it possible to check that the signed version is the "
            "one recorded by the Host.",
        ),
        (
            "place",
            "Signed in {{ contract.place_of_signature }} on ____________________, in "
            "{{ copies.words }} ({{ copies.count }}) original copies, one for each Party.",
        ),
        ("signatures", SIGNATURES_EN["label"], SIGNATURES_EN["party"], SIGNATURES_EN["signature"]),
    ]


# --------------------------------------------------------------------------------------------
# The reversal statement


def statement_party_fr(var: str, issuer: bool) -> str:
    """The lines identifying a party in the statement's parties table, in French."""
    p = var
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


def statement_party_en(var: str, issuer: bool) -> str:
    """The lines identifying a party in the statement's parties table, in English."""
    p = var
    vat_franchise = (
        "VAT not applicable (“TVA non applicable, article 293 B du CGI”)"
        if issuer
        else "VAT franchise scheme (article 293 B of the French Tax Code)"
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


ROYALTY = "contract.qualification == 'royalty'"
WITH_VAT = "contract.vat_rate_percent > 0"

STATEMENT_TIERS_FR = "\n".join(
    [
        "Barème progressif sur le chiffre d'affaires HT cumulé de chaque année civile :",
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
        "Progressive scale on the cumulative revenue excl. VAT of each calendar year:",
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


def statement_fr() -> list[Block]:
    """The reversal statement of one period of a reciprocity contract, in French."""
    return [
        ("title", "RELEVÉ DE REVERSEMENT"),
        ("subtitle", "{{ statement.period_name|capitalize }}"),
        (
            "period",
            "Période du {{ statement.period_start|long_date }} au "
            "{{ statement.period_end|long_date }}",
        ),
        (
            "reference",
            "Relevé n° {{ statement.reference }} · établi le {{ statement.as_of|long_date }}",
        ),
        ("tag", "{%p if not statement.period_closed %}"),
        (
            "notice",
            "**Relevé provisoire** : la période n'est pas close au "
            "{{ statement.as_of|long_date }} ; ce relevé porte sur les déclarations enregistrées "
            "à cette date.",
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
        (
            "detail",
            "Prestations couvertes",
            "{{ contract.covered_activities|join(', ') }}",
        ),
        ("detail_tag", "{%tr if contract.flat_rate %}"),
        (
            "detail",
            "Taux de reversement",
            "{{ contract.rate_percent|percent }} du chiffre d'affaires HT des prestations "
            "couvertes",
        ),
        ("detail_tag", "{%tr else %}"),
        ("detail", "Taux de reversement", STATEMENT_TIERS_FR),
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
            f"{{% if {ROYALTY} %}}Redevance{{% if {WITH_VAT} %}}, soumise à la TVA au taux de "
            "{{ contract.vat_rate_percent|percent }}{% elif host.vat_regime == 'franchise' %} ; "
            "TVA non applicable, article 293 B du CGI{% else %}, sans TVA{% endif %}"
            "{% else %}Don{% if several_commons %}s aux communs{% else %}s au commun{% endif %}, "
            "consentis sans contrepartie, hors du champ de la TVA{% endif %}",
        ),
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
            f"{{% if {ROYALTY} %}}Reversement HT (€){{% else %}}Reversement (€){{% endif %}}",
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
            "le reversement dû.",
        ),
        ("tag", "{%p endif %}"),
        ("tag", "{%p if not contract.flat_rate or contract.annual_cap is not none %}"),
        (
            "note",
            "Chiffre d'affaires HT cumulé de l'année {{ statement.year }} après la dernière "
            "déclaration de la période : {{ totals.cumulative_revenue|money }}. Le reversement "
            "de chaque déclaration est la différence entre le montant calculé sur le cumul de "
            "l'année qui l'inclut et celui calculé sur le cumul qui la précède.",
        ),
        ("tag", "{%p endif %}"),
        ("heading", "MONTANTS DUS"),
        (
            "amount",
            f"Reversement{{% if {ROYALTY} %}} HT{{% endif %}} de la période"
            "{% if contract.flat_rate %} ({{ contract.rate_percent|percent }} de "
            "{{ totals.revenue_excl_tax|money }}){% endif %}",
            "{{ totals.due_excl_tax|money }}",
        ),
        ("amount_tag", f"{{%tr if {WITH_VAT} %}}"),
        (
            "amount",
            "TVA au taux de {{ contract.vat_rate_percent|percent }}",
            "{{ totals.vat|money }}",
        ),
        ("amount_subtotal", "Reversement TTC de la période", "{{ totals.due_incl_tax|money }}"),
        ("amount_tag", "{%tr endif %}"),
        ("amount_tag", "{%tr if totals.paid != 0 %}"),
        (
            "amount",
            "Déjà réglé au titre de la période",
            "{{ (0 - totals.paid)|money }}",
        ),
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
            "Le reversement de la période s'élève à {{ totals.due_excl_tax|amount_in_full }}"
            f"{{% if {ROYALTY} %}} hors taxes{{% endif %}}{{% if {WITH_VAT} %}}, plus "
            "{{ totals.vat|amount_in_full }} de TVA au taux de "
            "{{ contract.vat_rate_percent|percent }}, soit "
            "{{ totals.due_incl_tax|amount_in_full }} toutes taxes comprises"
            f"{{% elif {ROYALTY} and host.vat_regime == 'franchise' %}} ; TVA non applicable, "
            f"article 293 B du CGI{{% elif {ROYALTY} %}}, sans TVA{{% else %}}, hors du champ "
            "de la TVA{% endif %}.",
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
            "sur les prochains reversements.{% endif %}",
        ),
        ("tag", "{%p if several_commons %}"),
        (
            "lead",
            "Répartition du reversement de la période entre les communs bénéficiaires, selon "
            "les parts indiquées dans chaque déclaration :",
        ),
        (
            "split",
            "Commun",
            f"{{% if {ROYALTY} %}}Reversement HT (€){{% else %}}Reversement (€){{% endif %}}",
            "« {{ c.name }} »",
            "{{ c.due_excl_tax|figures }}",
            "Total",
            "{{ totals.due_excl_tax|figures }}",
        ),
        ("tag", "{%p endif %}"),
        ("heading", "RÈGLEMENT"),
        ("tag", "{%p if totals.balance_due > 0 %}"),
        ("tag", "{%p if totals.outstanding > 0 %}"),
        (
            "lead",
            "Échéance du reversement de la période : "
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
            "Aucun paiement n'est attendu à la date du présent relevé (échéance du reversement "
            "de la période : {{ statement.payment_due_date|long_date }}).",
        ),
        ("tag", "{%p endif %}"),
        ("tag", f"{{%p if {ROYALTY} %}}"),
        (
            "note",
            "Tout retard de paiement fait courir de plein droit des pénalités au taux "
            "{% if contract.late_interest_percent is not none %}annuel de "
            "{{ contract.late_interest_percent|percent }}{% else %}égal à trois fois le taux de "
            "l'intérêt légal{% endif %} et l'indemnité forfaitaire pour frais de recouvrement de "
            "40,00\u00a0€ (articles L. 441-10 et D. 441-5 du Code de commerce). Pas d'escompte "
            "pour paiement anticipé.",
        ),
        (
            "note",
            "Ce relevé récapitule les déclarations et les sommes dues ; il ne tient pas lieu "
            "de facture. La redevance de la période fait l'objet d'une facture de l'Hôte, "
            "établie conformément au contrat.",
        ),
        ("tag", "{%p else %}"),
        (
            "note",
            "Lorsque l'Hôte est un organisme mentionné à l'article 238 bis du code général des "
            "impôts, il délivre à l'Acteur, pour chaque versement, un reçu lui permettant de "
            "bénéficier, le cas échéant, de la réduction d'impôt prévue par cet article.",
        ),
        ("tag", "{%p endif %}"),
        (
            "place",
            "Fait à {{ host.address.city }}, le {{ statement.as_of|long_date }}.",
        ),
        ("issuer", "Pour l'Hôte, **{{ host.name }}**"),
        ("tag", "{%p if host.representative %}"),
        ("issuer", "{{ host.representative.name }}, {{ host.representative.role }}"),
        ("tag", "{%p endif %}"),
    ]


def statement_en() -> list[Block]:
    """The reversal statement of one period of a reciprocity agreement, in English."""
    return [
        ("title", "REVERSAL STATEMENT"),
        ("subtitle", "{{ statement.period_name|capitalize }}"),
        (
            "period",
            "Period from {{ statement.period_start|long_date }} to "
            "{{ statement.period_end|long_date }}",
        ),
        (
            "reference",
            "Statement no. {{ statement.reference }} · issued on {{ statement.as_of|long_date }}",
        ),
        ("tag", "{%p if not statement.period_closed %}"),
        (
            "notice",
            "**Provisional statement**: the period is not closed on "
            "{{ statement.as_of|long_date }}; this statement covers the declarations recorded "
            "on that date.",
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
        (
            "detail",
            "Benefiting commons",
            "{{ commons_names }}",
        ),
        (
            "detail",
            "Covered services",
            "{{ contract.covered_activities|join(', ') }}",
        ),
        ("detail_tag", "{%tr if contract.flat_rate %}"),
        (
            "detail",
            "Reversal rate",
            "{{ contract.rate_percent|percent }} of the revenue excl. VAT from covered services",
        ),
        ("detail_tag", "{%tr else %}"),
        ("detail", "Reversal rate", STATEMENT_TIERS_EN),
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
            f"{{% if {ROYALTY} %}}Royalty{{% if {WITH_VAT} %}}, subject to VAT at "
            "{{ contract.vat_rate_percent|percent }}{% elif host.vat_regime == 'franchise' %}; "
            "VAT not applicable (“TVA non applicable, article 293 B du CGI”){% else %}, without "
            "VAT{% endif %}{% else %}Donations to the commons, made without consideration, "
            "outside the scope of VAT{% endif %}",
        ),
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
            f"{{% if {ROYALTY} %}}Reversal excl. VAT (€){{% else %}}Reversal (€){{% endif %}}",
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
            "VAT of the year and the reversal owed.",
        ),
        ("tag", "{%p endif %}"),
        ("tag", "{%p if not contract.flat_rate or contract.annual_cap is not none %}"),
        (
            "note",
            "Cumulative revenue excl. VAT for {{ statement.year }} after the last declaration "
            "of the period: {{ totals.cumulative_revenue|money }}. The reversal owed for each "
            "declaration is the difference between the amount calculated on the cumulative "
            "revenue of the year including it and the amount calculated on the cumulative "
            "revenue before it.",
        ),
        ("tag", "{%p endif %}"),
        ("heading", "AMOUNTS DUE"),
        (
            "amount",
            f"Reversal{{% if {ROYALTY} %}} excl. VAT{{% endif %}} for the period"
            "{% if contract.flat_rate %} ({{ contract.rate_percent|percent }} of "
            "{{ totals.revenue_excl_tax|money }}){% endif %}",
            "{{ totals.due_excl_tax|money }}",
        ),
        ("amount_tag", f"{{%tr if {WITH_VAT} %}}"),
        (
            "amount",
            "VAT at {{ contract.vat_rate_percent|percent }}",
            "{{ totals.vat|money }}",
        ),
        (
            "amount_subtotal",
            "Reversal incl. VAT for the period",
            "{{ totals.due_incl_tax|money }}",
        ),
        ("amount_tag", "{%tr endif %}"),
        ("amount_tag", "{%tr if totals.paid != 0 %}"),
        (
            "amount",
            "Already paid for the period",
            "{{ (0 - totals.paid)|money }}",
        ),
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
            "The reversal for the period amounts to {{ totals.due_excl_tax|amount_in_full }}"
            f"{{% if {ROYALTY} %}} excluding VAT{{% endif %}}{{% if {WITH_VAT} %}}, plus "
            "{{ totals.vat|amount_in_full }} of VAT at "
            "{{ contract.vat_rate_percent|percent }}, that is "
            "{{ totals.due_incl_tax|amount_in_full }} including VAT"
            f"{{% elif {ROYALTY} and host.vat_regime == 'franchise' %}}; VAT not applicable "
            f"(“TVA non applicable, article 293 B du CGI”){{% elif {ROYALTY} %}}, without VAT"
            "{% else %}, outside the scope of VAT{% endif %}.",
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
            "the next reversals.{% endif %}",
        ),
        ("tag", "{%p if several_commons %}"),
        (
            "lead",
            "Split of the reversal for the period between the benefiting commons, according to "
            "the shares stated in each declaration:",
        ),
        (
            "split",
            "Commons",
            f"{{% if {ROYALTY} %}}Reversal excl. VAT (€){{% else %}}Reversal (€){{% endif %}}",
            "“{{ c.name }}”",
            "{{ c.due_excl_tax|figures }}",
            "Total",
            "{{ totals.due_excl_tax|figures }}",
        ),
        ("tag", "{%p endif %}"),
        ("heading", "PAYMENT"),
        ("tag", "{%p if totals.balance_due > 0 %}"),
        ("tag", "{%p if totals.outstanding > 0 %}"),
        (
            "lead",
            "Due date of the reversal for the period: "
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
            "No payment is expected on the date of this statement (due date of the reversal for "
            "the period: {{ statement.payment_due_date|long_date }}).",
        ),
        ("tag", "{%p endif %}"),
        ("tag", f"{{%p if {ROYALTY} %}}"),
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
        (
            "note",
            "Where the Host is an organisation listed in article 238 bis of the French Tax Code "
            "(code général des impôts), it issues the Actor a receipt for each payment, "
            "allowing it to claim the tax reduction provided by that article where it "
            "qualifies.",
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
        "Relevé de reversement · contrat {{ contract.id }} · période {{ statement.period }}",
        "Page ",
        " sur ",
    ),
    "en": (
        "Reversal statement · agreement {{ contract.id }} · period {{ statement.period }}",
        "Page ",
        " of ",
    ),
}

ARTICLE_WORD = {"fr": "ARTICLE", "en": "ARTICLE"}

PROPERTIES = {
    ("hosting", "fr"): "Modèle de contrat d'hébergement de commun",
    ("hosting", "en"): "Commons hosting agreement template",
    ("reciprocity", "fr"): "Modèle de contrat de réciprocité au bénéfice d'un commun",
    ("reciprocity", "en"): "Reciprocity agreement template",
    ("statement", "fr"): "Modèle de relevé de reversement",
    ("statement", "en"): "Reversal statement template",
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
    spfmt.space_after = Pt(62)  # room for a handwritten signature


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
    _, label, party, signature_word = block
    first = cell.paragraphs[0]
    first.style = "Template Tag"
    _add_text(first, f"{{%p for s in signatories if {side_test} %}}")
    _add_text(cell.add_paragraph(style="Signatory Label"), f"**{label}**")
    _add_text(cell.add_paragraph(style="Signatory"), party)
    _add_text(cell.add_paragraph(style="Signatory"), "{{ s.name }}, {{ s.role }}")
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
    _tag_row(table, "{%tr for d in declarations %}")
    row = table.add_row()
    _cant_split(row)
    for index, (cell, text) in enumerate(zip(row.cells, cells, strict=True)):
        _cell_text(cell, text, style="Table Amount" if index >= 4 else "Table Small")
    description = row.cells[2]
    description.add_paragraph("{%p if several_commons %}", style="Template Tag")
    _add_text(description.add_paragraph(style="Table Share"), shares)
    description.add_paragraph("{%p endif %}", style="Template Tag")
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
    if kind_of_block.endswith("_tag"):
        _tag_row(table, block[1])
        _row_widths(table.rows[-1], widths)
        return
    if table.rows:
        _keep_together(table.rows[-1])
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


def _numbers(blocks: Sequence[Block]) -> dict[str, int]:
    keys = [block[1] for block in blocks if block[0] == "article"]
    if len(set(keys)) != len(keys):
        raise SystemExit("two articles share a key")
    return {key: number for number, key in enumerate(keys, start=1)}


def _resolve(text: str, numbers: dict[str, int]) -> str:
    def number(match: re.Match[str]) -> str:
        try:
            return str(numbers[match.group(1)])
        except KeyError:
            raise SystemExit(f"unknown article reference ⟨{match.group(1)}⟩") from None

    return re.sub(r"⟨([a-z]+)⟩", number, text)


class _Branches:
    """Clause numbers across `{%p if %}` branches, so that only one branch is ever printed.

    The branches of an `if`/`else` start from the same number and must hold as many clauses.
    A clause inside an `if` without `else` may be absent, so no numbered clause may follow
    it in the same article (its number would then skip one).
    """

    def __init__(self) -> None:
        self.stack: list[list[int]] = []  # per open if: [number at the if, numbers at branch ends]
        self.optional_seen = False

    def follow(self, tag: str, clause: int) -> int:
        words = tag.removeprefix("{%p").split()
        if not words:
            return clause
        if words[0] == "if":
            self.stack.append([clause])
            return clause
        if words[0] in ("elif", "else"):
            self.stack[-1].append(clause)
            return self.stack[-1][0]
        if words[0] == "endif":
            start, *ends = self.stack.pop()
            ends.append(clause)
            if len(ends) == 1:  # no else: the clauses inside are optional
                if clause != start:
                    self.optional_seen = True
            elif len(set(ends)) != 1:
                raise SystemExit(f"the branches of an if hold different numbers of clauses: {ends}")
            return ends[-1]
        return clause

    def check_numbered(self) -> None:
        if self.optional_seen and not self.stack:
            raise SystemExit("a numbered clause follows an optional one in the same article")

    def close_article(self) -> None:
        self.optional_seen = False


def build(blocks: Sequence[Block], lang: str, kind: str) -> DocumentObject:
    """A styled document holding `blocks`."""
    document = Document()
    _prune_package(document)
    _style_document(document, lang)
    if kind == "statement":
        _style_statement(document)
    typography: Callable[[str], str] = french_typography if lang == "fr" else english_typography
    numbers = _numbers(blocks)
    article = 0
    clause = 0
    heading = 0
    branches = _Branches()
    rows: tuple[Table, str] | None = None  # the two-column table being filled, and its family
    # python-docx's default document starts with one empty paragraph: use it for the title.
    body = document.element.body
    for paragraph in list(body.iterchildren(qn("w:p"))):
        body.remove(paragraph)

    def text_of(raw: str) -> str:
        return typography(_resolve(raw, numbers))

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
            branches.close_article()
            article += 1
            clause = 0
            heading = f"{ARTICLE_WORD[lang]}{NBSP}{article} – {block[2]}"
            _add_text(document.add_paragraph(style="Heading 1"), text_of(heading))
        elif kind_of_block == "clause":
            branches.check_numbered()
            clause += 1
            paragraph = document.add_paragraph()
            _add_text(paragraph, f"**{article}.{clause}**{NBSP}{NBSP}" + text_of(block[1]))
        elif kind_of_block == "after_table":
            _add_text(document.add_paragraph(style="After Table"), text_of(block[1]))
        elif kind_of_block == "p":
            _add_text(document.add_paragraph(), text_of(block[1]))
        elif kind_of_block == "item":
            _add_text(document.add_paragraph(style="Enumeration"), "–\t" + text_of(block[1]))
        elif kind_of_block == "tag":
            clause = branches.follow(block[1], clause)
            document.add_paragraph(block[1], style="Template Tag")
        elif kind_of_block == "place":
            # The last clause goes with the signatures: a signature page never stands alone.
            document.paragraphs[-1].paragraph_format.keep_with_next = True
            _add_text(document.add_paragraph(style="Signature Place"), text_of(block[1]))
        elif kind_of_block == "tiers":
            _tiers_table(document, tuple(text_of(part) for part in block))
        elif kind_of_block == "signatures":
            _signature_table(document, tuple(text_of(part) for part in block))
        elif kind_of_block == "heading":
            heading += 1
            title = f"{heading}.{NBSP}{NBSP}{block[1]}"
            _add_text(document.add_paragraph(style="Heading 1"), text_of(title))
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
    """Write the six templates into `templates/` (or the folder given as first argument)."""
    folder = Path(argv[0]) if argv else TEMPLATES
    folder.mkdir(parents=True, exist_ok=True)
    for path, data in _iter_outputs(folder):
        path.write_bytes(data)
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
