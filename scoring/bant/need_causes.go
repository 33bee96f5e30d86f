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
//   - a performance figure going down: "open rate dropped to 9 %", "die
//     Öffnungsrate ist auf 9 % gesunken", "le taux de réponse est tombé à
//     61 %", "las ventas cayeron";
//   - trouble that costs money: "errors cost us 40k a year in returns",
//     "les erreurs nous coûtent", "los errores nos cuestan";
//   - a personal time cost that recurs: an effort verb, a duration and a
//     recurrence in one clause ("burns an hour every day", "verbrenne jeden
//     Tag ne Stunde", "ça me prend 1h chaque soir", "me lleva dos horas
//     cada viernes");
//   - a supplier that stops (doing) what the writer relies on, and what
//     they then cannot do ("our accountant stops doing payroll", "cesse le
//     support", "deja de funcionar", "no podremos emitir facturas");
//   - items booked or entered twice, leads going cold, gaps in a rota.
//
// They are story cues (needTierStory): a pain alone, dropped when negated
// or solved like every other cue.

// needConsequences are the constructions above, by language.
var needConsequences = map[string][]string{
	LangEnglish: {
		`(?:unplanned|unscheduled|unexpected) (?:\w+ ){0,1}?(?:stops?|stoppages?|downtime|outages?|shutdowns?|breakdowns?|repairs?|failures?|closures?)`,
		`(?:rates?|ratio|scores?|nps|conversions?|margins?|sales|revenue|turnover|attendance|retention|occupancy|productivity|satisfaction|ratings?|traffic|sign-?ups|renewals)[^.!?;\n]{0,40}?\b(?:dropped|fell|fallen|slipped|sank|sunk|plummeted|declined|decreased|(?:went|gone|is|are) down|tanked|halved)`,
		`(?:errors?|mistakes?|no-shows?|returns|delays?|downtime|outages?|cancellations?|chargebacks?|penalties|fines|write-?offs?|churn|typos)[^.!?;\n]{0,40}?\b(?:cost|costs|costing) (?:us|me)\b`,
		needTimeCost(`(?:takes?|took|taking|costs?|costing|eats?|eating|burns?|burning|burned|burnt|spend|spends|spending|spent|lose|loses|losing|waste|wastes|wasting)`,
			`(?:\d+ ?(?:h|hrs?|hours?|minutes|mins)|an hour|one hour|half an hour|(?:two|three|four|five|several) hours|(?:a|the|my|our|whole|entire) (?:\w+ )?(?:evening|morning|afternoon|weekend|night|day))`,
			`(?:every|each|a|per) (?:single )?(?:day|evening|morning|night|week|weekend|month|shift|friday|monday|sunday|saturday)`),
		`(?:stops?|stopping|ceases?|ceasing) (?:\w+ ){0,1}?(?:support(?:ing)?|offering|doing|providing|maintaining|updating|making|working|to (?:support|offer|provide|do|work))`, `(?:ends|is ending|will end|discontinu\w*|drops?|dropping) (?:\w+ ){0,1}?support`,
		`(?:we|i) (?:won't|will not|will no longer|can no longer|would not|wouldn't) (?:be able to )?(?:invoice|bill|issue|ship|pay|process|sell|operate|open|print|serve|deliver|take (?:orders|bookings|payments))`,
		`(?:have to|has to|must|will need to) (?:\w+ ){0,1}?(?:replace|switch|migrate|move off|find a replacement)`,
		`(?:go|goes|going|went|gone|turn|turns|turned) cold`, `(?:gaps?|holes?) in (?:the |our |my )?(?:\w+ )?(?:schedule|rota|roster|coverage|planning|shifts?)`, `(?:uncovered|unfilled|unstaffed) (?:\w+ )?shifts?`, `from memory`,
	},
	LangGerman: {
		`(?:ungeplante?n?|unvorhergesehene?n?|unerwartete?n?|ungewollte?n?) [\pL-]*(?:stillst(?:ä|ae|a)nde?|ausf(?:ä|ae)lle|ausfall|ausfallzeiten|st(?:ö|oe)rungen|stopps?|reparaturen|abschaltungen|unterbrechungen)`,
		`[\pL-]*stillst(?:ä|ae)nde`,
		`[\pL-]*(?:quote|rate|ums(?:a|ä|ae)tze?|marge|auslastung|zufriedenheit|produktivit(?:ä|ae)t|bewertungen|buchungen|verk(?:ä|ae)ufe|anmeldungen|nps)\b[^.!?;\n]{0,40}?(?:gesunken|gefallen|eingebrochen|zur(?:ü|ue)ckgegangen|abgesackt|gesackt|runtergegangen|halbiert|sinkt|sinken|f(?:ä|ae)llt|bricht (?:\w+ )?ein|brechen (?:\w+ )?ein)`,
		`(?:fehler|ausf(?:ä|ae)lle|retouren|r(?:ü|ue)cksendungen|verz(?:ö|oe)gerungen|stornos|stornierungen|no-shows|strafen|reklamationen)[^.!?;\n]{0,40}?\bkost(?:en|et|eten) (?:uns|mich)\b`,
		needTimeCost(`(?:verbrenn|verbring|verplemper|verlier|brauch|sitz|kost|fri(?:ss|ß)t|fressen|geht|gehen|dauert|investier)\pL*`,
			`(?:(?:eine?n?|ne|\d+|zwei|drei|vier|f(?:ü|ue)nf|halbe?n?|ganze?n?|(?:ein )?paar) (?:stunden?|std|tage?|abende?|vormittage?|nachmittage?|wochenenden?|samstage?|sonntage?)|\d+ ?h)`,
			`(?:jede[nrs]? \pL+|pro (?:tag|woche|monat|abend|schicht)|t(?:ä|ae)glich|w(?:ö|oe)chentlich|abends|jedes mal|am wochenende|\pL+(?:abends|morgens))`),
		`(?:wird|werden|ist|sind) (?:\w+ ){0,3}?eingestellt`, `(?:k(?:ö|oe)nnen|kann) (?:wir|ich) (?:\w+ ){0,3}?(?:keine|nicht mehr) (?:\w+ ){0,2}?(?:rechnungen|fakturieren|abrechnen|liefern|verschicken|buchen|arbeiten|kassieren)`,
		`(?:m(?:ü|ue)ssen|muss) (?:\w+ ){0,3}?(?:ersetzen|abl(?:ö|oe)sen|wechseln|migrieren|umsteigen)`,
		`(?:termine?|buchung(?:en)?|zimmer|tische?|pl(?:ä|ae)tze?|auftr(?:ä|ae)ge?|rechnung(?:en)?|bestellung(?:en)?|lieferung(?:en)?|eintr(?:ä|ae)ge?|schichten|r(?:ä|ae)ume?|fahrzeuge?) doppelt`,
		`(?:werden|wird) (?:\w+ ){0,2}?kalt`, `erkalten`, `l(?:ü|ue)cken (?:im|in der|in unserem|in unserer|in den) \pL*(?:plan|pl(?:ä|ae)nen|besetzung|schicht\pL*)`, `unbesetzte?n? (?:schichten|dienste)`, `aus dem ged(?:ä|ae)chtnis`,
	},
	LangFrench: {
		`(?:arr(?:ê|e)ts?|pannes?|interruptions?|fermetures?|coupures?|immobilisations?)(?: de \w+)? (?:non (?:planifi|pr(?:é|e)vu|programm)|impr(?:é|e)vu)`,
		`(?:taux|chiffre d'affaires|marges?|ventes|conversions?|satisfaction|fr(?:é|e)quentation|remplissage|occupation|productivit(?:é|e)|notes?|nps|r(?:é|e)servations|inscriptions|audiences?)[^.!?;\n]{0,40}?(?:tomb(?:é|e)e?s?|chut(?:é|e)e?s?|a chut|chute|baiss(?:é|e)e?s?|a baiss|recul(?:é|e)|d(?:é|e)gringol(?:é|e)|en baisse|plong(?:é|e)|divis(?:é|e)e?s? par)`,
		`(?:erreurs?|retours|retards?|pannes?|oublis|annulations?|absences?|litiges|p(?:é|e)nalit(?:é|e)s|impay(?:é|e)s|no-shows?)[^.!?;\n]{0,40}?(?:nous|me) co(?:û|u)t(?:e|ent|ait|aient)`,
		needTimeCost(`(?:prend|prennent|co(?:û|u)te|co(?:û|u)tent|perds|perdons|perd|passe|passons|passent|y passe|bouffe|mange)`,
			`(?:\d+ ?h\b|\d+ ?heures?|\d+ ?minutes|une heure|(?:une |la )?demi-heure|(?:deux|trois|quatre|plusieurs) heures|(?:une|la|toute la|ma|mes|nos) (?:soir(?:é|e)es?|matin(?:é|e)es?|journ(?:é|e)es?)|(?:le|un|mon|nos|tout le|mes) week-ends?)`,
			`(?:chaque|tous les|toutes les|par) \pL+|le soir|le matin|le week-end|le vendredi|le lundi`),
		`(?:arr(?:ê|e)t|cess)(?:e|ent|era|eront|ait) (?:de |d')?(?:\w+ ){0,1}?(?:faire|fonctionner|proposer|assurer|maintenir|supporter|g(?:é|e)rer|fournir|vendre|commercialiser|le support|la maintenance|les mises (?:à|a) jour|son activit(?:é|e)|l'activit(?:é|e))`,
		`(?:doit|doivent|devons|devrons|devra) (?:\w+ ){0,2}?(?:remplacer|migrer|quitter|changer de)`, `(?:on|nous|je) (?:ne )?pourr(?:ons|a|ai) plus (?:\w+ )?(?:facturer|(?:é|e)mettre|payer|livrer|travailler|vendre|encaisser|exp(?:é|e)dier)`,
		`(?:se )?refroidiss(?:ent|ait|aient)`, `trous? dans (?:le |les |nos |notre |mon )?(?:planning|plannings|effectifs?|emploi du temps)`, `postes? non pourvus?`, `(?:gardes?|cr(?:é|e)neaux) non (?:couvert|pourvu)\pL*`, `de m(?:é|e)moire`, `retap\pL*`,
	},
	LangSpanish: {
		`(?:paradas|paros|detenciones|ca(?:í|i)das|cortes|aver(?:í|i)as|interrupciones|cierres)(?: de \w+)? (?:no (?:programad|planificad|previst)|imprevist|inesperad)`,
		`(?:tasa|ventas|facturaci(?:ó|o)n|conversi(?:ó|o)n|margen|m(?:á|a)rgenes|ocupaci(?:ó|o)n|satisfacci(?:ó|o)n|productividad|reservas|asistencia|nps|inscripciones)[^.!?;\n]{0,40}?(?:cay(?:ó|o|eron)|ca(?:í|i)do|baj(?:ó|aron|ado)|descendi(?:ó|o|eron)|se desplom\pL*|disminuy(?:ó|o|eron)|se redujo|se redujeron|en picada|a la mitad)`,
		`(?:errores|devoluciones|retrasos|aver(?:í|i)as|olvidos|cancelaciones|multas|ausencias|impagos|mermas)[^.!?;\n]{0,40}?(?:nos|me) (?:cuestan|cuesta|costaron|cost(?:ó|o)|est(?:á|a)n costando)`,
		needTimeCost(`(?:(?:me|nos|les|le) (?:lleva|llevan|come|comen|quita|quitan|cuesta|cuestan|paso|pasamos)|pierdo|perdemos|pierden|paso|pasamos|pasan|dedico|dedicamos|dedican|gasto|gastamos)`,
			`(?:\d+ ?h\b|\d+ ?horas?|\d+ ?minutos|una hora|media hora|(?:dos|tres|cuatro|varias) horas|(?:un|el|todo el|cada) fin de semana|(?:una|la|toda la|media) (?:tarde|ma(?:ñ|n)ana|noche|jornada)|(?:un|el) d(?:í|i)a (?:entero|completo))`,
			`(?:cada|todos los|todas las|por|al|a la) \pL+|los (?:lunes|viernes|domingos|findes|s(?:á|a)bados)`),
		`(?:paso|pasamos|pasan|pasa) (?:\w+ ){0,2}?(?:un|el|todo el|cada) fin de semana (?:entero|completo)?`,
		`(?:deja|dejar(?:á|a)|dejan|dejar(?:á|a)n) de (?:funcionar|dar (?:soporte|servicio)|ofrecer|prestar|actualizar\pL*|mantener|vender|fabricar|llevar|hacer)`,
		`no (?:podremos|podr(?:é|e)|vamos a poder) (?:\w+ ){0,1}?(?:emitir|facturar|cobrar|pagar|enviar|vender|operar|trabajar|timbrar|despachar)`,
		`(?:tenemos|tiene|tienen|hay) que (?:\w+ ){0,1}?(?:cambiar|reemplazar|migrar|sustituir) (?:de |el |la |nuestro|nuestra|su )`,
		`por duplicado`, `(?:reserv|cit|turn|factur|cobr|pedid|carg)\pL* (?:\w+ ){0,2}?(?:dos veces|duplicad\pL*)`, `se (?:nos |les |me )?enfr(?:í|i)an?`, `se (?:nos |les )?quedan? fr(?:í|i)os?`,
		`huecos (?:en|del) (?:el |los |nuestro |la )?(?:cuadrante|turnos?|horarios?|planificaci(?:ó|o)n|agenda|calendario)`, `turnos? (?:sin cubrir|descubiertos?)`, `de memoria`,
	},
}

