package bant

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
)

// Negation and tense around a time phrase, in English, German, French and
// Spanish: "we don't plan to buy this year" and "dieses Jahr kaufen wir
// nichts" are no timeline; "we went live in March" is no timeline at all.

// tlNegators are the words that, among the few before a time phrase in its
// clause, negate the plan it dates.
var tlNegators = map[string]bool{
	"not": true, "no": true, "never": true, "without": true, "nor": true, "cannot": true,
	"nicht": true, "kein": true, "keine": true, "keinen": true, "keiner": true, "keinem": true, "keins": true, "keines": true, "nüt": true, "nöd": true,
	"nie": true, "niemals": true, "ohne": true,
	"ne": true, "pas": true, "jamais": true, "aucun": true, "aucune": true, "sans": true,
	"nunca": true, "sin": true, "ni": true, "tampoco": true, "jamás": true,
	"zero": true, "zéro": true, "null": true, "cero": true, "nichts": true, "rien": true, "nada": true,
}

// tlCutWords say a plan or its money was stopped ("budget cut for this
// year", "este año nos recortaron el subsidio"); they negate a time phrase
// a few more words away than a plain "not".
var tlCutWords = map[string]bool{
	"frozen": true, "cancelled": true, "canceled": true, "scrapped": true,
	"gestrichen": true, "eingefroren": true, "gekürzt": true, "gekuerzt": true, "abgesagt": true,
	"coupé": true, "gelé": true, "supprimé": true, "annulé": true,
	"recortado": true, "recortaron": true, "recortó": true, "congelado": true, "congelada": true,
	"congelaron": true, "cancelado": true, "cancelaron": true,
	"coupée": true, "coupés": true, "coupées": true, "gelée": true, "gelés": true, "supprimée": true, "annulée": true,
	"gastado": true, "gastada": true, "agotado": true, "agotada": true, "dépensé": true, "épuisé": true,
	"ausgeschöpft": true, "aufgebraucht": true, "exhausted": true,
	"recortada": true, "recortados": true, "congelados": true, "cancelada": true, "gestoppt": true,
}

// tlCutVerbs are English cut verbs that name a stopped budget only in the
// passive or after "budget" ("budget got cut this year", "was slashed");
// active, they are a goal ("we want to cut costs this year").
var tlCutVerbs = map[string]bool{
	"tomber": true, "cut": true, "spent": true, "slashed": true, "axed": true, "pulled": true, "withdrawn": true, "killed": true,
}

// tlCutStems are cut verbs in any inflection but the infinitive, which
// is a goal ("queremos recortar costes este año"): "se canceló",
// "recortada", "congelados", "annulée", "supprimés".
var tlCutStems = []string{"cancel", "recort", "congel", "annul", "supprim", "eingefror", "gestrich", "gekürz", "gekuerz"}

// tlIsCutWord reports a word that says a plan or its money was stopped.
func tlIsCutWord(w string) bool {
	if tlCutWords[w] {
		return true
	}
	if w == "cancel" || strings.HasSuffix(w, "ar") || strings.HasSuffix(w, "er") || strings.HasSuffix(w, "ir") {
		return false // an infinitive is a goal
	}
	for _, st := range tlCutStems {
		if strings.HasPrefix(w, st) {
			return true
		}
	}
	return false
}

// tlCutPassive reports a cut verb w after an auxiliary or "budget" in
// before, the text in front of it.
func tlCutPassive(before, w string) bool {
	if !tlCutVerbs[w] {
		return false
	}
	f := strings.Fields(before)
	if len(f) == 0 {
		return false
	}
	switch f[len(f)-1] {
	case "got", "get", "was", "were", "been", "is", "are", "budget", "budgets", "funding":
		return true
	case "laisse", "laissons", "laisser", "laissé":
		return w == "tomber" // "on laisse tomber pour cette année"
	}
	return false
}

// tlScopeStops end a negation's or a tense's reach backwards: a new clause
// joined by a conjunction ("we have no CRM and want one this quarter").
var tlScopeStops = []string{
	" but ", " and ", " aber ", " sondern ", " und ", " mais ", " et ", " pero ", " sino ", " y ",
	" so ", " also ", " donc ", " therefore ", " deshalb ", " por eso ", " because ", " weil ",
	" car ", " porque ", " now ", " jetzt ", " maintenant ", " ahora ", " - ",
}

