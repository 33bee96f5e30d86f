package bant

import "strings"

// The need lexicons, in English, German, French and Spanish. People rarely
// write "our problem is"; they tell a story ("every Monday two people copy
// the orders from the mails into Excel", "se nos pierden pedidos"). The
// detector (need_detect.go) therefore reads cue families, not sentences:
//
//   - pain cues that state a pain on their own ("struggling", "Chaos",
//     "on galère", "no damos abasto"), with a confidence per tier;
//   - weak cues that hint at one ("Excel", "by hand", "every week", "lost",
//     "errors", "slow") and count only together with another cue or an
//     object of work (orders, leads, invoices, appointments...) in the same
//     sentence or the next one;
//   - goals: a first-person wish ("we want to", "wir möchten", "nous
//     souhaitons", "queremos") with an action verb, which a request for
//     information ("we would like to know your prices") is not;
//   - solved-pain markers, negators and exploratory statements.
//
// Go's \b only knows ASCII letters, so an entry that starts or ends in an
// accented letter gets no boundary on that side (needWords adds them).

// needWords joins regular-expression entries into one alternation, with a
// word boundary on each side of an entry whose edge is plain ASCII: its
// first or last character, or every character a group at that edge can
// start or end with ("probl(?:è|e)mes?" gets one at both ends, "r(?:é|e)gl(?:é|e)"
// only at the start).
func needWords(entries ...string) string {
	var b strings.Builder
	b.WriteString("(?:")
	for i, e := range entries {
		if i > 0 {
			b.WriteByte('|')
		}
		if needASCIIEdge(e, true) {
			b.WriteString(`\b`)
		}
		b.WriteString(e)
		if needASCIIEdge(e, false) {
			b.WriteString(`\b`)
		}
	}
	b.WriteString(")")
	return b.String()
}

// needWordEnd reports an entry that ends in an ASCII word character, or
// in one followed by an optional ASCII letter ("orders?").
func needWordEnd(s string) bool {
	n := len(s)
	if n > 0 && isWordByte(s[n-1]) {
		return true
	}
	return n >= 3 && s[n-1] == '?' && isWordByte(s[n-2]) && isWordByte(s[n-3])
}

// needASCIIEdge reports whether entry e starts (or ends) with an ASCII
// word character on every path, as far as a simple look at its first (or
// last) group can tell.
func needASCIIEdge(e string, start bool) bool {
	if start {
		if strings.HasPrefix(e, "(?:") {
			end := strings.IndexByte(e, ')')
			if end < 0 {
				return false
			}
			for _, alt := range strings.Split(e[3:end], "|") {
				if alt == "" || !isWordByte(alt[0]) {
					return false
				}
			}
			return !strings.HasPrefix(e[end+1:], "?") && !strings.HasPrefix(e[end+1:], "*")
		}
		return isWordByte(e[0])
	}
	last := e[len(e)-1]
	switch {
	case isWordByte(last):
		return true
	case last == '?':
		return needWordEnd(e) // "orders?"
	case last == ')':
		open := strings.LastIndex(e, "(?:")
		if open < 0 {
			return false
		}
		for _, alt := range strings.Split(e[open+3:len(e)-1], "|") {
			if alt == "" || !needWordEnd(alt) {
				return false
			}
		}
		return true
	}
	return false
}

