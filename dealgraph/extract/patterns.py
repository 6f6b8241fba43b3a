"""The relation patterns: one row per linguistic construction, as data that the generic matcher
(``match.py``) applies to each sentence's enhanced++ dependency graph.

A row names the construction, the relationship type, the trigger (lemmas and part of speech:
V verb, N noun, A adjective, or E: any token that stands for an entity, for attributive
constructions), and dependency paths from the trigger to the source, the target and the
counterparty. A path is a chain of labels joined by ``>`` (from governor to dependent); ``<label``
climbs from the trigger to its governor; ``label[w1,w2]`` steps only onto a token of those
lemmas ("in exchange for": ``nmod:in[exchange,return]>nmod:for``), ``label[@set]`` onto one of
a word set of ``WORD_SETS`` (titles, administrative divisions); ``.`` is the trigger's own
phrase (a nominal trigger that is itself a description: "Japan's $550 billion commitment"). An
attributive (E) row's source is the entity itself unless the row gives a path (its target is
then ``.``). Alternatives are separated by
``|``; alternatives after a ``;`` are a fallback, tried only when those before it find no
reference ("Tokyo's US pledge": the possessor pledges, not the compound "US"). A label ending
in ``:*`` takes any case-marked form (``obl:*`` matches ``obl:in``).
Every row carries a sample sentence of our own, which ``tests/test_extract_nlp.py`` runs through
CoreNLP and the matcher and checks the row finds.

Enhanced++ dependencies already resolve relative pronouns ("Lutnick, who chairs the committee":
``nsubj(chairs, Lutnick)``), share subjects and objects across conjuncts ("Toshiba, Hitachi and
Mitsubishi Electric supply ..."), give controlled subjects (``nsubj:xsubj``: "Japan pledged to
invest") and mark passive agents (``obl:agent``), so one row covers those variants.
"""

from __future__ import annotations

from dataclasses import dataclass

from dealgraph.graph.model import RelType


@dataclass(frozen=True)
class Pattern:
    name: str  # the construction, e.g. "active verb: subject pledges object"
    type: RelType
    lemmas: frozenset[str]
    pos: str  # V, N, A or E
    source: str
    target: str
    counterparty: str = ""
    confidence: float = 0.8
    sample: str = ""
    expect: tuple[str, str] = ("", "")  # source and target surface forms the sample must give
    target_kinds: frozenset[str] = frozenset()  # narrower than the type allows, where the construction is
    source_kinds: frozenset[str] = frozenset()


def _p(name: str, type_: RelType, lemmas: str, pos: str, source: str, target: str, *, counterparty: str = "",
       confidence: float = 0.8, sample: str, expect: tuple[str, str], target_kinds: str = "",
       source_kinds: str = "") -> Pattern:  # fmt: skip
    return Pattern(name, type_, frozenset(lemmas.split()), pos, source, target, counterparty, confidence, sample,
                   expect, frozenset(target_kinds.split()), frozenset(source_kinds.split()))  # fmt: skip


#: Word sets a path step may name (``compound[@leader]``).
WORD_SETS: dict[str, frozenset[str]] = {
    "leader": frozenset("president minister premier chancellor king".split()),
    "official": frozenset("spokesperson spokesman spokeswoman official ambassador envoy director chief".split()),
    # a minister or secretary heads a ministry or department, and serves a country
    "minister": frozenset("minister secretary".split()),
    "division": frozenset("state province prefecture region county city".split()),
    # a stretch of land or sea named after a place ("off the Texas coast")
    "area": frozenset("coast coastline shore waters seabed region area".split()),
    # what a share of world supply is a share of ("90% of the world's rare earth processing capacity")
    "supply": frozenset("output production capacity supply processing mining export refining".split()),
    # classes of companies ("two Japanese makers", "among the Japanese manufacturers")
    # verbs of starting or holding something ("Chile's plan to begin the trial")
    "begin": frozenset("begin start launch hold conduct run open commence".split()),
    "company": frozenset("company firm manufacturer maker producer group conglomerate supplier bank lender carmaker "
                         "automaker".split()),
}

SUBJ = "nsubj|nsubj:xsubj"
AGENT = "obl:agent|obl:by"
#: What a passive verb or participle is said of; a participle with an agent that the parser read
#: as active ("an investment committee chaired by X": nsubj) says it of its subject; where the
#: parse lost the subject of a long one, the nearest earlier nominal of a fitting kind
#: (``match.SUBJECT_LOST``).
THEME = "nsubj:pass|<acl|nsubj|<conj:and><acl|<dep;~subject"
R = RelType

