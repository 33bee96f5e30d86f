package bant

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// "Today" and a bare weekday are dates only in a plan's clause: "we need
// this set up today", "Lizenz läuft am Freitag aus", "expire vendredi",
// "vence el viernes"; not in "today we copy orders by hand" or "I'm out
// on Friday".

var (
	// tlTodayRe: today in four languages, with the particles that make it
	// a deadline ("heute noch", "dès aujourd'hui", "hoy mismo").
	tlTodayRe = mustPattern(`\b(?:today|tonight|heute|aujourd'hui|aujourd hui|hoy|ya)\b`)
	// tlBareWeekdayRe: a weekday without a deadline preposition (those
	// are tlWeekdayXRe's), with an optional article or "on"/"am"/"this".
	tlOrdinalBeforeRe = regexp.MustCompile(`(?:first|second|third|last|erste[nmr]?|zweite[nmr]?|letzte[nmr]?|premier|dernier|primer|[úu]ltimo)\s+$`)
	tlOfMonthAfterRe  = regexp.MustCompile(`^\s+(?:of|in|im|de|del|en)\s+(?:the\s+)?\pL`)
	tlRoutineRe       = regexp.MustCompile(`(?:^|[^\pL])(?:usually|always|often|regularly|regelm(?:ä|ae|a)(?:ß|ss)ig|immer|oft|meistens|souvent|toujours|r[ée]guli[èe]rement|siempre|suelen|normalmente|a menudo)(?:$|[^\pL])`)
	tlBareWeekdayRe   = mustPattern(`\b(?:on |am |this |el |ce |diesen |dieser |este |para este |next |n(?:ä|ae|a)chsten )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|mi[ée]rcoles|jueves|viernes|s[áa]bado|domingo)\b`)

	// tlTodayPastRe: "until today", "bis heute", "jusqu'à aujourd'hui",
	// "hasta hoy", "as of today", "seit heute" describe the present state.
	tlTodayPastRe = regexp.MustCompile(`(?:until|till|up to|as of|since|bis|seit|ab|jusqu'[àa]|jusqu'|depuis|hasta|desde|a partir de|a d[íi]a de|à ce jour|a fecha de)\s+$`)
	// tlTodayDeadlineRe: words right around "today" that make it a
	// deadline: "noch", "dès", "by", "for", "mismo", "même".
	tlTodayBeforeRe = regexp.MustCompile(`(?:^|[^\pL])(?:noch|gleich|direkt|sofort|right|d[èe]s|by|for|para|pour|ideally|idealerweise|id[ée]alement|idealmente)\s+$`)
	// tlYaAfterRe: Spanish "ya" means "now" only at a clause's end ("lo
	// quiero ya", "conciliación YA:", "lo arranco ya").
	tlYaAfterRe    = regexp.MustCompile(`^\s*(?:mismo|$|[.!?;,:)])`)
	tlTodayAfterRe = regexp.MustCompile(`^\s*(?:noch|mismo|m[êe]me|if|please|bitte|si|s'il|por favor|$|[.!?;,:])`)
	// tlTodayNeedRe: a plan's verb before "today" in its clause.
	tlTodayNeedRe = regexp.MustCompile(`(?:^|[^\pL])(?:need|needs|needed|want|must|i'd like|we'd like|would like|gern|gerne|freischalt\pL*|aktivier\pL*|activate|activer|activar|aimerais|aimerions|gustar\pL*|have to|got to|set up|setup|up and running|live|start|sign|order|buy|brauch\pL*|ben(?:ö|oe|o)tig\pL*|muss|m(?:ü|ue|u)ssen|wollen|m(?:ö|oe|o)chten|bestell\pL*|starten|faut|besoin|voulons|veux|devons|doit|commander|signer|d[ée]marrer|necesit\pL*|quer\pL*|tenemos que|tengo que|tiene que|tienen que|hay que|firmar|comprar|get|add|added|quier\pL*|contrat\pL*|arranc\pL*|empiez\pL*|empez\pL*|lo quiero|lo queremos)(?:$|[^\pL])`)
)