// needPainStrongRe are phrases that state a pain by themselves (tier
// conf 0.75).
var needPainStrongRe = mustPattern(needWords(
	// English
	`struggl(?:e|es|ed|ing)`, `frustrat(?:ed|ing|ion|es)`, `nightmare`, `chaos`, `chaotic`,
	`headaches?`, `pain points?`, `bottlenecks?`, `fed up`, `sick of`, `tired of`, `overwhelmed`,
	`drowning in`, `bogged down`, `(?:fall|falls|falling|fell|slip|slips|slipping) through the cracks`,
	`can't keep up`, `cannot keep up`, `couldn't keep up`, `can't cope`, `error[- ]prone`,
	`time[- ]consuming`, `tedious`, `cumbersome`, `clunky`, `waste of time`, `(?:wasting|wasted|waste|wastes) (?:\w+ ){0,3}?(?:time|hours|days|money|effort|mornings?|afternoons?)`,
	`double[- ]book(?:ing|ings|ed)`, `overbook(?:ing|ed)`, `no[- ]shows?`, `outages?`, `downtime`,
	`keeps? (?:crashing|failing|breaking|freezing|going down|losing|forgetting|missing)`,
	`(?:we|they|i) keep (?:losing|missing|forgetting|getting|having|chasing|running)`,
	`(?:doesn't|does not|don't|won't|can't|cannot|didn't) scale`, `not scalable`, `outgr(?:own|ew)`,
	`too (?:slow|expensive|complicated|complex|manual|clunky|buggy|costly|time[- ]consuming|error[- ]prone|many errors|many mistakes)`,
	`takes? (?:us )?(?:forever|ages|too long)`, `(?:costing|costs|cost) us (?:\w+ ){0,2}?(?:money|time|hours|customers|clients|deals|sales|a fortune)`,
	`losing (?:money|customers|clients|deals|revenue|sales|business|patients|orders|leads|track|bookings|guests|members|students|donors)`,
	`lost (?:orders|leads|deals|customers|clients|sales|revenue|bookings|patients|messages|emails|tickets|files|documents|invoices|data|track)`,
	`(?:is|are|was|were|got|get|gets|getting|went|go|goes) (?:\w+ ){0,2}?(?:lost|missed|forgotten|overlooked|dropped)`,
	`(?:isn't|is not|aren't|are not|no longer|not) (?:\w+ ){0,1}?working (?:for us|anymore|well|properly)`,
	`(?:isn't|is not|no longer) cutting it`, `a (?:huge |real |big |total )?mess`, `messy`,
	`(?:customer|client|patient|guest) complaints`, `complain(?:ing|ed|s)? (?:about|that)`,
	`missed (?:deadlines|appointments|calls|orders|shipments|renewals|follow[- ]ups?|payments|invoices|sla)`,
	`(?:fines?|penalt(?:y|ies)) (?:from|for|because)`, `failed (?:an |our |the )?audits?`,
	// German
	`chaos`, `chaotisch`, `alb?traum`, `alptraum`, `nervig`, `nervt`, `frustrierend`, `frust`,
	`zettelwirtschaft`, `engp(?:a|ä)ss(?:e)?`, `überfordert`, `ueberfordert`, `kommen nicht (?:mehr )?hinterher`,
	`(?:geht|gehen|ging|gingen) (?:\w+ ){0,3}?(?:verloren|unter)`, `verlieren`, `verlorene`,
	`doppelbuchungen`, `doppelt gebucht`, `doppelbuchung`, `ausfälle`, `ausfaelle`, `stürzt (?:\w+ ){0,2}?ab`, `stuerzt (?:\w+ ){0,2}?ab`, `abstürze`, `abstuerze`,
	`beschwerden`, `reklamationen`, `zeitverschwendung`, `verschwenden`, `verschwendet`,
	`kostet uns (?:\w+ ){0,2}?(?:zeit|geld|nerven|stunden|kunden)`, `mühsam`, `muehsam`, `umständlich`, `umstaendlich`,
	`fehleranfällig`, `fehleranfaellig`, `zeitaufwändig`, `zeitaufwendig`, `zeitraubend`,
	`skaliert nicht`, `(?:stößt|stoesst|stossen|stoßen) an (?:seine |ihre |unsere )?grenzen`, `überstunden`, `ueberstunden`,
	`dauert (?:\w+ ){0,2}?(?:ewig|zu lange|stunden|tage)`, `funktioniert (?:\w+ ){0,2}?nicht`, `klappt (?:\w+ ){0,2}?nicht`,
	`fehlt (?:uns )?(?:der|jeder|jegliche|die) (?:überblick|ueberblick|übersicht|uebersicht)`, `keinen (?:überblick|ueberblick)`,
	`(?:kunden|patienten|gäste|gaeste) (?:springen|sind) (?:\w+ ){0,1}?(?:ab|unzufrieden)`,
	// French
	`galère`, `galere`, `gal(?:è|e)rons`, `cauchemar`, `chaos`, `bazar`, `pagaille`,
	`pertes? de temps`, `perd(?:ons|ent|re)? (?:\w+ ){0,2}?(?:temps|heures|clients|commandes|ventes|prospects|leads|argent|patients|messages)`,
	`on perd`, `nous perdons`, `oublions`,
	`fastidieu(?:x|se)`, `chronophage`, `pénible`, `penible`, `débord(?:é|e)s?`, `debord(?:é|e)s?`,
	`doubles? r(?:é|e)servations?`, `surbooking`, `rendez-vous (?:manqu|non honor)`, `pannes?`, `bugu(?:e|ent)`,
	`r(?:é|e)clamations`, `plaintes`, `ne (?:suit|suivons|suivent|tient) plus`, `n'arrivons (?:\w+ ){0,1}?plus`, `n'arrive (?:\w+ ){0,1}?plus`,
	`ne fonctionne (?:\w+ ){0,1}?(?:pas|plus)`, `ne marche (?:\w+ ){0,1}?(?:pas|plus)`, `gaspill(?:ons|er|é|e|age)`,
	`co(?:û|u)te (?:\w+ ){0,2}?(?:cher|temps|heures|clients)`, `source d'erreurs`, `(?:aucune|pas de) visibilit`,
	// Spanish
	`caos`, `caótico`, `caotico`, `pesadilla`, `un l(?:í|i)o`, `perdemos`, `(?:se|nos) (?:nos |les )?pierden`, `p(?:é|e)rdidas? de (?:tiempo|clientes|pedidos|ventas|dinero|datos|informaci)`, `perder (?:\w+ ){0,1}?(?:tiempo|clientes|pedidos|ventas)`,
	`no damos abasto`, `desbordad(?:o|os|a|as)`, `tedios(?:o|a)`, `engorros(?:o|a)`, `frustrante`, `frustrad(?:o|os|a|as)`,
	`dobles? reservas?`, `reservas duplicadas`, `overbooking`, `no se presentan`, `(?:se cae|se caen|se cuelga|se bloquea)`, `ca(?:í|i)das`,
	`quejas`, `reclamos`, `reclamaciones`, `no funciona`, `nos cuesta (?:\w+ ){0,2}?(?:tiempo|dinero|clientes|horas)`,
	`se (?:nos )?olvida(?:n)?`, `sin (?:control|visibilidad)`, `no escala`, `desperdici(?:amos|ar|o)`,
))

