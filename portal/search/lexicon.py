"""Word lists of the Norwegian analysis: compound parts and words never split."""

# Whole words that look like compounds of vocabulary words but are not.
NO_SPLIT = {"transport", "informasjon", "konsulent", "materiell", "investering", "leverandør", "prosjektering",
            "entreprenør", "entreprenørskap", "assistanse", "organisasjon", "kommunikasjon", "sertifisering",
            "tilrettelagt", "tilrettelagd", "inkludering", "rehabilitering", "renovering", "omsetjing"}
# Common parts of Norwegian procurement compounds, beside those learnt from CPV labels and notices.
BASE_WORDS = """
velferd teknologi teknologisk teknologiske trygghet trygghets løsning løsninger helse omsorg pleie
renhold rengjøring vask tjeneste tjenester avtale avtaler rammeavtale lade stasjon stasjoner punkt
bil biler buss transport skyss kjøring vei veg gate bygg bygning anlegg skole skule barn barne hage
sykehjem syke hjem heim bolig boliger kontor rekvisita utstyr materiell møbler inventar mat kantine
drift vedlikehold service reparasjon arbeid arbeids inkludering trening tilrettelagt oppfølging
innkjøp anskaffelse konsulent rådgivning rådgiver prosjekt prosjektering planlegging leveranse
data system systemer program programvare lisens lisenser nett nettverk sky digital digitale
sikkerhet vakt alarm brann energi strøm sol celle celler varme pumpe kjøle ventilasjon lys belysning
vann avløp avfall renovasjon gjenvinning ombruk innsamling park grønt område uteområde snø brøyting
klær tøy uniform sko medisin medisinsk lege tann sykepleie pasient hjelpe midler hjelpemidler
opplæring kurs undervisning tolk tolking oversettelse trykk trykking papir post bud flytting
elektro elektrisk installasjon rør rørlegger maling tak vindu dør golv gulv fasade riving grunn
elektronikk hushald husholdning søppel tømming omstilling bistand rådgjeving rådgiving klima brukar bruker
støtte vekter tolke tolk tenester teneste tenesta løysing løysingar vedlikehald vintervedlikehald heime heim
sjukeheim sjuke plass plasser plassar skule skular elev elevar pult pultar møblar panel paneler panela
asfalt lapping ombringing middag leveranse matleveranse skyss bruk brukt ombruk kontor møbel lekeplass
leike leik park grønt skjøtsel alarm alarmar tryggleik trygghet sensor dispenser medisin avlastning
avlasting omsorg demens assistanse bolig bustad vask vindu vindauge golv gulv trapp feiing strøing
strø brøyte brøyting rydding snørydding vakt alarmoverføring kraft straum strøm avtale sol solcelle
lade lading elbil tenestebil tjenestebil rør rørlegger rørleggjar vvs svømme symje hall basseng
barnehage barnehagar bygg entreprise total nybygg rehabilitering renovering drift brukarstøtte
system arkiv sak noark nett brett nettbrett maskin datamaskin bærbar leiar leder utvikling organisasjon
prosess tilsyn digital digitalt natt kjøkken kantine catering frukt grønsaker grønnsaker brød pålegg
inkludering inkluderings arbeidsinkludering trening praksis tiltak sosial entreprenør entreprenørskap
konsulent konsulenter tolking omsetjing oversettelse språk trykk trykkeri plakat brosjyre rekvisita
hanske hansker sår sårbehandling inkontinens forbruk forbruksmateriell transport taxi drosje buss
"""


