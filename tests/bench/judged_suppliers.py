"""Twenty hand-written supplier profiles for the matching benchmark: (name, text, CPV codes, areas).

Areas are municipality numbers, "fylke:NN" for a whole county, or "*" for nationwide.
"""

SUPPLIERS = [
    ("Kodeverket AS", "Vi utvikler skreddersydd programvare, fagsystemer og integrasjoner for kommuner. "
     "Systemutvikling, drift av applikasjoner, brukerstøtte og rådgivning om digitalisering.",
     ["72200000", "72260000", "72000000"], ["*"]),
    ("Medisinsk Forsyning Nord AS", "Leverer medisinsk utstyr, forbruksmateriell til sykehus og sykehjem, "
     "hansker, sprøyter, sårbehandling og hjelpemidler.", ["33140000", "33100000", "33190000"], ["fylke:55", "fylke:56"]),
    ("Rådgivende Ingeniører Vest AS", "Rådgivende ingeniør innen bygg, elektro (RIE), VVS og konstruksjon. "
     "Prosjektering, byggeledelse og tilstandsvurderinger.", ["71300000", "71320000", "71334000", "71310000"],
     ["4601", "fylke:46"]),
    ("Bilhuset Innlandet AS", "Salg og leasing av personbiler, varebiler og elbiler til offentlige etater. "
     "Service og dekkskift.", ["34110000", "34100000", "34130000", "50112000"], ["fylke:34"]),
    ("Grønn Retur AS", "Innsamling og behandling av avfall, kildesortering, gjenvinning av næringsavfall "
     "og farlig avfall. Renovasjon for kommuner.", ["90500000", "90510000", "90511000"], ["fylke:03", "fylke:32"]),
    ("Bygg og Anlegg Midt AS", "Totalentreprenør for nybygg og rehabilitering av skoler, barnehager og "
     "omsorgsboliger. Grunnarbeid og betongarbeid.", ["45210000", "45200000", "45000000", "45214000"], ["fylke:50"]),
    ("Skyss og Transport AS", "Persontransport med buss og drosje, skoleskyss, TT-transport og "
     "pasienttransport.", ["60100000", "60130000", "60140000", "60112000"], ["fylke:42"]),
    ("Digital Drift Norge AS", "Datatjenester: drift av servere, skytjenester, IT-sikkerhet, nettverk og "
     "brukerstøtte for offentlig sektor.", ["72500000", "72000000", "72700000", "72600000"], ["*"]),
    ("Strategi og Analyse AS", "Bedriftsrådgivning, organisasjonsutvikling, evalueringer, utredninger, "
     "markedsanalyse og statistikk.", ["79400000", "79410000", "79300000", "79311000"], ["*"]),
    ("Vedlikehold Eiendom AS", "Reparasjon og vedlikehold av bygninger, tekniske anlegg, heiser og "
     "ventilasjon. Vaktmestertjenester.", ["50700000", "50710000", "50750000"], ["0301", "fylke:31"]),
    ("Skinnende Rent AS", "Renhold av kontorlokaler, skoler og sykehjem, vinduspuss og "
     "hovedrengjøring. Miljøfyrtårn-sertifisert.", ["90910000", "90911200", "90911300", "90919200"],
     ["0301", "3201", "3203"]),
    ("Kompetanse Rekruttering AS", "Rekruttering av ledere og fagfolk, bemanning, vikartjenester og "
     "personalrådgivning.", ["79600000", "79620000", "79610000"], ["*"]),
    ("Gatefeier Service AS", "Feiing av gater, snøbrøyting, strøing og vintervedlikehold av veier og "
     "plasser.", ["90600000", "90610000", "90620000", "90630000"], ["fylke:11", "1103"]),
    ("Laboratorieutstyr Skandinavia AS", "Laboratorieutstyr, analyseinstrumenter, mikroskoper, måleinstrumenter "
     "og presisjonsutstyr til forskning og sykehus.", ["38000000", "38400000", "38500000", "38430000"], ["*"]),
    ("Apotekgrossisten AS", "Farmasøytiske produkter, legemidler, vaksiner og medisiner til sykehus og "
     "kommunale helsetjenester.", ["33600000", "33690000", "33651600"], ["*"]),
    ("Møbelmakeriet SA", "Sosial entreprenør som lager og reparerer møbler til skoler og kontorer, "
     "ombruk av kontormøbler og arbeidstrening.", ["39100000", "39130000", "39160000", "50850000"], ["0301", "3301"]),
    ("Energi og Brensel AS", "Levering av drivstoff, diesel, fyringsolje, pellets og bioenergi. "
     "Strømavtaler og energirådgivning.", ["09100000", "09130000", "09300000", "09310000"], ["*"]),
    ("Arkitektkontoret Fjord AS", "Arkitekttjenester, landskapsarkitektur, reguleringsplaner og "
     "interiørarkitektur for offentlige bygg.", ["71200000", "71220000", "71400000", "71420000"], ["fylke:46", "fylke:15"]),
    ("Sjøtransport Kyst AS", "Sjøtransport, ferjedrift, hurtigbåt og leie av fartøy med mannskap.",
     ["60600000", "60610000", "60640000", "60653000"], ["fylke:18", "fylke:55"]),
    ("Velferdsteknologi Norge AS", "Digitale trygghetsløsninger, trygghetsalarmer, digitalt tilsyn, "
     "medisindispensere og sensorteknologi for hjemmetjenesten.", ["33196200", "32500000", "85320000",
                                                                  "48180000"], ["*"]),
]