// tlTodayClockRe: a time of day after "today" makes it a deadline, the
// plan's verb may then follow ("die heute bis 18 Uhr gebucht sein
// müssen", "today by 6 pm we must", "aujourd'hui avant 18h", "hoy antes
// de las 18").
var tlTodayClockRe = regexp.MustCompile(`^\s*(?:noch\s+)?(?:bis|by|before|until|avant|jusqu'[àa]|antes de|hasta)\s+(?:las\s+|la\s+)?(?:\d{1,2}(?:[:.h]\d\d)?\s*(?:uhr|h|am|pm|o'clock|heures?|horas?)?|noon|midnight|mittag|mitternacht|midi|minuit|mediod[íi]a|medianoche|close of business|cob|eod|end of (?:the )?day|feierabend|dienstschluss|la fin de (?:la )?journ[ée]e|el cierre)(?:$|[^\pL\d])`)

// tlUntilComma is s up to its first comma.
func tlUntilComma(s string) string {
	if i := strings.IndexByte(s, ','); i >= 0 {
		return s[:i]
	}
	return s
}

func tlToday(d *doc, m []int, _ time.Time) (Timeline, bool) {
	s := d.lower
	cs := d.clauseStart(m[0])
	before := s[max(cs, m[0]-24):m[0]]
	if tlTodayPastRe.MatchString(before) {
		return Timeline{}, false
	}
	after := s[m[1]:min(len(s), m[1]+12)]
	if s[m[0]:m[1]] == "ya" && !tlYaAfterRe.MatchString(after) {
		return Timeline{}, false // "ya tenemos", "ya lo probamos": already
	}
	clock := tlTodayClockRe.MatchString(s[m[1]:min(len(s), m[1]+32)])
	if !tlTodayBeforeRe.MatchString(before) && !tlTodayAfterRe.MatchString(after) && !clock {
		return Timeline{}, false // "today we copy orders by hand": the present
	}
	if !tlTodayNeedRe.MatchString(s[max(cs, m[0]-80):m[0]]) &&
		!(clock && tlTodayNeedRe.MatchString(tlUntilComma(s[m[1]:min(d.clauseEnd(m[1]), m[1]+60)]))) {
		return Timeline{}, false
	}
	if clock {
		// The clock time reads as a meeting's near the date (-0.3); here
		// it is the deadline's hour, so "today" keeps an answer.
		return Timeline{Months: 0.03, Label: LabelASAP, Confidence: 0.8}, true
	}
	return Timeline{Months: 0.03, Label: LabelASAP, Confidence: 0.5}, true
}

// tlBareWeekday reads "on Friday" as the next such day; it stays below
// the confidence floor unless purchase or expiry words lift it, and a
// routine ("every Monday", "le lundi") is no date.
func tlBareWeekday(d *doc, m []int, now time.Time) (Timeline, bool) {
	s := d.lower
	if tlHabitualRe.MatchString(s[max(0, m[0]-16):m[0]]) || tlOrdinalBeforeRe.MatchString(s[max(0, m[0]-12):m[0]]) ||
		tlOfMonthAfterRe.MatchString(s[m[1]:min(len(s), m[1]+16)]) ||
		tlRoutineRe.MatchString(s[d.clauseStart(m[0]):d.clauseEnd(m[1])]) {
		return Timeline{}, false // "every Monday", "the first Sunday of September", "am Montag regelmäßig"
	}
	if tlNegationAt(d, m) >= 0 || tlNegationAfter(d, m) >= 0 {
		return Timeline{}, false // "am Sonntag keiner da": an incident, not a plan
	}
	name := group(s, m, 1)
	wd, ok := tlWeekdayNames[name]
	if !ok {
		wd, ok = weekdays[name]
	}
	if !ok {
		return Timeline{}, false
	}
	days := (int(wd) - int(now.Weekday()) + 7) % 7
	if days == 0 {
		days = 7
	}
	months := round2(float64(days) / daysPerMonth)
	return Timeline{Months: months, Label: labelFor(months), Confidence: 0.3}, true
}