// tlScopeStart returns where the reach of a word before p starts: the
// clause start, or just after the last comma or conjunction before p,
// and never more than limit bytes back.
func tlScopeStart(d *doc, p, limit int) int {
	lo := max(d.clauseStart(p), p-limit)
	seg := d.lower[lo:p]
	if c := strings.LastIndexAny(seg, ",:()"); c >= 0 {
		lo, seg = lo+c+1, seg[c+1:]
	}
	for i := len(seg) - 1; i >= 0; i-- {
		if seg[i] >= 0xF0 { // an emoji ends a chat message's sentence
			lo, seg = lo+i+1, seg[i+1:]
			break
		}
	}
	for _, stop := range tlScopeStops {
		if i := strings.LastIndex(seg, stop); i >= 0 {
			lo, seg = lo+i+len(stop)-1, seg[i+len(stop)-1:]
		}
	}
	return lo
}

// tlNegWords is how many words before a time phrase a negator may stand.
const tlNegWords = 5

// tlNegationAt returns the offset of a negator in the few words before
// match m, -1 if there is none (tlNegationAfter looks after it). "not
// only" and "nicht nur" do not count.
func tlNegationAt(d *doc, m []int) int {
	p := m[0]
	lo := tlScopeStart(d, p, 60)
	seg := d.lower[lo:p]
	end := len(seg)
	for seen := 0; end > 0 && seen < tlNegWords; seen++ {
		for end > 0 && isSep(seg[end-1]) {
			end--
		}
		start := end
		for start > 0 && !isSep(seg[start-1]) {
			start--
		}
		if start == end {
			break
		}
		w := seg[start:end]
		if tlIsCutWord(w) || tlCutPassive(seg[:start], w) {
			return lo + start
		}
		if start == 0 && lo > d.clauseStart(p) && lo > 0 && !isSep(d.lower[lo-1]) && d.lower[lo-1] != ',' {
			break // a word cut in half by the window
		}
		if tlNegators[w] || strings.HasSuffix(w, "n't") || strings.HasPrefix(w, "n'") && len(w) > 2 {
			if !tlOnlyAfter(seg[end:]) && !strings.Contains(seg[end:], "qu'") && !strings.Contains(seg[end:], " que ") {
				return lo + start // but "ne ... qu'en mars" is "only in March"
			}
		}
		end = start
	}
	return -1
}

// tlOnlyAfter reports a negator followed by "only", "later" or "sure"
// ("not only", "nicht später", "not sure, probably Q3"), which does not
// negate the plan.
func tlOnlyAfter(rest string) bool {
	words := strings.Fields(rest)
	if len(words) == 0 {
		return false
	}
	switch strings.Trim(words[0], ".,;:!?") {
	case "only", "just", "nur", "seulement", "que", "solo", "sólo", "later", "später", "spaeter", "erst", "más", "mas",
		"doute", "duda", "zweifel", "doubt",
		// "este trimestre sin falta", "sans faute", "without fail": emphasis.
		"falta", "faute", "fail", "wenn",
		"sure", "certain", "exactly", "clear", "sicher", "genau", "klar", "sûr", "sûrs", "sur", "seguro", "seguros", "exactamente":
		return true
	}
	return false
}

// tlNotUntil reports a time phrase that starts with "until"/"before" in
// any language: negated ("not until Q3", "nicht vor März", "pas avant
// mars", "no antes de marzo", "no ... hasta marzo") it still dates the plan.
func tlNotUntil(s string) bool {
	return startsWithAny(s, "until", "before", "till", "vor ", "vor dem", "bis", "avant", "antes", "hasta", "jusqu")
}

