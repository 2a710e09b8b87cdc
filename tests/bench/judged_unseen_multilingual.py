"""Unseen, hand-judged multilingual benchmark set for search and need->supplier matching.

Written 2026-12-06 by a separate session that never saw the search code (nothing under
portal/ or tests/ was read or run while writing it). The authors of the search and matching
code have not seen these texts, grades or queries, so the set measures generalisation
rather than tuning.

Contents
--------
* NEEDS (40): needs / planned procurements as Norwegian municipalities, counties and
  state bodies post them. 16 in bokmål, 12 in nynorsk, 12 in English. `municipality` is the
  buyer's 2024 municipality number (for a county authority: the municipality of its seat);
  every CPV code and municipality number was checked against /work/shared/data.
* SUPPLIERS (40): small Norwegian firms and social entrepreneurs describing their own
  business in everyday words (24 bokmål, 11 nynorsk, 5 English). They deliberately avoid
  the buyers' wording (rengjøring/vask vs renhold, snømåking vs brøyting, alarmknapp vs
  trygghetsalarm, elevtransport vs skoleskyss ...) and often pick a broader or
  neighbouring CPV code than the buyer. `municipalities` holds 4-digit municipality or
  2-digit county numbers; an empty list means nationwide.
* MATCHES: for every need, the suppliers a procurement officer would want to see.
  2 = does exactly this (and serves the buyer's area), 1 = could do part of it or a
  neighbouring service in that area. Suppliers not listed are judged irrelevant (0).
  Grades were given on meaning, not on shared words; a supplier that does the service
  but does not serve the buyer's area is not listed.
* QUERIES (60): what a supplier types to find needs (kind="need"): 30 bokmål, 15 nynorsk,
  15 English, 2-5 words. 11 contain realistic typos, ~14 test compounds or compound
  splits, ~14 use synonyms absent from the relevant need's text. Grades: 2 = squarely what
  the query asks for, 1 = related (same trade family, a part of the need).
  Query language and need language are independent: an English query is expected to
  find nynorsk needs and vice versa.

Themes (need ids)
-----------------
 1 cleaning / window cleaning ........ un-01 nb, un-02 nn, un-03 en
 2 snow clearing ..................... un-04 nb, un-05 nn, un-06 en
 3 safety alarms / welfare technology  un-07 nb, un-08 nn, un-09 en
 4 school transport .................. un-10 nb, un-11 nn, un-12 en
 5 IT support and operations ......... un-13 nb, un-14 en
 6 meals (school, home delivery, canteen) un-15 nb, un-16 nn, un-17 en
 7 green areas and trees ............. un-18 nb, un-19 nn, un-20 en
 8 interpreting and translation ...... un-21 nb, un-22 nn, un-23 en
 9 building renovation ............... un-24 nb, un-25 en, un-26 nn
10 waste collection / reuse .......... un-27 nb, un-28 en
11 legal services .................... un-29 nb, un-30 nn
12 work inclusion (social enterprises) un-31 nb, un-32 nn, un-33 en
13 furniture ......................... un-34 nb, un-35 en
14 electricity ....................... un-36 nb, un-37 nn
singletons: child welfare un-38 nb, laundry un-39 nn, pest control un-40 nb
"""


from tests.bench.judged_multilingual import _need, _sup  # the rows of `flask import needs` / `suppliers`

