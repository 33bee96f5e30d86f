package bant

import (
	"slices"
	"strings"
)

// Constructions for the ways new writers told pains, curiosity and
// renewals that the word lists missed. Each is a shape of sentence in four
// languages rather than a phrase:
//
//   - incidents that were not planned: "3 unplanned line stops",
//     "ungeplante Linienstillstände", "arrêts non planifiés", "detenciones
//     no programadas";
//   - a performance figure going down (needDeclines);
//   - trouble that costs money: "errors cost us 40k a year in returns",
//     "les erreurs nous coûtent", "los errores nos cuestan";
//   - a personal time cost that recurs (needTimeCosts): "burns an hour
//     every day", "verbrenne jeden Tag ne Stunde", "ça me prend 1h chaque
//     soir", "me lleva una hora cada noche";
//   - a supplier that stops (doing) what the writer relies on, and what
//     they then cannot do ("our accountant stops doing payroll", "cesse le
//     support", "deja de funcionar", "no podremos emitir facturas");
//   - items booked or entered twice, leads going cold, gaps in a rota;
//   - break-ins and theft, lost deals, devices dead or timing out, late
//     replies, systems called outdated;
//   - contracts and licences running out (needRenewals), and curiosity
//     about the market or our offer (needCurious), which make a need and
//     an exploring statement respectively.
//
// The pain constructions are story cues (needTierStory): a pain alone,
// dropped when negated or solved like every other cue.