// tlPastBeforeRe finds, before a time phrase, a verb or word that puts it
// in the past: "we started in March", "seit März", "nous avons commencé
// en janvier", "desde enero". A participle alone is no past ("we need it
// implemented by June", "doit être déployé avant mars"): it needs its
// subject or auxiliary.
var tlPastBeforeRe = regexp.MustCompile(`(?:^|[^\pL])(?:last|since|earlier|previously|ended|expired|` +
	`(?:we|i|they|he|she|it|you|team|company)(?:'ve| have| had)? (?:already |just |recently |first |actually |originally )?(?:started|began|bought|purchased|switched|launched|implemented|introduced|signed|moved|migrated|tried|tested|went|attended|renewed|evaluated|replaced|chose|picked|installed|rolled out|did)|` +
	`(?:we've|we have|i've|i have|they've|we already) (?:had|seen|lost|suffered|experienced)|` +
	`(?:was|were) (?:frozen|cut|cancell?ed|rejected|approved|signed|renewed|launched|started|bought|purchased|installed|introduced|implemented|replaced|abandoned|stopped|paused|postponed)|` +
	`seit|letzte[nmrs]?|vergangene[nmrs]?|` +
	`depuis|derni[èe]re?|(?:avons|avez|ont|ai|a|avions|avait|avaient)(?: d[ée]j[àa]| bien)? (?:commenc[ée]|achet[ée]|lanc[ée]|d[ée]marr[ée]|sign[ée]|test[ée]|essay[ée]|migr[ée]|chang[ée]|install[ée]|d[ée]ploy[ée]|mis en place|choisi|remplac[ée])|` +
	`desde|pasad[oa]|comenz[óo]|empez[óo]|compr[óo]|firm[óo]|(?:hemos|han|ha|habíamos|habiamos) (?:ya )?(?:comprado|empezado|comenzado|implementado|probado|lanzado|migrado|cambiado|firmado|contratado|instalado))(?:$|[^\pL])`)

// tlPastDeAuxRe and tlPastDePartRe find a German perfect around a time
// phrase: "wir haben im März umgestellt" (the participle comes last), but
// not "muss bis März eingeführt sein".
var (
	tlPastDeAuxRe  = regexp.MustCompile(`(?:^|[^\pL])(?:haben|hat|hatten|hatte|habe|sind|waren|wurde|wurden)(?:$|[^\pL])`)
	tlPastDePartRe = regexp.MustCompile(`(?:^|[^\pL])(?:erreicht|(?:ü|ue|u)berschritten|geknackt|gewachsen|gestiegen|gesunken|verdoppelt|passiert|vorgekommen|aufgetreten|gestartet|gekauft|eingef(?:ü|ue|u)hrt|umgestellt|begonnen|angefangen|getestet|unterschrieben|gewechselt|migriert|implementiert|angeschafft|ausgerollt|eingesetzt)(?:$|[^\pL])`)
	tlFutureDeRe   = regexp.MustCompile(`(?:^|[^\pL])(?:sein|werden|muss|m(?:ü|ue|u)ssen|soll|sollen|wollen|m(?:ö|oe|o)chten|will)(?:$|[^\pL])`)
)

// tlPastAfterRe finds, right after a time phrase, a word that puts it in
// the past: "two months ago", "en mars dernier", "en marzo pasado".
var tlPastAfterRe = regexp.MustCompile(`^\s*(?:ago\b|(?:of |del |de l'|des )?(?:last year|a(?:ñ|n)o pasado|an dernier|ann[ée]e derni[èe]re|letzten jahres|vergangenen jahres)|dernier|derni[èe]re|pasad[oa]\b|passé|passe\b|zuvor\b)`)

