"""Countries' demonyms and capitals: the words that stand for a country's government in news
("Tokyo must fund", "Seoul promised", "Chilean President Gabriel Boric").

One line per country: its name (as ``name_key`` folds it), its demonyms, then its capital or
seat of government. Left out on purpose: capitals that are everyday words or common given
names in English news ("Male", "Victoria", "Kingston" and the like), and seats that stand for
something else more often than for their country ("Brussels" for the European Union, "Geneva").
Other names of a country map to the line's name in ``OTHER_NAMES``.
"""

from __future__ import annotations

_TABLE = """
afghanistan | afghan | kabul
albania | albanian | tirana
algeria | algerian | algiers
angola | angolan | luanda
argentina | argentine, argentinian | buenos aires
armenia | armenian | yerevan
australia | australian | canberra
austria | austrian | vienna
azerbaijan | azerbaijani | baku
bahrain | bahraini | manama
bangladesh | bangladeshi | dhaka
belarus | belarusian | minsk
belgium | belgian |
bolivia | bolivian | la paz
bosnia and herzegovina | bosnian | sarajevo
botswana | botswanan | gaborone
brazil | brazilian | brasilia
brunei | bruneian |
bulgaria | bulgarian | sofia
cambodia | cambodian | phnom penh
cameroon | cameroonian | yaounde
canada | canadian | ottawa
chile | chilean | santiago
china | chinese | beijing
colombia | colombian | bogota
costa rica | costa rican | san jose
croatia | croatian | zagreb
cuba | cuban | havana
cyprus | cypriot | nicosia
czech republic | czech | prague
democratic republic of the congo | congolese | kinshasa
denmark | danish | copenhagen
dominican republic | dominican | santo domingo
ecuador | ecuadorian | quito
egypt | egyptian | cairo
el salvador | salvadoran | san salvador
estonia | estonian | tallinn
ethiopia | ethiopian | addis ababa
finland | finnish | helsinki
france | french | paris
georgia | georgian | tbilisi
germany | german | berlin
ghana | ghanaian | accra
greece | greek | athens
guatemala | guatemalan | guatemala city
guinea | guinean | conakry
honduras | honduran | tegucigalpa
hungary | hungarian | budapest
iceland | icelandic | reykjavik
india | indian | new delhi
indonesia | indonesian | jakarta
iran | iranian | tehran
iraq | iraqi | baghdad
ireland | irish | dublin
israel | israeli | jerusalem
italy | italian | rome
ivory coast | ivorian | abidjan
jamaica | jamaican |
japan | japanese | tokyo
jordan | jordanian | amman
kazakhstan | kazakh | astana
kenya | kenyan | nairobi
kuwait | kuwaiti |
kyrgyzstan | kyrgyz | bishkek
laos | laotian | vientiane
latvia | latvian | riga
lebanon | lebanese | beirut
libya | libyan | tripoli
lithuania | lithuanian | vilnius
luxembourg | luxembourgish |
madagascar | malagasy | antananarivo
malaysia | malaysian | kuala lumpur
mali | malian | bamako
mexico | mexican | mexico city
moldova | moldovan | chisinau
mongolia | mongolian | ulaanbaatar
morocco | moroccan | rabat
mozambique | mozambican | maputo
myanmar | | naypyitaw
namibia | namibian | windhoek
nepal | nepali, nepalese | kathmandu
netherlands | dutch | amsterdam, the hague
new zealand | | wellington
nicaragua | nicaraguan | managua
niger | nigerien | niamey
nigeria | nigerian | abuja
north korea | north korean | pyongyang
north macedonia | macedonian | skopje
norway | norwegian | oslo
oman | omani | muscat
pakistan | pakistani | islamabad
panama | panamanian | panama city
papua new guinea | papua new guinean | port moresby
paraguay | paraguayan | asuncion
peru | peruvian | lima
philippines | filipino, philippine | manila
poland | polish | warsaw
portugal | portuguese | lisbon
qatar | qatari | doha
romania | romanian | bucharest
russia | russian | moscow, kremlin
rwanda | rwandan | kigali
saudi arabia | saudi | riyadh
senegal | senegalese | dakar
serbia | serbian | belgrade
singapore | singaporean |
slovakia | slovak | bratislava
slovenia | slovenian | ljubljana
south africa | south african | pretoria
south korea | south korean, korean | seoul
spain | spanish | madrid
sri lanka | sri lankan | colombo
sudan | sudanese | khartoum
sweden | swedish | stockholm
switzerland | swiss | bern
syria | syrian | damascus
taiwan | taiwanese | taipei
tajikistan | tajik | dushanbe
tanzania | tanzanian | dodoma
thailand | thai | bangkok
tunisia | tunisian | tunis
turkey | turkish | ankara
turkmenistan | turkmen | ashgabat
uganda | ugandan | kampala
ukraine | ukrainian | kyiv, kiev
united arab emirates | emirati | abu dhabi
united kingdom | british | london, downing street
united states | american | washington, white house
uruguay | uruguayan | montevideo
uzbekistan | uzbek | tashkent
venezuela | venezuelan | caracas
vietnam | vietnamese | hanoi
yemen | yemeni | sanaa
zambia | zambian | lusaka
zimbabwe | zimbabwean | harare
"""

#: Other names of a country (folded), mapped to its line's name.
OTHER_NAMES: dict[str, str] = {
    "us": "united states",
    "usa": "united states",
    "united states of america": "united states",
    "america": "united states",
    "uk": "united kingdom",
    "britain": "united kingdom",
    "great britain": "united kingdom",
    "republic of korea": "south korea",
    "korea": "south korea",
    "uae": "united arab emirates",
    "czechia": "czech republic",
    "turkiye": "turkey",
    "viet nam": "vietnam",
    "the netherlands": "netherlands",
    "the philippines": "philippines",
    "burma": "myanmar",
    "drc": "democratic republic of the congo",
    "cote d'ivoire": "ivory coast",
    "russian federation": "russia",
}


def _parse(table: str) -> tuple[dict[str, tuple[str, ...]], frozenset[str]]:
    words: dict[str, tuple[str, ...]] = {}
    demonyms: set[str] = set()
    for line in table.strip().splitlines():
        country, said, seats = (part.strip() for part in line.split("|"))
        names = tuple(w.strip() for w in said.split(",") if w.strip())
        demonyms.update(names)
        words[country] = names + tuple(w.strip() for w in seats.split(",") if w.strip())
    return words, frozenset(demonyms)


#: By country (its folded name): its demonyms, then its capital or seat of government.
COUNTRY_WORDS, DEMONYMS = _parse(_TABLE)


def country_words(name_key: str) -> tuple[str, ...]:
    """The demonyms and capitals of the country a folded name names (any of its names), or ()."""
    return COUNTRY_WORDS.get(OTHER_NAMES.get(name_key, name_key), ())
