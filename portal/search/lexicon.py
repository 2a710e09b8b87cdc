"""Word lists of the Norwegian analysis: compound parts and words never split."""

# Whole words that look like compounds of vocabulary words but are not.
NO_SPLIT = {"transport", "informasjon", "konsulent", "materiell", "investering", "leverandør", "prosjektering"}
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
"""