// needPainMidRe are the generic problem words ("problems", "Probleme",
// "soucis", "problemas"): a pain when not negated, but also the word of
// "let me know if that is a problem" (tier conf 0.6).
var needPainMidRe = mustPattern(needWords(
	`problems?`, `issues`, `trouble`, `difficult(?:y|ies)`, `challenges`,
	`probleme?n?`, `schwierigkeiten`, `schwachstellen`,
	`probl(?:è|e)mes?`, `soucis`, `difficult(?:é|e)s`,
	`problemas?`, `dificultades`,
))

// needManualRe are cues of manual work (tier conf 0.45): a pain together
// with another cue or an object of work, not alone ("we use Excel").
var needManualRe = mustPattern(needWords(
	`manual(?:ly)?`, `by hand`, `copy(?:ing)?`, `pasting`, `copied`, `copy-paste`, `re-?typ(?:e|ing)`, `re-?enter(?:ing)?`, `typing`,
	`spreadsheets?`, `excel`, `google sheets`, `on paper`, `paper`, `whiteboard`, `sticky notes`, `post-its?`, `back and forth`, `by email`, `by phone`,
	`manuell(?:e|en)?`, `von hand`, `per hand`, `händisch(?:e|en)?`, `haendisch(?:e|en)?`, `abtippen`, `abgetippt`, `eintippen`, `kopieren`, `kopiert`, `übertragen`, `uebertragen`,
	`excel(?:-?listen|-?tabellen?|-?liste|-?datei(?:en)?)?`, `tabellen`, `papier`, `zettel(?:n)?`, `telefonisch`, `per telefon`,
	`manuel(?:le|lement)?`, `à la main`, `a la main`, `copier(?:-| )coller`, `copions`, `ressais(?:ir|issons|ie)`, `double saisie`, `tableurs?`, `papier`, `par t(?:é|e)l(?:é|e)phone`,
	`a mano`, `manualmente`, `manual`, `copiar y pegar`, `copiamos`, `copiando`, `transcrib(?:ir|imos)`, `volver a (?:escribir|cargar)`, `hojas? de c(?:á|a)lculo`, `planillas?`, `papel`, `por tel(?:é|e)fono`,
))