// tlAnchorRe finds an event the plan must precede ("before the holiday
// season starts mid-November", "antes de las vacaciones de agosto", "vor
// der Messe im März"): its date is the deadline, not a meeting's.
var tlAnchorRe = regexp.MustCompile(`(?:^|[^\pL])(?:before|ahead of|prior to|in time for|ready for|antes de|para|avant|pour|vor|bis zu[mr]?|zu[mr])\s+(?:(?:the|our|their|la|las|el|los|les|le|l'|notre|nos|nuestr[oa]s?|der|dem|den|die|das|unsere[mnr]?)\s+)?(?:\S+\s+){0,2}(?:l'|d')?(?:holidays?|holiday season|vacations?|vacaciones|vacances|cong[ée]s|urlaub\pL*|betriebsferien|sommerpause|trade ?show|trade fair|expo|messe|salon|feria|event|season|saison|temporada|rentr[ée]e|lancement|launch|opening|er(?:ö|oe|o)ffnung|apertura|ouverture|` +
	// Audits, inspections and assemblies the purchase must precede ("vor
	// dem Audit am 27.03.", "antes de las juntas de marzo").
	`renewal|verl(?:ä|ae|a)ngerung|renouvellement|renovaci[óo]n|audit\pL*|auditor[íi]a\pL*|inspection\pL*|inspecci[óo]n\pL*|pr(?:ü|ue|u)fung\pL*|exam\pL*|examen\pL*|ex[áa]men\pL*|certifica\pL*|zertifizierung\pL*|juntas?|asambleas?|assembl[ée]e?s?|versammlung\pL*|hauptversammlung\pL*|peak|hochsaison|rush|` +
	tlRuleNouns + `)`)

// tlRuleNouns name a rule coming into force ("avant l'obligation de
// facturation électronique de septembre", "vor der E-Rechnungspflicht im
// Januar", "before the e-invoicing mandate in September").
const tlRuleNouns = `obligations?|mandate|requirement|\pL*pflicht|inkrafttreten|entr[ée]e en vigueur|obligaci[óo]n|entrada en vigor|r[ée]forme|reforma|reform|gesetz\pL*|regulation|verordnung|r[èe]glement\pL*|normativa`

// tlRuleBeforeRe finds such a rule after a deadline word before a date:
// an invoice or payment word there is the rule's subject, not a quote's
// deadline ("antes de la obligación de factura electrónica de septiembre").
var tlRuleBeforeRe = regexp.MustCompile(`(?:^|[^\pL])(?:before|ahead of|prior to|in time for|antes de|avant|vor|bis zu[mr]?)\s+(?:\S+\s+){0,2}(?:l'|d')?(?:` + tlRuleNouns + `)(?:$|[^\pL])`)