// needConsequences are the constructions above, by language.
var needConsequences = map[string][]string{
	LangEnglish: {
		`(?:unplanned|unscheduled|unexpected) (?:\w+ ){0,1}?(?:stops?|stoppages?|downtime|outages?|shutdowns?|breakdowns?|repairs?|failures?|closures?)`,
		`(?:errors?|mistakes?|no-shows?|returns|delays?|downtime|outages?|cancellations?|chargebacks?|penalties|fines|write-?offs?|churn|typos)[^.!?;\n]{0,40}?\b(?:cost|costs|costing) (?:us|me)\b`,
		`(?:stops?|stopping|ceases?|ceasing) (?:\w+ ){0,1}?(?:support(?:ing)?|offering|doing|providing|maintaining|updating|making|working|to (?:support|offer|provide|do|work))`, `(?:ends|is ending|will end|discontinu\w*|drops?|dropping) (?:\w+ ){0,1}?support`,
		`(?:we|i) (?:won't|will not|will no longer|can no longer|would not|wouldn't) (?:be able to )?(?:invoice|bill|issue|ship|pay|process|sell|operate|open|print|serve|deliver|take (?:orders|bookings|payments))`,
		`(?:have to|has to|must|will need to) (?:\w+ ){0,1}?(?:replace|switch|migrate|move off|find a replacement)`,
		`(?:go|goes|going|went|gone|turn|turns|turned) cold`, `(?:gaps?|holes?) in (?:the |our |my )?(?:\w+ )?(?:schedule|rota|roster|coverage|planning|shifts?)`, `(?:uncovered|unfilled|unstaffed) (?:\w+ )?shifts?`, `from memory`,
		`los(?:e|es|ing|t) (?:\w+ ){0,3}?(?:deals?|contracts?|tenders?|bids?|accounts?|customers?|clients?|orders?)`, `burglar\w*`, `robbed`, `(?:was|were|got|been) broken into`, `(?:someone|somebody|thieves|burglars|they) (?:\w+ ){0,1}?broke into`,
		`(?:times|timed|timing) out`, `(?:terminals?|connections?|sessions?|readers?|scanners?|printers?|devices?|apps?|pages?|servers?|calls?|requests?|uploads?|payments?|logins?) (?:\w+ ){0,2}?time out`, `(?:was|were|went|has been|have been|is|are) (?:\w+ ){0,2}?(?:down|dead|offline) for`, `(?:gives|gave|giving|give) up the ghost`,
		`(?:answer|respond|reply|ship|deliver|pay|invoice)(?:s|ed|ing)? (?:(?:\w+ )?(?:always|often|too|very|constantly|usually|regularly) )?late(?:[^-\w]|$)`, `spread (?:across|over) (?:\d+|several|multiple|two|three|four|five|different)`,
		`(?:system|software|tool|setup|server|platform|program|app) (?:is|are) (?:\w+ ){0,2}?(?:outdated|ancient|obsolete|end of life)`,
	},
	LangGerman: {
		`(?:ungeplante?n?|unvorhergesehene?n?|unerwartete?n?|ungewollte?n?) [\pL-]*(?:stillst(?:ä|ae|a)nde?|ausf(?:ä|ae)lle|ausfall|ausfallzeiten|st(?:ö|oe)rungen|stopps?|reparaturen|abschaltungen|unterbrechungen)`,
		`[\pL-]*stillst(?:ä|ae)nde`,
		`(?:fehler|ausf(?:ä|ae)lle|retouren|r(?:ü|ue)cksendungen|verz(?:ö|oe)gerungen|stornos|stornierungen|no-shows|strafen|reklamationen)[^.!?;\n]{0,40}?\bkost(?:en|et|eten) (?:uns|mich)\b`,
		`(?:wird|werden|ist|sind) (?:\w+ ){0,3}?eingestellt`, `(?:k(?:ö|oe)nnen|kann) (?:wir|ich) (?:\w+ ){0,3}?(?:keine|nicht mehr) (?:\w+ ){0,2}?(?:rechnungen|fakturieren|abrechnen|liefern|verschicken|buchen|arbeiten|kassieren)`,
		`(?:m(?:ü|ue)ssen|muss) (?:\w+ ){0,3}?(?:ersetzen|abl(?:ö|oe)sen|wechseln|migrieren|umsteigen)`,
		`(?:termine?|buchung(?:en)?|zimmer|tische?|pl(?:ä|ae)tze?|auftr(?:ä|ae)ge?|rechnung(?:en)?|bestellung(?:en)?|lieferung(?:en)?|eintr(?:ä|ae)ge?|schichten|r(?:ä|ae)ume?|fahrzeuge?) doppelt`,
		`(?:werden|wird) (?:\w+ ){0,2}?kalt`, `erkalten`, `l(?:ü|ue)cken (?:im|in der|in unserem|in unserer|in den) \pL*(?:plan|pl(?:ä|ae)nen|besetzung|schicht\pL*)`, `unbesetzte?n? (?:schichten|dienste)`, `aus dem ged(?:ä|ae)chtnis`,
		`eingebrochen`, `einbr(?:u|ü|ue)ch\pL*`, `ausgeraubt`, `bestohlen`, `(?:ü|ue)berfallen`,
		`(?:war|waren|ist|sind|lag|lagen) (?:[\pL\w'.,-]+ ){0,4}?(?:tot|down|offline|lahmgelegt|au(?:ß|ss)er betrieb|ausgefallen)`, `den geist aufg\pL*`,
		`verteilt (?:auf|(?:ü|ue)ber) (?:\d+|mehrere|zwei|drei|vier|f(?:ü|ue)nf|verschiedene)`, `zu viel (?:\w+ )?(?:bezahlt|gezahlt|war|kostet)`,
		`\pL*(?:system|software|programm|anlage|tool|server|l(?:ö|oe)sung|technik) (?:ist|sind|wirkt) (?:\w+ ){0,2}?(?:veraltet|uralt|(?:ü|ue)berholt|am limit|in die jahre gekommen)`,
	},
	LangFrench: {
		`(?:arr(?:ê|e)ts?|pannes?|interruptions?|fermetures?|coupures?|immobilisations?)(?: de \w+)? (?:non (?:planifi|pr(?:é|e)vu|programm)|impr(?:é|e)vu)`,
		`(?:erreurs?|retours|retards?|pannes?|oublis|annulations?|absences?|litiges|p(?:é|e)nalit(?:é|e)s|impay(?:é|e)s|no-shows?)[^.!?;\n]{0,40}?(?:nous|me) co(?:û|u)t(?:e|ent|ait|aient)`,
		`(?:arr(?:ê|e)t|cess)(?:e|ent|era|eront|ait) (?:de |d')?(?:\w+ ){0,1}?(?:faire|fonctionner|proposer|assurer|maintenir|supporter|g(?:é|e)rer|fournir|vendre|commercialiser|le support|la maintenance|les mises (?:à|a) jour|son activit(?:é|e)|l'activit(?:é|e))`,
		`(?:doit|doivent|devons|devrons|devra) (?:\w+ ){0,2}?(?:remplacer|migrer|quitter|changer de)`, `(?:on|nous|je) (?:ne )?pourr(?:ons|a|ai) plus (?:\w+ )?(?:facturer|(?:é|e)mettre|payer|livrer|travailler|vendre|encaisser|exp(?:é|e)dier)`,
		`(?:se )?refroidiss(?:ent|ait|aient)`, `trous? dans (?:le |les |nos |notre |mon )?(?:planning|plannings|effectifs?|emploi du temps)`, `postes? non pourvus?`, `(?:gardes?|cr(?:é|e)neaux) non (?:couvert|pourvu)\pL*`, `de m(?:é|e)moire`, `retap\pL*`,
		`perd\pL* (?:\w+ ){0,3}?(?:contrats?|march(?:é|e)s|appels d'offres|clients?|ventes|commandes)`, `cambriol\pL*`, `braqu(?:é|e|age)\pL*`, `(?:on|ils) (?:nous )?a vol(?:é|e)`, `fait voler`,
		`(?:(?:é|e)tait|(?:é|e)taient|est rest(?:é|e)e?s?|a (?:é|e)t(?:é|e)|ont (?:é|e)t(?:é|e)) (?:\w+ ){0,2}?(?:en panne|hors service|hors ligne|inaccessibles?|plant(?:é|e)e?s?)`, `rend(?:u|ent|ra) l'(?:â|a)me`,
		`(?:r(?:é|e)pond|livr|pay|factur|rappel)\pL* (?:\w+ ){0,2}?(?:en retard|trop tard|avec retard)`, `r(?:é|e)parti\pL* (?:sur|entre) (?:\d+|plusieurs|deux|trois|quatre|cinq)`,
		`(?:syst(?:è|e)me|logiciel|outil|serveur|installation|progiciel) (?:\w+ ){0,2}?(?:est|sont) (?:\w+ ){0,1}?(?:obsol(?:è|e)te|vieillissant|d(?:é|e)pass(?:é|e)|(?:à|a) bout de souffle)`,
	},
	LangSpanish: {
		`(?:paradas|paros|detenciones|ca(?:í|i)das|cortes|aver(?:í|i)as|interrupciones|cierres)(?: de \w+)? (?:no (?:programad|planificad|previst)|imprevist|inesperad)`,
		`(?:errores|devoluciones|retrasos|aver(?:í|i)as|olvidos|cancelaciones|multas|ausencias|impagos|mermas)[^.!?;\n]{0,40}?(?:nos|me) (?:cuestan|cuesta|costaron|cost(?:ó|o)|est(?:á|a)n costando)`,
		`(?:paso|pasamos|pasan|pasa) (?:\w+ ){0,2}?(?:un|el|todo el|cada) fin de semana (?:entero|completo)`,
		`(?:deja|dejar(?:á|a)|dejan|dejar(?:á|a)n) de (?:funcionar|dar (?:soporte|servicio)|ofrecer|prestar|actualizar\pL*|mantener|vender|fabricar|llevar|hacer)`,
		`no (?:podremos|podr(?:é|e)|vamos a poder) (?:\w+ ){0,1}?(?:emitir|facturar|cobrar|pagar|enviar|vender|operar|trabajar|timbrar|despachar)`,
		`(?:tenemos|tiene|tienen|hay) que (?:\w+ ){0,1}?(?:cambiar|reemplazar|migrar|sustituir) (?:de |el |la |nuestro|nuestra|su )`,
		`por duplicado`, `(?:reserv|cit|turn|factur|cobr|pedid|carg)\pL* (?:\w+ ){0,2}?(?:dos veces|duplicad\pL*)`, `se (?:nos |les |me )?enfr(?:í|i)an?`, `se (?:nos |les )?quedan? fr(?:í|i)os?`,
		`huecos (?:en|del) (?:el |los |nuestro |la )?(?:cuadrante|turnos?|horarios?|planificaci(?:ó|o)n|agenda|calendario)`, `turnos? (?:sin cubrir|descubiertos?)`, `de memoria`,
		`(?:nos |me |les |le )?(?:han |ha )?robad[oa]s?`, `rob(?:aron|ó)`, `asalt(?:aron|ado)`, `atraco`,
		`(?:estuvo|estuvieron|qued(?:ó|o)|quedaron|pas(?:ó|o)) (?:\w+ ){0,2}?(?:ca(?:í|i)d[oa]s?|muert[oa]s?|fuera de servicio|sin servicio|sin funcionar|colgad[oa]s?)`,
		`(?:contest|respond|entreg|pag|factur)\pL* (?:siempre |muy |demasiado |casi siempre )?(?:tarde|con retraso)\b`, `repartid[oa]s? (?:en|entre) (?:\d+|varias|varios|dos|tres|cuatro|cinco|distintas|diferentes)`,
		`(?:sistema|software|programa|equipo|servidor|plataforma|herramienta) (?:\w+ ){0,2}?(?:est(?:á|a)|es) (?:\w+ ){0,1}?(?:obsolet[oa]|anticuad[oa]|desfasad[oa])`,
	},
}