// needTroubleRe are cues of things going wrong (tier conf 0.4).
var needTroubleRe = mustPattern(needWords(
	`errors?`, `mistakes?`, `typos`, `slow`, `slower`, `delays?`, `delayed`, `late`, `chasing`, `chase`, `forget(?:s|ting)?`, `forgot`, `missed`, `missing`,
	`lost`, `lose`, `losing`, `duplicates?`, `duplicated`, `scattered`, `spread across`, `all over the place`, `no (?:overview|visibility|way to)`, `hard to`, `difficult to`,
	`(?:three|four|five|several|multiple|different|two|3|4|5) (?:different |separate )?(?:tools|systems|apps|spreadsheets|inboxes|places|channels)`,
	`complaints?`, `risks?`, `risky`, `expensive`, `costly`, `crash(?:es|ed|ing)?`, `bugs?`, `buggy`, `unreliable`, `outdated`, `inefficient`,
	`fehler(?:n)?`, `langsam(?:e|er)?`, `verzögerungen`, `verzoegerungen`, `verspätet`, `verspaetet`, `vergessen`, `verpass(?:en|t)`, `doppelt`, `verstreut`, `verloren`,
	`aufwand`, `aufwändig`, `aufwendig`, `schwer`, `schwierig`, `teuer`, `risiko`, `nachtelefonieren`, `hinterher(?:telefonieren|laufen)`, `veraltet`, `unübersichtlich`, `unuebersichtlich`,
	`erreurs?`, `lent(?:e|s|es)?`, `lenteurs?`, `retards?`, `relancer`, `relances`, `oubli(?:s|é|e|és|es|ées|ees)?`, `doublons`, `éparpill`, `eparpill`, `difficile`, `compliqu(?:é|e)`,
	`cher`, `risques?`, `perdu(?:e|es|s)?`, `plante(?:nt)?`, `bugs?`, `obsol(?:è|e)te`,
	`errores`, `equivocaciones`, `lent(?:o|a|itud)`, `retrasos?`, `demoras?`, `olvid(?:os|amos|an)`, `duplicad(?:os|as)`, `dispers(?:os|as)`, `dif(?:í|i)cil`, `complicad(?:o|a)`,
	`caro`, `riesgos?`, `perdid(?:o|a|os|as)`, `escapan`, `obsolet(?:o|a)`,
))

// needTimeRe are cues of repetition and time spent (tier conf 0.3):
// "every Monday", "hours", "jeden Tag", "des heures", "cada semana".
var needTimeRe = mustPattern(needWords(
	`every (?:day|morning|week|monday|tuesday|wednesday|thursday|friday|month|month-end|time|single)`, `each (?:day|week|month)`, `daily`, `weekly`,
	`hours`, `(?:whole|entire) (?:day|morning|afternoon)`, `half a day`, `afternoons?`, `mornings?`, `(?:spend|spends|spending|spent) (?:\w+ ){0,4}?(?:hours|days|the (?:whole |entire )?(?:morning|day|afternoon)|half (?:a|the) day|(?:so much |too much |a lot of )time)`, `takes? (?:us )?(?:hours|days|a day|half)`,
	`jeden (?:tag|morgen|montag|dienstag|mittwoch|donnerstag|freitag|monat)`, `jede woche`, `täglich`, `taeglich`, `wöchentlich`, `woechentlich`, `stunden`, `ganzen (?:tag|vormittag|nachmittag)`, `verbringen`, `dauert`,
	`chaque (?:jour|matin|semaine|lundi|mois)`, `tous les (?:jours|matins|lundis|mois)`, `toutes les semaines`, `heures`, `journ(?:é|e)es?`, `passons`, `passe(?:nt)?`,
	`cada (?:d(?:í|i)a|ma(?:ñ|n)ana|semana|lunes|mes)`, `todos los (?:d(?:í|i)as|lunes|meses)`, `todas las semanas`, `horas`, `dedicamos`, `pasamos`, `nos lleva`, `perdemos`,
))