// needTimeCost builds the recurring time-cost construction: an effort
// verb, then in the same clause a duration and a recurrence in either
// order ("burn an hour every day", "verbrenne jeden Tag ne Stunde"). A
// duration alone ("the demo takes an hour") or a recurrence alone ("we
// invoice every Friday") is no pain.
func needTimeCost(verb, dur, rec string) string {
	const gap = `[^.!?;,\n]{0,40}?[ ']` // ends before a word, as Go's \b knows no "é"
	dur, rec = `(?:`+dur+`)`, `(?:`+rec+`)`
	return verb + gap + `(?:` + dur + gap + rec + `|` + rec + gap + dur + `)`
}

// needRenewals are contracts and licences running out. A renewal makes a
// need only when nothing in the text says the writer is content: "our
// contract ends in June and we must have a replacement live" is a need,
// "we're happy with our system, but the licence expires, so I'm comparing"
// is exploring.
var needRenewals = map[string][]string{
	LangEnglish: {`(?:contract|license|licence|subscription|lease|agreement) (?:\w+ ){0,3}?(?:ends|expires|runs out|is ending|is expiring|ran out|renews|is up for renewal|comes up for renewal)`},
	LangGerman:  {`l(?:ä|ae)uft (?:\w+ ){0,3}?aus`, `auslaufen`, `(?:vertrag|lizenz|abo) (?:\w+ ){0,3}?(?:endet|verl(?:ä|ae)ngert sich)`},
	LangFrench:  {`fin de (?:contrat|licence|l'abonnement|bail)`, `(?:contrat|licence|abonnement) (?:\w+ ){0,3}?(?:expire|arrive (?:à|a) (?:(?:é|e)ch(?:é|e)ance|terme)|se termine|prend fin)`},
	LangSpanish: {`(?:se|nos) (?:nos )?venci(?:ó|o)`, `vence`, `(?:contrato|licencia|suscripci(?:ó|o)n) (?:\w+ ){0,3}?(?:termina|acaba|expira|caduca|se renueva)`},
}