// needDeclines are performance figures going down ("open rate dropped to
// 9 %", "die Öffnungsrate ist auf 9 % gesunken", "le taux de réponse est
// tombé à 61 %", "las ventas cayeron"); a bad figure going down is good
// news (see needGoodNews).
var needDeclines = map[string][]string{
	LangEnglish: {`(?:rates?|ratio|scores?|nps|conversions?|margins?|sales|revenue|turnover|attendance|retention|occupancy|productivity|satisfaction|ratings?|traffic|sign-?ups|renewals|footfall|visitors|visits|enrol\w*|bookings|orders|leads|applications|subscribers|members(?:hips?)?|customers|students|donations|downloads)[^.!?;\n]{0,40}?\b(?:dropped|fell|fallen|slipped|sank|sunk|plummeted|declined|decreased|(?:went|gone|is|are|been) down|tanked|halved|(?:has|have) been (?:falling|declining|dropping|shrinking))`},
	LangGerman:  {`[\pL-]*(?:quote|rate|ums(?:a|ä|ae)tze?|marge|auslastung|zufriedenheit|produktivit(?:ä|ae)t|bewertungen|buchungen|verk(?:ä|ae)ufe|anmeldungen|nps|besucher(?:zahlen)?|bestellungen|auftr(?:ä|ae)ge|anfragen|bewerbungen|kunden|mitglieder|spenden|frequenz)\b[^.!?;\n]{0,40}?(?:gesunken|gefallen|eingebrochen|zur(?:ü|ue)ckgegangen|abgesackt|gesackt|runtergegangen|halbiert|sinkt|sinken|f(?:ä|ae)llt|bricht (?:\w+ )?ein|brechen (?:\w+ )?ein)`},
	LangFrench:  {`(?:taux|chiffre d'affaires|marges?|ventes|conversions?|satisfaction|fr(?:é|e)quentation|remplissage|occupation|productivit(?:é|e)|notes?|nps|r(?:é|e)servations|inscriptions|audiences?|commandes|demandes|candidatures|visiteurs|visites|abonn(?:é|e)s|adh(?:é|e)rents|dons|clients)[^.!?;\n]{0,40}?(?:tomb(?:é|e)e?s?|chut(?:é|e)e?s?|a chut|chute|baiss(?:é|e)e?s?|a baiss|recul(?:é|e)|d(?:é|e)gringol(?:é|e)|en baisse|plong(?:é|e)|divis(?:é|e)e?s? par)`},
	LangSpanish: {`(?:tasa|ventas|facturaci(?:ó|o)n|conversi(?:ó|o)n|margen|m(?:á|a)rgenes|ocupaci(?:ó|o)n|satisfacci(?:ó|o)n|productividad|reservas|asistencia|nps|inscripciones|matr(?:í|i)culas|pedidos|visitas|clientes|solicitudes|suscriptores|socios|alumnos|donaciones)[^.!?;\n]{0,40}?(?:cay(?:ó|o|eron)|ca(?:í|i)do|baj(?:ó|aron|ado)|descendi(?:ó|o|eron)|se desplom\pL*|disminuy(?:ó|o|eron)|se redujo|se redujeron|en picada|a la mitad)`},
}

