"""The domain's words, in one place: what the steering documents say, in bokmål and nynorsk and
their common variants. The rules ask for a class of words; none holds a Norwegian phrase of its
own (``tests/test_lexicon.py`` walks their syntax trees to keep it so).

The data (``WORDS``) are classes of phrases. A phrase is a regular-expression fragment in which a
space stands for any run of white space (so a phrase wrapped over two lines still matches); most
are plain words. Organisation names, aliases, codes and kinds are not here: they come from the
register (``styring.registry``).

API::

    from styring.extraction import lexicon as lx

    lx.words("signature")                    # the class's phrases, as written in WORDS
    lx.alt("signature")                      # "(?:med\\s+vennlig\\s+hilsen|…)", longest first
    lx.compile(r"^<<signature>>\\b")          # a pattern with classes in <<…>>, IGNORECASE by default
    lx.compile(r"^<<label_goal>>", flags=0)  # case-sensitive
    lx.matches("info_others", text)          # does the text open with a phrase of the class?
    lx.reporting_modes(text)                 # {"annual", "tertial", …}: the modes a frequency cell names
    lx.YEAR                                  # a year: never a literal year inside a label

Templates may also use ``<<YEAR>>``. Classes are listed in ``WORDS``; ``REPORTING_MODES`` maps each
reporting mode to its class.
"""
from __future__ import annotations

import re
from functools import cache

YEAR = r"(?:19|20)\d\d"

