"""Needs written for the CPV-suggestion benchmark (bokmål, nynorsk, English; some with typos).

Each is (language, text, expected CPV division). Written by hand for this benchmark, not taken from the
Doffin notices, so no model has seen them.
"""

JUDGED_CPV: list[tuple[str, str, str]] = [
    # bokmål
    ("nb", "Renhold av kommunale bygg. Kommunen skal inngå rammeavtale om daglig renhold og periodisk "
           "rengjøring av skoler, barnehager og rådhuset.", "90"),
    ("nb", "Snøbrøyting og strøing av kommunale veier og parkeringsplasser vinteren 2025-2028.", "90"),
    ("nb", "Kjøp av elbiler til hjemmetjenesten. Vi trenger 15 elektriske personbiler med vinterdekk.", "34"),
    ("nb", "Rammeavtale på kontorrekvisita, papir og tonere til alle enheter i kommunen.", "30"),
    ("nb", "Skoleskyss for elever i grunnskolen, inkludert tilrettelagt transport for elever med behov.", "60"),
    ("nb", "Revisjon av regnskapet for kommunale foretak og interkommunale selskaper.", "79"),
    ("nb", "Tolketjenester for helsestasjonen og flyktningtjenesten, oppmøtetolking og skjermtolking.", "79"),
    ("nb", "Matvarer til sykehjem og barnehager: tørrvarer, meieriprodukter, frukt og grønt.", "15"),
    ("nb", "Rehabilitering av svømmehallen: nytt basseng, ventilasjon og garderober.", "45"),
    ("nb", "Arkitekttjenester og prosjektering av ny barneskole med flerbrukshall.", "71"),
    ("nb", "Arbeidsklær og vernesko til ansatte i teknisk drift og renhold.", "18"),
    ("nb", "Innkjøp av møbler til nytt kontorbygg: skrivebord, kontorstoler og møteromsbord.", "39"),
    ("nb", "Medisinsk forbrukmateriell til legevakten, hansker, sprøyter og bandasjer.", "33"),  # typo
    ("nb", "Drivstoff til kommunens kjøretøy og anleggsmaskiner, rammeavtale.", "09"),
    # nynorsk
    ("nn", "Reinhald av kommunale bygg. Kommunen skal kjøpe reinhaldstenester til skular, barnehagar "
           "og rådhuset.", "90"),
    ("nn", "Velferdsteknologi for heimebuande: tryggleiksalarmar og digitalt tilsyn for eldre som bur "
           "heime.", "35"),
    ("nn", "Skuleskyss. Transport av elevar til og frå skulen i heile kommunen.", "60"),
    ("nn", "Brøyting av kommunale vegar: vinterdrift med snøbrøyting og strøing av vegar og plassar.", "90"),
    ("nn", "Kjøp av matvarer til sjukeheimen og kjøkkenet i omsorgssenteret.", "15"),
    ("nn", "Bygging av ny fleirbrukshall ved ungdomsskulen, totalentreprise.", "45"),
    ("nn", "Rådgjevande ingeniør for prosjektering av vatn og avløp i nytt bustadfelt.", "71"),
    ("nn", "Innkjøp av berbare datamaskiner til elevane på mellomtrinnet.", "30"),
    ("nn", "Tolketenester for kommunen, både oppmøte og over telefon.", "79"),
    ("nn", "Innsamling og handtering av hushaldsavfall og hytterenovasjon.", "90"),
    ("nn", "Forsikring for kommunen: skadeforsikring for bygningar og køyretøy og yrkesskadeforsikring "
           "for dei tilsette.", "66"),
    ("nn", "Kurs og opplæring for tilsette i helse og omsorg.", "80"),
    ("nn", "Vektartenester ved rådhuset og legevakta.", "79"),
    # English
    ("en", "Snow clearing of school yards and gritting of footpaths during winter.", "90"),
    ("en", "Cleaning of municipal buildings: daily cleaning and window washing in offices and schools.", "90"),
    ("en", "Framework agreement for lapptops, monitors and docking stations for employees.", "30"),  # typo
    ("en", "School transport for pupils, bus and taxi.", "60"),
    ("en", "Legal advisory services for the municipality in procurement and employment law.", "79"),
    ("en", "Constrution of a new kindergarten with six units.", "45"),  # typo
    ("en", "Case management software for child welfare services, licences and maintenance.", "48"),
    ("en", "Catering and canteen operation at the town hall.", "55"),
    ("en", "Security guard services for the city hall and the library.", "79"),
    ("en", "Supply of fuel and lubricants for municipal vehicles.", "09"),
    ("en", "Insurance services for municipal property and vehicles.", "66"),
    ("en", "Medical consumables for nursing homes: gloves, syringes and dressings.", "33"),
]

