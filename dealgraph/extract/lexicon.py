"""Word lists the extractor recognises new entities by: countries (ISO 3166 short names),
minerals, titles of people, and the words that mark companies, organisations and places."""

from __future__ import annotations

#: ISO 3166-1 short names in English, with the common forms news uses.
COUNTRIES: tuple[str, ...] = (
    "Afghanistan", "Albania", "Algeria", "Andorra", "Angola", "Antigua and Barbuda", "Argentina", "Armenia",
    "Australia", "Austria", "Azerbaijan", "Bahamas", "Bahrain", "Bangladesh", "Barbados", "Belarus", "Belgium",
    "Belize", "Benin", "Bhutan", "Bolivia", "Bosnia and Herzegovina", "Botswana", "Brazil", "Brunei", "Bulgaria",
    "Burkina Faso", "Burundi", "Cabo Verde", "Cambodia", "Cameroon", "Canada", "Central African Republic", "Chad",
    "Chile", "China", "Colombia", "Comoros", "Congo", "Costa Rica", "Côte d'Ivoire", "Croatia", "Cuba", "Cyprus",
    "Czechia", "Czech Republic", "Democratic Republic of the Congo", "Denmark", "Djibouti", "Dominica",
    "Dominican Republic", "Ecuador", "Egypt", "El Salvador", "Equatorial Guinea", "Eritrea", "Estonia", "Eswatini",
    "Ethiopia", "Fiji", "Finland", "France", "Gabon", "Gambia", "Georgia", "Germany", "Ghana", "Greece", "Grenada",
    "Guatemala", "Guinea", "Guinea-Bissau", "Guyana", "Haiti", "Honduras", "Hungary", "Iceland", "India",
    "Indonesia", "Iran", "Iraq", "Ireland", "Israel", "Italy", "Jamaica", "Japan", "Jordan", "Kazakhstan", "Kenya",
    "Kiribati", "Kuwait", "Kyrgyzstan", "Laos", "Latvia", "Lebanon", "Lesotho", "Liberia", "Libya",
    "Liechtenstein", "Lithuania", "Luxembourg", "Madagascar", "Malawi", "Malaysia", "Maldives", "Mali", "Malta",
    "Marshall Islands", "Mauritania", "Mauritius", "Mexico", "Micronesia", "Moldova", "Monaco", "Mongolia",
    "Montenegro", "Morocco", "Mozambique", "Myanmar", "Namibia", "Nauru", "Nepal", "Netherlands", "New Zealand",
    "Nicaragua", "Niger", "Nigeria", "North Korea", "North Macedonia", "Norway", "Oman", "Pakistan", "Palau",
    "Panama", "Papua New Guinea", "Paraguay", "Peru", "Philippines", "Poland", "Portugal", "Qatar", "Romania",
    "Russia", "Rwanda", "Saint Kitts and Nevis", "Saint Lucia", "Saint Vincent and the Grenadines", "Samoa",
    "San Marino", "Sao Tome and Principe", "Saudi Arabia", "Senegal", "Serbia", "Seychelles", "Sierra Leone",
    "Singapore", "Slovakia", "Slovenia", "Solomon Islands", "Somalia", "South Africa", "South Korea",
    "South Sudan", "Spain", "Sri Lanka", "Sudan", "Suriname", "Sweden", "Switzerland", "Syria", "Taiwan",
    "Tajikistan", "Tanzania", "Thailand", "Timor-Leste", "Togo", "Tonga", "Trinidad and Tobago", "Tunisia",
    "Turkey", "Türkiye", "Turkmenistan", "Tuvalu", "Uganda", "Ukraine", "United Arab Emirates", "United Kingdom",
    "United States", "Uruguay", "Uzbekistan", "Vanuatu", "Venezuela", "Vietnam", "Viet Nam", "Yemen", "Zambia",
    "Zimbabwe",
)  # fmt: skip

#: Minerals and metals, lower case; plural forms are matched too.
MINERALS: tuple[str, ...] = (
    "rare earth", "rare earths", "rare-earth elements", "lithium", "cobalt", "nickel", "graphite", "gallium",
    "germanium", "uranium", "copper", "manganese", "tungsten", "antimony", "vanadium", "platinum", "palladium",
    "titanium", "magnesium", "indium", "tellurium", "neodymium", "dysprosium", "terbium", "praseodymium",
    "yttrium", "scandium", "niobium", "tantalum", "molybdenum", "zinc", "tin", "bauxite", "iron ore",
    "polysilicon", "helium",
)  # fmt: skip