// needTimeCosts are the recurring time-cost construction by language: a
// verb of cost or loss (not "spend", as "we spend a day a month on
// training" is no pain), then in the rest of its clause, up to a comma, a
// duration and a recurrence in either order ("burn an hour every day",
// "verbrenne jeden Tag ne Stunde"). A duration alone ("the demo takes an
// hour") or a recurrence alone ("we invoice every Friday") is no pain.
// The three parts are matched separately (see needTimeCostCues), as one
// expression with two lazy gaps made Extract 10 % slower.
var needTimeCosts = map[string][3]string{
	LangEnglish: {
		`(?:takes?|took|taking|costs?|costing|eats?|eating|burns?|burning|burned|burnt|lose|loses|losing|waste|wastes|wasting)`,
		`(?:\d+ ?(?:h|hrs?|hours?|minutes|mins)|an hour|one hour|half an hour|(?:two|three|four|five|several) hours|(?:a|the|my|our|whole|entire) (?:\w+ )?(?:evening|morning|afternoon|weekend|night|day|week)|(?:two|three|four|several|\d+) (?:days|evenings|mornings|afternoons|weekends|nights|weeks|saturdays|sundays|fridays|mondays))`,
		`(?:every|each|a|per) (?:single )?(?:day|evening|morning|night|week|weekend|month|shift|friday|monday|sunday|saturday|quarter|year|season)`,
	},
	LangGerman: {
		`(?:verbrenn|verplemper|verlier|kost|fri(?:ss|ß)t|fressen|drauf|dauer)\pL*`,
		`(?:(?:eine?n?|ne|\d+|zwei|drei|vier|f(?:ü|ue)nf|halbe?n?|ganze?n?|(?:ein )?paar) (?:stunden?|std|tage?|abende?|vormittage?|nachmittage?|wochenenden?|samstage?|sonntage?|wochen?)|\d+ ?h)`,
		`(?:jede[nrs]? \pL+|pro (?:tag|woche|monat|abend|schicht)|t(?:ä|ae)glich|w(?:ö|oe)chentlich|abends|jedes mal|am wochenende|\pL+(?:abends|morgens))`,
	},
	LangFrench: {
		`(?:prend|prennent|co(?:û|u)te|co(?:û|u)tent|perds|perdons|perd|bouffe|mange|dure|durent)`,
		`(?:\d+ ?h\b|\d+ ?heures?|\d+ ?minutes|une heure|(?:une |la )?demi-heure|(?:deux|trois|quatre|plusieurs) heures|(?:une|la|toute la|ma|mes|nos) (?:soir(?:é|e)es?|matin(?:é|e)es?|journ(?:é|e)es?)|(?:le|un|mon|nos|tout le|mes) week-ends?|(?:une|deux|trois|\d+) semaines?)`,
		`(?:chaque|tous les|toutes les|par) \pL+|le soir|le matin|le week-end|le vendredi|le lundi`,
	},
	LangSpanish: {
		`(?:(?:me|nos|les|le) (?:lleva|llevan|come|comen|quita|quitan|cuesta|cuestan)|pierdo|perdemos|pierden)`,
		`(?:\d+ ?h\b|\d+ ?horas?|\d+ ?minutos|una hora|media hora|(?:dos|tres|cuatro|varias) horas|(?:un|el|todo el|cada) fin de semana|(?:una|la|toda la|media) (?:tarde|ma(?:ñ|n)ana|noche|jornada)|(?:un|el) d(?:í|i)a (?:entero|completo))`,
		`(?:cada|todos los|todas las|por|al|a la) \pL+|los (?:lunes|viernes|domingos|findes|s(?:á|a)bados)`,
	},
}