NEEDS = [
    # 1 cleaning
    _need("un-01", "Renhold av skoler og barnehager", "Bærum kommune", "3201",
          ["90919300", "90911200"],
          "Bærum kommune skal inngå rammeavtale om daglig renhold og periodisk hovedrengjøring i 14 skoler "
          "og 22 barnehager. Leverandøren må bruke svanemerkede rengjøringsmidler og ha ansatte med fagbrev "
          "i renholdsoperatørfaget."),
    _need("un-02", "Reinhald i omsorgsbustader og rådhuset", "Voss herad", "4621",
          ["90911200"],
          "Voss herad treng ein leverandør til vask av fellesareal i omsorgsbustadene og dagleg reinhald av "
          "rådhuset og tenestebygga på Vossevangen. Avtalen varer i to år, og kommunen kan "
          "forlengje han med eitt pluss eitt år."),
    _need("un-03", "Window cleaning for municipal buildings", "Trondheim kommune", "5001",
          ["90911300"],
          "Trondheim municipality is planning a framework agreement for interior and exterior window cleaning "
          "at schools, care homes and administrative buildings twice a year. Work at height requires lift or "
          "rope access certification."),
    # 2 snow clearing
    _need("un-04", "Brøyting og strøing av kommunale veier", "Lillehammer kommune", "3405",
          ["90620000", "90630000"],
          "Kommunen søker entreprenører med traktor eller hjullaster til brøyting, strøing med sand og høvling "
          "av kommunale veier og gang- og sykkelveier i fem roder. Beredskap fra 1. november til 15. april."),
    _need("un-05", "Snørydding ved skular, barnehagar og omsorgssenter", "Sogndal kommune", "4640",
          ["90620000"],
          "Sogndal kommune skal kjøpe tenester for snørydding og sandstrøing av parkeringsplassar, "
          "tilkomstvegar og gangareal ved kommunale bygg. Leverandøren må kunne rykkje ut før klokka 06.30 "
          "på kvardagar."),
    _need("un-06", "Snow removal and de-icing at school yards and parking areas", "Tromsø kommune", "5501",
          ["90620000", "90630000"],
          "Tromsø municipality needs contractors for ploughing, snow haulage and gritting at 30 schools and "
          "kindergartens during the winter season. The contractor must keep emergency exits and fire access "
          "roads clear at all times."),
    # 3 safety alarms / welfare technology
    _need("un-07", "Trygghetsalarmer med responstjeneste", "Drammen kommune", "3301",
          ["33196100", "79711000"],
          "Drammen kommune skal anskaffe digitale trygghetsalarmer for hjemmeboende, inkludert installasjon, "
          "drift og døgnbemannet alarmmottak. Løsningen skal kunne kobles til tilleggsutstyr som røykvarsler "
          "og fallsensor."),
    _need("un-08", "Tryggleiksalarmar og digitalt tilsyn", "Sunnfjord kommune", "4647",
          ["33196100", "85312400"],
          "Sunnfjord kommune skal byte ut dei analoge tryggleiksalarmane og ta i bruk digitalt nattilsyn med "
          "sensorar hos heimebuande brukarar. Leverandøren skal stå for montering, opplæring av tilsette og "
          "mottak av alarmar heile døgnet."),
    _need("un-09", "GPS location devices for people with dementia", "Stavanger kommune", "1103",
          ["33196100"],
          "Stavanger municipality wants to procure wearable GPS trackers and a related software platform so "
          "that people with dementia can move about safely outdoors. Relatives and home-care staff must be "
          "able to see the position and receive alerts."),
    # 4 school transport
    _need("un-10", "Skoleskyss for elever i grunnskolen og videregående", "Innlandet fylkeskommune", "3403",
          ["60130000", "60112000"],
          "Innlandet fylkeskommune skal kjøpe transport av elever med buss og minibuss på faste ruter i "
          "Hamar-regionen fra skoleåret 2027/28. Tilbyder må ha løyve og sjåfører med gyldig politiattest."),
    _need("un-11", "Skuleskyss i grendene", "Ørsta kommune", "1520",
          ["60130000"],
          "Ørsta kommune treng køyring av elevar frå grendene til barneskulane med minibuss eller drosje. "
          "Skyssen skal tilpassast skuletida, og det må vere plass til ein elev som brukar rullestol."),
    _need("un-12", "Adapted transport for pupils with special needs", "Alta kommune", "5601",
          ["60130000", "60120000"],
          "Alta municipality requests offers for daily transport of pupils with disabilities between home, "
          "school and after-school activities. Vehicles must be wheelchair accessible and drivers trained to "
          "assist passengers."),
    # 5 IT support
    _need("un-13", "Brukerstøtte og drift av elev-PC-er", "Nordre Follo kommune", "3207",
          ["72253000", "50324000"],
          "Nordre Follo kommune trenger ekstern brukerstøtte for skolene, inkludert klargjøring, reparasjon og "
          "utrulling av 6000 Chromebooks og lærermaskiner. Henvendelser skal kunne meldes via portal og "
          "telefon."),
    _need("un-14", "Service desk and operation of IT infrastructure", "Bodø kommune", "1804",
          ["72253100", "72514000"],
          "Bodø municipality is seeking a partner to run a first-line service desk and to monitor servers, "
          "network and backup for the municipal organisation. The supplier must offer 24/7 on-call support and "
          "comply with Norwegian security regulations."),
    # 6 meals
    _need("un-15", "Skolemåltid for elever på barnetrinnet", "Oslo kommune", "0301",
          ["55523100", "15894210"],
          "Oslo kommune planlegger innkjøp av et daglig, sunt skolemåltid til elever i 1.–7. trinn ved utvalgte "
          "skoler. Maten skal leveres ferdig tilberedt og følge Helsedirektoratets retningslinjer for mat og "
          "måltider i skolen."),
    _need("un-16", "Middagsombringing til heimebuande", "Stord kommune", "4614",
          ["55521100"],
          "Stord kommune skal inngå avtale om produksjon og utkøyring av varm eller kjølt middag til eldre som "
          "bur heime. Leverandøren må kunne tilby spesialkost og levere alle dagar i veka."),
    _need("un-17", "Canteen operation at the city hall", "Kristiansand kommune", "4204",
          ["55512000", "55520000"],
          "Kristiansand municipality invites tenders for running the staff canteen at the city hall, including "
          "breakfast, lunch and meeting catering. The operator should emphasise local ingredients and reduce "
          "food waste."),
    # 7 green areas and trees
    _need("un-18", "Skjøtsel av parker og grøntarealer", "Sandnes kommune", "1108",
          ["77313000", "77314000"],
          "Sandnes kommune søker leverandør til gressklipping, luking av bed, beskjæring av busker og "
          "søppelplukking i parker og friområder. Oppdraget gjelder sesongen april–oktober."),
    _need("un-19", "Slått av friområde og ettersyn av leikeplassar", "Kvam herad", "4622",
          ["77314000", "50870000"],
          "Kvam herad treng hjelp til slått, kantklypping og rydding av friområde, badeplassar og leikeplassar. "
          "Leverandøren skal òg gjere enkelt ettersyn av leikeapparat og melde frå om skadar."),
    _need("un-20", "Tree care and pruning of park and street trees", "Tønsberg kommune", "3905",
          ["77211500", "77341000"],
          "Tønsberg municipality needs arborist services for pruning, felling of hazardous trees and stump "
          "removal along streets and in parks. Tree work must be carried out by certified climbers with proper "
          "traffic safety plans."),
    # 8 interpreting and translation
    _need("un-21", "Tolketjenester for helse, NAV og flyktningtjenesten", "Sarpsborg kommune", "3105",
          ["79540000"],
          "Sarpsborg kommune skal inngå rammeavtale om tolking ved oppmøte, på telefon og på video. Tolkene skal "
          "være oppført i Nasjonalt tolkeregister, og behovet er størst for arabisk, tigrinja, ukrainsk og "
          "somali."),
    _need("un-22", "Tolketenester for helsestasjon og barnevern", "Volda kommune", "1577",
          ["79540000"],
          "Volda kommune treng kvalifiserte tolkar til samtalar i helsestasjonen, barnevernet og "
          "vaksenopplæringa. Tolking over skjerm skal vere hovudregelen, med oppmøtetolk ved behov."),
    _need("un-23", "Translation of public information into several languages", "Bergen kommune", "4601",
          ["79530000"],
          "Bergen municipality needs written translation of letters, web pages and brochures from Norwegian into "
          "Arabic, Ukrainian, Polish, Somali and English. The supplier must guarantee quality assurance by a "
          "second translator."),
    # 9 building renovation
    _need("un-24", "Rehabilitering av bad i kommunale utleieboliger", "Kongsberg kommune", "3303",
          ["45211310", "45453100"],
          "Kongsberg kommune skal totalrehabilitere om lag 40 bad i kommunale utleieboliger, inkludert riving, "
          "membran, flislegging og nye sanitærinstallasjoner. Arbeidet skal utføres mens beboerne bor i "
          "boligene."),
    _need("un-25", "Roof replacement and facade renovation at primary school", "Fredrikstad kommune", "3107",
          ["45261210", "45443000"],
          "Fredrikstad municipality plans to replace the roof covering and renew the timber facade at a primary "
          "school built in 1975. The work must be done in stages during the summer holiday so that the school "
          "can stay open."),
    _need("un-26", "Måling og utvendig vedlikehald av kommunale bustader", "Ullensvang kommune", "4618",
          ["45442110", "45453000"],
          "Ullensvang kommune skal måle og skifte ut rotne kledningsbord på om lag 25 kommunale bustader i Odda "
          "og Kinsarvik. Arbeidet omfattar vask, skraping og to strøk måling."),
    # 10 waste
    _need("un-27", "Innsamling av avfall fra kommunale bygg", "Arendal kommune", "4203",
          ["90511000", "90514000"],
          "Arendal kommune skal anskaffe tømming av avfallsbeholdere og containere for restavfall, papp, plast, "
          "glass og metall ved skoler, sykehjem og kontorbygg. Leverandøren skal rapportere sorteringsgrad per "
          "bygg hver måned."),
    _need("un-28", "Collection and reuse of bulky waste from municipal buildings", "Hammerfest kommune", "5603",
          ["90511000", "90514000"],
          "Hammerfest municipality wants a contractor to collect discarded furniture, electronics and other "
          "bulky items from municipal buildings. Items in good condition should be reused, and the rest "
          "delivered to approved recycling."),
    # 11 legal
    _need("un-29", "Juridisk bistand innen plan- og byggesaker", "Asker kommune", "3203",
          ["79110000", "79111000"],
          "Asker kommune ønsker rammeavtale med advokatfirma for rådgivning og prosessoppdrag innen plan- og "
          "bygningsrett, eiendomsrett og offentlige anskaffelser. Behovet anslås til om lag 800 timer per år."),
    _need("un-30", "Juridisk rådgjeving i arbeidsrett og personalsaker", "Kvinnherad kommune", "4617",
          ["79111000"],
          "Kvinnherad kommune treng bistand frå advokat i saker om oppseiing, omstilling og tvistar etter "
          "arbeidsmiljølova. Leverandøren må kunne møte i retten ved behov."),
    # 12 work inclusion
    _need("un-31", "Arbeidstrening for personer utenfor arbeidslivet (reservert kontrakt)", "Skien kommune", "4003",
          ["85312510", "80530000"],
          "Skien kommune vil kjøpe arbeidstrening og kvalifisering for personer som mottar sosialhjelp eller har "
          "nedsatt arbeidsevne. Konkurransen er forbeholdt sosiale entreprenører og "
          "arbeidsinkluderingsbedrifter."),
    _need("un-32", "Tilrettelagd arbeid for unge vaksne", "Time kommune", "1121",
          ["85312510"],
          "Time kommune ønskjer tilbod på arbeidsplassar med tett oppfølging for unge vaksne med nedsett "
          "funksjonsevne, til dømes innan uteareal, kafé eller gjenbruk. Målet er overgang til ordinært arbeid "
          "eller vidare utdanning."),
    _need("un-33", "Work training and job coaching for young adults", "Larvik kommune", "3909",
          ["85312510", "79634000"],
          "Larvik municipality is seeking providers of work-training placements and individual job coaching for "
          "young adults on social assistance. Social enterprises and sheltered businesses are encouraged to "
          "apply."),
    # 13 furniture
    _need("un-34", "Elevpulter, stoler og garderobebenker til ny ungdomsskole", "Ullensaker kommune", "3209",
          ["39160000"],
          "Ullensaker kommune skal kjøpe inn møblering til en ny ungdomsskole med 600 elever, blant annet "
          "høydejusterbare pulter, stoler og benker. Leveransen inkluderer montering og bortkjøring av "
          "emballasje."),
    _need("un-35", "Office and meeting-room furniture for the renovated town hall", "Ålesund kommune", "1508",
          ["39130000", "39153000"],
          "Ålesund municipality needs desks, chairs and meeting-room furniture for about 200 workplaces. Reused "
          "or refurbished furniture will be given weight in the evaluation."),
    # 14 electricity
    _need("un-36", "Kjøp av elektrisk kraft til kommunale bygg og gatelys", "Gjøvik kommune", "3407",
          ["09310000"],
          "Gjøvik kommune skal inngå ny avtale om strømleveranse til alle kommunale bygg, gatelys og "
          "pumpestasjoner fra 2027. Prismodellen er spotpris med fast påslag."),
    _need("un-37", "Kraftavtale og forvalting av straumkjøp", "Hå kommune", "1119",
          ["09310000", "71314200"],
          "Hå kommune søkjer leverandør av elektrisk kraft og forvalting av kraftporteføljen til kommunale "
          "føremål. Tilbydar skal òg levere månadleg rapport om forbruk per bygg."),
    # singletons
    _need("un-38", "Hjemmebaserte tiltak og foreldreveiledning for barneverntjenesten", "Sandefjord kommune", "3907",
          ["85311300", "85312320"],
          "Barneverntjenesten i Sandefjord skal kjøpe miljøterapeutiske tiltak i hjemmet og veiledning av "
          "foreldre i familier med sammensatte utfordringer. Tiltakene skal være kunnskapsbaserte og kunne "
          "starte på kort varsel."),
    _need("un-39", "Vask av arbeidstøy og sengetøy til pleie og omsorg", "Gloppen kommune", "4650",
          ["98310000"],
          "Gloppen kommune treng vaskeritenester for arbeidsklede, sengetøy og handkle frå sjukeheimen og "
          "heimetenesta. Leverandøren skal hente og levere to gonger i veka."),
    _need("un-40", "Skadedyrkontroll i kommunale bygg", "Porsgrunn kommune", "4001",
          ["90922000", "90923000"],
          "Porsgrunn kommune skal inngå avtale om forebyggende skadedyrkontroll og bekjempelse av rotter, mus og "
          "veggdyr i skoler, barnehager og boliger. Leverandøren må dokumentere godkjent kompetanse i "
          "skadedyrbekjempelse."),
]