// tlPast reports a time phrase about the past.
func tlPast(d *doc, m []int) bool {
	lo := tlScopeStart(d, m[0], 50)
	if tlPastBeforeRe.MatchString(d.lower[lo:m[0]]) && !tlAheadWordRe.MatchString(d.lower[m[0]:m[1]]) {
		return true // but "desde la semana que viene", "ab nächster Woche": from a coming date
	}
	if hi := min(d.clauseEnd(m[1]), m[1]+60); tlPastDePartRe.MatchString(d.lower[m[1]:hi]) &&
		tlPastDeAuxRe.MatchString(d.lower[d.clauseStart(m[0]):hi]) && !tlFutureDeRe.MatchString(d.lower[d.clauseStart(m[0]):hi]) {
		return true
	}
	if tlIncidentBeforeRe.MatchString(d.lower[max(d.clauseStart(m[0]), m[0]-40):m[0]]) {
		return true // "nach zwei Einbrüchen im Winter", "after two outages this spring": the incidents' date
	}
	if tlPastDeSimple(d, m) {
		return true // "Nach Karneval hatten wir viele Ausfälle", "im Sommer waren wir schon einmal dran"
	}
	if seg := d.lower[lo:m[0]]; tlPastSimpleRe.MatchString(seg) && !tlIntentRe.MatchString(seg) {
		return true // "it took me three weekends this spring", "food cost went up this summer"
	}
	if seg := d.lower[lo:m[0]]; (tlPastRomanceRe.MatchString(seg) || tlPreteriteEsRe.MatchString(seg)) && !tlIntentRe.MatchString(seg) {
		return true // "le toit a pris l'eau cet hiver", "se ha recortado este año"
	}
	if tlNeverAgainRe.MatchString(d.lower[lo:min(d.clauseEnd(m[1]), m[1]+40)]) {
		return true // "like the fine in May, never again": an incident
	}
	if tlTimesRe.MatchString(d.lower[max(d.clauseStart(m[0]), m[0]-30):min(d.clauseEnd(m[1]), m[1]+30)]) {
		return true // "twice this month already", "diesen Monat schon zweimal": incidents
	}
	if cs := d.clauseStart(m[0]); tlFrontPrepRe.MatchString(d.lower[cs:m[0]]) {
		// A date opening its clause, then a past verb: "Este año nos han
		// robado dos máquinas", "este año perdimos un 12 %", "This year
		// we lost two clients", "Cette année on a perdu".
		after := d.lower[m[1]:min(d.clauseEnd(m[1]), m[1]+35)]
		if (tlPastSimpleRe.MatchString(after) || tlPastRomanceRe.MatchString(after) || tlPreteriteEsRe.MatchString(after) || tlPreteriteEs1Re.MatchString(after)) &&
			!tlIntentRe.MatchString(after) && !tlHasCutWord(after) {
			return true // a cut ("Este año nos recortaron el subsidio") is the negation's business
		}
	}
	return tlPastAfterRe.MatchString(d.lower[m[1]:min(len(d.lower), m[1]+12)])
}

// tlHasCutWord reports a cut verb (tlIsCutWord) among the words of s.
func tlHasCutWord(s string) bool {
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if tlIsCutWord(w) {
			return true
		}
	}
	return false
}

// tlAheadWordRe finds a word that puts a time phrase ahead ("que viene",
// "próximo", "prochain", "nächste", "next", "coming"): no past word before
// it ("desde", "since") makes it past.
var tlAheadWordRe = regexp.MustCompile(`(?:^|[^\pL])(?:que viene|pr[óo]xim\pL*|siguiente|prochaine?s?|n(?:ä|ae|a)chste\pL*|kommende\pL*|next|coming|upcoming)(?:$|[^\pL])`)

// tlFrontPrepRe matches what may stand before a date that opens its
// clause: nothing, or a preposition or conjunction.
var tlFrontPrepRe = regexp.MustCompile(`^[\s\pP]*(?:(?:and|but|und|aber|et|mais|y|pero|in|im|en|dans|durante|during|over)\s+)?$`)

// tlPreteriteEs1Re finds a Spanish first person plural preterite of an
// -er/-ir verb ("perdimos", "tuvimos", "vendimos", "hicimos").
var tlPreteriteEs1Re = regexp.MustCompile(`(?:^|[^\pL])\pL{2,}imos(?:$|[^\pL])`)

// tlPastSimpleRe finds English irregular and common simple-past verbs; with
// no intent word after them in the scope, the time phrase is the past.
var tlPastSimpleRe = regexp.MustCompile(`(?:^|[^\pL])(?:quit|left|resigned|retired|joined|(?:est|sont|suis|sommes|[ée]tait|[ée]taient|s'est|se sont)\s+(?:\S+\s+)?(?:parti|arriv|venu|tomb|sorti|entr[ée]|mort|n[ée]e?|all[ée]|devenu|rest[ée]|retourn|pass[ée]|revenu|rentr)\pL*|crossed|reached|passed|exceeded|topped|surpassed|hired|raised|has been|have been|took|spent|lost|had|were|went|cost|missed|wasted|ran|came|broke|crashed|failed|happened|grew|dropped|rose|fell|doubled|tripled|jumped|increased|decreased|saw|hit|made|comped|complained)(?:$|[^\pL])`)