// needTimeCostWindow is how far after its verb a time cost's duration and
// recurrence may lie.
const needTimeCostWindow = 60

// needTimeCostCues returns the time costs of d (see needTimeCosts) as
// story cues, each from its verb to the end of the window read.
func needTimeCostCues(d *doc, p *needPatterns) []needCue {
	if p.timeVerb == nil {
		return nil
	}
	var out []needCue
	for _, m := range p.timeVerb.findAll(d) {
		hi := min(d.clauseEnd(m[1]), m[1]+needTimeCostWindow)
		if c := strings.IndexAny(d.lower[m[1]:hi], ",;:"); c >= 0 {
			hi = m[1] + c
		}
		if hi > m[1] && p.timeDur.matchesIn(d, m[1], hi) && p.timeRec.matchesIn(d, m[1], hi) {
			out = append(out, needCue{start: m[0], end: hi, clause: d.clauseIndex(m[0]), tier: needTimeCostTier, conf: needTierConf[needTimeCostTier]})
		}
	}
	return out
}

// needTimeCostTier is the tier of a time cost: a story.
const needTimeCostTier = needTierStory

// needTimeCostPart compiles one part of a time cost, standing on word
// edges (Go's \b knows no "é").
func needTimeCostPart(e string) *pattern {
	return mustPattern(`(?:^|[^\pL\w])(?:` + e + `)(?:[^\pL\w]|$)`)
}