PATTERNS: tuple[Pattern, ...] = (
    # --- pledges: giving money or a commitment ---
    _p("active verb: A pledges/commits/promises B (to C)", R.PLEDGES,
       "pledge commit promise vow guarantee earmark allocate", "V",
       SUBJ, "obj|obl:to|obl:for|xcomp>obj|xcomp>obl:in|xcomp>obl:into|obj>nmod:to|obj>nmod:for|obj>nmod:in",
       counterparty="obl:to|iobj|obl:with",
       sample="Norway pledged $2 billion to the Harbour Bridge project.", expect=("Norway", "Harbour Bridge project")),
    _p("active verb: A invests in / funds / finances B", R.PLEDGES,
       "invest fund finance bankroll lend underwrite", "V",
       SUBJ, "obl:in|obl:into|obj|obj>nmod:in|obj>nmod:for|obl:for", counterparty="",
       sample="Canada will finance the Lakeview Refinery.", expect=("Canada", "Lakeview Refinery")),
    _p("passive verb: B is funded/financed by A", R.PLEDGES,
       "fund finance bankroll underwrite pledge", "V",
       AGENT, THEME,
       sample="The Lakeview Refinery will be financed by Canada.", expect=("Canada", "Lakeview Refinery")),
    _p("nominalisation: A's pledge/commitment (of money) for B, or the commitment itself", R.PLEDGES,
       "pledge commitment promise investment funding financing package loan contribution", "N",
       "nmod:poss|nmod:from|nmod:by;compound", "nmod:for|nmod:in|.|<nsubj:xsubj>obj|acl:to>obj|acl:to>obl:in",
       counterparty="nmod:to",
       confidence=0.7,
       sample="Canada's pledge for the Lakeview Refinery surprised investors.",
       expect=("Canada", "Lakeview Refinery")),
    # --- demands ---
    _p("active verb: A demands/seeks B (of C)", R.DEMANDS,
       "demand seek request require insist want", "V",
       SUBJ, "obj|obl:on|obl:for|xcomp>obj", counterparty="obl:from|obl:of|iobj",
       sample="Brazil demanded the Harbour Bridge project from Chile.", expect=("Brazil", "Harbour Bridge project")),
    _p("active verb: A presses/urges C to do B, or presses C for B", R.DEMANDS,
       "press urge push pressure call ask lean", "V",
       SUBJ, "xcomp>obj|obl:for|obl:on|xcomp>obl:*", counterparty="obj|obl:on",
       sample="Brazil pressed Chile to approve the Harbour Bridge project.",
       expect=("Brazil", "Harbour Bridge project")),
    _p("nominalisation: A's demand for B", R.DEMANDS,
       "demand request call pressure", "N",
       "nmod:poss|nmod:from;compound", "nmod:for|nmod:of", counterparty="nmod:on|nmod:of",
       confidence=0.7,
       sample="Brazil's demand for the Harbour Bridge project angered officials.",
       expect=("Brazil", "Harbour Bridge project")),
    # --- offers ---
    _p("active verb: A offers/proposes B (to C)", R.OFFERS,
       "offer propose extend grant", "V",
       SUBJ, "obj|xcomp>obj", counterparty="obl:to|iobj",
       sample="Chile offered lithium to Brazil.", expect=("Chile", "lithium")),
    _p("nominalisation: A's offer/proposal of B", R.OFFERS,
       "offer proposal", "N",
       "nmod:poss|nmod:from;compound", "nmod:of|nmod:for|nmod:on|.", counterparty="nmod:to",
       confidence=0.7,
       sample="Officials praised Chile's offer of lithium to Brazil.", expect=("Chile", "lithium")),
    # --- supplies ---
    _p("active verb: A supplies/exports/produces B (to C)", R.SUPPLIES,
       "supply export ship sell deliver produce provide mine refine process generate power feed turn_out churn_out",
       "V",
       SUBJ + "|<acl|<acl:to", "obj|obl:to|obl:for|xcomp>obj", counterparty="obl:to|iobj",
       sample="Chile exports lithium to Brazil.", expect=("Chile", "lithium")),
    _p("interest in a gerund: A is interested in / expressed interest in supplying X for B", R.SUPPLIES,
       "supply provide deliver", "V",
       "<amod><nmod:in><obj>nsubj|<amod><obl:in>nsubj|<amod><nmod:in>nsubj|<acl:in><obj>nsubj|<advcl:in>nsubj",
       "<amod><nmod:in>nmod:for|<amod><obl:in>obl:for|<acl:in>nmod:for|<advcl:in>obl:for|obl:for|obj>nmod:for",
       target_kinds="Project Company Country",
       sample="Acme Holdings has expressed interest in supplying turbines for the Lakeview Refinery.",
       expect=("Acme Holdings", "Lakeview Refinery")),
    _p("role phrase: (doing B) with A as (possible) suppliers", R.SUPPLIES,
       "supplier vendor contractor", "N",
       "<nmod:as|<obl:as>obj>nmod:with|<obl:as>obl:with",
       "<nmod:as><obl:with>obj|<nmod:as><obl:with>obl:for|<nmod:as><obl:with>obl:to|<obl:as>obj|<obl:as>obl:for",
       confidence=0.7,
       target_kinds="Project",
       sample="Vale Corp will build the Lakeview Refinery, with Acme Holdings as a possible supplier.",
       expect=("Acme Holdings", "Lakeview Refinery")),
    _p("share of supply: A accounts for / controls N% of the world's B output or capacity", R.SUPPLIES,
       "account control dominate", "V",
       SUBJ, "obl:for>nmod:of[@supply]>compound|obl:for>nmod:of[@supply]>nmod:of|obj>nmod:of[@supply]>compound|"
       "obj>nmod:of[@supply]>nmod:of", confidence=0.75, target_kinds="Mineral",
       sample="Chile accounts for a third of the world's lithium output.", expect=("Chile", "lithium")),
    _p("passive verb: B is supplied/produced by A", R.SUPPLIES,
       "supply export produce provide mine refine", "V",
       AGENT, THEME,
       sample="Most lithium is produced by Chile.", expect=("Chile", "lithium")),
    _p("nominalisation: A's supply/exports of B", R.SUPPLIES,
       "supply export shipment production output", "N",
       "nmod:poss|nmod:from;compound", "nmod:of|compound", counterparty="nmod:to|nmod:for",
       confidence=0.7,
       sample="Chile's exports of lithium rose.", expect=("Chile", "lithium")),
    # --- depends on ---
    _p("active verb: A depends/relies on B", R.DEPENDS_ON,
       "depend rely hinge rest count draw", "V",
       SUBJ, "obl:on|obl:upon",
       sample="Brazil relies on Chile for lithium.", expect=("Brazil", "Chile")),
    _p("means of finance: A (is) financed/funded through or under B (a plan A depends on)", R.DEPENDS_ON,
       "finance fund bankroll underwrite", "V",
       "nsubj:pass|<acl|nsubj:pass:xsubj|<advcl:to>nsubj:xsubj|<advcl:to>nsubj|<advcl:to>obj;~subject",
       "obl:through|obl:via|obl:under|obl:from", confidence=0.75,
       source_kinds="Project Agreement Policy", target_kinds="Project Agreement Policy",
       sample="The Lakeview Refinery will be financed through the Coastal Accord.",
       expect=("Lakeview Refinery", "Coastal Accord")),
    _p("adjective: A is dependent on / reliant on B", R.DEPENDS_ON,
       "dependent reliant contingent conditional", "A",
       "nsubj|<amod", "obl:on|obl:upon|nmod:on",
       sample="The Harbour Bridge project is contingent on the Coastal Accord.",
       expect=("Harbour Bridge project", "Coastal Accord")),
    _p("nominalisation: A's reliance/dependence on B", R.DEPENDS_ON,
       "reliance dependence dependency", "N",
       "nmod:poss|nmod:of|compound", "nmod:on|nmod:upon",
       sample="Brazil's reliance on Chile worries officials.", expect=("Brazil", "Chile")),
    # --- participates in ---
    _p("active verb: A joins/operates/builds/develops B", R.PARTICIPATES_IN,
       "join participate operate run develop build construct manage sign attend hold negotiate lead win contest "
       "co-sign conclude", "V",
       SUBJ + "|<acl", "obj|obl:in", confidence=0.75,
       sample="Vale Corp will operate the Lakeview Refinery.", expect=("Vale Corp", "Lakeview Refinery")),
    _p("verb + with: A runs/builds/develops B with C (the partner takes part too)", R.PARTICIPATES_IN,
       "operate run develop build construct manage", "V",
       "obl:with|obj>nmod:with", "obj", confidence=0.75, source_kinds="Company Organization Country",
       target_kinds="Project",
       sample="Vale Corp will operate the Lakeview Refinery with Acme Holdings.",
       expect=("Acme Holdings", "Lakeview Refinery")),
    _p("passive verb or participle: B (is) operated/developed/built by A", R.PARTICIPATES_IN,
       "operate run develop build construct manage lead", "V",
       AGENT, THEME,
       sample="The Lakeview Refinery, developed by Vale Corp, opens in May.",
       expect=("Vale Corp", "Lakeview Refinery")),
    _p("role phrase: (doing B) with (possible) roles for A; with A as partners or operators",
       R.PARTICIPATES_IN, "role partner operator developer investor builder", "N",
       "nmod:for|<nmod:as|<obl:as>obj>nmod:with|<obl:as>obl:with",
       "<obl:with>obj|<obl:with>obl:for|<obl:with>obl:to|<nmod:as><obl:with>obj|<nmod:as><obl:with>obl:for|"
       "<obl:as>obj|<obl:as>obl:for", confidence=0.7, target_kinds="Project Agreement Event",
       sample="Vale Corp will build the Lakeview Refinery, with possible roles for Acme Holdings.",
       expect=("Acme Holdings", "Lakeview Refinery")),
    _p("passive verb: A is listed for / chosen for / linked to B (a project)", R.PARTICIPATES_IN,
       "list choose select pick tap name link tie shortlist", "V",
       "nsubj:pass", "obl:for|obl:to", confidence=0.7, target_kinds="Project",
       sample="Vale Corp was chosen for the Lakeview Refinery.", expect=("Vale Corp", "Lakeview Refinery")),
    _p("idiom: A takes part in / is involved in B", R.PARTICIPATES_IN,
       "part involve", "*",
       "<obj>nsubj|nsubj|nsubj:pass", "obl:in|nmod:in|<obj>obl:in",
       sample="Vale Corp is involved in the Lakeview Refinery.", expect=("Vale Corp", "Lakeview Refinery")),
    _p("verb: A holds/attends talks (with B); B meets A", R.PARTICIPATES_IN,
       "hold attend host convene join", "V",
       SUBJ, "obj", confidence=0.75,
       sample="Maria Lopez held talks with Chile in May.", expect=("Maria Lopez", "talks")),
    _p("verb: A and B meet (the meeting, an event told by the verb, has them as participants)",
       R.PARTICIPATES_IN, "meet", "V",
       SUBJ + "|obj|obl:with", ".", confidence=0.75, target_kinds="Event",
       sample="Maria Lopez met Pedro Soto in Lima on Monday.", expect=("Maria Lopez", "met")),
    _p("verb: A and B meet at/in a place (the meeting is there)", R.LOCATED_IN,
       "meet", "V",
       ".", "obl:at|obl:in|obl:at>nmod:in|obl:in>appos|obl:at>appos", confidence=0.75, source_kinds="Event",
       sample="Maria Lopez met Pedro Soto in Lima on Monday.", expect=("met", "Lima")),
    _p("verb + under a leader: B was negotiated/signed/reached under A (A took part)", R.PARTICIPATES_IN,
       "negotiate sign reach conclude strike agree seal broker", "V",
       "obl:under|obl:under>appos", "nsubj:pass|<acl|nsubj|obj;~subject", confidence=0.75,
       source_kinds="Person Leader", target_kinds="Agreement Event Project Policy",
       sample="The Coastal Accord was negotiated under President Maria Lopez.",
       expect=("Maria Lopez", "Coastal Accord")),
    _p("verb: talks held by A with B (the other side)", R.PARTICIPATES_IN,
       "hold", "V",
       "obl:with|obj>nmod:with", "obj", confidence=0.7,
       sample="Maria Lopez held talks with Pedro Soto in May.", expect=("Pedro Soto", "talks")),
    _p("nominalisation: A's visit/trip/talks; A's participation in B", R.PARTICIPATES_IN,
       "visit trip talk meeting participation attendance role involvement stake ruling decision verdict", "N",
       "nmod:poss|nmod:by", ".|nmod:in|nmod:to", confidence=0.75,
       sample="Maria Lopez's visit to Chile ended on Monday.", expect=("Maria Lopez", "visit")),
    _p("nominalisation: A's plan/bid/effort to begin or hold B (A takes part in B)", R.PARTICIPATES_IN,
       "plan bid effort move push drive decision", "N",
       "nmod:poss", "<nsubj:xsubj[@begin]>obj|acl:to[@begin]>obj", confidence=0.75, target_kinds="Project Event",
       sample="Officials noted Chile's plan to begin the Atacama lithium trial next year.",
       expect=("Chile", "Atacama lithium trial")),
    _p("possessive: an actor's project or event (Chile's lithium trial, the council's review)", R.PARTICIPATES_IN,
       "", "E",
       "nmod:poss", ".", confidence=0.7, target_kinds="Project Event",
       source_kinds="Country Company Organization Person Leader",
       sample="Chile's lithium extraction trial began in May.", expect=("Chile", "lithium extraction trial")),
    _p("possessive: an actor's agreement (Chile's pact with Peru, Tokyo's trade deal): a party to it",
       R.PARTICIPATES_IN, "", "E",
       "nmod:poss", ".", confidence=0.8, target_kinds="Agreement",
       source_kinds="Country Organization",
       sample="Chile's coastal accord with Peru took effect in May.", expect=("Chile", "coastal accord")),
    _p("verb: A agrees/strikes/forms an agreement or partnership (A is a party)", R.PARTICIPATES_IN,
       "agree strike form forge seal ink reach enter announce unveil", "V",
       SUBJ, "obj|obl:into", confidence=0.8, target_kinds="Agreement",
       sample="Chile struck the Coastal Accord in May.", expect=("Chile", "Coastal Accord")),
    _p("verb: an agreement or partnership made with B (the other party)", R.PARTICIPATES_IN,
       "agree sign strike form forge seal ink reach conclude announce unveil negotiate", "V",
       "obl:with|obj>nmod:with", "obj", confidence=0.8, target_kinds="Agreement",
       source_kinds="Country Company Organization Person Leader",
       sample="Chile signed the Coastal Accord with Vale Corp in May.", expect=("Vale Corp", "Coastal Accord")),
    _p("attributive: an agreement, partnership or venture with B (B is a party)", R.PARTICIPATES_IN,
       "", "E",
       "nmod:with", ".", confidence=0.8, target_kinds="Agreement",
       source_kinds="Country Company Organization Person Leader",
       sample="The Coastal Partnership with Vale Corp starts in May.", expect=("Vale Corp", "Coastal Partnership")),
    # --- part of ---
    _p("noun: A is (a) part/component/tranche of B", R.PART_OF,
       "part component portion tranche element piece phase stage section", "N",
       "nsubj|<appos", "nmod:of",
       sample="The Lakeview Refinery is part of the Coastal Accord.",
       expect=("Lakeview Refinery", "Coastal Accord")),
    _p("attributive: a part of/under a whole (the first slice of the plan; projects under the pledge)", R.PART_OF,
       "", "E",
       "", "nmod:of|nmod:under|nmod:within", confidence=0.7,
       sample="The Lakeview Refinery under the Coastal Accord opens in May.",
       expect=("Lakeview Refinery", "Coastal Accord")),
    _p("verb + under: a thing done under an agreement (tariffs lowered under the deal; the first projects "
       "to be funded under the plan)", R.PART_OF,
       "", "V*",
       "nsubj:pass|obj|nsubj:pass:xsubj|<acl:to|<acl", "obl:under", confidence=0.75,
       sample="The Lakeview Refinery was built under the Coastal Accord.",
       expect=("Lakeview Refinery", "Coastal Accord")),
    _p("membership: A among the B (a set of projects: A is one of them)", R.PART_OF,
       "", "E",
       "", "nmod:among|<obj>obl:among|<nsubj:pass>obl:among", confidence=0.75,
       source_kinds="Project", target_kinds="Project",
       sample="Officials named the Lakeview Refinery among the first projects of the Coastal Plan.",
       expect=("Lakeview Refinery", "first projects")),
    _p("copula: the projects (of a set) are A and B (each is part of the set)", R.PART_OF,
       "", "E",
       "", "nsubj[project]|<conj:and>nsubj[project]", confidence=0.75,
       source_kinds="Project", target_kinds="Project",
       sample="The first projects are the Lakeview Refinery and a copper smelter in Peru.",
       expect=("Lakeview Refinery", "first projects")),
    _p("verb: B includes/comprises A", R.PART_OF,
       "include comprise contain cover encompass", "V",
       "obj", "nsubj",
       sample="The Coastal Accord includes the Lakeview Refinery.",
       expect=("Lakeview Refinery", "Coastal Accord")),
    _p("passive verb: A is included in / anchored by B", R.PART_OF,
       "include", "V",
       "nsubj:pass", "obl:in",
       sample="The Lakeview Refinery is included in the Coastal Accord.",
       expect=("Lakeview Refinery", "Coastal Accord")),
    _p("noun: A, a subsidiary/unit/arm of B; A is a unit of B", R.PART_OF,
       "subsidiary unit arm affiliate division branch member", "N",
       "nsubj|<appos", "nmod:of|nmod:poss|compound",
       sample="The Export Agency, a unit of the Trade Ministry, issued rules.",
       expect=("Export Agency", "Trade Ministry")),
    _p("noun: A, a subsidiary/unit of B (a company of a group)", R.AFFILIATED_WITH,
       "subsidiary unit arm affiliate division business", "N",
       "nsubj|<appos", "nmod:of|nmod:poss|compound",
       sample="Vale Energy, a subsidiary of Vale Corp, builds refineries.", expect=("Vale Energy", "Vale Corp")),
    # --- leads ---
    _p("active verb: A leads/chairs/heads B", R.LEADS,
       "lead chair head run govern direct oversee helm", "V",
       SUBJ, "obj",
       sample="Maria Lopez chairs the Harbour Council.", expect=("Maria Lopez", "Harbour Council")),
    _p("passive verb or participle: B (is) led/chaired/headed by A", R.LEADS,
       "lead chair head run govern direct", "V",
       AGENT, THEME,
       sample="The Harbour Council, chaired by Maria Lopez, met.", expect=("Maria Lopez", "Harbour Council")),
    _p("noun: A, the head/chair/leader of B; B's chief A", R.LEADS,
       "head chair chairman chairwoman leader chief president director ceo founder governor", "N",
       "nsubj|<appos|appos|compound", "nmod:of|nmod:poss|compound",
       sample="Maria Lopez, the chair of the Harbour Council, spoke.", expect=("Maria Lopez", "Harbour Council")),
    # --- affiliated with ---
    _p("noun: A, the minister/secretary of a ministry or department; the department's secretary A", R.LEADS,
       "minister secretary", "N",
       "nsubj|<appos|appos|compound|flat|.", "nmod:of|nmod:poss|nmod:for|compound", confidence=0.7,
       target_kinds="Organization",
       sample="Ana Ruiz, the secretary of the Trade Ministry, spoke.", expect=("Ana Ruiz", "Trade Ministry")),
    _p("noun: A, an official/minister/member of B; B's minister A", R.AFFILIATED_WITH,
       "official minister secretary spokesperson spokesman spokeswoman executive member envoy negotiator "
       "adviser advisor ambassador representative diplomat lawmaker economist analyst researcher scholar fellow "
       "professor director",
       "N", "nsubj|<appos|appos|compound|flat|.", "nmod:of|nmod:poss|nmod:at|nmod:for|amod|compound",
       confidence=0.75, source_kinds="Person Leader",  # (a body's spokesperson: the body is no official)
       sample="Maria Lopez, an economist at the Harbour Council, spoke.",
       expect=("Maria Lopez", "Harbour Council")),
    _p("title before a name: the Japanese Prime Minister X, US President X (a leader leads the country)", R.LEADS,
       "", "E",
       "", "compound[@leader]>amod|compound[@leader]>compound|compound[@leader]>nmod:poss", confidence=0.75,
       source_kinds="Leader", target_kinds="Country",
       sample="Japanese Prime Minister Kenji Sato arrived.", expect=("Kenji Sato", "Japanese")),
    _p("title before a name: Ministry of Commerce spokesperson X (an official serves a body)", R.AFFILIATED_WITH,
       "", "E",
       "", "compound[@official]>compound|compound[@official]>amod|compound[@official]>nmod:poss", confidence=0.75,
       source_kinds="Person",
       sample="Trade Ministry spokesperson Ana Ruiz said so.", expect=("Ana Ruiz", "Trade Ministry")),
    _p("title before a name: Japan's trade minister X, the Chilean finance minister X (serves a country)",
       R.AFFILIATED_WITH, "", "E",
       "", "compound[@minister]>compound|compound[@minister]>amod|compound[@minister]>nmod:poss", confidence=0.75,
       source_kinds="Person", target_kinds="Country",
       sample="Japanese Finance Minister Ana Ruiz said so.", expect=("Ana Ruiz", "Japanese")),
    _p("title before a name: Commerce Secretary X, Trade Minister X (heads the department or ministry)",
       R.LEADS, "", "E",
       "", "compound[@minister]>compound|compound[@minister]>amod|compound[@minister]>nmod:poss", confidence=0.75,
       source_kinds="Person Leader", target_kinds="Organization",
       sample="Trade Ministry Secretary Ana Ruiz said so.", expect=("Ana Ruiz", "Trade Ministry")),
    _p("possessive: B's company A (SoftBank's SB Energy)", R.AFFILIATED_WITH,
       "", "E",
       "", "nmod:poss", confidence=0.7, source_kinds="Company",
       sample="The Lakeview Refinery will be run by Vale Corp's Vale Energy.", expect=("Vale Energy", "Vale Corp")),
    _p("possessive: a person's party or organisation (her Liberal Democratic Party, Ruiz's Green Alliance)",
       R.AFFILIATED_WITH, "", "E",
       "nmod:poss", ".", confidence=0.7, source_kinds="Person Leader", target_kinds="Organization Company",
       sample="Maria Lopez said her Green Alliance would win.", expect=("her", "Green Alliance")),
    _p("attributive: a national body (the Japanese Cabinet Office, the Chinese Foreign Ministry)", R.PART_OF,
       "", "E",
       "", "amod|compound", confidence=0.7, source_kinds="Organization", target_kinds="Country",
       sample="The Japanese Cabinet Office ran the test.", expect=("Cabinet Office", "Japanese")),
    _p("attributive: a demonym before a body's name, both modifying one noun (a Chinese Foreign Ministry "
       "spokesperson)", R.PART_OF,
       "", "E",
       "", "<compound>amod", confidence=0.7, source_kinds="Organization", target_kinds="Country",
       sample="A Japanese Energy Agency spokesperson declined to comment.", expect=("Energy Agency", "Japanese")),
    _p("noun: B, the owner/parent of A (A belongs to its owner)", R.AFFILIATED_WITH,
       "owner co-owner parent shareholder", "N",
       "nmod:of|nmod:poss", "nsubj|<appos|appos", confidence=0.75,
       sample="Vale Corp, the owner of Lakeview Mining, grew.", expect=("Lakeview Mining", "Vale Corp")),
    _p("noun: A is among/one of B's companies, makers, firms", R.AFFILIATED_WITH,
       " ".join(WORD_SETS["company"]), "N",
       "nsubj|<appos|appos", "amod|nmod:poss|compound|nmod:from",
       confidence=0.75,
       sample="Vale Corp is among the Japanese manufacturers that bid.", expect=("Vale Corp", "Japanese")),
    _p("verb: A joins/attends (B at) meetings of a body (A, and B, sit on it)", R.AFFILIATED_WITH,
       "join attend chair host", "V",
       SUBJ + "|obj", "obl:at[meeting,session]>nmod:of|obj[meeting,session]>nmod:of", confidence=0.75,
       source_kinds="Person Leader", target_kinds="Organization",
       sample="Ana Ruiz has joined Pedro Soto at meetings of the Harbour Council since May.",
       expect=("Ana Ruiz", "Harbour Council")),
    _p("verb: B owns/controls A (A belongs to its owner)", R.AFFILIATED_WITH,
       "own co-own acquire buy", "V",
       "obj", SUBJ, confidence=0.75,
       sample="Vale Corp owns Lakeview Mining.", expect=("Lakeview Mining", "Vale Corp")),
    _p("passive verb: A is owned/controlled by B", R.AFFILIATED_WITH,
       "own co-own acquire buy", "V",
       THEME, AGENT, confidence=0.75,
       sample="Lakeview Mining, which is co-owned by Vale Corp, grew.", expect=("Lakeview Mining", "Vale Corp")),
    # --- located in ---
    _p("attributive: an entity in/near/off/at a place", R.LOCATED_IN,
       "", "E",
       "", "nmod:in|nmod:near|nmod:off|nmod:at|nmod:outside|nmod:around|appos|"
       "nmod:in>appos|nmod:near>appos|nmod:off>appos|nmod:at>appos|"  # "in Augusta, Georgia"
       "nmod:off[@area]>compound|nmod:near[@area]>compound|nmod:in[@area]>compound|"
       "nmod:from[@area]>nmod:near|nmod:from[@area]>nmod:off", confidence=0.75,  # "from the seabed near X"
       sample="The Lakeview Refinery in Ohio employs hundreds.", expect=("Lakeview Refinery", "Ohio")),
    _p("attributive: an event's destination (a visit or trip to a place)", R.LOCATED_IN,
       "", "E",
       "", "nmod:to", confidence=0.75, source_kinds="Event", target_kinds="Place Country",
       sample="Maria Lopez's visit to Chile ended on Monday.", expect=("visit", "Chile")),
    _p("attributive: a place name before the noun (the Ohio plant)", R.LOCATED_IN,
       "", "E",
       "", "compound", confidence=0.7, target_kinds="Place",
       sample="The Ohio refinery employs hundreds.", expect=("Ohio refinery", "Ohio")),
    _p("attributive: a place-based thing (the Zurich-based unit)", R.LOCATED_IN,
       "", "E",
       "", "amod[base,headquarter]>obl|appos>amod[base,headquarter]>obl", confidence=0.7,
       sample="Vale Energy, the Ohio-based unit of Vale Corp, grew.", expect=("Vale Energy", "Ohio")),
    _p("apposition of a state: the US state of Georgia; a plant in the state of Georgia", R.LOCATED_IN,
       "", "E",
       "", "<nmod:of[@division]>compound|<nmod:of[@division]>amod|nmod:in[@division]>nmod:of", confidence=0.75,
       sample="The Lakeview Refinery in the US state of Ohio opened.", expect=("Lakeview Refinery", "Ohio")),
    _p("verb: A is located/based/built in B", R.LOCATED_IN,
       "locate base build site sit lie situate plan", "V",
       "nsubj|nsubj:pass|<acl", "obl:in|obl:near|obl:off|obl:at|obl:in>appos|obl:near>appos|obl:at>appos",
       sample="The Lakeview Refinery is located in Ohio.", expect=("Lakeview Refinery", "Ohio")),
    _p("verb: a thing V-ed in a place (its object, located there; the thing of an amount delivered there)",
       R.LOCATED_IN, "build open hold construct site locate plan propose develop deliver install deploy fund finance",
       "V",
       "obj|nsubj:pass|obj>nmod:of", "obl:in|obl:at|obl:near|obl:off|obl:in>appos|obl:at>appos|obl:near>appos|"
       "obl:off[@area]>compound|obl:near[@area]>compound|obl:in[@area]>compound|"
       "obj[@area]>compound", confidence=0.7,  # ("developing off the Texas coast", "off" read as a particle)
       sample="Vale Corp opened the Lakeview Refinery last year in Ohio.", expect=("Lakeview Refinery", "Ohio")),
    # --- in exchange for ---
    _p("preposition: A in exchange for / in return for B", R.IN_EXCHANGE_FOR,
       "", "E",
       "", "nmod:in_exchange_for|nmod:in_return_for|nmod:in[exchange,return]>nmod:for",
       sample="The Coastal Accord in exchange for the Lakeview Refinery was signed.",
       expect=("Coastal Accord", "Lakeview Refinery")),
    _p("verb + preposition: doing A in exchange for B (A: the verb's object)", R.IN_EXCHANGE_FOR,
       "", "V*",
       "obj|nsubj:pass", "obl:in_exchange_for|obl:in_return_for|obl:in[exchange,return]>nmod:for",
       confidence=0.7,
       sample="Chile approved the Coastal Accord in exchange for the Lakeview Refinery.",
       expect=("Coastal Accord", "Lakeview Refinery")),
    # --- supports ---
    _p("active verb: A supports/backs/welcomes B", R.SUPPORTS,
       "support back welcome endorse praise credit champion defend hail applaud favor favour congratulate reaffirm "
       "affirm uphold", "V",
       SUBJ, "obj|obl:for",
       sample="Brazil welcomed the Coastal Accord.", expect=("Brazil", "Coastal Accord")),
    _p("nominalisation: A's support for B", R.SUPPORTS,
       "support backing endorsement", "N",
       "nmod:poss|nmod:from;compound", "nmod:for|nmod:of",
       confidence=0.7,
       sample="Brazil's support for the Coastal Accord helped.", expect=("Brazil", "Coastal Accord")),
    # --- suspects ---
    _p("active verb: A suspects/accuses/doubts B", R.SUSPECTS,
       "suspect accuse doubt distrust question blame mistrust", "V",
       SUBJ, "obj|ccomp>nsubj|obl:of",
       sample="Brazil suspects Chile of stalling.", expect=("Brazil", "Chile")),
    # --- analyzes ---
    _p("active verb: A analyses/assesses/weighs B", R.ANALYZES,
       "analyze analyse assess weigh examine review study evaluate scrutinize scrutinise rule", "V",
       SUBJ, "obj|ccomp>nsubj|ccomp>nsubj:pass|obl:on|obl:on>nmod:of",
       sample="Maria Lopez analysed the Coastal Accord.", expect=("Maria Lopez", "Coastal Accord")),
    _p("nominalisation: A's ruling/review/analysis of or on B", R.ANALYZES,
       "ruling review analysis assessment study evaluation verdict", "N",
       "nmod:poss|nmod:by", "nmod:on|nmod:of|nmod:on>nmod:of|nmod:about|obl:on|obl:on>nmod:of", confidence=0.7,
       sample="The Harbour Council's review of the Coastal Accord ended.",
       expect=("Harbour Council", "Coastal Accord")),
    # --- reports ---
    _p("active verb: A reports/discloses/announces B", R.REPORTS,
       "report disclose announce reveal publish confirm unveil", "V",
       SUBJ, "obj|ccomp>nsubj|ccomp>nsubj:pass",
       sample="The Harbour Times reported the Coastal Accord.", expect=("Harbour Times", "Coastal Accord")),
)  # fmt: skip

#: Lemmas that negate the trigger when they govern it ("denied that it pledged") or modify it.
NEGATORS = frozenset("not never no neither nor n't without".split())
DENIALS = frozenset("deny reject refuse dismiss rule decline".split())
#: Words that hedge a statement ("could", "reportedly", "is expected to").
HEDGES = frozenset(
    "could may might would reportedly possibly perhaps likely potentially allegedly expect plan consider "
    "aim hope intend interested explore possible potential prospective".split()
)
#: Prepositions before a date that make it a deadline.
DUE_CASES = frozenset("by before until within".split())