SUPPLIERS = [
    # cleaning
    _sup("us-01", "Glansen Renhold AS",
         "Vi vasker klasserom, kontorlokaler og barnehager i Oslo, Bærum og Asker. Fast ukentlig vask, "
         "gulvbehandling og storrengjøring i feriene. Alle ansatte er faglærte eller lærlinger, og vi bruker "
         "miljømerkede produkter.",
         ["90910000", "90919000"], ["0301", "3201", "3203"], size="small"),
    _sup("us-02", "Vestlandsvask AS",
         "Vestlandsvask tek på seg vask av kontor, helsebygg og burettslag over heile Vestland. Vi har faste "
         "team som kjem til avtalt tid, og tilbyr òg golvpleie og byggvask etter handverkarar.",
         ["90910000"], ["46"], size="small"),
    _sup("us-03", "Klar Sikt Vinduspuss",
         "Vinduspuss for næringsbygg, borettslag og offentlige bygg i hele Trøndelag. Vi har egen lift og kurs i "
         "tilkomstteknikk, og tar også fasadevask og rengjøring av glasstak.",
         ["90911300", "45452000"], ["50"], size="micro"),
    _sup("us-04", "Inkluderende Renhold SA",
         "Sosialt entreprenørskap i Vestfold og Telemark. Vi tar rengjøringsoppdrag for bedrifter og det "
         "offentlige, og bruker oppdragene til å gi folk som har stått lenge uten jobb en vei inn i arbeid. "
         "Deltakerne får fast veileder, opplæring i faget og hjelp til å søke ordinær stilling etterpå.",
         ["90910000", "85312510"], ["39", "40"], social=True, size="small"),
    # snow / property services
    _sup("us-05", "Fjellbrøyt AS",
         "Vi driver vintervedlikehold med traktorer og hjullastere i Lillehammer og Gudbrandsdalen: snømåking, "
         "sandstrøing, skraping av is og bortkjøring av snø. Om sommeren tar vi feiing og grusing av veier.",
         ["90620000"], ["34"], size="small"),
    _sup("us-06", "Sogn Eigedomsteneste AS",
         "Vi er eit lokalt vaktmeisterfirma i Sogn, Voss og Hardanger. Vi tek vinterdrift med brøyting og "
         "sanding, plenslått og ryddejobbar om sommaren, vask av fellesareal og små reparasjonar for burettslag "
         "og offentlege byggeigarar.",
         ["98341140", "90620000", "77314000"], ["4640", "4644", "4642", "4621", "4622", "4618"], size="small"),
    _sup("us-07", "Nordlys Eiendomsservice AS",
         "Vaktmestertjenester og vinterdrift for borettslag, næringsbygg og offentlige eiendommer i "
         "Tromsø-området. Vi har hjullastere og lastebil for snøbrøyting og bortkjøring av snø, og strør med "
         "sand og salt etter behov.",
         ["98341140", "90620000"], ["5501", "5534", "5532"], size="small"),
    # safety alarms / welfare technology
    _sup("us-08", "Trygg Hjemme Teknologi AS",
         "Vi leverer velferdsteknologiløsninger for eldre og andre som bor hjemme: armbånd med alarmknapp, "
         "fallsensor, dørsensor og komfyrvakt. Alt kobles til vår egen responssentral med sykepleiere på vakt "
         "hele døgnet, og vi tar montering og opplæring av kommunens ansatte.",
         ["33196100", "79711000"], [], size="small"),
    _sup("us-09", "Omsorgsvakta AS",
         "Omsorgsvakta driv responssenter for kommunar i Vestland og tek imot varsel frå alarmknappar, "
         "sengesensorar og kamera for tilsyn om natta. Vi har helsepersonell på vakt heile døgeret og rykkjer "
         "ut ved behov.",
         ["79711000", "85312400"], ["46"], size="small"),
    _sup("us-10", "CareTrack Nordic AS",
         "CareTrack develops welfare technology for home-based care: GPS watches with geofencing for people "
         "with cognitive impairment, motion sensors and digital night-time supervision. Our cloud platform "
         "lets nurses and next of kin follow alerts on their phones. Used in more than 40 Norwegian "
         "municipalities.",
         ["33196100", "48180000"], [], size="medium"),
    # passenger transport
    _sup("us-11", "Mjøsbuss AS",
         "Busselskap på Hedmarken med 35 busser og minibusser. Vi kjører rutetrafikk, elevtransport, turer og "
         "oppdrag for idrettslag og bedrifter. Alle sjåfører har yrkessjåførkompetanse og politiattest.",
         ["60172000", "60112000"], ["34"], size="medium"),
    _sup("us-12", "Sunnmøre Skyss og Drosje AS",
         "Vi har drosjar, maxitaxi og ein rullestoltilpassa minibuss på Søre Sunnmøre. Vi køyrer faste turar "
         "for kommune og helseføretak, elevkøyring og pasienttransport.",
         ["60120000", "60130000"], ["15"], size="small"),
    _sup("us-13", "Finnmark Spesialtransport AS",
         "Tilrettelagt persontransport i Alta, Hammerfest og Porsanger med rullestolbiler og sjåfører med kurs "
         "i forflytning. Vi kjører TT-kunder, barn til skole og fritidsaktiviteter og pasienter til behandling.",
         ["60130000", "60120000"], ["5601", "5603", "5622"], size="micro"),
    # IT
    _sup("us-14", "Datahjelpen Follo AS",
         "IT-hjelp for skoler og små virksomheter i Follo og Oslo. Vi setter opp og reparerer datamaskiner, "
         "iPader og Chromebooks, administrerer enhetene via MDM og har supporttelefon åpen på hverdager.",
         ["50324000", "72610000"], ["32", "03"], size="micro"),
    _sup("us-15", "Arctic Cloud Ops AS",
         "Managed IT services for municipalities and public bodies: 24/7 monitoring of servers, networks and "
         "backups, first- and second-line helpdesk, and security patching. Remote service across Norway with "
         "on-site technicians in Bodø and Tromsø.",
         ["72514000", "72253100", "72315000"], [], size="small"),
    # food
    _sup("us-16", "Matglede Storkjøkken AS",
         "Storkjøkken i Groruddalen som lager sunn lunsj, varm mat og frukt til barnehager, SFO og skoler. Vi "
         "kjører ut hver morgen i kjølebil og følger de nasjonale kostrådene.",
         ["55524000", "15894210"], ["03", "32"], size="small"),
    _sup("us-17", "Heimemat Sunnhordland SA",
         "Vi lagar tradisjonsmat frå botnen og køyrer ut ferdige middagsporsjonar til eldre og andre som treng "
         "det på Stord, Bømlo og Fitjar. Kosten blir tilpassa diabetikarar, allergikarar og dei som treng mjuk "
         "mat.",
         ["55521100", "55321000"], ["4614", "4613", "4615"], size="micro"),
    _sup("us-18", "Sørlandskjøkkenet AS",
         "Vi driver personalkantiner og leverer møtemat og catering til bedrifter og offentlige arbeidsplasser i "
         "Agder. Kortreiste råvarer, vegetardager og egne tiltak mot matsvinn.",
         ["55512000", "55520000"], ["42"], size="small"),
    # green areas
    _sup("us-19", "Jærgartneren AS",
         "Anleggsgartner på Jæren og i Sandnes og Stavanger. Vi anlegger og steller uteområder for borettslag, "
         "bedrifter og kommuner: plenklipp, hekk og busker, beplantning, rydding av blomsterbed og vårfeiing.",
         ["77310000", "45112710"], ["1108", "1103", "1119", "1120", "1121", "1124"], size="small"),
    _sup("us-20", "Hardanger Hagestell",
         "Enkeltpersonføretak i Hardanger som tek plenslått, trimming langs gjerde og vegkantar og sommarstell "
         "av uteområde. Eg har kurs i kontroll av leikeapparat og kan ta årleg hovudinspeksjon.",
         ["77314000", "50870000"], ["4622", "4618", "4621"], size="micro"),
    _sup("us-21", "Vestfold Arborist AS",
         "Certified arborists serving Vestfold. We carry out crown reduction, felling of dangerous trees in "
         "tight spaces, stump grinding and tree health assessments for private owners, housing cooperatives "
         "and municipalities.",
         ["77211500", "77341000"], ["39"], size="micro"),
    _sup("us-22", "Grønt Arbeid SA",
         "Arbeidsinkluderingsbedrift i Rogaland som tilbyr grøntanleggsarbeid, søppelplukking og enkle "
         "vedlikeholdsjobber utført av arbeidslag med veileder. Vi gir folk som har falt ut av jobbmarkedet "
         "praksis, opplæring og tett oppfølging mot fast jobb.",
         ["77310000", "85312510"], ["11"], social=True, size="small"),
    # language services
    _sup("us-23", "Språkbro Tolketjenester AS",
         "Vi formidler statsautoriserte og registrerte tolker i over 50 språk, blant annet arabisk, dari, "
         "tigrinja, somali og ukrainsk. Tolking kan bestilles på stedet, over telefon eller som videomøte via "
         "vår app.",
         ["79540000"], [], size="small"),
    _sup("us-24", "Ordverk Translations",
         "Translation agency in Bergen offering certified translations, website localisation and plain-language "
         "editing. Our translators work into Arabic, Polish, Ukrainian, Somali, Tigrinya and English, and every "
         "text is proofread by another linguist.",
         ["79530000"], [], size="micro"),
    _sup("us-25", "Språktenesta Nordvest",
         "Vi tilbyr tolking på telefon, video eller ansikt til ansikt i Møre og Romsdal og Vestland, og "
         "omset skriftlege dokument som vedtak, brev og informasjonsskriv. Tolkane våre har bakgrunn frå helse "
         "og skule.",
         ["79540000", "79530000"], ["15", "46"], size="micro"),
    # building trades
    _sup("us-26", "Våtromsmesteren Kongsberg AS",
         "Vi pusser opp baderom og vaskerom fra A til Å i Kongsberg og Numedal: riving, tetting, fliser, "
         "varmekabler og rørlegger. Våtromssertifisert bedrift med lang erfaring fra både private hjem og "
         "utleiebygg.",
         ["45211310", "45431000", "45332000"], ["33"], size="small"),
    _sup("us-27", "Østfold Tak og Fasade AS",
         "Vi legger om tak, skifter takpapp og takstein, monterer takrenner og kler om fasader på skoler, "
         "idrettshaller og næringsbygg i Østfold. Vi er vant til å jobbe i etapper mens bygget er i bruk.",
         ["45261000", "45443000"], ["31"], size="small"),
    _sup("us-28", "Målarmeister Hardanger AS",
         "Målarfirma med fire tilsette som tek innvendig og utvendig målararbeid, beising, utskifting av panel "
         "og anna småsnikring. Vi held til i Odda og tek oppdrag i heile Hardanger.",
         ["45442100", "45422100"], ["4618", "4622", "4621"], size="micro"),
    # waste
    _sup("us-29", "Agder Gjenvinning AS",
         "Vi henter næringsavfall og leier ut containere i hele Agder. Vi tilbyr kildesortering av papp, plast, "
         "glass, metall og matavfall, og gir kundene rapport på gjenvinningsgrad.",
         ["90511000", "90514000"], ["42"], size="medium"),
    _sup("us-30", "Arctic Reuse",
         "Arctic Reuse is a social enterprise in Troms and Finnmark that picks up used furniture, office "
         "equipment and electronics, repairs what can be repaired and sells it in our second-hand shops. What "
         "cannot be reused goes to certified recycling. Many of our staff are in work training.",
         ["90514000", "90512000"], ["55", "56"], social=True, size="small"),
    # legal
    _sup("us-31", "Advokatfirmaet Lovlig AS",
         "Advokatfirma som bistår kommuner og fylkeskommuner med forvaltningsrett, reguleringsplaner, "
         "dispensasjoner og klagesaker, fast eiendom og anskaffelsesregelverket. Vi tar både rådgivning og "
         "saker for domstolene.",
         ["79110000", "79111000"], [], size="small"),
    _sup("us-32", "HR-Rådgjeving Vest AS",
         "Vi hjelper leiarar i offentleg sektor med personalsaker, omorganisering og konflikthandtering. Ein "
         "advokat med spesialkompetanse på arbeidsliv og tilsettingsrett er med i teamet.",
         ["79414000", "79111000"], ["46"], size="micro"),
    # pest control
    _sup("us-33", "Skadedyrkontroll Grenland AS",
         "Vi bekjemper rotter, mus, maur, kakerlakker og veggdyr i boliger, næringsbygg og institusjoner i "
         "Grenland og Vestfold. Faste kontrollavtaler, sikring av bygg mot gnagere og varmebehandling mot "
         "veggdyr.",
         ["90922000", "90923000"], ["40", "39"], size="micro"),
    # work inclusion
    _sup("us-34", "Jobbvekst AS",
         "Jobbvekst er en arbeids- og inkluderingsbedrift i Vestfold og Telemark. Vi har egen produksjon innen "
         "montering, kantine og vaktmestertjenester, og tilbyr kartlegging, praksisplasser, jobbspesialister og "
         "oppfølging for folk som trenger hjelp til å komme i jobb.",
         ["85312510", "80530000"], ["39", "40"], social=True, size="medium"),
    # furniture
    _sup("us-35", "Skolerom Interiør AS",
         "Vi leverer møblering til skoler og barnehager over hele landet: elevbord med høyderegulering, "
         "stabelbare stoler, oppbevaring og garderobeløsninger. Vi monterer selv og rydder etter oss.",
         ["39160000", "39161000", "39100000"], [], size="medium"),
    _sup("us-36", "Ombruk Møbel Vest SA",
         "Vi tek imot brukte kontormøblar frå bedrifter og offentlege kontor, pussar dei opp, trekkjer om "
         "stolar og sel dei vidare som sirkulær innreiing. Verkstaden er ein arbeidstreningsarena for folk som "
         "står utanfor arbeidslivet.",
         ["39130000", "39114100"], ["15", "46"], social=True, size="small"),
    # energy
    _sup("us-37", "Vasskraft Handel AS",
         "Strømleverandør for bedrifter og offentlig sektor. Vi tilbyr innkjøpsavtaler basert på spot eller "
         "fastpris, forvaltning av kraftporteføljer, opprinnelsesgarantier og månedlige forbruksrapporter per "
         "målepunkt.",
         ["09310000", "65310000"], [], size="medium"),
    _sup("us-38", "Energirådgjevaren AS",
         "Vi hjelper kommunar og bedrifter med energioppfølging, ENØK-analysar og råd om innkjøp av straum. Vi "
         "set opp energileiingssystem og går gjennom fakturaer for å finne sparepotensial.",
         ["71314300", "71314200"], ["11", "46"], size="micro"),
    # child welfare
    _sup("us-39", "Familiekraft AS",
         "Privat aktør som leverer tiltak til barnevernet: miljøterapeuter som jobber hjemme hos familien, "
         "foreldreveiledning etter PMTO og COS, og akuttberedskap. Vi dekker Vestfold, Buskerud og Telemark.",
         ["85311300", "85312320"], ["39", "33", "40"], size="small"),
    # laundry
    _sup("us-40", "Fjordvask SA",
         "Industrivaskeri i Nordfjord som vasker arbeidsklær, sengetøy, håndklær og matter for sykehjem, hotell "
         "og bedrifter. Vi henter og leverer med egen bil. Vaskeriet er en arbeidsinkluderingsbedrift der "
         "halvparten av de ansatte er i tilrettelagt arbeid.",
         ["98310000", "98311000"], ["46"], social=True, size="small"),
]