// tlFiscalRe finds a fiscal year's start or close that a plan is tied to
// ("once the fiscal year starts in April", "sobald das Geschäftsjahr im
// April beginnt", "une fois le nouvel exercice commencé", "antes de que
// arranque el nuevo año fiscal", "antes de que cierre el año fiscal"):
// its date is the plan's, not a bookkeeping aside.
var tlFiscalRe = regexp.MustCompile(`(?:fiscal|financial|budget|tax) year,?(?:\s+\S+){0,2}\s+\(?(?:starts|begins|kicks off|start)|gesch(?:ä|ae|a)ftsjahr\pL*,?(?:\s+\S+){0,2}\s+\(?(?:beginnt|startet|anf(?:ä|ae|a)ngt|start|beginn)|` +
	// "the fiscal year, which starts 1 July", "Geschäftsjahr (Beginn 1. Juli)",
	// "l'exercice, qui débute le 1er juillet", "el año fiscal, que empieza el 1 de julio".
	`(?:exercice|a(?:ñ|n)o fiscal|ejercicio)\pL*,?(?:\s+\S+){0,3}?\s+\(?(?:d[ée]bute|commence|empieza|comienza|arranca|inicio|d[ée]but)|` +
	`exercice(?:\s+\S+){0,2}\s+(?:commenc\pL*|d[ée]marr\pL*|d[ée]but\pL*)|(?:a(?:ñ|n)o|ejercicio) fiscal(?:\s+\S+){0,2}\s+(?:empieza|comienza|arranca|inicia)|` +
	`(?:start|starts|begins|beginn|beginnt|d[ée]but|commence|arranque|empiece|comience|inicie|inicio|comienzo)\s+(?:of\s+|de\s+|du\s+|del\s+|des\s+)?(?:the |el |le |l'|das |den )?(?:new |next |nuevo |nouvel |neuen? |pr[óo]ximo )?(?:tax year|fiscal year|financial year|a(?:ñ|n)o fiscal|ejercicio|exercice|gesch(?:ä|ae|a)ftsjahr\pL*)|` +
	// "with the new fiscal year", "mit dem neuen Geschäftsjahr", "avec le
	// nouvel exercice", "con el nuevo año fiscal": a plan tied to its start.
	`(?:^|[^\pL])(?:with|in|into|mit dem|mit|im|zum|ins|avec le|avec l'|dans le|d[èe]s le|au|con el|en el|al)\s+(?:the |our )?(?:new|next|neuen?|n(?:ä|ae|a)chsten|nouvel|prochain|nuevo|pr[óo]ximo)\s+(?:fiscal year|financial year|budget year|a(?:ñ|n)o fiscal|ejercicio|exercice|gesch(?:ä|ae|a)ftsjahr\pL*)|` +
	`(?:until|hasta|para|bis|d'ici)\s+(?:the |la |el |zum )?(?:end|fin|ende|final|cierre|cl[ôo]ture)\s+(?:of |de |du |des |del )?(?:the |l'|la |el |das |des )?(?:tax year|fiscal year|exercice|ejercicio|a(?:ñ|n)o fiscal|gesch(?:ä|ae|a)ftsjahr\pL*)|` +
	`(?:before|by|antes de que|antes del?|bevor|vor|avant)\s+(?:\S+\s+){0,3}(?:tax year|steuerjahr\pL*|ann[ée]e fiscale|fiscal year|financial year|a(?:ñ|n)o fiscal|ejercicio|exercice|gesch(?:ä|ae|a)ftsjahr\pL*)|` +
	// "avant le 30 septembre pour l'exercice", "by June for this fiscal
	// year": the year's money must be spent by then.
	`(?:^|[^\pL])(?:pour|for|f(?:ü|ue|u)rs?|para|sur|auf)\s+(?:l'|the |this |our |das |dieses |unser\pL* |el |este |nuestro |cet |notre |le |ce )?(?:current |laufende\pL* |en cours |actuel )?(?:fiscal year|financial year|budget year|a(?:ñ|n)o fiscal|ejercicio|exercice|gesch(?:ä|ae|a)ftsjahr\pL*)`)

// tlClauseEnd is d.clauseEnd, except that a German date's dot followed by
// a lower-case word ("am 20.09. sollte es laufen") ends no sentence: the
// clause runs on, so its purchase words count.
func tlClauseEnd(d *doc, p int) int {
	ce := d.clauseEnd(p)
	s := d.lower
	if ce > 0 && ce < len(s)-2 && ce >= p && ce-p <= 1 && s[ce] == '.' && isDigit(s[ce-1]) &&
		s[ce+1] == ' ' && d.clean[ce+2] >= 'a' && d.clean[ce+2] <= 'z' {
		return d.clauseEnd(ce + 2)
	}
	return ce
}