// tlPastRomanceRe finds a French or Spanish perfect of any verb: an
// auxiliary then a participle ("a pris", "ont été", "avons eu", "ha
// estado", "hemos perdido"); plans ("avons prévu", "hemos decidido") are
// intent words, which tlPast checks first.
var tlPastRomanceRe = regexp.MustCompile(`(?:^|[^\pL])(?:a|ont|avons|avez|ai|as|avait|avaient|avions|aviez|avais|ha|han|hemos|he|hab[íi]a|hab[íi]an|hab[íi]amos|hab[íi]ais)\s+(?:(?:d[ée]j[àa]|bien|ya|tout|beaucoup)\s+)?\pL+(?:é|ée|és|ées|is|it|u|us|ert|eint|ado|ada|ados|adas|ido|ida|idos|idas|cho|to)(?:$|[^\pL])`)

// tlPreteriteEsRe finds a Spanish simple past in the third person plural
// ("se nos olvidaron dos encargos este año", "perdieron"): the time
// phrase after it is the past.
var tlPreteriteEsRe = regexp.MustCompile(`(?:^|[^\pL])\pL{2,}(?:aron|ieron)(?:$|[^\pL])`)

// tlTimesRe finds a count of occurrences ("twice", "zweimal", "deux fois",
// "dos veces"): a time phrase beside it counts incidents, not a plan.
var tlTimesRe = regexp.MustCompile(`(?:^|[^\pL])(?:(?:second|third|fourth|fifth|\d+(?:st|nd|rd|th)) time|zum (?:zweiten|dritten|vierten|f(?:ü|ue|u)nften|x-ten|\d+\.) mal|(?:vier|f(?:ü|ue|u)nf|sechs|sieben|acht|neun|zehn|etliche|mehrere|paar) ?mal|pour la (?:deuxi[èe]me|troisi[èe]me|quatri[èe]me|ni[èe]me|\d+e) fois|(?:por )?(?:segunda|tercera|cuarta|quinta|en[ée]sima) vez|(?:la )?(?:deuxi[èe]me|troisi[èe]me|quatri[èe]me) fois|(?:das )?(?:zweite|dritte|vierte) mal|twice|(?:two|three|four|several|many|\d+) times|zweimal|dreimal|mehrmals|mehrfach|\d+ ?mal|(?:deux|trois|plusieurs|\d+) fois|(?:dos|tres|varias|\d+) veces|(?:second|third|fourth|fifth|deuxi[èe]me|troisi[èe]me|quatri[èe]me|cinqui[èe]me|zweite[nrs]?|dritte[nrs]?|vierte[nrs]?|segund[oa]|tercer[oa]?|cuart[oa]) (?:one |one )?(?:in|en|im|innerhalb|within|dans) )(?:$|[^\pL])`)