MATCHES = {
    "un-01": {"us-01": 2},
    "un-02": {"us-02": 2, "us-06": 1},
    "un-03": {"us-03": 2},
    "un-04": {"us-05": 2},
    "un-05": {"us-06": 2},
    "un-06": {"us-07": 2},
    "un-07": {"us-08": 2, "us-10": 1},
    "un-08": {"us-08": 2, "us-09": 2, "us-10": 1},
    "un-09": {"us-10": 2, "us-08": 1},
    "un-10": {"us-11": 2},
    "un-11": {"us-12": 2},
    "un-12": {"us-13": 2},
    "un-13": {"us-14": 2, "us-15": 1},
    "un-14": {"us-15": 2},
    "un-15": {"us-16": 2},
    "un-16": {"us-17": 2},
    "un-17": {"us-18": 2},
    "un-18": {"us-19": 2, "us-22": 1},
    "un-19": {"us-20": 2, "us-06": 1},
    "un-20": {"us-21": 2},
    "un-21": {"us-23": 2},
    "un-22": {"us-23": 2, "us-25": 2},
    "un-23": {"us-24": 2, "us-25": 1},
    "un-24": {"us-26": 2},
    "un-25": {"us-27": 2},
    "un-26": {"us-28": 2, "us-06": 1},
    "un-27": {"us-29": 2},
    "un-28": {"us-30": 2},
    "un-29": {"us-31": 2},
    "un-30": {"us-32": 2, "us-31": 1},
    "un-31": {"us-34": 2, "us-04": 2},
    "un-32": {"us-22": 2},
    "un-33": {"us-34": 2, "us-04": 1},
    "un-34": {"us-35": 2},
    "un-35": {"us-36": 2, "us-35": 1},
    "un-36": {"us-37": 2},
    "un-37": {"us-37": 2, "us-38": 1},
    "un-38": {"us-39": 2},
    "un-39": {"us-40": 2},
    "un-40": {"us-33": 2},
}