WORDS: dict[str, tuple[str, ...]] = {
    # -- the document's own parts -------------------------------------------------------------
    "signature": ("med vennlig hilsen", "vennlig hilsen", "med hilsen", "med venleg helsing", "med helsing",
                  "venleg helsing", "vennleg helsing", "med vennleg helsing"),
    "attachment": ("vedlegg nr\\.?", "vedlegg"),
    "chapter": ("kapittel", "kap\\."),
    "recipients_list": ("mottakere", "mottakarar", "adressater"),
    "copy_to": ("kopi", "vedlegg", "https?:"),
    # document titles (families): the words a steering document's title opens with
    "title": ("oppdragsdokument", "oppdrag og bestilling", "styringsdokument", "styringskrav", "styringsbudskap",
              "bestilling"),
    "title_year": ("oppdragsdokument", "styringskrav og rammer", "oppdrag og bestilling", "tilleggsdokument",
                   "bestilling", "styringsdokument", "styringsbudskap", "målbilde", "målbilete", "protokoll"),
    "target_picture": ("målbilde", "målbilder", "målbildene", "målbilete", "målbileta", "målbiletet"),
    # -- hovedmål --------------------------------------------------------------------------------
    "hovedmal": ("hovedmål", "hovemål", "hovudmål"),
    "hovedmal_plural": ("hovedmålene", "hovudmåla", "alle hovedmål", "alle hovudmål", "de tre hovedmålene",
                        "dei tre hovudmåla"),
    # a chapter heading that touches on a hovedmål's subject (bokmål; nynorsk titles are folded)
    "hovedmal_1_hint": ("psykisk helsevern.*\\brus", "\\brus.*psykisk"),
    "hovedmal_2_hint": ("forskning.*innovasjon", "innovasjon.*kompetanse", "pasientsikkerheit", "pasientsikkerhet"),
    "hovedmal_3_hint": ("rask tilgang", "sammenhengende pasientforløp", "samanhengande pasientforløp"),
    # a sub-section whose heading is a hovedmål's title
    "hovedmal_1_title": ("styrke psykisk helsevern",),
    "hovedmal_2_title": ("styrke forsk(?:n)?ing,? innovasjon",),
    "hovedmal_3_title": ("rask tilgang til helsetjenest", "rask tilgang til helseteneste"),
    # -- kind labels (with or without a year and a colon: the rules add those) -----------------
    "label_goal_year": ("mål", "mål for"),  # "Mål 2024:" — a figure decides goal or indicator
    "label_goal": ("kvalitative", "kvalitativ", "kvalitative mål", "kvalitative mål for", "kvalitative målsettinger",
                   "kvalitative målsetjingar"),
    "label_indicator": ("indikatorer", "indikatorar", "indikator", "kvantitative", "kvantitative mål",
                        "kvantitative mål for", "styringsparametere", "styringsparametrar", "styringsindikatorer",
                        "styringsindikatorar", "måleindikatorer", "måleindikatorar"),
    "label_assignment": ("oppdrag", "oppdrag og styringskrav", "styringskrav", "andre oppdrag", "nye oppdrag",
                         "oppgaver", "oppgåver", "nye oppgaver", "nye oppgåver", "andre oppgaver", "andre oppgåver",
                         "krav og oppdrag"),
    "label_effects": ("effekter", "effektmål", "ønskede effekter", "forventede effekter", "ønska effektar", "effektar",
                      "venta effektar"),
    # the target picture's own label before its trust's name ("Målbilde for Sykehusbygg HF")
    "label_target": ("mål", "målbilde", "målbilder", "målbilete", "målbileta"),
    # "X gis følgende oppdrag:"
    "given": ("gis", "er gitt", "får", "vert gitt", "blir gitt", "gjevast", "blir gjeve", "vert gjeve"),
    "following": ("følgende", "følgjande", "fylgjande"),
    "task_words": ("oppdrag", "styringskrav", "krav", "oppgaver", "oppgåver"),
    # a heading that says whom a section is for ("Styringsbudskap til …", "Oppdrag til …")
    "addressed": ("styringsbudskap", "oppdrag", "bestilling", "krav"),
    # "X ber helseforetaket om å:" / "Helseføretaka vert bedne om å:"
    "ask": ("ber", "bed"),
    "asked": ("bes", "vert bedne", "blir bedt", "vert bedt"),
    # "De regionale helseforetakene vil at X skal:"
    "want": ("vil at",),
    # who a list is for: "Alle helseforetak skal:"
    "all": ("alle", "samtlege", "samtlige"),
    "trust_word": ("helseforetak", "helseføretak", "foretak", "føretak"),
    "trust_plural_suffix": ("ene", "a"),
    "must": ("skal", "må", "bes om å", "vert bedne om å"),
    "obligation": ("skal", "må", "bes", "ber om", "forutsettes", "vert bedne", "blir bedt"),
    # "Helseforetaket skal …", "Det forutsettes at …": the trust as a sentence's subject
    "the_trust": ("helseforetaket", "helseføretaket", "foretaket", "føretaket", "helseforetakene", "helseføretaka",
                  "foretakene"),
    "it_is_expected": ("det forutsettes at", "det forventes at", "det er forventet at", "det vert forventa at",
                       "det blir forventa at"),
    "told": ("skal", "må", "bes", "ber om", "er bedt", "blir bedt", "vert bedt"),
    # -- a section for one trust (the per-trust label) -------------------------------------------
    # "Annen oppgave 2024 til X", "Oppgaver for X HF", "For X HF gjelder:"; the year is optional
    "per_trust_before": ("annen oppgave", "anna oppgåve", "andre oppgaver", "andre oppgåver", "oppdrag",
                         "oppgaver", "oppgåver", "oppgave", "oppgåve", "særskilt oppgave", "særskilde oppgåver",
                         "særskilte oppgaver"),
    "per_trust_to": ("til", "for"),
    "per_trust_applies": ("gjelder", "gjeld"),
    # -- information to the others --------------------------------------------------------------
    "info_others": ("informasjon til øvrige", "orientering til øvrige", "informasjon til dei andre",
                    "informasjon til de andre", "orientering til dei andre", "orientering til de andre",
                    "informasjon til andre", "orientering til andre", "til orientering for øvrige",
                    "til orientering for de andre", "til orientering for dei andre", "til informasjon for øvrige",
                    "til informasjon for de andre", "til informasjon for dei andre", "til orientering til øvrige",
                    "til informasjon til øvrige", "øvrige til orientering", "øvrige til informasjon",
                    "til orientering", "til informasjon"),
    # -- the lead of a joint task ----------------------------------------------------------------
    "lead_before": ("under ledelse av", "under leiing av", "under leiinga av", "under ledelsen av", "ledes av",
                    "leiast av", "leies av", "leia av", "ledet av", "leda av", "koordineres av", "koordinerast av",
                    "i regi av", "helseforetakene, ved", "helseføretaka, ved"),
    "lead_after": ("leder arbeidet", "leiar arbeidet", "leier arbeidet", "skal lede arbeidet", "skal leie arbeidet",
                   "skal leia arbeidet", "leder arbeid", "leiar arbeid"),
    "lead_subject_verbs": ("skal", "bes", "blir bedt", "vert bedt", "vil"),
    "lead_subject_role": ("koordinere", "ha en lederrolle", "ha ei leiarrolle", "ta et koordinerende ansvar",
                          "lede arbeidet", "leie arbeidet"),
    "leads": ("leiing av", "ledelse av", "leiinga av", "ledelsen av", "ledes av", "leiast av"),
    # -- deadlines --------------------------------------------------------------------------------
    "deadline_noun": ("frist\\w*",),
    "deadline_before": ("innen", "innan", "senest", "seinast", "frist\\w*"),
    # -- reporting modes: one class per mode (phrases that name it anywhere), and the words a
    # frequency cell may consist of alone ("Årlig", "Per tertial") --------------------------------
    "mode_annual": ("årlig\\w* melding", "årleg\\w* melding", "årlig rapport", "årleg rapport", "årsrapport(?!ering)",
                    "årlig rapportering", "årleg rapportering"),
    "mode_annual_cell": ("årlig", "årleg", "per år", "kvart år", "hvert år", "årlig melding", "årleg melding"),
    "mode_tertial": ("tertial\\w*+", "\\d\\.\\s*tertial", "per tertial", "kvart tertial", "hvert tertial"),
    "mode_tertial_cell": ("tertialvis", "per tertial", "kvart tertial", "hvert tertial"),
    "mode_monthly": ("månedlig\\w*", "månadleg\\w*", "virksomhetsrapport(?!ering)\\w*", "verksemdsrapport(?!ering)\\w*",
                     "hver måned", "kvar månad", "per måned", "per månad", "månedsrapport\\w*", "månadsrapport\\w*"),
    "mode_monthly_cell": ("månedlig", "månadleg", "per måned", "per månad"),
    "mode_deviation": ("avviksrapport\\w*",),
    "mode_deviation_cell": ("avvik",),
    "mode_risk": ("risikovurderes", "risikovurderast", "risikovurder\\w*"),
    "mode_risk_cell": ("risikovurdering",),
    "mode_none": ("ingen rapportering", "ikkje rapportering", "ikke rapportering"),
    # a frequency cell of the reporting template begins with one of these
    "frequency_start": ("årlig melding", "årleg melding", "tertialrapport\\w*", "tertialvis", "skal risikovurderes",
                        "skal risikovurderast", "ingen rapportering", "virksomhetsrapport\\w*", "verksemdsrapport\\w*",
                        "månedlig\\w*", "månadleg\\w*", "\\d\\.\\s*tertial", "innen \\d", "innan \\d"),
    # reporting in a sentence: "rapportere … månedlig", "årlig status"
    "report_verb": ("rapporter\\w*",),
    "annual_word": ("årlig", "årleg", "årlige", "årlege"),
    "monthly_word": ("månedlig", "månadleg", "hver måned", "kvar månad"),
    "status_word": ("status", "sak"),
    # statements about many items (in folded bokmål): "alle mål og oppdrag", "under hovedmålene"
    "statement_all": ("mål og oppdrag", "mål og krav", "styringsbudskap\\w*", "oppdrag\\w*", "mål(?:ene)?",
                      "krav(?:ene)?", "indikator\\w*"),
    "statement_report": ("rapporter\\w*", "inneholde rapport", "omfatte"),
    # -- amounts ------------------------------------------------------------------------------------
    "unit_thousand": ("i 1[\\s.]?000 kr(?:oner)?\\b", "i tusen kroner", "tall i tusen", "1[\\s.]?000 kr\\b",
                      "i 1000-kroner", "i tusen kr\\b", "i tusen kroner", "tusen kroner", "i 1[\\s.]?000-kr",
                      "i kr 1[\\s.]?000", "nok 1[\\s.]?000", "i 1[\\s.]?000 nok"),
    "unit_million": ("i mill(?:\\.|ioner|ionar) kr(?:oner)?", "\\(mill\\. kr(?:oner)?\\)", "mill\\. kr(?:oner)?\\)",
                     "i millioner kroner", "i millionar kroner"),
    # every unit phrase holds one of these (a quick test before the unit patterns)
    "unit_anchor": ("tusen", "1[\\s.]?000", "mill", "mrd"),
    "million": ("mill\\.", "millioner", "millionar", "mill"),
    "billion": ("mrd\\.", "milliarder", "milliardar"),
    "kroner": ("kroner", "kr\\.?"),
    "total": ("sum", "totalt", "i alt", "samla", "samlet", "total", "til saman", "til sammen"),
    "grant_stem": ("tilsk",),
    "grant_named": ("tilskot\\w*", "basisbevilgning\\w*"),
    "grant_noun_stem": ("tilsk", "bevilgning", "løyving"),
    "grant_noun": ("tilskudd", "tilskot", "bevilgning", "løyving", "finansiering", "nasjonalbudsjett"),
    "grant_kind": ("rammetilskudd", "basisfinansiering[^,.]*", "rammetilskot", "basisramme", "basisløyving[^,.]*"),
    "purpose_at_disposal": ("til disposisjon",),
    "purpose_owners": ("eiernes bevilgning",),
    # a grant's words around an amount
    "grant_context": ("bevilg", "tilsk", "løyv", "fordel", "tildel", "ramme", "finansier"),
    "grant_words": ("tilskudd\\w*", "tilskot\\w*", "basisbevilgning\\w*", "bevilgning\\w*", "løyving\\w*",
                    "rammetilskudd\\w*", "finansiering\\w*", "nasjonalbudsjett\\w*"),
    "at_disposal": ("til disposisjon for", "til rådighet for", "til rådvelde for", "til disposisjon"),
    "increased_by": ("styrket med", "økt med", "auka med", "styrkt med", "økes med", "aukast med"),
    "gets": ("tildeles", "tildelast", "får tildelt", "blir tildelt", "vert tildelt", "gis", "får", "mottar",
             "vert gjeve", "blir gitt"),
    "gives": ("bevilger", "bevilget", "tildeler", "løyver", "løyvde", "gir", "gjev", "overfører"),
    "from": ("fra", "frå"),
    "to": ("til",),
    # the owners granting as one ("de regionale helseforetakene bevilger …", "eierne bevilger …")
    "owners": ("eierne", "eigarane", "eierne av foretaket", "eigarane av føretaket", "eierforetakene",
               "eigarføretaka", "de fire eierne", "dei fire eigarane", "eierne av helseforetaket",
               "eigarane av helseføretaket"),
    "owners_genitive": ("eiernes", "eigarane sin", "eigarane si", "eigarane sine", "eierforetakenes",
                        "eigarføretaka si", "eiernes felles", "eigarane si felles"),
    "owners_grant_noun": ("bestilling", "oppdrag", "bevilgning", "bevilgninger", "løyving", "løyvingar", "finansiering",
                          "tilskudd", "tilskot", "bestillinga"),
    "owners_grant_verb": ("bevilger", "løyver", "bestiller", "gir", "gjev", "tildeler", "finansierer", "bevilget",
                          "løyvde"),
    "and": ("og",),
    "ministry_title": ("oppdragsdokument",),
    # what only the ministry refers to as its own: their names (for the reasons shown), then the words
    "sign_names": ("Stortinget", "Prop. 1 S", "departementet", "departementets e-postadresse", "foretaksmøte"),
    "sign_parliament": ("\\bStortinget(?:s)?\\b", "\\bStortinget si\\b"),
    "sign_budget": ("\\b(?:Prop\\.|Innst\\.)\\s*\\d+\\s*S\\b",),
    "sign_ministry": ("\\b(?:Departementet|departementet) (?:viser|stiller|ber|bed|legg|legger|vil|gjev|gir|"
                      "forventar|forventer|har)\\b", "\\btil departementet\\b"),
    "sign_ministry_mail": ("@[Hh][Oo][Dd]\\.[Dd][Ee][Pp]\\.[Nn][Oo]\\b",),
    "sign_company_meeting": ("\\b[Ff][øo]retaksmøte",),
    "owners_grant_heading": ("finansiering", "eiernes bevilgning", "eigarane si løyving", "eiernes finansiering",
                             "eiernes tilskudd", "bevilgning fra eierne", "løyving frå eigarane"),
    "from_to_trusts": ("helseforetakene", "helseføretaka", "foretakene", "sykehusforetakene", "de felleseide",
                       "dei felleseigde"),
    # a table's title that speaks of grants
    "grant_title": ("bevilg", "fordeling", "tilsk", "ramme", "løyv", "tildel"),
    "board": ("styret", "styrets", "styret si"),
    "board_disposal": ("styrets disp\\w*", "styret i (?:\\S+ ){1,3}?rhf", "styrets disposisjon", "til styrets disposisjon",
                       "styret si disposisjon"),
    # -- table-header roles ------------------------------------------------------------------
    "col_purpose": ("formål", "føremål", "tiltak", "tilskudd\\w*", "tilskot\\w*", "tildeling\\w*", "løyving\\w*",
                    "bevilgning\\w*", "beskrivelse", "skildring", "post(?:ens)? navn", "namn"),
    "col_amount": ("beløp", "sum", "ramme", "budsjett"),
    "col_chapter": ("kap\\.?", "kapittel"),
    "col_post": ("post",),
    "col_frequency": ("rapporteringsfrekvens", "frekvens", "rapportering", "rapporteres", "rapporterast",
                      "rapporteringsform", "rapporteringsmåte", "rapportering til eier", "rapporteringskrav"),
    "col_who": ("gjelder foretak", "gjelder føretak", "gjelder helseforetak", "gjeld føretak", "gjeld helseføretak",
                "gjelder hf", "gjelder", "gjeld", "gjelder for", "gjeld for", "foretak", "føretak", "ansvarlig",
                "ansvarleg", "mottaker", "mottakar", "hvem", "kven"),
    # the who-column's header in a reporting template (stricter than col_who: it marks the template)
    "col_who_template": ("gjelder foretak", "gjelder føretak", "gjelder helseforetak", "gjelder hf", "gjeld føretak",
                         "gjeld helseføretak", "gjeld foretak", "gjelder for foretak", "gjeld for føretak",
                         "ansvarlig foretak", "ansvarleg føretak", "gjelder for"),
    "col_text": ("rapporteringstekst", "rapporteringstekst:", "tekst for rapportering", "tekst til rapportering",
                 "rapporteringsinnhold", "rapporteringsinnhald", "hva skal rapporteres", "kva skal rapporterast",
                 "beskrivelse av rapportering", "skildring av rapportering", "kommentar til rapportering"),
    "col_indicator": ("indikator\\w*", "styringsindikator\\w*", "kvalitetsindikator\\w*", "måleindikator\\w*"),
    "col_source": ("datakilde", "datakjelde", "kilde", "kjelde"),
    "col_publish": ("publiser\\w*",),
    "table_caption": ("tabell",),
    "template_row_kind_goal": ("mål",),
    "template_row_kind_indicator": ("indikator", "indikatorar", "indikatorer"),
    "template_all": ("alle",),
    "template_header_second": ("tekst", "foretak", "føretak", "avviksrapport\\w*"),
    "page_of": ("side \\d+ av \\d+",),
    # -- the reporting calendar --------------------------------------------------------------------
    "calendar_heading": ("oppfølging og rapportering", "styring og rapportering", "rapportering og oppfølging",
                         "rapporteringskalender", "rapporteringsfrister", "frister for rapportering",
                         "krav til rapportering", "oppfølging og rapportering", "rapporteringsfristar",
                         "fristar for rapportering"),
    "calendar_word": ("rapportering", "rapporteringsrutiner", "rapporteringsrutinar"),
    "calendar_phrase": ("frister? for tertialvis", "frister? for rapportering", "fristar for rapportering",
                        "risikovurdering av utvalgte"),
    "reporting_words": ("tertial", "årlig\\w* melding", "regnskap", "årsrapport", "årsresultat", "risikovurder",
                        "rapport"),
    "event_before": ("møte\\w*", "datert", "vedtatt", "vedtok", "behandlet", "fastsatt", "fastsette", "brev\\w*"),
    "annual_report": ("årl[ie]g\\w* melding", "årsrapport", "tertialrapport\\w*"),
    "report_name": ("tertial\\w*", "årl[ie]g\\w* melding", "årsrapport", "regnskap"),
    # -- the ministry's own words --------------------------------------------------------------------
    "ministry_acts": ("viser", "stiller", "ber", "bed", "legg", "legger", "vil", "gjev", "gir", "forventar",
                      "forventer", "har"),
    "ministry": ("departementet",),
    "parliament": ("stortinget", "stortingets", "stortinget si"),
    "budget_docs": ("prop\\.", "innst\\."),
    "company_meeting": ("f[øo]retaksmøte",),
    "issuer_gives": ("i dette dokumentet gir", "gir"),
    # -- activity ------------------------------------------------------------------------------------
    "activity": ("aktivitet\\w*", "aktivitetskrav", "aktivitetsmål", "krav til aktivitet"),
    # -- words in sentences (fields, items, statements, calendar, dates) -------------------------
    "monthly_report": ("virksomhetsrapport\\b(?!ering)", "verksemdsrapport\\b(?!ering)"),
    "report_noun": ("statusrapport", "rapport"),
    "tertial_report": ("tertialrapport", "tertialoppfølging"),
    "tertial_word": ("tertialvis",),
    "risk_passive": ("risikovurderes", "risikovurderast"),
    # words that must be in a text before its reporting patterns are tried (a quick test)
    "hint_monthly": ("måned", "månad", "virksomhetsrapport", "verksemdsrapport"),
    "hint_tertial": ("tertial",),
    "hint_annual": ("årlig", "årleg", "årsrapport"),
    "hint_deviation": ("avviksrapport",),
    "hint_risk": ("risikovurder",),
    "lead_verb": ("leder", "leiar", "leier", "skal lede", "skal leie", "skal leia"),
    "the_work": ("arbeidet", "arbeid"),
    "about": ("om",),
    "asks_for": ("ber om", "bes om", "bed om"),
    "genitive_after": ("s", "es", " si", " sin", " sine"),
    "conjunction": ("og", "eller", "samt"),
    "function_words": ("og", "i", "av", "til", "for", "som", "med", "på"),
    "leads_to_name": ("med", "av", "til", "for", "og", "eller", "i", "på", "fra", "frå", "om", "ved", "under",
                      "mellom", "hos", "at", "som", "enn", "mot", "etter", "innen", "innan", "jf\\.?"),
    "shall": ("skal", "skall"),
    "other_task": ("annen oppgave", "anna oppgåve", "andre oppgaver", "andre oppgåver"),
    "period_tertial": ("\\d\\.\\s*tertial",),
    "report_name_short": ("tertial\\w*", "årl[ie]g\\w* melding"),
    "calendar_heading_word": ("rapportering",),
    "calendar_routines": ("rapporteringsrutiner", "rapporteringsrutinar"),
    "col_data_source": ("datakilde", "datakjelde"),
    "col_indicator_word": ("indikator", "styringsindikator", "kvalitetsindikator", "måleindikator"),
    "page_number": ("side \\d+ av \\d+", "\\d+ av \\d+"),
    "url_start": ("https?://", "www\\.", "mailto:", "tel:"),
    "heading_style": ("heading", "overskrift", "rubrik", "überschrift"),
    "title_style": ("title", "tittel"),
    "list_style": ("list bullet", "punktliste"),
    # dates: words before a date that make it something to meet, or a past event
    "deadline_trigger": ("innen", "innan", "senest", "seinast", "frist\\w*", "f\\.o\\.m\\.?", "fom\\.?", "fra og med",
                         "frå og med", "i løpet av", "på plass", "ferdig\\w* (?:til|innen)"),
    "deadline_end_of": ("innen", "innan", "senest", "seinast", "ved", "før", "til"),
    "deadline_period": ("i løpet av", "innen", "innan", "senest", "seinast", "til", "før"),
    "past_before": ("datert", "brev\\w*(?:\\s+\\w+){0,4}", "av", "møte\\w*", "vedtatt", "behandlet", "leverte", "mottatt",
                    "siden", "fra", "frå"),
    "report_asked": ("bes", "ber", "skal", "må"),
    "end_of": ("utgangen av",),
    "definite_suffix": ("et", "en"),
    "abbreviation": tuple("jf jfr bl.a f.eks pkt nr kap mill mrd ca mv m.v st prop meld dok ref inkl ekskl evt ev osv dvs "
                          "iht ifm vedr tlf pst kr mnd res fig tab s nasj ang hhv m.m.".split()),
    # -- targets: a figure or none ------------------------------------------------------------------
    "no_figure": ("null", "ingen"),
    "prose_subject_group": ("de", "dei"),
    # -- document families (profiles.py): the words of a family's title -----------------------------
    "family_ministry": ("oppdragsdokument",),
    "family_protocol": ("protokoll fra foretaksmøte", "protokoll frå føretaksmøte", "protokoll fra føretaksmøte",
                        "protokoll frå foretaksmøte", "foretaksprotokoll", "føretaksprotokoll",
                        "protokoll fra ekstraordinært foretaksmøte", "protokoll frå ekstraordinært føretaksmøte"),
    "family_supplement": ("tilleggsdokument", "tilleggsliste", "tilleggsbestilling"),
    "family_rhf_steering": ("styringskrav og rammer", "styringskrav", "oppdrag og bestilling", "styringsdokument",
                            "styringsbudskap", "bestilling"),
    "family_target_picture": ("forslag til målbilde", "målbilde", "målbilder", "målbilete", "målbileta",
                              "forslag til målbilete"),
    # the owner's meeting deciding (a protocol's decisions: "Foretaksmøtet ba X om å:")
    "meeting_decides": ("foretaksmøtet", "føretaksmøtet"),
    # the chapters that end the hovedmål chapters ("Øvrige krav", "Andre oppdrag", "Oppfølging og rapportering")
    "after_main_goals": ("øvrige krav", "øvrige oppdrag", "andre krav", "andre oppdrag", "andre oppgaver",
                         "andre oppgåver", "oppfølging og rapportering", "rapportering", "økonomi",
                         "økonomiske rammer", "organisasjon", "vedlegg", "innledning", "innleiing", "bakgrunn",
                         "generelle krav", "generelle føringar", "generelle føringer", "styring og oppfølging",
                         "eierstyring", "eigarstyring", "tildeling", "budsjett", "andre føringer", "andre føringar"),
}