// tlIntentRe finds words of intent or planning: a month name that has
// already passed this year only means next year's when the writer speaks
// of a plan ("we want to start in March"), not of an event ("we raised
// our round in April").
var tlIntentRe = regexp.MustCompile(`(?:^|[^\pL])(?:want|wants|would like|'d like|we'll|i'll|they'll|buy|purchase|order|sobald|once|as soon as|d[èe]s que|en cuanto|una vez que|install(?:ing|ation)?|implement(?:ing|ation)?|instalar|instalaci[óo]n|implantar|implantaci[óo]n|implementar|implementaci[óo]n|d[ée]ployer|d[ée]ploiement|mise en service|einf(?:ü|ue|u)hren|einf(?:ü|ue|u)hrung|inbetriebnahme|plan|plans|planning|planned|aim|aiming|target|targeting|hope|hoping|intend|expect|need|needs|must|should|will|'ll|going to|looking to|go[- ]live|start|starting|launch|kick[- ]?off|roll ?out|deadline|timeline|ready|live|` +
	`ideally|idealerweise|id[ée]alement|idealmente|next|prochaine?|won't|wont|decide|decision|entscheid\pL*|d[ée]cid\pL*|d[ée]cision|decid\pL*|decisi[óo]n|` +
	`maybe|probably|perhaps|possibly|vielleicht|eventuell|voraussichtlich|wahrscheinlich|peut-[êe]tre|probablement|quiz[áa]s?|tal vez|probablemente|` +
	`pr[óo]xim[oa]|que viene|n(?:ä|ae|a)chste[nmrs]?|would|gustar[íi]a|encantar[íi]a|aimerions|aimerais|vis[ée]e?|` +
	`wollen|will|m(?:ö|oe|o)chten|planen|geplant|vorgesehen|soll|sollen|muss|m(?:ü|ue|u)ssen|brauchen|werden|wird|start|starten|einf(?:ü|ue|u)hrung|umstellen|live|ziel|` +
	`voulons|veut|veux|dois|voudrions|souhaitons|souhaite|aimerions|pr[ée]voyons|pr[ée]vu|comptons|visons|devons|doit|faut|allons|va|d[ée]marrer|lancer|d[ée]ployer|mise en place|objectif|` +
	`expires?|expiring|runs out|renewal|vence|ends|starts|begins|in time for|rechtzeitig|beginnt|startet|l(?:ä|ae|a)uft|commence|d[ée]marre|se termine|[àa] temps pour|arranca|empieza|comienza|termina|a tiempo para|vencimiento|caduca|expire|expirent|[ée]ch[ée]ance|ausl(?:ä|ae|a)uft|endet|k(?:ü|ue|u)ndigung|` +
	`queremos|quiero|quisi[ée]ramos|necesitamos|necesito|planeamos|pensamos|esperamos|vamos a|va a|debe|tiene que|tenemos que|arrancar|empezar|implementar|lanzar|previsto|objetivo|meta|` +
	// Preferences and launches: "preferably in January", "Wunschtermin",
	// "hätte gern ... ab Januar", "le lancement ... en janvier".
	`has to|have to|needs to|bevor|before|avant que|avant qu'|antes de que|preferably|preferiblemente|de preferencia|vorzugsweise|am liebsten|gerne?|wunschtermin|de pr[ée]f[ée]rence|lancement|lanzamiento|relaunch)(?:$|[^\pL])`)

// tlIntentAround reports intent words in the clause around match m,
// up to the next comma or conjunction after it.
func tlIntentAround(d *doc, m []int) bool {
	lo := tlScopeStart(d, m[0], 80)
	hi := min(d.clauseEnd(m[1]), m[1]+60)
	rest := d.lower[m[1]:hi]
	if c := strings.IndexAny(rest, ",;"); c >= 0 {
		rest = rest[:c]
	}
	for _, stop := range tlScopeStops {
		if i := strings.Index(rest, stop); i >= 0 {
			rest = rest[:i]
		}
	}
	if tlBackRefRe.MatchString(d.lower[m[1]:min(len(d.lower), m[1]+tlBackRefWindow)]) {
		return true // "a partir del 1 de marzo ... antes de esa fecha"
	}
	if tlNextYearBeforeRe.MatchString(d.lower[max(d.clauseStart(m[0]), m[0]-40):m[0]]) {
		return true // "l'an prochain, vers mars ou avril": next year's March
	}
	return tlIntentRe.MatchString(d.lower[lo:m[1]]) || tlIntentRe.MatchString(rest) ||
		tlForwardPrepRe.MatchString(d.lower[m[0]:m[1]]) || tlModalRe.MatchString(d.lower[lo:hi]) || tlShifted(d, m) ||
		tlFiscalNear(d.lower[max(d.clauseStart(m[0]), m[0]-60):hi])
}