#: Titles that make the following name a leader (heads of state and government).
LEADER_TITLES: tuple[str, ...] = ("President", "Prime Minister", "Chancellor", "King", "Premier", "Emperor")

#: Titles that make the following name a person.
PERSON_TITLES: tuple[str, ...] = (
    "Secretary", "Minister", "CEO", "Chief Executive", "Chairman", "Chairwoman", "Chair", "Governor",
    "Ambassador", "Senator", "Representative", "Director", "Spokesperson", "Spokesman", "Spokeswoman",
    "Professor", "Dr.", "Mr.", "Ms.", "Mrs.", "Envoy", "Negotiator", "Vice President", "Deputy",
)  # fmt: skip

#: Lower-case roles before a name: "analyst Jane Doe", "chief executive Masayoshi Son".
PERSON_ROLES: tuple[str, ...] = (
    "analyst", "expert", "economist", "professor", "researcher", "strategist", "chief executive", "founder",
    "spokesperson", "spokesman", "spokeswoman", "minister", "secretary", "official", "director", "chairman",
    "negotiator", "envoy", "ambassador", "governor", "senator", "fellow", "scholar", "adviser", "advisor",
)  # fmt: skip

#: Last words that make a name a company.
COMPANY_SUFFIXES: tuple[str, ...] = (
    "Group", "Corp", "Corp.", "Corporation", "Inc", "Inc.", "Holdings", "Electric", "Industries", "Ltd", "Ltd.",
    "Co", "Co.", "Company", "Motors", "Steel", "Mining", "Metals", "Resources", "Technologies", "Semiconductor",
    "Energy", "Power", "Petroleum", "Chemical", "Chemicals", "Heavy Industries", "Trading", "Shipbuilding",
    "LLC", "PLC", "plc", "AG", "SA", "N.V.", "Bank", "Securities", "Capital", "Partners", "Ocean", "Marine",
    "Logistics", "Airlines", "Shipping", "Motor",
)  # fmt: skip

#: Phrases after which capitalised names are companies: "firms like X".
COMPANY_CUES: tuple[str, ...] = (
    "firms like", "firms such as", "companies like", "companies such as", "corporates such as", "corporations like",
    "corporations such as", "conglomerates such as", "conglomerates like", "groups such as", "manufacturers such as",
    "miners such as", "miners like", "the company", "the firm", "the group", "operator", "maker", "trading house",
)  # fmt: skip

#: Words that make a name an organisation, wherever they stand in it.
ORGANIZATION_WORDS: tuple[str, ...] = (
    "Ministry", "Department", "Court", "Academy", "Agency", "Commission", "Council", "Institute", "University",
    "Party", "Office", "Fund", "Organization", "Organisation", "Association", "Federation", "Committee", "Board",
    "Reserve", "Parliament", "Congress", "Senate", "Diet", "Cabinet", "Administration", "Authority", "Bureau",
    "Forum", "Union", "Centre", "Center", "Foundation", "Service", "Assembly", "News", "Times",
    "Post", "Journal", "Press", "Reuters", "Bloomberg", "Nikkei", "Yonhap", "Xinhua", "Kyodo", "Tass",
    "Broadcasting", "Television", "Agency", "Coalition", "Secretariat", "Treasury", "Research",
)  # fmt: skip

#: Acronyms of public and international bodies, which NER tags ORGANIZATION like any firm:
#: organisations, not companies ("the EU's $600 billion commitment", "IMF staff").
ORGANIZATION_ACRONYMS: frozenset[str] = frozenset(
    "EU UN IMF WTO OPEC NATO ASEAN OECD WHO IEA IAEA APEC BRICS ECB G7 G20 UNCTAD IFC ADB AIIB EIB "
    "USTR SEC FTC FDA EPA DOJ DOE DOD CFIUS FCC NHTSA METI MOF BOJ PBOC NDRC MOFCOM JBIC NEXI".split()
)

#: Words that make a name a place.
PLACE_WORDS: tuple[str, ...] = (
    "Island", "Islands", "Sea", "Strait", "Bay", "Province", "Prefecture", "State", "City", "Port", "Harbor",
    "Harbour", "Basin", "Peninsula", "Ocean", "Valley", "River", "Mountains", "Desert", "Coast", "County",
    "Region", "Atoll", "Reef", "Trench", "Zone",
)  # fmt: skip

