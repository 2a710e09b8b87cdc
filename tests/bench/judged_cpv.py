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