// tlNextYearBeforeRe finds "next year" a few words before a month: "next
// year, around March", "nächstes Jahr, wohl im März", "l'an prochain,
// vers mars", "el año que viene, hacia marzo".
var tlNextYearBeforeRe = regexp.MustCompile(`(?:next year|n(?:ä|ae|a)chste[ns]? jahr|kommende[ns]? jahr|l'an prochain|l'ann[ée]e prochaine|a(?:ñ|n)o que viene|pr[óo]ximo a(?:ñ|n)o)[,;:]?(?:\s+\S+){0,3}\s+$`)

// tlForwardPrepRe finds, in a time phrase itself, a preposition that only
// points forward: "by mid January", "bis Mitte Januar", "pour mi-janvier",
// "antes de marzo" name a deadline, never a past event.
var tlForwardPrepRe = regexp.MustCompile(`^(?:by|before|until|till|no later than|bis|sp(?:ä|ae|a)testens|vor|avant|d'ici|pour|au plus tard|jusqu|antes|hasta|para|a m[áa]s tardar|ab|à partir d|a partir d|d[èe]s)(?:$|[^\pL])`)

// tlModalRe finds conditional and modal verb stems of a plan in any
// inflection: "sollte stehen", "il faudrait", "devrait être", "debería
// estar", "könnten starten", "we'd need".
var tlModalRe = regexp.MustCompile(`(?:^|[^\pL])(?:sollt\pL*|k(?:ö|oe|o)nnt\pL*|m(?:ü|ue|u)sst\pL*|br(?:ä|ae|a)ucht\pL*|ben(?:ö|oe|o)tig\pL*|faudr\pL*|devr\pL*|pourr\pL*|souhait\pL*|aimer\pL*|compt\pL*|deber\pL*|necesit\pL*|querr\pL*|quer[ií]\pL*|gustar\pL*|hopefully|we'd|i'd|needs?|wanted|w(?:ü|ue|u)rde\pL*|w(?:ä|ae|a)re|quier\pL*|partir|idea)(?:$|[^\pL])`)

// tlNegationAfter returns the offset of a negator among the three words
// after match m, before a comma or conjunction: "este año no hay
// presupuesto", "pour l'instant nous n'achetons rien", "im Moment kein
// Bedarf"; -1 if there is none.
func tlNegationAfter(d *doc, m []int) int {
	hi := min(d.clauseEnd(m[1]), m[1]+40)
	rest := d.lower[m[1]:hi]
	if c := strings.IndexAny(rest, ",:;()"); c >= 0 {
		rest = rest[:c]
	}
	if loc := tlParticleNotRe.FindStringIndex(rest); loc != nil {
		return m[1] + strings.LastIndex(rest[:loc[1]], "nicht")
	}
	for _, stop := range tlScopeStops {
		if i := strings.Index(rest, stop); i >= 0 {
			rest = rest[:i+1]
		}
	}
	off := 0
	for n := 0; n < 7; n++ {
		for off < len(rest) && isSep(rest[off]) {
			off++
		}
		end := off
		for end < len(rest) && !isSep(rest[end]) {
			end++
		}
		if end == off {
			break
		}
		w := strings.Trim(rest[off:end], ".!?")
		if tlIsCutWord(w) || tlCutPassive(rest[:off], w) || n < 3 && (tlNegators[w] || strings.HasSuffix(w, "n't") || strings.HasPrefix(w, "n'") && len(w) > 2) {
			if !tlOnlyAfter(rest[end:]) && !tlPurposeBefore(rest[:off]) {
				return m[1] + off
			}
		}
		off = end
	}
	return -1
}

// tlPurposeBefore reports a purpose word ending before ("para no perder
// el crédito", "pour ne pas perdre", "so as not to lose", "um nicht"):
// the negation is the purpose's, the date stays a deadline.
func tlPurposeBefore(before string) bool {
	f := strings.Fields(before)
	if len(f) == 0 {
		return false
	}
	switch f[len(f)-1] {
	case "para", "pour", "as", "order", "um", "afin", "damit":
		return true
	}
	return false
}