# Nynorsk word forms → the bokmål word with the same meaning, applied to every word and compound part
# before stemming (index and query alike): «straumforsyning» finds «strømforsyning», «leige» finds «leie».
# Only words whose nynorsk form differs and that a procurement text uses; inflections that the Snowball
# stemmer reduces to the same stem need one entry (skule → skole covers skulen, skular).
NYNORSK = {
    "leige": "leie", "leigd": "leid", "leigde": "leide", "leigeavtale": "leieavtale",
    "straum": "strøm", "straumen": "strømmen",
    "heim": "hjem", "heime": "hjemme", "heimen": "hjemmet",
    "sjuk": "syk", "sjuke": "syke", "sjukdom": "sykdom",
    "teneste": "tjeneste", "tenester": "tjenester", "tenesta": "tjenesten", "tenestene": "tjenestene",
    "skule": "skole", "skular": "skoler", "skulen": "skolen", "skulane": "skolene",
    "born": "barn", "borna": "barna",
    "verksemd": "virksomhet", "verksemder": "virksomheter", "verksemda": "virksomheten",
    "tilsett": "ansatt", "tilsette": "ansatte",
    "mykje": "mye", "berre": "bare",
    "vatn": "vann", "avlaup": "avløp",
    "løysing": "løsning", "løysingar": "løsninger", "løysinga": "løsningen", "løysingane": "løsningene",
    "anskaffing": "anskaffelse", "anskaffingar": "anskaffelser", "anskaffinga": "anskaffelsen",
    "tilbod": "tilbud", "tilboda": "tilbudene", "tilbodet": "tilbudet",
    "leverandørar": "leverandører", "leverandørane": "leverandørene",
    "bustad": "bolig", "bustader": "boliger", "bustaden": "boligen",
    "veg": "vei", "vegar": "veier", "vegen": "veien", "vegane": "veiene",
    "golv": "gulv",
    "marknad": "marked", "marknaden": "markedet", "marknader": "markeder",
    "undersøking": "undersøkelse", "undersøkingar": "undersøkelser", "undersøkinga": "undersøkelsen",
    "rådgjeving": "rådgivning", "rådgiving": "rådgivning", "rettleiing": "veiledning",
    "køyring": "kjøring", "køyretøy": "kjøretøy", "køyre": "kjøre",
    "ferje": "ferge", "ferjer": "ferger",
    "reinhald": "renhold", "reinhaldet": "renholdet", "reingjering": "rengjøring",
    "vedlikehald": "vedlikehold", "vedlikehaldet": "vedlikeholdet",
    "tryggleik": "trygghet", "tryggleiken": "tryggheten",
    "brukar": "bruker", "brukarar": "brukere", "brukaren": "brukeren", "brukarane": "brukerne",
    "tilrettelagd": "tilrettelagt",
    "leik": "lek", "leikeplass": "lekeplass", "leikeapparat": "lekeapparat",
    "symjehall": "svømmehall", "symje": "svømme", "symjing": "svømming",
    "attvinning": "gjenvinning",
    "røyr": "rør", "røyrleggjar": "rørlegger",
    "elektrikar": "elektriker", "snikkar": "snekker", "tømrar": "tømrer",
    "sommar": "sommer", "haust": "høst", "veke": "uke", "veker": "uker",
    "månad": "måned", "månader": "måneder",
    "rekneskap": "regnskap", "rekneskapen": "regnskapet",
    "nettstad": "nettsted", "omsetjing": "oversettelse", "omsetjingar": "oversettelser",
    "forsking": "forskning", "utgreiing": "utredning", "byggjeleiing": "byggeledelse",
    "byggje": "bygge", "byggjing": "bygging", "byggjeprosjekt": "byggeprosjekt",
    "møblar": "møbler", "kvitevarer": "hvitevarer", "klede": "klær", "kle": "klær",
    "legemidlar": "legemidler", "hjelpemidlar": "hjelpemidler",
    "kyrkje": "kirke", "kyrkjegard": "kirkegård", "hamn": "havn",
    "lyskjelde": "lyskilde", "veglys": "veilys",
    "eigedom": "eiendom", "eigedomar": "eiendommer", "eige": "eie", "eigar": "eier",
    "kommunane": "kommunene",
    "innbyggjar": "innbygger", "innbyggjarar": "innbyggere",
    "arbeidsgjevar": "arbeidsgiver", "oppdragsgjevar": "oppdragsgiver",
    "framtidig": "fremtidig", "framtida": "fremtiden",
    "sjølv": "selv",
    "tenestebil": "tjenestebil", "matombering": "matombringing", "ombering": "ombringing",
    "avfallshandtering": "avfallshåndtering", "handtering": "håndtering",
    "handsaming": "behandling", "sakshandsaming": "saksbehandling",
    "eldreomsorga": "eldreomsorgen", "omsorga": "omsorgen",
}