// needObjectRe are the things work is done on; with a weak cue in the
// same sentence they make a pain ("orders" + "by hand").
var needObjectRe = mustPattern(needWords(
	`orders?`, `invoices?`, `invoicing`, `leads?`, `customers?`, `clients?`, `messages?`, `emails?`, `e-mails?`, `calls?`, `appointments?`, `bookings?`, `reservations?`,
	`tickets?`, `requests?`, `inquiries`, `enquiries`, `shifts?`, `rosters?`, `schedules?`, `scheduling`, `payroll`, `timesheets?`, `inventory`, `stock`, `shipments?`, `deliveries`,
	`reports?`, `reporting`, `data`, `contracts?`, `documents?`, `files?`, `follow[- ]ups?`, `patients?`, `guests?`, `students?`, `members?`, `donors?`, `candidates?`, `applicants?`,
	`expenses?`, `receipts?`, `quotes?`, `payments?`, `deadlines?`, `tasks?`, `projects?`, `onboarding`,
	`bestellungen`, `auftr(?:ä|ae)ge`, `rechnungen`, `anfragen`, `kunden(?:daten|anfragen)?`, `mails`, `e-mails`, `nachrichten`, `termine(?:n)?`, `buchungen`, `reservierungen`, `schichten`, `dienstpl(?:ä|ae)ne?`,
	`lohnabrechnung(?:en)?`, `lager(?:bestand)?`, `lieferungen`, `berichte`, `daten`, `vertr(?:ä|ae)ge`, `dokumente`, `patienten`, `g(?:ä|ae)ste`, `bewerbungen`, `belege`, `angebote`, `zahlungen`, `aufgaben`, `tickets`,
	`commandes`, `factures?`, `facturation`, `demandes`, `courriels`, `mails`, `messages`, `appels`, `rendez-vous`, `r(?:é|e)servations`, `plannings?`, `paie`, `stocks?`, `livraisons`, `rapports`, `donn(?:é|e)es`,
	`contrats`, `dossiers`, `patients`, `devis`, `paiements`, `candidatures`, `t(?:â|a)ches`, `relances`,
	`pedidos`, `facturas?`, `facturaci(?:ó|o)n`, `solicitudes`, `correos`, `mensajes`, `llamadas`, `citas`, `reservas`, `turnos`, `n(?:ó|o)minas?`, `inventario`, `env(?:í|i)os`, `entregas`,
	`informes`, `reportes`, `datos`, `contratos`, `documentos`, `expedientes`, `pacientes`, `hu(?:é|e)spedes`, `alumnos`, `cotizaciones`, `presupuestos`, `pagos`, `tareas`, `clientes`, `leads`,
))

// needGoalRe are first-person goals with an action verb: what the writer
// wants to reach, not what they want to receive. German puts the verb at
// the end of the clause, so its wish words and verbs are separate
// families (needGoalWishRe + needGoalVerbRe, read together per clause).
var needGoalRe = mustPattern(needWords(
	`(?:we|i|we'd|i'd|we're|i'm|team|company) (?:\w+ ){0,3}?(?:want|wants|would like|'d like|need|needs|have|must|hope|hoping|aim|plan|trying|try|looking|wish) (?:\w+ ){0,1}?to (?:automate|reduce|cut|stop|avoid|eliminate|improve|speed up|replace|consolidate|centrali[sz]e|digiti[sz]e|streamline|simplify|track|get rid of|move (?:away )?from|switch (?:away )?from|migrate|modernize|modernise|fix|solve|scale|grow|increase|boost|standardi[sz]e|integrate|connect|sync|unify|free up|save|spend less|lower|minimi[sz]e|prevent|handle|manage|keep track|get (?:a handle|control|visibility|an overview)|bring|move|shorten|halve|double|reach|hit|launch|digitalize|retire|phase out|offer|enable|let (?:our|customers|clients|patients))`,
	`looking for (?:a |an )?(?:way|solution|tool|system|platform|alternative|replacement) (?:to|that|for|which)`,
	`(?:our|the|my|main|primary) (?:goal|objective|aim|target) (?:is|would be|for \w+ is)`,
	`we (?:want|need|would like|'d like) (?:a|an|one) (?:\w+ ){0,3}?(?:that|which|to) `,
))