// tlMatchesNear reports whether p matches within d.lower[lo:hi], a span
// inside one clause. It asks the literal index first, so of a word list
// split into a hundred parts only those whose words occur in the clause
// run their expression.
func tlMatchesNear(p *pattern, d *doc, lo, hi int) bool {
	// The span may cross a clause break ("bis zum 25. Mai im Urlaub" is
	// broken after "25."): every clause it touches is asked.
	k0, k1 := d.clauseIndex(lo), d.clauseIndex(max(lo, hi-1))
	for i := range p.parts {
		part := &p.parts[i]
		if part.lits != nil && literalIndex != nil {
			cl := d.clausesFor(part)
			j, _ := slices.BinarySearch(cl, k0)
			if j >= len(cl) || cl[j] > k1 {
				continue
			}
		}
		if part.regexp().MatchString(d.lower[lo:hi]) {
			return true
		}
	}
	return false
}

// tlPastDeSimpleRe finds a German simple past or a perfect's auxiliary
// with any participle: "hatten im Sommer angefragt", "im Winter gab es
// zwei Einbrüche", "im März waren wir auf der Messe".
var tlPastDeSimpleRe = regexp.MustCompile(`(?:^|[^\pL])(?:hatten|hatte|waren|war|gab|wurde|wurden|ging|gingen|fiel|fielen|kam|kamen|lief|liefen|mussten|musste)(?:$|[^\pL])`)

// tlPastDeSimple reports a German past tense in the stretch of m's clause
// between the commas around it, with no modal or future that would make
// the date a plan ("hatten im Sommer angefragt, wollen jetzt bis Oktober"
// keeps October: the comma ends the past).
func tlPastDeSimple(d *doc, m []int) bool {
	cs, ce := d.clauseStart(m[0]), min(d.clauseEnd(m[1]), m[1]+60)
	if i := strings.LastIndexByte(d.lower[cs:m[0]], ','); i >= 0 {
		cs += i + 1
	}
	if c := tlSentencePause(d.lower[m[1]:ce]); c >= 0 {
		ce = m[1] + c
	}
	seg := d.lower[cs:ce]
	return tlPastDeSimpleRe.MatchString(seg) && !tlFutureDeRe.MatchString(seg) && !tlIntentRe.MatchString(seg) &&
		!tlOldPlanRe.MatchString(seg) && !tlShifted(d, m) && !tlMovedTo(d, m) && !tlShiftDeRe.MatchString(seg)
}

// tlShiftDeRe finds a German move of the plan ("wurde auf November
// verschoben"): its target is the current date, not a past one.
var tlShiftDeRe = regexp.MustCompile(`(?:^|[^\pL])(?:verschoben|verlegt|vertagt|geschoben|zur(?:ü|ue|u)ckgestellt)(?:$|[^\pL])`)

// tlIncidentBeforeRe finds an incident noun right before a date, which
// then says when the incidents happened ("nach zwei Einbrüchen im
// Winter", "after two outages this spring", "après deux cambriolages cet
// hiver", "tras dos robos en invierno"), not when anything is bought.
var tlIncidentBeforeRe = regexp.MustCompile(`(?:^|[^\pL])(?:einbr(?:ü|ue|u)ch\pL*|ausf(?:ä|ae|a)ll\pL*|vorf(?:ä|ae|a)ll\pL*|\pL*angriff\pL*|diebst(?:ä|ae|a)hl\pL*|pannen?|st(?:ö|oe|o)rungen|br(?:ä|ae|a)nde[n]?|wassersch(?:ä|ae|a)den|unf(?:ä|ae|a)lle[n]?|` +
	`break-?ins|burglar(?:y|ies)|outages?|incidents|attacks|breach(?:es)?|thefts|fires|floods|crashes|` +
	`cambriolages?|pannes|incidents|attaques|incendies|inondations|` +
	`robos|aver[íi]as|incidentes|ataques|incendios|inundaciones|ca[íi]das)(?:\s+\pL+)?\s+$`)

// tlParticleNotRe finds a German particle then "nicht" right after a
// phrase ("Eilt also nicht", "dringend ist es ja nicht"): "also" there is
// "so", no clause stop as in English ("aber nicht" stays contrastive).
var tlParticleNotRe = regexp.MustCompile(`^\s*(?:ist es |es ist )?(?:also|ja|wirklich|eigentlich) nicht(?:$|[^\pL])`)