#: Words before a name that make it a place: "near Okinotorishima", "off the coast of X".
PLACE_CUES: tuple[str, ...] = ("near", "off", "around", "southeast of", "northeast of", "southwest of",
                               "northwest of", "south of", "north of", "east of", "west of", "island of",
                               "port of", "province of", "city of", "state of", "prefecture of")  # fmt: skip

#: Capitalised words that start sentences or stand alone without naming anything.
NOT_NAMES: frozenset[str] = frozenset(
    """a an the this that these those it its he she they we i you his her their our my your in on at by for
    from to of with as and or but if when while after before since until though although because so yet
    also however meanwhile still even only just then there here what which who whom whose where why how
    according under over into onto beyond despite during without within across among between against toward
    towards about around above below analysts officials critics investors sources observers markets some
    many most several few all both each every other another such no not one two three four five first second
    third last next new monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december mr ms mrs dr prime minister president secretary
    key takeaways reporting editing note update updated read more related story photo file chief executive
    ceo chairman analyst expert government state officials corporates strategists leaders beyond""".split()
)

#: US states and other places news names without a marker word.
PLACES: tuple[str, ...] = (
    "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware", "Florida",
    "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas", "Kentucky", "Louisiana", "Maine", "Maryland",
    "Massachusetts", "Michigan", "Minnesota", "Mississippi", "Missouri", "Montana", "Nebraska", "Nevada",
    "New Hampshire", "New Jersey", "New Mexico", "New York", "North Carolina", "North Dakota", "Ohio", "Oklahoma",
    "Oregon", "Pennsylvania", "Rhode Island", "South Carolina", "South Dakota", "Tennessee", "Texas", "Utah",
    "Vermont", "Virginia", "West Virginia", "Wisconsin", "Wyoming", "Okinawa", "Hokkaido", "Kyushu", "Osaka",
    "Yokohama", "Nagoya", "Busan", "Shanghai", "Shenzhen", "Hong Kong", "Guam", "Indo-Pacific", "Asia-Pacific",
)  # fmt: skip

#: Last words that make a name a policy, agreement or project.
POLICY_SUFFIXES: tuple[str, ...] = ("Act", "Law", "Tariffs", "Tariff", "Sanctions", "Regulation", "Rule", "Order")
AGREEMENT_SUFFIXES: tuple[str, ...] = ("Framework", "Agreement", "Accord", "Pact", "Treaty", "Partnership", "Deal")
PROJECT_SUFFIXES: tuple[str, ...] = ("Stockpile", "Programme", "Program", "Project", "Initiative", "Pipeline",
                                     "Plant", "Terminal", "Mine", "Refinery", "Facility", "Corridor")  # fmt: skip

#: The head noun of an apposition ("JAMSTEC, the marine science agency") and the kind it gives.
APPOSITION_HEADS: dict[str, str] = {
    **dict.fromkeys(("agency", "ministry", "lender", "regulator", "court", "institute", "think tank", "bank",
                     "university", "committee", "commission", "council", "party", "office", "authority",
                     "body", "organisation", "organization", "association", "newspaper", "broadcaster",
                     "news agency", "consultancy"), "Organization"),
    **dict.fromkeys(("firm", "company", "processor", "maker", "producer", "miner", "supplier", "shipbuilder",
                     "operator", "utility", "conglomerate", "manufacturer", "refiner", "chipmaker", "developer",
                     "trading house", "insurer", "automaker", "carmaker", "group", "exporter", "importer"),
                    "Company"),
    **dict.fromkeys(("programme", "program", "project", "venture", "plan", "initiative", "pipeline",
                     "stockpile", "scheme", "facility", "mine", "plant", "terminal", "fund"), "Project"),
    **dict.fromkeys(("framework", "agreement", "accord", "pact", "treaty", "deal"), "Agreement"),
    **dict.fromkeys(("state", "province", "prefecture", "island", "port", "city", "region", "county"), "Place"),
    **dict.fromkeys(("analyst", "economist", "minister", "secretary", "strategist", "researcher", "professor",
                     "spokesperson", "spokesman", "spokeswoman", "chief executive", "founder", "chairman",
                     "director", "negotiator", "envoy", "ambassador", "governor", "senator", "official",
                     "adviser", "advisor", "fellow", "scholar", "lawyer", "partner", "head", "president",
                     "vice president", "deputy"), "Person"),
}  # fmt: skip