var (
	// tlDayNextMonthRe: "by the 15th of next month", "bis zum 15.
	// nächsten Monats", "avant le 15 du mois prochain", "antes del 15 del
	// mes que viene".
	tlDayNextMonthRe = mustPattern(`\b(?:by|before|until|till|no later than|on|bis zum|bis|zum|vor dem|am|avant le|d'ici le|pour le|au plus tard le|le|antes del|para el|hasta el|el)\s+(?:the\s+)?(\d{1,2})(?:st|nd|rd|th|\.|er)?\s+(?:of\s+)?(?:next month|the following month|n(?:ä|ae|a)chsten monats|kommenden monats|du mois prochain|du mois suivant|del mes que viene|del pr[óo]ximo mes|del mes siguiente)`)
	// tlSchoolYearRe: the start of a school year, early September
	// (northern hemisphere; a named month, as in Chile's March, wins).
	tlSchoolYearRe = mustPattern(`\b(?:(?:start|beginning) of the (?:new |next |20\d\d[/-]\d{2,4} )?(?:school|academic) year|(?:start|beginn|anfang) des (?:neuen |n(?:ä|ae|a)chsten |kommenden )?schuljahr(?:e?s)?|d[ée]but de l'ann[ée]e scolaire|(?:new|next) (?:school|academic) year|(?:school|academic) year starts|schuljahr(?:es)?(?:beginn|start)|n(?:ä|ae|a)chste[ns]? schuljahr|neue[ns]? schuljahr|rentr[ée]e(?: scolaire| prochaine)?|prochaine rentr[ée]e|(?:inicio|comienzo) del (?:curso|a(?:ñ|n)o escolar|ciclo escolar)|(?:pr[óo]ximo|nuevo) (?:curso|a(?:ñ|n)o escolar|ciclo escolar)|curso que viene)`)
	// tlSchoolPrepRe: the preposition that makes the school year a
	// deadline ("for the new school year", "pour la rentrée").
	tlSchoolPrepRe = regexp.MustCompile(`(?:^|[^\pL])(?:for|by|before|when|until|at|in time for|zum|zu|bis zum|vor dem|f(?:ü|ue|u)r das|pour|avant|d'ici|[àa]|para|antes del?|al|en|hasta)\s+(?:the\s+|la\s+|el\s+|le\s+|das\s+|den\s+|l')?$`)
)

// tlDayNextMonth reads a day of next month: that day's end.
func tlDayNextMonth(d *doc, m []int, now time.Time) (Timeline, bool) {
	day, err := strconv.Atoi(group(d.lower, m, 1))
	if err != nil || day < 1 || day > 31 {
		return Timeline{}, false
	}
	t := time.Date(now.Year(), now.Month()+1, day+1, 0, 0, 0, 0, now.Location())
	return tlByHorizon(now, t, 0.65), true
}

// tlSchoolYear reads the next school year's start as 10 September.
func tlSchoolYear(d *doc, m []int, now time.Time) (Timeline, bool) {
	if !tlSchoolPrepRe.MatchString(d.lower[max(d.clauseStart(m[0]), m[0]-24):m[0]]) {
		return Timeline{}, false // "the rentrée was chaotic": no deadline
	}
	t := time.Date(now.Year(), time.September, 11, 0, 0, 0, 0, now.Location())
	if !t.After(now) {
		t = t.AddDate(1, 0, 0)
	}
	return tlByHorizon(now, t, 0.55), true
}