// needGoalWishRe are wish phrases whose action verb may come later in the
// clause (German verb-final order, French and Spanish infinitives).
var needGoalWishRe = mustPattern(needWords(
	`wir (?:wollen|möchten|moechten|müssen|muessen|brauchen|suchen|planen|würden gerne|wuerden gerne|hätten gerne|haetten gerne)`, `ich (?:will|möchte|moechte|muss|suche)`,
	`(?:unser|das) ziel (?:ist|wäre|waere)`, `ziel ist es`, `(?:eine|nach einer) l(?:ö|oe)sung`, `einen weg`,
	`nous (?:souhaitons|voulons|aimerions|cherchons|devons|voudrions|visons|avons besoin)`, `on (?:voudrait|veut|cherche|doit|aimerait)`, `je (?:souhaite|veux|cherche|voudrais)`,
	`il nous faut`, `(?:notre|l') ?objectif`, `une (?:solution|fa(?:ç|c)on|mani(?:è|e)re) (?:de|pour)`, `un moyen de`, `afin de`, `pour (?:ne plus|enfin|arr(?:ê|e)ter|(?:é|e)viter|r(?:é|e)duire|gagner)`,
	`queremos`, `buscamos`, `necesitamos`, `nos gustar(?:í|i)a`, `quisi(?:é|e)ramos`, `quiero`, `busco`, `necesito`, `tenemos que`, `debemos`, `estamos buscando`,
	`(?:nuestro|el) objetivo`, `una (?:soluci(?:ó|o)n|forma|manera) de`, `para (?:no|dejar de|evitar|reducir|ahorrar)`,
))

// needGoalVerbRe are action verbs (infinitives and nouns of change) that
// make a wish a goal.
var needGoalVerbRe = mustPattern(needWords(
	// German
	`automatisieren`, `digitalisieren`, `reduzieren`, `verringern`, `senken`, `vermeiden`, `verbessern`, `beschleunigen`, `ersetzen`, `abl(?:ö|oe)sen`, `zentralisieren`,
	`vereinfachen`, `abschaffen`, `loswerden`, `optimieren`, `umstellen`, `einf(?:ü|ue)hren`, `verk(?:ü|ue)rzen`, `halbieren`, `steigern`, `erh(?:ö|oe)hen`, `entlasten`, `sparen`, `einsparen`,
	`verhindern`, `b(?:ü|ue)ndeln`, `zusammenf(?:ü|ue)hren`, `modernisieren`, `standardisieren`, `integrieren`, `synchronisieren`, `im griff`, `überblick`, `ueberblick`, `wechseln`, `migrieren`, `skalieren`,
	`l(?:ö|oe)sung f(?:ü|ue)r`,
	// French
	`automatiser`, `digitaliser`, `num(?:é|e)riser`, `r(?:é|e)duire`, `diminuer`, `(?:é|e)viter`, `supprimer`, `remplacer`, `centraliser`, `simplifier`, `am(?:é|e)liorer`, `acc(?:é|e)l(?:é|e)rer`,
	`gagner du temps`, `arr(?:ê|e)ter`, `en finir`, `fiabiliser`, `optimiser`, `moderniser`, `standardiser`, `int(?:é|e)grer`, `synchroniser`, `passer (?:à|a|de)`, `migrer`, `(?:é|e)conomiser`,
	`diviser`, `doubler`, `augmenter`, `ne plus`, `suivre`, `regrouper`, `unifier`, `se d(?:é|e)barrasser`,
	// Spanish
	`automatizar`, `digitalizar`, `reducir`, `disminuir`, `evitar`, `eliminar`, `reemplazar`, `sustituir`, `centralizar`, `simplificar`, `mejorar`, `acelerar`, `agilizar`,
	`dejar de`, `ahorrar`, `optimizar`, `modernizar`, `estandarizar`, `integrar`, `sincronizar`, `migrar`, `unificar`, `controlar`, `tener control`, `llevar el control`, `aumentar`, `duplicar`, `recortar`, `acortar`,
	`cambiar de`, `deshacernos`, `no perder`,
))