# (query, language, {need_id: grade}). Comments: [typo], [compound] (incl. splits), [synonym].
QUERIES = [
    # --- bokmål (30) ---
    ("renhold skoler", "nb", {"un-01": 2, "un-02": 1, "un-03": 1}),
    ("renhlod barnehager", "nb", {"un-01": 2, "un-02": 1, "un-03": 1}),  # [typo]
    ("vinduspuss offentlige bygg", "nb", {"un-03": 2, "un-01": 1, "un-02": 1}),  # [compound]
    ("vindus vask", "nb", {"un-03": 2, "un-01": 1, "un-02": 1}),  # [compound split]
    ("snøbrøyitng vinter", "nb", {"un-04": 2, "un-05": 2, "un-06": 2}),  # [typo]
    ("snømåking parkeringsplasser", "nb", {"un-05": 2, "un-06": 2, "un-04": 1}),  # [synonym]
    ("tryghetsalarm eldre", "nb", {"un-07": 2, "un-08": 2, "un-09": 1}),  # [typo]
    ("velferdsteknologi hjemmeboende", "nb", {"un-07": 2, "un-08": 2, "un-09": 2}),  # [compound]
    ("sporing demens GPS", "nb", {"un-09": 2, "un-07": 1, "un-08": 1}),  # [synonym]
    ("skoleskys elever", "nb", {"un-10": 2, "un-11": 2, "un-12": 2}),  # [typo]
    ("skole skyss", "nb", {"un-10": 2, "un-11": 2, "un-12": 2}),  # [compound split]
    ("elevtransport rullestol", "nb", {"un-12": 2, "un-11": 1, "un-10": 1}),  # [synonym]
    ("PC-support skoler", "nb", {"un-13": 2, "un-14": 1}),  # [synonym]
    ("skolemat levering", "nb", {"un-15": 2, "un-16": 1, "un-17": 1}),  # [compound]
    ("matombringing eldre", "nb", {"un-16": 2}),  # [synonym]
    ("kantinedrift rådhus", "nb", {"un-17": 2, "un-15": 1}),  # [compound]
    ("gressklipping parker", "nb", {"un-18": 2, "un-19": 2, "un-20": 1}),
    ("trefelling parker", "nb", {"un-20": 2, "un-18": 1}),  # [compound]
    ("tolketjenster kommune", "nb", {"un-21": 2, "un-22": 2, "un-23": 1}),  # [typo]
    ("baderomsrehabilitering boliger", "nb", {"un-24": 2}),  # [compound]
    ("våtrom oppussing", "nb", {"un-24": 2}),  # [synonym]
    ("takomlegging skole", "nb", {"un-25": 2}),  # [compound]
    ("avfallshenting og gjenvinning", "nb", {"un-27": 2, "un-28": 2}),  # [compound]
    ("søppeltømming containere", "nb", {"un-27": 2, "un-28": 1}),  # [synonym]
    ("advokat plan og bygg", "nb", {"un-29": 2, "un-30": 1}),
    ("arbeidstreing sosialhjelp", "nb", {"un-31": 2, "un-33": 2, "un-32": 1}),  # [typo]
    ("skolemøbeler ungdomsskole", "nb", {"un-34": 2, "un-35": 1}),  # [typo]
    ("strømavtale offentlig", "nb", {"un-36": 2, "un-37": 2}),  # [compound]
    ("barnevern foreldreveiledning", "nb", {"un-38": 2}),
    ("rottebekjempelse bygg", "nb", {"un-40": 2}),  # [compound]
    # --- nynorsk (15) ---
    ("reinhald kommunale bygg", "nn", {"un-01": 2, "un-02": 2, "un-03": 1}),
    ("reingjering omsorgsbustader", "nn", {"un-02": 2, "un-01": 1, "un-03": 1}),  # [synonym]
    ("snørydding og strøing", "nn", {"un-04": 2, "un-05": 2, "un-06": 2}),
    ("tryggleiksalram heimebuande", "nn", {"un-07": 2, "un-08": 2, "un-09": 1}),  # [typo]
    ("nattilsyn med sensorar", "nn", {"un-08": 2, "un-07": 1, "un-09": 1}),
    ("skuleskyss minibuss", "nn", {"un-10": 2, "un-11": 2, "un-12": 1}),
    ("skulemåltid barneskule", "nn", {"un-15": 2, "un-16": 1, "un-17": 1}),
    ("plenslått og uteområde", "nn", {"un-18": 2, "un-19": 2, "un-20": 1}),  # [synonym]
    ("skjermtolking helse", "nn", {"un-22": 2, "un-21": 2}),  # [compound]
    ("omsetjing av dokument", "nn", {"un-23": 2}),  # [synonym]
    ("utvendig måling bustader", "nn", {"un-26": 2, "un-25": 1}),
    ("advokat personalsaker", "nn", {"un-30": 2, "un-29": 1}),
    ("tilrettelagd arbeid unge", "nn", {"un-32": 2, "un-31": 1, "un-33": 1}),
    ("tøyvask sjukeheim", "nn", {"un-39": 2}),  # [synonym]
    ("straum avtale kommune", "nn", {"un-36": 2, "un-37": 2}),  # [compound split]
    # --- English (15) ---
    ("office cleaning contract", "en", {"un-02": 2, "un-01": 1, "un-03": 1}),  # [synonym]
    ("window washing", "en", {"un-03": 2, "un-01": 1, "un-02": 1}),  # [synonym]
    ("snow plowing", "en", {"un-04": 2, "un-05": 2, "un-06": 2}),  # [synonym]
    ("snow remval schools", "en", {"un-06": 2, "un-05": 2, "un-04": 1}),  # [typo]
    ("personal alarm elderly", "en", {"un-07": 2, "un-08": 2, "un-09": 1}),  # [synonym]
    ("dementia GPS tracker", "en", {"un-09": 2, "un-07": 1, "un-08": 1}),
    ("pupil transport wheelchair", "en", {"un-12": 2, "un-11": 1, "un-10": 1}),
    ("IT helpdesk outsourcing", "en", {"un-14": 2, "un-13": 2}),
    ("school lunch catering", "en", {"un-15": 2, "un-17": 1, "un-16": 1}),
    ("translaton services", "en", {"un-23": 2, "un-21": 1, "un-22": 1}),  # [typo]
    ("interpreter arabic ukrainian", "en", {"un-21": 2, "un-22": 1, "un-23": 1}),
    ("roofing and facade", "en", {"un-25": 2, "un-26": 1}),
    ("furniture reuse", "en", {"un-35": 2, "un-34": 1, "un-28": 1}),
    ("pest controll", "en", {"un-40": 2}),  # [typo]
    ("work inclusion social enterprise", "en", {"un-31": 2, "un-32": 2, "un-33": 2}),
]