// Round-2 additions to tlContextRe, tlMeetingRe and tlQuoteRe, as plain
// expressions: they only run on the window around a candidate, so they
// need no literal prefilter and add no pattern parts to every doc.
var (
	tlContextXRe = regexp.MustCompile(tlWords(
		"brauch\\pL*", "ben(?:ö|oe|o)tig\\pL*", "abschlie(?:ß|ss)\\pL*", "unter dach und fach", "boucler", "wrap (?:it |this |things )?up", "lo quiero", "la quiero", "lo queremos",
		"closes", "closing", "due (?:on|by|date)", "install\\pL*", "instal\\pL*", "implant\\pL*", "implement\\pL*", "despliegue", "despleg\\pL*", "desplieg\\pL*", "roll-?out", "rollout\\pL*", "ausroll\\pL*", "arranc\\pL*", "contrat\\pL*", "entschied\\pL*", "entschieden", "decided", "d[ée]cid\\pL*", "decid\\pL*", "activ\\pL*", "aktivier\\pL*",
		// A goal with a date: "Mon objectif : ... d'ici l'été prochain".
		"goal", "aim", "target", "objective", "ziel", "objecti[fv]\\pL*", "meta",
		"have to", "tenemos que", "tendremos que", "hay que", "m(?:ü|ue|u)ssen", "devons", "devrons", "il faudra", "il (?:nous |me )?faut", "award(?:ed)?", "attribution", "adjudicaci[óo]n",
		// Using it from a date is starting: "la podría usar ya desde la
		// semana que viene", "avoir l'outil dès lundi", "nutzen ab März".
		"use it", "using it", "start using", "utiliser", "l'utiliser", "avoir l'outil", "avoir l'appli\\pL*", "avoir acc[èe]s", "usar(?:la|lo|las|los)?", "utilizar(?:la|lo)?", "nutzen", "einsetzen",
		// Ready in any language.
		"pr[êe]te?s?", "list[oa]s?", "fertig", "bereit", "startklar",
		// Expiry of the current tool or contract: its date is the deadline.
		"expires?", "expiring", "expiry", "runs? out", "running out", "lapses?", "renewal",
		"l(?:ä|ae|a)uft", "ausl(?:ä|ae|a)uft", "endet", "gek(?:ü|ue|u)ndigt", "k(?:ü|ue|u)ndigung",
		"expire", "expirent", "[ée]ch[ée]ance", "expiration", "prend fin", "se termine", "r[ée]siliation",
		"vence", "vencimiento", "caduca", "se acaba", "finaliza", "renovaci[óo]n",
	) + `|(?:contract|licen[cs]e|subscription|lease|support|maintenance|warranty|vertrag|lizenz|abo|wartung|garantie|support|contrat|abonnement|maintenance|contrato|licencia|suscripci[óo]n|soporte|mantenimiento|garant[íi]a)\pL*(?:\s+\S+){0,4}?\s+(?:ends?|ending|is up|terminates?|stops?)\b`)
	tlMeetingXRe = regexp.MustCompile(`\d(?:\s?(?:h|uhr|am|pm|a\.m\.|p\.m\.)|:\d\d)(?:$|[^\pL\d])|` + tlWords(
		// Proposals to meet: "nous voir le 3 février", "vernos el 25",
		// "uns am 5. Februar kennenlernen"; a time of day marks an
		// appointment ("le 22 septembre à 14h", "a las 10:00").
		"d[ée]monstrations?", "demonstrations?", "demostraci[óo]n\\pL*", "kennenlernen", "kennen lernen", "vorbeikommen", "nous voir", "vous voir", "se voir", "rencontrer", "rencontrons", "point t[ée]l[ée]phonique",
		"vernos", "reunirnos", "conocernos", "visitarles", "visitarlos", "get together", "drop by", "stop by",
		// Whether the vendor exhibits: "Sind Sie auf der EMO im September vertreten?"
		"vertreten", "exhibiting", "exposez", "exposerez", "expon[ée]is", "expondr[áa]n", "estar[áa]n presentes",
		"meets", "gala", "parler", "absent", "absente", "abwesend", "ausente", "away", "cr[ée]neau", "cr[ée]neaux", "slot", "slots", "zeitfenster", "hueco", "huecos", "franja", "franjas", "parle", "parlons", "discuter", "discutons",
		"exercice", "jahresabschluss", "cierre contable", "cierre del ejercicio",
		// Closures and absences: "our office is closed from 24 December",
		// "Betriebsferien bis 6. Januar", "fermé du 1er au 20 août".
		// Calling back on a date: "os llamo el 12 de enero", "je vous appelle le 12", "ich rufe Sie am 12. an".
		"llam(?:o|amos|ar[ée]|aremos|e|en|emos)", "appell\\pL*", "rappell\\pL*", "ruf(?:e|en) (?:\\S+ ){0,4}?an",
		"meld(?:e|en) (?:mich|uns)", "hablamos", "hablemos", "hablaremos", "talk soon", "on se parle", "on en parle", "sprechen uns", "h(?:ö|oe|o)ren uns",
		// Presenting options to whoever decides: "stelle den Partnern am 15.04. zwei Lösungen vor".
		"presentation", "presenting", "present (?:them|it|to)", "present (?:\\S+ ){1,3}?to", "pr(?:ä|ae|a)sentier\\pL*", "stell(?:e|en|t) (?:\\S+ ){0,6}?vor", "stell(?:e|en) (?:den|dem|der|unseren?|ihnen|ihm|ihr|euch) ",
		"closed", "closure", "geschlossen", "betriebsferien", "ferm[ée]e?s?", "fermeture", "cerrad[oa]s?", "cierre por vacaciones",
	))
	tlQuoteXRe = regexp.MustCompile(tlWords(
		// Replies: "revenir vers moi avant vendredi", "envíenla antes del viernes".
		"revenir vers", "reveni\\pL*", "recommendation", "recommendations", "recommandation", "recommandations", "recomendaci[óo]n\\pL*", "empfehlung\\pL*",
		"short-list", "short-lists", "informe", "bericht", "rapport", "report", "r[ée]pondre", "env[íi]en\\pL*", "zusenden", "zuschicken",
		// Payments: "kann unsere Buchhaltung sie nicht bis zum 30.11. anweisen".
		// A survey's deadline: "un cuestionario antes del 15/09".
		// A tender's answers: "submissions are due 30 September", "Abgabe
		// der Angebote bis" (a bare "Abgabe" is a delivery), "remise des offres le", "presentación de ofertas".
		"submissions?", "bids? (?:are |is )?due", "angebotsabgabe", "abgabe der angebote", "remise des (?:offres|candidatures|propositions)", "presentaci[óo]n de (?:ofertas|propuestas)",
		// A promotion's period: "30% off in Q3", "Rabatt bis Ende März".
		"\\d+ ?% off", "discount\\pL*", "promo\\pL*", "rabatt\\pL*", "r[ée]duction", "descuento\\pL*",
		"questionnaire", "survey", "cuestionario", "encuesta", "fragebogen", "umfrage", "enqu[êe]te",
		"anweisen", "(?:ü|ue|u)berweis\\pL*", "bezahl\\pL*", "payer", "virement", "pagar", "transferencia",
	))
)