// needInfoRe are requests for information, prices or a meeting: a wish
// followed by one of these is politeness, not a goal ("we would like to
// know your prices", "wir möchten ein Angebot", "nous souhaitons
// recevoir un devis", "queremos saber el precio").
var needInfoRe = mustPattern(needWords(
	`know`, `receive`, `get (?:a|an|some|more|your|the) (?:quote|price|pricing|info|information|demo|proposal|offer|call|brochure)`, `see (?:a|your|the) (?:demo|pricing|prices)`, `learn more`, `find out`, `ask`,
	`request`, `schedule`, `book (?:a|an)`, `talk`, `speak`, `discuss`, `understand`,
	`angebot`, `informationen`, `infos?`, `wissen`, `erfahren`, `preise`, `preisliste`, `demo`, `termin`, `r(?:ü|ue)ckruf`, `kennenlernen`, `unterlagen`,
	`recevoir`, `obtenir`, `conna(?:î|i)tre`, `savoir`, `devis`, `tarifs?`, `d(?:é|e)mo`, `documentation`, `renseignements`, `informations`, `plus d'infos`, `rappel`,
	`saber`, `conocer`, `recibir`, `obtener`, `informaci(?:ó|o)n`, `cotizaci(?:ó|o)n`, `presupuesto`, `precios?`, `tarifas`, `demo`, `llamada`, `reuni(?:ó|o)n`,
))

// needSolvedRe marks a pain as past and solved ("we solved that last
// year", "ya no tenemos ese problema", "das ist inzwischen gelöst").
var needSolvedRe = mustPattern(needWords(
	`solved`, `resolved`, `(?:fixed|sorted(?: out)?) (?:that|it|this|those|these|the (?:problem|issue)s?)`, `(?:got|was|were|has been|have been|is|are|now) (?:fixed|sorted(?: out)?)`,
	`used to`, `in the past`, `a thing of the past`, `since we (?:switched|moved|introduced|started|implemented|bought)`,
	`gel(?:ö|oe)st`, `behoben`, `fr(?:ü|ue)her`, `damals`, `seit wir`,
	`r(?:é|e)solu(?:s|e|es)?`, `r(?:é|e)gl(?:é|e)`, `auparavant`, `autrefois`, `depuis que nous`,
	`resuelt(?:o|os|a|as)`, `solucionad(?:o|os|a|as)`, `antes (?:ten(?:í|i)amos|perd(?:í|i)amos)`, `desde que (?:cambiamos|usamos|implementamos)`,
))

// needContrastWords end the reach of a solved-pain marker: "we solved
// invoicing, but scheduling is still a mess".
var needContrastWords = []string{" but ", " aber ", " jedoch ", " mais ", " pero ", " sin embargo ", " however ", " still ", " immer noch ", " toujours ", " todav"}