// needRenewals are contracts and licences running out. A renewal makes a
// need only when nothing in the text says the writer is content: "our
// contract ends in June and we must have a replacement live" is a need,
// "we're happy with our system, but the licence expires, so I'm comparing"
// is exploring.
var needRenewals = map[string][]string{
	LangEnglish: {
		`(?:contract|license|licence|subscription|lease|agreement|certificate)s? (?:\w+ ){0,3}?(?:ends?|expires?|runs? out|is ending|is expiring|ran out|is up for renewal|comes up for renewal)`,
	},
	LangGerman: {
		`l(?:ä|ae)uft (?:[\pL\w'.,-]+ ){0,3}?aus`, `auslaufen`, `\pL*(?:vertrag|lizenz|lizenzen|abo) (?:[\pL\w'.,-]+ ){0,3}?(?:endet|enden)`,
		`\pL*(?:lizenz|lizenzen|zertifikat|zertifikate) (?:[\pL\w'.,-]+ ){0,3}?(?:l(?:ä|ae)uft|laufen) (?:[\pL\w'.,-]+ ){0,2}?ab`,
	},
	LangFrench: {
		`fin (?:de|du) (?:contrat|licence|l'abonnement|bail)`, `(?:contrat|licence|abonnement|bail|certificat)s? (?:\w+ ){0,3}?(?:expire|arrive (?:à|a) (?:(?:é|e)ch(?:é|e)ance|terme)|se termine|prend fin)`,
		`(?:licences?|abonnements?|contrats?|certificats?|les n(?:ô|o)tres|ils|elles) (?:\w+ ){0,2}?expir\pL*`,
	},
	LangSpanish: {
		`(?:se|nos) (?:nos )?venci(?:ó|o)`, `vencen?`, `(?:contrato|licencia|suscripci(?:ó|o)n|certificado)s? (?:\w+ ){0,3}?(?:termina|acaba|expira|caduca)n?`, `caducan?`,
	},
}

// needRenewWithUs, in a renewal's sentence, say the writer means to
// renew with us: an existing customer's logistics, not a need.
var needRenewWithUs = []string{"with you", "with your", "bei ihnen", "bei euch", "mit ihnen", "mit euch", "avec vous", "chez vous", "con ustedes", "con vosotros", "con uds"}

// needRenewingWithUs reports that the clause of the renewal at p renews
// it with us.
func needRenewingWithUs(d *doc, p int) bool {
	c := d.clauseSpan(d.clauseIndex(p))
	s := d.lower[c[0]:c[1]]
	return containsAny(s, []string{"renew", "renouvel", "verlänger", "verlaenger", "renova", "renueva", "contract with you", "contrato con ustedes", "contrat avec vous", "vertrag mit ihnen", "vertrag mit euch"}) && containsAny(s, needRenewWithUs)
}