# A second set, written before the naive-Bayes model was built and never used to tune it: the held-out check.
JUDGED_CPV_NEW: list[tuple[str, str, str]] = [
    # bokmål
    ("nb", "Leasing av multifunksjonsmaskiner, skrivere og kopimaskiner til alle skolene.", "30"),
    ("nb", "Utvikling og drift av kommunens nettsider, inkludert hosting og brukerstøtte.", "72"),
    ("nb", "Vedlikehold av grøntarealer og parker: gressklipping, beskjæring av trær og planting av "
           "sommerblomster.", "77"),
    ("nb", "Strøm til kommunens bygg, kraftavtale med forvaltning av kraftkjøpet.", "09"),
    ("nb", "Reisebyråtjenester for ansatte i fylkeskommunen, bestilling av fly og hotell.", "63"),
    ("nb", "Bedriftshelsetjeneste for alle ansatte i kommunen.", "85"),
    ("nb", "Rekruttering av ny kommunedirektør, bistand fra rekrutteringsbyrå.", "79"),
    ("nb", "Kjøp av elektriske bybusser til kollektivtrafikken.", "34"),
    ("nb", "Riving av gammel skole og sanering av bygningen før nybygg.", "45"),
    ("nb", "Lisenser til Microsoft 365 og andre programvarelisenser for kommunens ansatte.", "48"),
    ("nb", "Vedlikehold og servise av heiser i kommunale bygg.", "50"),  # typo
    ("nb", "Laboratorieutstyr og mikroskoper til realfagsrommet på videregående skole.", "38"),
    ("nb", "Barnevernstjenester: kjøp av fosterhjemsplasser og beredskapshjem.", "85"),
    ("nb", "Forsikringsmeglertjenester for kommunen.", "66"),
    ("nb", "Reasfaltering av kommunale veier og fortau, asfalteringsarbeider 2025.", "45"),
    ("nb", "Bankttjenester og betalingsløsninger for kommunen.", "66"),  # typo
    ("nb", "Tømrerarbeid og maling ved oppussing av kommunale utleieboliger.", "45"),
    # nynorsk
    ("nn", "Leige av lokale til nytt legekontor i sentrum.", "70"),
    ("nn", "Straumforsyning til kommunale bygg og gatelys.", "09"),
    ("nn", "Mobiltelefontenester og abonnement for dei tilsette i kommunen.", "64"),
    ("nn", "Prosjektleiing og byggjeleiing ved bygging av ny barnehage.", "71"),
    ("nn", "Rekneskapstenester og lønnskøyring for kommunale føretak.", "79"),
    ("nn", "Brukarstyrt personleg assistanse for personar med nedsett funksjonsevne.", "85"),
    ("nn", "Kjøp av sjukehussenger og pasientløftarar til sjukeheimen.", "33"),
    ("nn", "Opplæring i norsk for vaksne innvandrarar.", "80"),
    ("nn", "Tømming av slamavskiljarar og septiktankar i heile kommunen.", "90"),
    ("nn", "Juridisk bistand i saker om offentlege anskaffingar.", "79"),
    # English
    ("en", "Supply of school furniture: pupil desks, chairs and whiteboards.", "39"),
    ("en", "Translation services of official documents from Norwegian to English and Arabic.", "79"),
    ("en", "Provision of bus services for public transport in the region.", "60"),
    ("en", "Purchase of desktop compters, keyboards and mice for the schools.", "30"),  # typo
    ("en", "Architectural design competition for the new public library.", "71"),
    ("en", "Fire extinguishers, fire blankets and smoke diving equipment for the fire brigade.", "35"),
    ("en", "Maintenance and repair of the municipal vehicle fleet.", "50"),
    ("en", "Tree felling, pruning and weed control in municipal parks.", "77"),
    ("en", "First aid training courses for employees.", "80"),
    ("en", "Veterinary services for the municipal animal shelter.", "85"),
    ("en", "Meals on wheels: delivery of hot dinners to elderly people living at home.", "55"),
]