# The reporting calendar's labels: (pattern, label), the first that matches a date's context names it.
CALENDAR_LABELS: tuple[tuple[str, str], ...] = (
    (r"1\.\s*tertial|første tertial", "1. tertial"),
    (r"2\.\s*tertial|andre tertial", "2. tertial"),
    (r"3\.\s*tertial|tredje tertial", "3. tertial"),
    (r"årlig\w* melding", "årlig melding"),
    (r"estimert årsresultat", "estimert årsresultat"),
    (r"regnskap|årsrapport|årsberetning", "regnskap og årsrapport"),
    (r"risikovurdering", "risikovurdering"),
    (r"tertialrapport", "tertialrapport"),
    (r"månedlig|virksomhetsrapport", "månedlig rapport"),
)

REPORTING_MODES: tuple[tuple[str, str], ...] = (
    ("annual", "mode_annual"), ("tertial", "mode_tertial"), ("monthly", "mode_monthly"),
    ("deviation", "mode_deviation"), ("risk", "mode_risk"),
)


def words(name: str) -> tuple[str, ...]:
    """The phrases of a class, as written in ``WORDS``."""
    return WORDS[name]


def _fragment(phrase: str) -> str:
    """A phrase as a regex fragment: a space is any run of white space."""
    return phrase.replace(" ", r"\s+") if " " in phrase else phrase