// needCurious are ways of saying the writer wants to understand the market
// or our offer, or is listing tools for someone: exploring, unless what
// follows in the clause asks for a price ("I'd like to understand what it
// costs" asks for a quote and states nothing).
var needCurious = map[string][]string{
	LangEnglish: {
		`(?:understand|learn|hear|see|find out) (?:\w+ ){0,2}?(?:what(?:'s| is)? out there|what (?:your|you)|how (?:your|you|it|this) (?:\w+ )?(?:works?|compares?|handles?))`, `(?:like|love|want)(?:ed)? to (?:hear|learn|know) (?:more )?about`,
		`(?:a|the|my) (?:short ?)?list of (?:\w+ ){0,2}?(?:tools|vendors|options|solutions|providers|platforms|apps|software)`, `not (?:\w+ ){0,1}?look(?:ing|in'?) to (?:change|buy|switch|replace)`, `anytime soon`,
		`get(?:ting)? a (?:feel|sense|rough idea|idea|picture|overview) (?:for|of)`, `looking at (?:\w+ ){0,3}?(?:tools|options|solutions|vendors|platforms|systems|providers|software)`,
		`if (?:you(?:'re| are)|it(?:'s| is|'d be| would be)) cheaper`, `(?:personal|side|pet|hobby) project`, `(?:thesis|dissertation|coursework|school project|research paper|term paper) (?:on|about)`,
	},
	LangGerman: {
		`(?:w(?:ü|ue)rde|w(?:ü|ue)rden) (?:mich|uns) (?:\w+ ){0,1}?interessieren`, `(?:mich|uns) (?:w(?:ü|ue)rde|w(?:ü|ue)rden) (?:\w+ ){0,1}?interessieren`, `interessiert (?:mich|uns) (?:\w+ ){0,1}?(?:was|wie|ob)`, `(?:lese|lesen) (?:\w+ ){0,1}?(?:mich|uns) (?:\w+ ){0,2}?ein`,
		`(?:markt|angebot|optionen) (?:\w+ ){0,1}?verstehen`, `verstehen,? (?:was|wie)`, `liste (?:von|mit|der|an) (?:\w+ ){0,2}?(?:tools|anbietern|l(?:ö|oe)sungen|systemen|programmen|herstellern)`,
		`(?:nix|nichts) (?:\w+ ){0,1}?(?:(?:ä|ae)ndern|wechseln|kaufen|umstellen)`,
		`gef(?:ü|ue)hl f(?:ü|ue)r`, `einen eindruck`, `geplant (?:ist )?(?:noch )?nichts`, `nichts (?:\w+ ){0,1}?geplant`, `(?:wenn|falls) (?:\w+ ){0,3}?g(?:ü|ue)nstiger`,
		`(?:privates?|eigenes?|kleines?) (?:hobby)?projekt`, `hobbyprojekt`, `(?:bachelor|master|abschluss|seminar|studien|haus)arbeit (?:über|ueber|zu|zum|zur)`,
	},
	LangFrench: {
		`(?:comprendre|d(?:é|e)couvrir) (?:\w+ ){0,1}?(?:votre|vos|comment|ce que|ce qui)`, `observ(?:e|ons|er) (?:\w+ ){0,1}?march(?:é|e)`, `lister (?:\w+ ){0,2}?(?:outils|solutions|logiciels|fournisseurs|prestataires|applis|applications)`,
		`liste (?:des|de|d') (?:\w+ ){0,1}?(?:outils|solutions|logiciels|fournisseurs|prestataires)`,
		`(?:me|nous) faire une id(?:é|e)e`, `si (?:\w+ ){0,2}?moins cher`, `projet (?:\w+ )?perso(?:nnel)?`, `(?:un|mon|notre|ma) (?:m(?:é|e)moire|th(?:è|e)se) (?:sur|de)`, `sans besoin (?:pr(?:é|e)cis|particulier|concret|imm(?:é|e)diat|r(?:é|e)el)`,
	},
	LangSpanish: {
		`(?:entender|conocer|saber|descubrir) (?:\w+ ){0,1}?(?:c(?:ó|o)mo (?:funciona|trabajan)|qu(?:é|e) (?:hay|ofrecen|incluye|existe))`, `qu(?:é|e) hay de nuevo`, `investig(?:o|amos|ar)`,
		`compar(?:ar|o|amos) (?:\w+ ){0,1}?(?:precios|proveedores|opciones|herramientas|soluciones|ofertas)`, `evaluando (?:\w+ ){0,1}?(?:proveedores|opciones|alternativas|herramientas|soluciones)`, `relevamiento`, `nada concreto`,
		`lista de (?:\w+ ){0,1}?(?:herramientas|proveedores|soluciones|programas|opciones)`, `con (?:\w+ ){0,4}?(?:me|nos) alcanza`,
		`hacer(?:me|nos) una idea`, `si (?:\w+ ){0,2}?m(?:á|a)s barat[oa]`, `proyecto personal`, `tf[gm]`, `(?:tesis|trabajo de fin de (?:grado|m(?:á|a)ster)|trabajo pr(?:á|a)ctico) sobre`,
	},
}

// needPriceWords, starting a word right after a curious statement, ask
// what something costs ("what it costs", "was es kostet", "combien ça
// coûte", "cuánto cuesta"), which makes the statement a price request;
// researching prices ("getting a feel for prices") is still exploring.
// needFreeWords start with a price word but ask for nothing ("kostenlos").
var (
	needPriceWords = []string{"cost", "kostet", "coûte", "coute", "combien", "cuesta", "cuánto", "cuanto", "wieviel"}
	needFreeWords  = []string{"kostenlos", "kostenfrei", "costless"}
)