// needCurious are ways of saying the writer wants to understand the market
// or our offer, or is listing tools for someone: exploring, unless what
// follows in the clause asks for a price ("I'd like to understand what it
// costs" asks for a quote and states nothing).
var needCurious = map[string][]string{
	LangEnglish: {
		`(?:understand|learn|hear|see|find out) (?:\w+ ){0,2}?(?:what(?:'s| is)? out there|what (?:your|you)|how (?:your|you|it|this) (?:\w+ )?(?:works?|compares?|handles?))`, `(?:like|love|want)(?:ed)? to (?:hear|learn|know) (?:more )?about`,
		`(?:a|the|my) (?:short ?)?list of (?:\w+ ){0,2}?(?:tools|vendors|options|solutions|providers|platforms|apps|software)`, `not (?:\w+ ){0,1}?look(?:ing|in'?) to (?:change|buy|switch|replace)`, `anytime soon`,
	},
	LangGerman: {
		`(?:w(?:ü|ue)rde|w(?:ü|ue)rden) (?:mich|uns) (?:\w+ ){0,1}?interessieren`, `(?:mich|uns) (?:w(?:ü|ue)rde|w(?:ü|ue)rden) (?:\w+ ){0,1}?interessieren`, `interessiert (?:mich|uns) (?:\w+ ){0,1}?(?:was|wie|ob)`, `(?:lese|lesen) (?:\w+ ){0,1}?(?:mich|uns) (?:\w+ ){0,2}?ein`,
		`(?:markt|angebot|optionen) (?:\w+ ){0,1}?verstehen`, `verstehen,? (?:was|wie)`, `liste (?:von|mit|der|an) (?:\w+ ){0,2}?(?:tools|anbietern|l(?:ö|oe)sungen|systemen|programmen|herstellern)`,
		`(?:nix|nichts) (?:\w+ ){0,1}?(?:(?:ä|ae)ndern|wechseln|kaufen|umstellen)`,
	},
	LangFrench: {
		`(?:comprendre|d(?:é|e)couvrir) (?:\w+ ){0,1}?(?:votre|vos|comment|ce que|ce qui)`, `observ(?:e|ons|er) (?:\w+ ){0,1}?march(?:é|e)`, `lister (?:\w+ ){0,2}?(?:outils|solutions|logiciels|fournisseurs|prestataires|applis|applications)`,
		`liste (?:des|de|d') (?:\w+ ){0,1}?(?:outils|solutions|logiciels|fournisseurs|prestataires)`, `sans besoin (?:pr(?:é|e)cis|particulier|concret|imm(?:é|e)diat|r(?:é|e)el)`,
	},
	LangSpanish: {
		`(?:entender|conocer|saber|descubrir) (?:\w+ ){0,1}?(?:c(?:ó|o)mo (?:funciona|trabajan)|qu(?:é|e) (?:hay|ofrecen|incluye|existe))`, `qu(?:é|e) hay de nuevo`, `investig(?:o|amos|ar)`,
		`compar(?:ar|o|amos) (?:\w+ ){0,1}?(?:precios|proveedores|opciones|herramientas|soluciones|ofertas)`, `evaluando (?:\w+ ){0,1}?(?:proveedores|opciones|alternativas|herramientas|soluciones)`, `relevamiento`, `nada concreto`,
		`lista de (?:\w+ ){0,1}?(?:herramientas|proveedores|soluciones|programas|opciones)`, `(?:me|nos) alcanza`,
	},
}

// needPriceWords, starting a word right after a curious statement, make it
// a request for a price ("what it costs", "was es kostet", "combien ça
// coûte"); needFreeWords are the price words that ask for nothing
// ("kostenlos").
var (
	needPriceWords = []string{"cost", "price", "pricing", "kostet", "kosten", "preis", "prix", "tarif", "coût", "cout", "combien", "precio", "cuesta", "cuánto", "cuanto", "cotiza"}
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
	for _, w := range strings.FieldsFunc(d.lower[end:hi], func(r rune) bool { return r == ' ' || r == ',' || r == '\'' || r == '?' }) {
		if needHasPrefix(w, needPriceWords) && !needHasPrefix(w, needFreeWords) {
			return false
		}
	}
	return true
}

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