// needExploreRe are exploratory and no-need statements in four
// languages (researchRe adds the English "just researching" family).
var needExploreRe = mustPattern(needWords(
	// English
	`(?:just |simply |only )?curious`, `out of curiosity`, `interested in (?:learning|seeing|hearing|knowing|finding out)`, `want(?:ed)? to (?:learn|see|know|understand|find out) (?:more|how|what|if|whether)`,
	`nice to have`, `no (?:immediate|real|pressing|urgent|current|specific|particular|actual) need`, `no need for (?:a|an|new|another)`, `(?:don't|do not) (?:really )?need anything`,
	`(?:happy|satisfied|fine|content|pleased) with (?:our|the|my|what we)`, `not (?:really |currently |actively )?looking (?:to (?:buy|switch|replace|change)|for (?:a|anything))`,
	`exploring (?:options|the market|what's out there|alternatives|possibilities)`, `keeping (?:an eye|tabs) on`, `keep an eye on`, `comparing (?:\w+ ){0,2}?(?:vendors|tools|options|providers|solutions|prices|offers)`,
	`(?:just|only) (?:looking|browsing|researching|comparing)`, `benchmark(?:ing)? (?:the market|vendors|options)`, `see what's out there`, `what's on the market`, `market overview`,
	// German
	`(?:nur|erst ?mal|erstmal|zunächst|zunaechst) (?:\w+ ){0,2}?(?:informieren|umschauen|umsehen|umhören|umhoeren|orientieren|schauen|vergleichen)`, `aus neugier`, `reine neugier`, `neugierig`,
	`kein (?:akuter |konkreter |direkter |aktueller )?bedarf`, `keinen (?:akuten |konkreten )?bedarf`, `(?:zufrieden|gl(?:ü|ue)cklich) mit`, `markt (?:\w+ ){0,1}?(?:beobachten|sondieren)`, `marktüberblick`, `marktueberblick`,
	`(?:angebote|anbieter|lösungen|loesungen|tools) (?:\w+ ){0,1}?vergleichen`, `verschaffen uns (?:einen|einen ersten) (?:überblick|ueberblick)`, `(?:ersten )?(?:überblick|ueberblick) verschaffen`,
	// French
	`(?:simple|par) curiosit(?:é|e)`, `curieux`, `curieuse`, `(?:juste|simplement) (?:\w+ ){0,1}?(?:renseigner|regarder|comparer|informer|curieux|jeter)`, `pas de besoin`, `aucun besoin`, `pas (?:vraiment )?besoin`,
	`(?:satisfaits?|contents?) (?:\w+ ){0,1}?(?:de|avec) (?:notre|nos|notre solution|l'outil)`, `faire (?:un|le) (?:tour|point) (?:du|sur le) march(?:é|e)`, `veille`, `(?:nous |on )?comparons`, `(?:nous |on )?(?:nous )?renseignons`, `nous informer`,
	`pour (?:l'instant|le moment) (?:\w+ ){0,2}?(?:rien|pas)`,
	// Spanish
	`(?:solo|s(?:ó|o)lo|simplemente) (?:\w+ ){0,2}?(?:mirando|curiosidad|informarnos|comparando|viendo|explorando|investigando)`, `por curiosidad`, `curiosos`,
	`no (?:tenemos|hay) (?:una )?(?:necesidad|urgencia)`, `(?:contentos|satisfechos|conformes|felices) con`, `estamos (?:comparando|explorando|investigando|evaluando opciones|viendo opciones)`, `ver qu(?:é|e) hay en el mercado`,
	`no necesitamos nada`, `por ahora no`, `de momento no`,
))

// needUrgentRe are urgency cues in four languages.
var needUrgentRe = mustPattern(needWords(
	`dringend(?:st)?`, `sofort`, `umgehend`, `schnellstm(?:ö|oe)glich`, `so schnell wie m(?:ö|oe)glich`, `eilig`, `höchste priorit`, `hoechste priorit`, `zeitkritisch`, `geschäftskritisch`,
	`urgent(?:e|es)?`, `urgence`, `au plus vite`, `d(?:è|e)s que possible`, `rapidement`, `imm(?:é|e)diatement`, `tr(?:è|e)s vite`, `prioritaire`, `critique`,
	`urgentes?`, `cuanto antes`, `lo antes posible`, `de inmediato`, `inmediatamente`, `ya mismo`, `prioridad`, `cr(?:í|i)tico`,
))

// needNegators negate a pain among the three words before it, in all
// four languages ("keine Probleme", "aucun souci", "sin problemas").
var needNegators = map[string]bool{
	"not": true, "no": true, "never": true, "without": true, "nor": true, "hardly": true, "barely": true, "zero": true, "none": true,
	"kein": true, "keine": true, "keinen": true, "keinerlei": true, "nicht": true, "nie": true, "niemals": true, "ohne": true, "kaum": true,
	"pas": true, "aucun": true, "aucune": true, "jamais": true, "sans": true, "ni": true, "guère": true,
	"sin": true, "ningún": true, "ningun": true, "ninguna": true, "ninguno": true, "nunca": true, "tampoco": true,
}