// needAskWords, right after a comma, continue a question rather than start
// a new statement.
var needAskWords = map[string]bool{
	"what": true, "how": true, "whether": true, "if": true, "was": true, "wie": true, "ob": true, "wieviel": true,
	"ce": true, "combien": true, "si": true, "comment": true, "qué": true, "que": true, "cuánto": true, "cuanto": true, "cómo": true, "como": true,
}

// needCuriousAt reports whether the exploratory statement at [start, end)
// is exploration rather than a price request: no price word follows it in
// its clause, up to a comma that starts a new statement.
func needCuriousAt(d *doc, start, end int) bool {
	hi := min(d.clauseEnd(end), end+50)
	if hi <= end {
		return true
	}
	for off := end; off < hi; {
		c := strings.IndexAny(d.lower[off:hi], ",;")
		if c < 0 {
			break
		}
		next := strings.Fields(d.lower[off+c+1 : hi])
		if len(next) == 0 || !needAskWords[next[0]] {
			hi = off + c // "we need no new system, just wanted the prices" says both
			break
		}
		off += c + 1 // "mich würde interessieren, was es kostet" asks for a price
	}
	for _, w := range strings.FieldsFunc(d.lower[start:hi], func(r rune) bool { return r == ' ' || r == ',' || r == '\'' || r == '?' }) {
		if needHasPrefix(w, needMarketWords) {
			return true // "was es da gibt und was Ihre Lösung kostet": the market first, then a price
		}
		if needHasPrefix(w, needPriceWords) && !needHasPrefix(w, needFreeWords) {
			return false
		}
	}
	return true
}

// needMarketWords, after a curious statement and before any price word,
// make it curiosity about the market, which a price question added
// afterwards does not turn into a request ("what's out there and what it
// costs", "was es gibt und was es kostet", "ce qui existe", "qué hay").
var needMarketWords = []string{"gibt", "existe", "exist", "there", "market", "markt", "marché", "marche", "mercado", "hay"}

// needHasPrefix reports whether s starts with one of prefixes.
func needHasPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// needStoryEntries returns lang's story constructions with its
// consequences.
func needStoryEntries(lang string) []string {
	return slices.Concat(needStories[lang], needConsequences[lang])
}

// needCuriousMatch returns the first curious statement of d in langs that
// is not negated and not a price request, or nil.
func needCuriousMatch(d *doc, langs []*needPatterns) *Need {
	for _, p := range langs {
		if p.curious == nil {
			continue
		}
		for _, m := range p.curious.findAll(d) {
			if needNegationAt(d, m[0]) < 0 && needCuriousAt(d, m[0], m[1]) {
				return &Need{Confidence: needExploreConf, Evidence: d.snippet(m[0], m[1])}
			}
		}
	}
	return nil
}

// needDeclineWords say a figure went down; needBadFigures name figures
// whose fall is good news ("our error rate dropped to 1 %", "die
// Reklamationsquote ist gesunken", "las quejas bajaron").
var (
	needDeclineWords = []string{"drop", "fell", "fallen", "slipped", "sank", "sunk", "plummet", "declin", "decreas", "down", "tank", "halved",
		"gesunken", "gefallen", "eingebrochen", "zurückgegangen", "zurueckgegangen", "gesackt", "halbiert", "sinkt", "sinken", "fällt", "faellt",
		"tomb", "chut", "baiss", "recul", "dégringol", "degringol", "plong", "divis",
		"cay", "caído", "caido", "baj", "descend", "desplom", "disminu", "redujo", "redujeron", "picada", "mitad"}
	needBadFigures = []string{"error", "mistake", "complaint", "churn", "cancel", "return", "no-show", "downtime", "outage", "cost", "defect", "incident", "absence", "turnover",
		"fehler", "reklamation", "beschwerde", "storn", "kündig", "kuendig", "retour", "ausfall", "kosten", "krank", "fluktuation",
		"erreur", "réclamation", "reclamation", "plainte", "annulation", "retour", "panne", "coût", "cout", "absent", "désabonn", "desabonn",
		"errores", "queja", "reclamo", "cancelac", "devoluc", "avería", "averia", "costo", "coste", "ausenti", "baja"}
)

// needGoodNews reports that the falling figure s is a bad thing, whose
// fall is no pain.
func needGoodNews(s string) bool {
	return containsAny(s, needDeclineWords) && containsAny(s, needBadFigures)
}