@cache
def alt(*names: str) -> str:
    """One group ``(?:…|…)`` of the phrases of ``names``, longest first (so "kvalitative mål" wins
    over "kvalitative")."""
    phrases = sorted({p for n in names for p in WORDS[n]}, key=lambda p: (-len(p), p))
    return "(?:" + "|".join(_fragment(p) for p in phrases) + ")"


_SLOT = re.compile(r"<<(?P<names>[a-z0-9_+]+|YEAR)>>")


def expand(template: str) -> str:
    """``template`` with each ``<<class>>`` (or ``<<a+b>>`` for two classes as one) replaced by its
    alternation and ``<<YEAR>>`` by a year."""
    return _SLOT.sub(lambda m: YEAR if m.group("names") == "YEAR" else alt(*m.group("names").split("+")), template)


@cache
def compile(template: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:  # noqa: A001 - the module's verb
    """A compiled pattern from a template with ``<<class>>`` slots (see ``expand``)."""
    return re.compile(expand(template), flags)


def matches(name: str, text: str) -> bool:
    """Whether ``text`` opens with a phrase of class ``name`` (as a whole word)."""
    return bool(compile(rf"^\s*<<{name}>>(?![a-zæøå])").match(text))


def mode_pattern(mode: str) -> re.Pattern[str]:
    """The phrases that name reporting ``mode`` (from a word's start); "tertialvis
    avviksrapportering" is deviation reporting only, so a mode word right before "avvik…" does not
    count."""
    return compile(rf"(?<![a-zæøå])<<mode_{mode}>>(?!\s+avvik)")


def reporting_modes(text: str) -> set[str]:
    """The reporting modes a frequency cell or a short phrase names ("Årlig melding (tertialvis
    avviksrapportering)" → {"annual", "deviation"})."""
    return {mode for mode, _ in REPORTING_MODES if mode_pattern(mode).search(text)}


def cell_modes(cell: str) -> set[str]:
    """The reporting modes a table cell consists of ("Årleg", "Tertialvis", "Månadleg")."""
    cell = cell.strip().rstrip(".")
    return {mode for mode, name in REPORTING_MODES
            if compile(rf"<<{name}+{name}_cell>>").fullmatch(cell)}


def title_alt(*names: str) -> str:
    """Like ``alt`` with each phrase capitalised, for case-sensitive patterns ("Alle", "Mål")."""
    phrases = sorted({p for n in names for p in WORDS[n]}, key=lambda p: (-len(p), p))
    return "(?:" + "|".join(_fragment(p[:1].upper() + p[1:]) for p in phrases) + ")"