// tlNear reports whether p or its addition x matches within d.lower[lo:hi].
func tlNear(p *pattern, x *regexp.Regexp, d *doc, lo, hi int) bool {
	return tlMatchesNear(p, d, lo, hi) || x.MatchString(d.lower[lo:hi])
}

// tlFiscalNear reports tlFiscalRe in s, asking for its nouns first: the
// expression has no literal prefix, so it would scan every window.
// tlFiscalWord reports a fiscal year's name in s.
func tlFiscalWord(s string) bool {
	for _, w := range []string{"fiscal", "financial year", "budget year", "tax year", "ftsjahr", "exercice", "ejercicio", "año fiscal"} {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

func tlFiscalNear(s string) bool {
	for _, w := range []string{"fiscal", "financial", "budget year", "tax year", "ftsjahr", "exercice", "ejercicio"} {
		if strings.Contains(s, w) {
			return tlFiscalRe.MatchString(s) || tlFiscalEndRe.MatchString(s) && tlSpendRe.MatchString(s)
		}
	}
	return false
}

// tlFiscalEndRe finds a fiscal year's end ("the fiscal year, which ends
// 30 June", "Geschäftsjahr endet am 30.9.", "l'exercice se termine le 30
// juin", "el año fiscal cierra el 30 de junio"); it dates a plan only
// where money must be spent by then (tlSpendRe): a year end alone is
// bookkeeping.
var tlFiscalEndRe = regexp.MustCompile(`(?:(?:fiscal|financial|budget) year|gesch(?:ä|ae|a)ftsjahr\pL*|exercice|a(?:ñ|n)o fiscal|ejercicio)\pL*,?(?:\s+\S+){0,3}?\s+\(?(?:ends|closes|end|endet|ende|se termine|termine|finit|prend fin|cierra|termina|acaba)`)

// tlSpendRe finds money that must be spent or used: "to be spent in this
// fiscal year", "muss bis dahin ausgegeben sein", "à dépenser", "hay que
// gastarlo".
var tlSpendRe = regexp.MustCompile(`(?:^|[^\pL])(?:spend|spent|use it|used up|ausgeben|ausgegeben|verbrauch\pL*|abrufen|abgerufen|d[ée]pens\pL*|consomm\pL*|utilis\pL*|gast\pL*|ejecut\pL*|lose it|verf(?:ä|ae|a)llt|perd\pL*|pierde\pL*)(?:$|[^\pL])`)
