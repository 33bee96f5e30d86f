package bant

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// daysPerMonth is the mean Gregorian month, the unit of Timeline.Months.
const daysPerMonth = 365.25 / 12

// Duration pieces shared by the relative-time patterns.
const (
	durNumPat  = `\d+(?:[.,]\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|eighteen|twenty|thirty|sixty|ninety|a couple of|couple of|a couple|a few|few|several|half an?|a half`
	durUnitPat = `business days|working days|days?|weeks?|wks?|months?|mos|mths?|quarters?|years?|yrs?`
	monthPat   = `january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec`
)

// researchRe matches "just researching"-style statements; it feeds both the
// timeline (Researching) and the need (exploring).
var researchRe = mustPattern(`\b(?:just (?:researching|looking|browsing|exploring|curious|gathering (?:info|information)|getting (?:some )?info(?:rmation)?|doing (?:some )?research|window shopping|checking (?:things|you|it) out)|(?:doing|early|initial|preliminary) (?:some )?research|researching (?:options|solutions|tools|vendors|the market|alternatives|providers)|(?:in the |at the |at an |in an |very )?early stages?\b|exploring (?:our |the |some )?options|gathering (?:info|information|requirements)|information gathering|kicking the (?:tires|tyres)|not (?:yet )?ready to (?:buy|purchase|commit|decide|sign)|no (?:immediate|current|concrete) plans|for future reference|window shopping|market research)` +
	`|` + tlWords(
	"nur informieren", "erstmal informieren", "erst einmal informieren", "zunächst informieren",
	"informieren uns (?:erst|erstmal|zunächst|nur|gerade)", "informiere mich (?:erst|erstmal|zunächst|nur|gerade)",
	"(?:nur|erstmal|zunächst|vorerst) (?:mal )?(?:umschauen|umsehen|orientieren|recherchieren|sondieren)",
	"reine informationsanfrage", "marktrecherche", "marktüberblick", "marktsondierung", "sondieren (?:den markt|gerade)",
	"(?:in der |ganz )?(?:frühen|ersten) phase", "noch ganz am anfang",
	"(?:simple|pure) curiosité", "(?:je me|nous nous) renseign(?:e|ons)", "on se renseigne",
	"(?:phase|stade) (?:de )?(?:réflexion|exploratoire|découverte)", "en (?:phase de |cours de )?réflexion",
	"étude de marché", "veille (?:du marché|concurrentielle|technologique)", "à titre d'information",
	"(?:solo|sólo|solamente|simplemente) (?:estamos |estoy )?(?:investigando|mirando|explorando|curioseando|informándo(?:nos|me)|recopilando información)",
	"(?:estamos|estoy) (?:investigando|explorando) (?:opciones|el mercado|alternativas|posibilidades|soluciones)",
	"por curiosidad", "fase (?:inicial|exploratoria|de investigación|de exploración)", "estudio de mercado",
	"recopilando información", "a título informativo", "etapa inicial",
	"viendo qu[ée] hay", "ver qu[ée] hay", "conocer el mercado", "para tener un panorama", "sondeando el mercado",
	"schaue mich (?:\\S+ ){0,3}um", "schauen uns (?:\\S+ ){0,3}um",
	"following the market", "see what(?:'s| else is| is) out there", "what's out there", "benchmark(?:ing)?",
	"(?:regarder|voir) ce qui (?:existe|se fait)", "faire le tour du march[ée]", "suivre le march[ée]",
	"voir où en est le march[ée]", "où en est le march[ée]",
	"(?:get|getting) a feel for", "(?:get|getting) an idea of", "einen (?:ersten )?(?:überblick|eindruck) (?:verschaffen|bekommen|gewinnen)",
	"(?:me|nous) faire une id[ée]e", "hacer(?:me|nos) una idea", "haci[ée]ndo(?:me|nos) una idea",
	"(?:faire|fais|faisons|fait|faisais) (?:juste |simplement |surtout )?de la veille", "en phase de veille", "phase de veille",
	// Collecting prices or rates only: "just collecting rates for now",
	// "sammle vorerst nur Preise", "je collecte les tarifs", "recopilo precios".
	"(?:just |only |merely )?(?:collecting|gathering|compiling) (?:\\S+ )?(?:rates|prices|pricing|quotes|figures)",
	"sammle (?:\\S+ ){0,3}(?:preise|tarife|konditionen|richtwerte|infos|informationen)",
	"(?:je |on |nous )?(?:collecte|collectons|rassemble|rassemblons|recueille|recueillons|récupère) (?:\\S+ ){0,2}(?:tarifs|prix|grilles tarifaires)",
	"recopil\\pL* (?:\\S+ ){0,2}(?:precios|tarifas)", "(?:nur|erstmal|erst mal|zun(?:ä|ae|a)chst) (?:\\S+ )?um infos", "(?:just |only )?getting a feel", "nothing (?:is )?planned(?: yet)?",
))

// Timeline patterns. Each tlRule's compute turns a match into a candidate.
var (
	asapRe      = mustPattern(`\b(?:asap|a\.s\.a\.p|as soon as (?:possible|we can|you can)|immediately|right away|straight ?away|urgently|urgent|without delay|need(?:ed)? (?:it|this|them) yesterday|by (?:today|tomorrow|eod|eow)|(?:by )?(?:the )?end of (?:the |this )?(?:day|week)|this week)\b`)
	laterRe     = mustPattern(`\b(?:no (?:rush|hurry|urgency|pressure|deadline)|not (?:in )?(?:a|any) (?:rush|hurry)|(?:not|isn't|is not|nothing) (?:super |very |that |too |particularly |really )?(?:urgent|pressing|time[- ]sensitive|a priority|a high priority|a top priority)|no (?:set |fixed |specific |firm |real |concrete |defined |hard |particular )?(?:timeline|timeframe|time frame|time-frame|deadline|date in mind)|(?:timeline|timeframe|time frame)\s*[:=-]\s*(?:none|n/a|tbd|unknown|not sure|unsure|no)|not any ?time soon|at some point|some ?day|eventually|down the (?:road|line)|in the (?:long|distant) (?:term|run)|in the (?:distant )?future|not (?:right )?now|not for (?:a while|now)|(?:no|not) (?:immediate|current) (?:plans?|timeline)|on the back ?burner)\b`)
	relRe       = mustPattern(`\b(in|within|in the next|within the next|over the next|in about|in around|in roughly|in approximately|in approx\.?|in less than|in under|next|the next)\s+(?:about |around |approximately |roughly |~|max(?:imum)?\.? |at most |at the latest )?(` + durNumPat + `)(?:\s*(?:-|to|or)\s*(` + durNumPat + `))?\s*(` + durUnitPat + `)\b`)
	labelRelRe  = mustPattern(`\b(?:timeline|timeframe|time frame|time-frame|time horizon|horizon|deadline|go[- ]live|start date|purchase date|decision date|when)\s*(?::|-|=|is|of)\s*(?:within |in |about |around |approx\.? |approximately |roughly |~|<\s*|less than |under |next )?(` + durNumPat + `)(?:\s*(?:-|to|or)\s*(` + durNumPat + `))?\s*(` + durUnitPat + `)\b`)
	comingRe    = mustPattern(`\b(?:in|over|within) the (?:coming|next (?:few|couple of)) (weeks|months)\b`)
	windowRe    = mustPattern(`\b(?:(earlier|later|early|late|end of|the end of|by the end of|close of|start of|beginning of|middle of|mid)\s+)?(this|next|the current|current|the coming|the following) (week|month|quarter|year|fiscal year|financial year|fy)\b|\b(?:by |before |until |till |towards? )?(?:the )?end of (?:the )?(month|quarter|year|fiscal year|financial year)\b|\beo(m|q|y)\b|\b(month|quarter|year)[- ]end\b`)
	quarterRe   = mustPattern(`\b(?:(by|before|in|until|till|during|for|end of|the end of|by the end of|early|mid|late|start of|beginning of|no later than|within|starting|` + tlQuarterPrepX + `)\s+)?(?:the |das |dem |den |le |la |el )?(?:q([1-4])|(first|second|third|fourth|1st|2nd|3rd|4th|` + tlQuarterOrdX + `) (?:quarter|quartal|quartals|trimestre)|([1-4])(?:\.|e|er|[èe]me|º|°|o|do|ro|to) ?(?:quartal|quartals|trimestre)|t([1-4]))(?:\s*(?:of\s+|de\s+|del\s+)?(20\d\d)\b|\s*'(\d\d)\b|\s+(?:of\s+)?(next year|the following year|n(?:ä|ae|a)chsten jahres|kommenden jahres|de l'ann[ée]e prochaine|de l'an prochain|del pr[óo]ximo a(?:ñ|n)o|del a(?:ñ|n)o que viene))?\b`)
	monthRe     = mustPattern(`\b((?:by|in|until|till|before|around|from|ideally|hopefully|probably|maybe) (?:the )?(?:early|mid|late)|by|before|in|on|until|till|during|for|end of|the end of|by the end of|early|mid|late|start of|beginning of|no later than|starting|from|around|maybe|probably|perhaps|possibly|ideally|hopefully|this coming|this|coming|towards?)(?:\s+|-)(?:the )?(?:(end|start|beginning|middle) of\s+)?(?:(\d{1,2})(?:st|nd|rd|th)?(?: of)?\s+)?(` + monthPat + `)\b(?:\s+(\d{1,2})(?:st|nd|rd|th)?\b)?(?:,?\s+(20\d\d)\b)?`)
	monthYearRe = mustPattern(`\b(` + monthPat + `) (20\d\d)\b`)
	weekdayRe   = mustPattern(`\b(?:by|before|until|till|no later than) (?:next |this )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b`)
	// tlContextRe marks clauses about buying or starting, which make a
	// time phrase a purchase timeline rather than, say, a meeting date.
	tlContextRe = mustPattern(`\b(?:buy|buying|purchase|purchasing|decide|decision|implement|implementing|implementation|roll ?out|rolling out|go[- ]live|going live|launch|launching|start|starting|onboard|onboarding|sign|signing|deploy|deploying|switch|switching|migrate|migrating|timeline|timeframe|time frame|time-frame|deadline|need (?:it|this|something|a solution|one)|needs to be|up and running|in place|live|get started|kick ?off|ready|replace|replacing|adopt|budget|have (?:it|this|something))\b` + `|` + tlWords(
		// German
		"kaufen", "kauf", "anschaffen", "anschaffung", "einführen", "einführung", "starten", "start",
		"live", "go-live", "umstellen", "umstellung", "entscheiden", "entscheidung", "implementier(?:en|ung)",
		"beauftragen", "bestellen", "unterschreiben", "vertrag", "loslegen", "einsatzbereit", "im einsatz",
		"umsetzen", "umsetzung", "umgesetzt", "umzusetzen", "brauchen", "benötigen", "ablösen", "wechseln", "migrieren", "in betrieb",
		"zeitplan", "zeitrahmen", "frist", "stichtag", "eingeführt sein", "laufen", "entscheid", "projektstart",
		"umgestellt", "eingeführt", "stehen", "vergabe", "zuschlag",
		// French
		"acheter", "achat", "acquérir", "acquisition", "déployer", "déploiement", "mise en place",
		"mettre en place", "démarrer", "démarrage", "lancer", "lancement", "décider", "décision", "signer",
		"commander", "opérationnel", "opérationnels", "en production", "besoin", "équiper", "migrer",
		"migration", "remplacer", "basculer", "choisir", "délai", "échéance", "calendrier",
		"déployée?s?", "lancée?s?", "en place", "opérationnelle?s?", "en fonction", "démarré", "go", "kick-off",
		// Spanish
		"comprar", "compra", "adquirir", "implementar", "implantar", "implementación", "implantación",
		"arrancar", "empezar", "comenzar", "lanzar", "decidir", "decisión", "firmar", "contratar",
		"contratación", "operativo", "operativos", "en marcha", "funcionando", "migrar", "reemplazar",
		"sustituir", "presupuesto", "necesitamos", "necesitaríamos", "plazo", "elegir",
		"implementad[oa]", "funcionando", "adjudicad[oa]", "lo necesito", "lo necesitamos", "tenerlo",
	))
	// tlMeetingRe marks clauses about meetings and replies, whose dates
	// are not purchase timelines ("let's talk next week").
	tlMeetingRe = mustPattern(`\b(?:call|calls|meeting|meetings|meet|met|demo|chat|talk|speak|catch up|schedule|calendar|reply|respond|hear back|get back|webinar|conference|vacation|holiday|out of office|ooo|interview|lunch|coffee|available|availability|trade ?show|trade fair|expo|event|fiscal year|financial year|fy ends?)\b|` + tlWords(
		// German
		"termin", "terminvorschlag", "gespräch", "telefonat", "anruf", "rückruf", "(?:uns|ein|zum|persönliches) treffen", "treffen uns", "besprechung",
		"demo", "vorführung", "präsentation", "messe", "urlaub", "erreichbar", "melden", "webinar",
		"veranstaltung", "kongress", "geschäftsjahr", "wirtschaftsjahr", "telefonieren", "sprechen",
		// French
		"rendez-vous", "rdv", "réunion", "appel", "échange", "échanger", "entretien", "démo", "salon",
		"congés", "vacances", "disponible", "disponibles", "joignable", "rappeler", "présentation",
		"webinaire", "événement", "exercice fiscal", "clôture de l'exercice", "visio", "appeler",
		// Spanish
		"reunión", "llamada", "llamar", "cita", "videollamada", "feria", "vacaciones", "hablar",
		"charlar", "presentación", "evento", "congreso", "año fiscal", "ejercicio fiscal", "tagt", "sitzung",
	))
	// tlQuoteRe marks clauses about quotes, shortlists and invoices, whose
	// dates are not the purchase's ("Angebot bis zum 30.09.", "date limite
	// de réponse"); unlike a meeting, they leave "a quote asap" urgent.
	tlQuoteRe = mustPattern(tlWords(
		"quote", "quotes", "proposal", "proposals", "shortlist", "invoice", "payment",
		"angebot", "angebote", "offerte", "rechnung", "zahlung", "devis", "réponse", "facture", "paiement", "offre", "offres",
		"price list", "preisliste", "liste de prix", "grille tarifaire", "lista de precios",
		"cotización", "cotizacion", "propuesta", "factura", "pago", "respuesta",
	))
	hedgeRe = regexp.MustCompile(`\b(?:maybe|possibly|perhaps|probably|hopefully|might|potentially|ideally|vielleicht|eventuell|evtl|wahrscheinlich|voraussichtlich|möglicherweise|peut-être|peut-etre|probablement|éventuellement|eventuellement|quizás|quizas|quizá|quiza|tal vez|probablemente|posiblemente|a lo mejor)\.?\s+(?:\S+\s+)?$`)
)

// monthNames maps month names and abbreviations to their number.
var monthNames = map[string]time.Month{
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
	"april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
	"august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
	"october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}

// wordNumbers maps spelled-out counts in durations to numbers; "a few" is
// three and "several" four, the figures a rep would assume.
var wordNumbers = map[string]float64{
	"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
	"six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
	"twelve": 12, "fifteen": 15, "eighteen": 18, "twenty": 20, "thirty": 30,
	"sixty": 60, "ninety": 90, "a couple of": 2, "couple of": 2,
	"a couple": 2, "a few": 3, "few": 3, "several": 4, "half a": 0.5,
	"half an": 0.5, "a half": 0.5,
}

// tlCand is a scored timeline reading.
type tlCand struct {
	t   Timeline
	pos int
	// end is where the phrase ends (tlLatest's candidates only).
	end int
	// local is a date with purchase words in its own part of the
	// clause, or one the writer moved the plan to (tlLatest's candidates).
	local bool
}

// tlRule is one timeline pattern; compute reads a match. A negatable
// rule's match preceded by a negation ("not this quarter") becomes a
// "later" timeline.
type tlRule struct {
	re        *pattern
	negatable bool
	// gen, when set instead of re, finds the matches itself.
	gen func(d *doc) [][]int
	// isNow marks "at the moment" phrases, which count only negated.
	isNow bool
	// asap marks urgency words ("asap", "dringend"): "a quote asap" is
	// still urgent, while a quote's dated deadline is no purchase date.
	asap    bool
	compute func(d *doc, m []int, now time.Time) (Timeline, bool)
}

var tlRules = []tlRule{
	{re: asapRe, negatable: true, asap: true, compute: tlASAP},
	{re: laterRe, compute: tlLater},
	{re: researchRe, negatable: true, compute: tlResearching},
	{re: relRe, negatable: true, compute: tlRelative},
	{re: labelRelRe, compute: tlLabelRelative},
	{re: comingRe, negatable: true, compute: tlComing},
	{re: windowRe, negatable: true, compute: tlWindow},
	{re: quarterRe, negatable: true, compute: tlQuarter},
	{re: monthRe, negatable: true, compute: tlMonth},
	{re: monthYearRe, negatable: true, compute: tlMonthYear},
	{gen: tlYears, negatable: true, compute: tlYear},
	{re: weekdayRe, negatable: true, compute: tlWeekday},
	{gen: tlMonthsXFound, negatable: true, compute: tlMonthX},
	{re: tlSeasonRe, negatable: true, compute: tlSeason},
	{re: tlHalfRe, negatable: true, compute: tlHalf},
	{gen: tlNumDates, negatable: true, compute: tlNumDate},
	{re: tlRelXRe, negatable: true, compute: tlRelX},
	{re: tlComingXRe, negatable: true, compute: tlComingX},
	{re: tlWeekdayXRe, negatable: true, compute: tlWeekdayX},
	{re: tlOrdinalDayRe, negatable: true, compute: tlOrdinalDay},
	{re: tlHolidayRe, negatable: true, compute: tlHoliday},
	{gen: tlBareDates, negatable: true, compute: tlBareDate},
	{gen: tlSplitDayMonths, negatable: true, compute: tlMonthX},
	{re: tlTodayRe, negatable: true, compute: tlToday},
	{re: tlBareWeekdayRe, negatable: true, compute: tlBareWeekday},
	{re: tlDayNextMonthRe, negatable: true, compute: tlDayNextMonth},
	{re: tlSchoolYearRe, negatable: true, compute: tlSchoolYear},
	{re: tlLabelMonthRe, negatable: true, compute: tlLabelMonth},
	{re: tlCompoundRe, negatable: true, compute: tlCompound},
	{re: tlYearAheadRe, negatable: true, compute: tlYearAhead},
	{re: tlAfterBreakRe, negatable: true, compute: tlAfterBreak},
	{re: tlShiftedBareRe, negatable: true, compute: tlShiftedBare},
	{re: tlGivenRe, negatable: true, compute: tlGiven},
	{gen: tlWeekNums, negatable: true, compute: tlWeekNum},
	{gen: tlWeeksOfMonth, negatable: true, compute: tlWeekOfMonth},
	{re: tlMonthOverRe, negatable: true, compute: tlMonthOver},
	{re: tlMonthRangeRe, negatable: true, compute: tlMonthRange},
}

// tlYearAheadRe: the twelve months ahead ("over the next year", "within
// the coming year", "innerhalb des nächsten Jahres", "dans l'année qui
// vient", "d'ici un an", "dentro de un año"), not the next calendar year.
var tlYearAheadRe = mustPattern(`\b(?:over|within|in|during|across|throughout) the (?:next|coming|following) (?:year|12 months|twelve months)\b|\bwithin (?:a|one) year\b|` + tlWords(
	"innerhalb (?:des |der )?(?:n(?:ä|ae|a)chsten|kommenden) (?:jahres|12 monate|zw(?:ö|oe|o)lf monate)", "innerhalb eines jahres", "binnen (?:eines )?jahres",
	"dans l'ann[ée]e (?:qui vient|à venir)", "d'ici un an", "dans un d[ée]lai d'un an", "(?:au cours|dans le courant) des (?:12|douze) prochains mois",
	"dentro de un a(?:ñ|n)o", "en el plazo de un a(?:ñ|n)o", "en el (?:pr[óo]ximo|siguiente) a(?:ñ|n)o natural", "(?:en|durante|a lo largo de) los (?:pr[óo]ximos|siguientes) (?:12|doce) meses",
))

// tlYearAhead reads tlYearAheadRe as twelve months: this_year.
func tlYearAhead(_ *doc, _ []int, _ time.Time) (Timeline, bool) {
	return Timeline{Months: 12, Label: labelFor(12), Confidence: 0.62}, true
}

// tlAboutMessageRe finds, right after a date, the message itself ("zum
// Jahresende noch eine kurze Anfrage", "before the holidays, one quick
// question", "avant les fêtes, une petite question", "antes de fin de
// año, una consulta"): the date says when the writer writes, not when
// they buy.
var tlAboutMessageRe = regexp.MustCompile(`^\s*[,:-]?\s*(?:(?:noch|schnell|kurz|still|just|encore|juste|todav[íi]a|a[úu]n)\s+)?(?:eine?|a|one|une|un|una)\s+(?:(?:kurze|kleine|letzte|quick|short|small|last|final|petite|courte|derni[èe]re|breve|peque(?:ñ|n)a|r[áa]pida|[úu]ltima)\s+)?(?:anfrage|frage|nachricht|mail|e-mail|question|query|inquiry|enquiry|note|message|request|demande|consulta|pregunta|mensaje|solicitud|correo)(?:$|[^\pL])`)

// tlNothingHappensRe finds, right after a period, that nothing happens
// in it: "passiert bei uns nichts mehr", "nothing will happen", "il ne se
// passera rien", "no va a pasar nada", "tut sich nichts".
var tlNothingHappensRe = regexp.MustCompile(`^\s*,?\s*(?:(?:passiert|tut sich|geschieht|bewegt sich)\s+(?:\S+\s+){0,3}?(?:nichts|nix)|(?:nothing|not much)\s+(?:will\s+|is going to\s+)?(?:happen|move)\pL*|(?:il\s+)?ne\s+se\s+(?:passera|passe|fera)\s+(?:plus\s+)?rien|(?:ya\s+)?no\s+(?:va\s+a\s+pasar|pasa|pasar[áa]|se\s+har[áa])\s+nada)(?:$|[^\pL])`)

// tlSaidPat are the participles of saying: announced, discussed,
// mentioned, agreed, in four languages.
const tlSaidPat = `(?:announced|discussed|mentioned|agreed|promised|said|told you|wrote|written|angek(?:ü|ue|u)ndigt|besprochen|erw(?:ä|ae|a)hnt|vereinbart|mitgeteilt|geschrieben|telefoniert|annonc[ée]e?s?|discut[ée]e?s?|[ée]voqu[ée]e?s?|convenue?s?|indiqu[ée]e?s?|[ée]crit|dit|comentad[oa]s?|comentamos|coment[ée]|hablamos|hablad[oa]s?|acordad[oa]s?|anunciad[oa]s?|dicho|escrib[íi])`

// tlAsSaidBeforeRe and tlAsSaidAfterRe find a date that says when
// something was said: "wie im Dezember angekündigt", "as discussed in
// March", "comme annoncé en décembre", "como le comenté en diciembre".
var (
	tlAsSaidBeforeRe = regexp.MustCompile(`(?:^|[^\pL])(?:as|wie|comme|como)\s+(?:(?:\S+\s+){0,2}?` + tlSaidPat + `\s+)?$`)
	tlAsSaidAfterRe  = regexp.MustCompile(`^\s*(?:\S+\s+){0,2}?` + tlSaidPat + `(?:$|[^\pL])`)
	tlSaidRe         = regexp.MustCompile(`(?:^|[^\pL])` + tlSaidPat + `(?:$|[^\pL])`)
)

// tlAsSaid reports a date inside "as said on DATE" (the participle before
// it) or "wie am DATE besprochen" (after it).
func tlAsSaid(d *doc, m []int) bool {
	before := d.lower[max(d.clauseStart(m[0]), m[0]-48):m[0]]
	g := tlAsSaidBeforeRe.FindStringIndex(before)
	if g == nil {
		return false
	}
	if tlSaidRe.MatchString(before[g[0]:]) {
		return true
	}
	return tlAsSaidAfterRe.MatchString(d.lower[m[1]:min(d.clauseEnd(m[1]), m[1]+32)])
}

// tlAllRules are tlRules and the lexicon's rules (timeline_lex.go).
var tlAllRules = func() []tlRule {
	rules := append([]tlRule(nil), tlRules...)
	rules = append(rules, tlOnHoldRule)
	for _, lr := range tlLexRules {
		kind := lr.kind
		rules = append(rules, tlRule{
			re:        lr.re,
			negatable: kind != tlkLater,
			isNow:     kind == tlkNow,
			asap:      kind == tlkASAP || kind == tlkSoon || kind == tlkThisWeek,
			compute: func(d *doc, m []int, now time.Time) (Timeline, bool) {
				return tlLexCompute(kind, d, m, now)
			},
		})
	}
	return rules
}()

// extractTimelineRules returns the most confident timeline statement in
// d by the rules, or nil (extractTimeline adds the learned model). Ties go to the earliest statement, which is usually the lead's
// own answer rather than a later aside.
func extractTimelineRules(d *doc, now time.Time) *Timeline {
	var best *tlCand
	var dates []tlCand
	for _, r := range tlAllRules {
		var matches [][]int
		if r.gen != nil {
			matches = r.gen(d)
		} else {
			matches = r.re.findAll(d)
		}
		for _, m := range matches {
			t, ok := r.compute(d, m, now)
			if !ok {
				continue
			}
			start := m[0]
			dated := r.re != laterRe && r.re != researchRe && t.Label != LabelLater
			if t.Label == LabelLater && t.Months > 0 && (tlPast(d, m) || tlPastPerfectAfterRe.MatchString(d.lower[m[1]:min(d.clauseEnd(m[1]), m[1]+30)])) {
				continue // "en dos años hemos perdido un 18 %", "sales fell 20 % in two years": a span of the past
			}
			if dated && tlPast(d, m) && !tlShifted(d, m) {
				continue // "we went live in March": a past event, not a plan
			}
			if dated && (tlOldPlan(d, m) || tlGrowthRe.MatchString(d.lower[tlScopeStart(d, m[0], 60):min(d.clauseEnd(m[1]), m[1]+30)]) &&
				!tlBackRefRe.MatchString(d.lower[m[1]:min(len(d.lower), m[1]+tlBackRefWindow)])) {
				continue // "we had planned April", "from 40 to 110 people this year"
			}
			if dated && !tlShifted(d, m) && tlBudgetDeniedRe.MatchString(d.lower[tlScopeStart(d, m[0], 60):min(d.clauseEnd(m[1]), m[1]+30)]) {
				continue // "budget non validé pour 2025", "rechazado el presupuesto ... este año": the period of a refusal
			}
			if dated && tlAsSaid(d, m) {
				continue // "wie im Dezember angekündigt", "as discussed in March": when it was said
			}
			if dated && tlAboutMessageRe.MatchString(d.lower[m[1]:min(len(d.lower), m[1]+48)]) {
				continue // "zum Jahresende noch eine Anfrage", "before the holidays, a quick question": when the message is sent
			}
			if dated && tlInsteadRe.MatchString(d.lower[m[1]:min(len(d.lower), m[1]+24)]) {
				continue // "by Friday night instead of the Tuesday after": a routine's target
			}
			if dated && tlApprovalRe.MatchString(d.lower[tlScopeStart(d, m[0], 60):m[0]]) {
				continue // "darüber entscheidet der Stiftungsrat am 10. Februar", "que no se reúne hasta enero": an approval's date
			}
			if dated && (tlLeaveBeforeRe.MatchString(d.lower[tlScopeStart(d, m[0], 40):m[0]]) || tlLeaveAfterRe.MatchString(d.lower[m[1]:min(len(d.lower), m[1]+30)])) &&
				!tlBackRefRe.MatchString(d.lower[m[1]:min(len(d.lower), m[1]+tlBackRefWindow)]) && !tlBeforeLeaveRe.MatchString(d.lower[m[1]:min(len(d.lower), m[1]+tlBackRefWindow)]) {
				continue // "mon technicien part en novembre", "my accountant retires in December": a person leaving, not a purchase
			}
			if dated && tlNothingHappensRe.MatchString(d.lower[m[1]:min(d.clauseEnd(m[1]), m[1]+40)]) {
				// "Dieses Jahr passiert bei uns nichts mehr", "this year
				// nothing will happen": the period is denied.
				t = Timeline{Label: LabelLater, Confidence: tlNoDateConf}
			}
			if r.negatable && !r.isNow && r.re != researchRe && tlEarliest(d, m) {
				// "2026 at the earliest", "frühestens Herbst 2027": the
				// writer's last word on timing, and an open horizon.
				t = Timeline{Label: LabelLater, Confidence: tlShiftConf}
			}
			if r.negatable {
				at := tlNegationAt(d, m)
				if at < 0 {
					at = tlNegationAfter(d, m)
				}
				if at < 0 && !r.isNow && r.re != researchRe {
					at = tlNegatedPlanAt(d, m)
				}
				if at >= 0 {
					if r.re == researchRe {
						continue // "not just researching" says nothing
					}
					if tlBudgetOnlyNeg(d, at, m) {
						continue // "zero budget for training this year": the money's state, budget's business
					}
					if c0, c1 := d.clauseStart(m[0]), d.clauseEnd(m[1]); tlNear(tlMeetingRe, tlMeetingXRe, d, max(c0, m[0]-tlNearWindow*2), min(c1, m[1]+tlNearWindow*2)) {
						continue // "je ne pourrai pas venir au salon le 18 juin": no plan at all
					}
					if !tlNotUntil(d.lower[m[0]:]) || tlNotBeforeAction(d, at, m) {
						// A negated plan ("not this year") is a firm "not
						// now"; a negated hurry ("not urgent") is as weak as
						// "no rush" and yields to a date.
						conf := 0.55
						if t.Label == LabelASAP {
							conf = tlLaterConf
						}
						t = Timeline{Label: LabelLater, Confidence: conf}
						start = min(at, m[0])
					}
				}
			}
			cs, ce := d.clauseStart(m[0]), tlClauseEnd(d, m[1])
			// Context and hedges weigh dated phrases, not statements
			// that already are a hedge.
			if r.re != laterRe && r.re != researchRe && start == m[0] && t.Label != LabelLater {
				lo, hi := max(cs, m[0]-contextWindow), min(ce, m[1]+contextWindow)
				// A meeting word after a comma is another request ("asap
				// pls, call after 6"); before the date it may introduce it
				// ("a call, say next Tuesday").
				me := ce
				if c := tlSentencePause(d.lower[m[1]:ce]); c >= 0 {
					me = m[1] + c
				}
				mlo, mhi := max(cs, m[0]-meetingWindow), min(me, m[1]+meetingWindow)
				nlo, nhi := max(cs, m[0]-tlNearWindow), min(me, m[1]+tlNearWindow)
				if c := strings.LastIndexByte(d.lower[mlo:m[0]], ','); c >= 0 && tlNear(tlContextRe, tlContextXRe, d, mlo+c, m[0]) {
					// "in seiner Sitzung im März, umgesetzt werden soll bis
					// Ende Oktober": a purchase verb after the comma makes
					// the meeting another clause's.
					mlo = mlo + c + 1
					nlo = max(nlo, mlo)
				}
				anchored := tlAnchorRe.MatchString(d.lower[max(cs, m[0]-60):min(ce, m[1]+10)]) ||
					tlFiscalNear(d.lower[max(cs, m[0]-60):min(ce, m[1]+60)])
				event := tlEventDeadline(d, m, cs, ce)
				anchored = anchored || event
				switch {
				case event:
					// "a gala for 400 guests on 19 September", "stand for
					// the fair on 31 March", "pendant l'arrêt technique de
					// mai": what they buy is for the event, so its date
					// is the deadline.
					t.Confidence += 0.2
				case tlFiscalWord(d.lower[max(cs, m[0]-60):m[0]]) && tlBackRefRe.MatchString(d.lower[m[1]:min(len(d.lower), m[1]+tlBackRefWindow)]):
					// "unser Geschäftsjahr endet am 30.09. Bis dahin muss
					// das Kassensystem laufen", "our fiscal year ends on 31
					// March; by then": the year's end made a deadline.
					t.Confidence += 0.2
				case tlSignQuoteRe.MatchString(d.lower[cs:ce]):
					// "signer votre devis avant le 15 septembre": signing
					// the quote is the purchase.
					t.Confidence += 0.2
				case !anchored && tlNear(tlMeetingRe, tlMeetingXRe, d, nlo, nhi) ||
					tlNear(tlQuoteRe, tlQuoteXRe, d, nlo, nhi) && !tlRuleBeforeRe.MatchString(d.lower[max(cs, m[0]-60):m[0]]):
					// A meeting or a quote right by the date ("der am 23.
					// April tagt", "Offerte bis Ende Monat") outweighs
					// purchase words elsewhere in the clause.
					t.Confidence -= 0.3
				case !anchored && tlEventInvite(d, m, cs, ce):
					// "el 15 de octubre hacemos la jornada de puertas
					// abiertas y me gustaría que vinierais a presentar": the
					// vendor is invited to an event, nothing is bought for it.
					t.Confidence -= 0.3
				case tlNear(tlContextRe, tlContextXRe, d, lo, min(hi, d.clauseEnd(m[1]))) ||
					hi > d.clauseEnd(m[1])+1 && tlNear(tlContextRe, tlContextXRe, d, d.clauseEnd(m[1])+1, hi):
					t.Confidence += 0.2
				case tlBackRefRe.MatchString(d.lower[m[1]:min(len(d.lower), m[1]+tlBackRefWindow)]):
					// "El 1 de enero entra en vigor ... Necesito tenerlo
					// antes de esa fecha": the next sentence makes it a deadline.
					t.Confidence += 0.2
				case anchored && tlAnchorRe.MatchString(d.lower[max(cs, m[0]-60):m[0]]),
					anchored && tlFiscalNear(d.lower[max(cs, m[0]-60):min(ce, m[1]+60)]) &&
						(tlSpendRe.MatchString(d.lower[max(cs, m[0]-80):m[0]]) || tlNear(tlContextRe, tlContextXRe, d, 0, len(d.lower))):
					// "Geschäftsjahr (Beginn 1. Juli) ... Go-live zum Beginn
					// des Geschäftsjahres": a plan tied to the year's start.
					// "before our audit on the 27th", "antes de las juntas
					// de marzo": an event the purchase must precede makes
					// its date a deadline.
					t.Confidence += 0.2
				case !anchored && tlNear(tlMeetingRe, tlMeetingXRe, d, mlo, mhi),
					!r.asap && tlNear(tlQuoteRe, tlQuoteXRe, d, mlo, mhi):
					t.Confidence -= 0.3
				}
				if t.Label != LabelLater && hedgeRe.MatchString(d.lower[max(cs, start-30):start]) {
					// A hedged date is still the writer's horizon ("maybe
					// in autumn"): it only loses to a firmer one.
					t.Confidence -= 0.03
				}
			}
			t.Confidence = clamp01(t.Confidence)
			t.Months = round2(t.Months)
			t.Evidence = d.snippet(start, m[1])
			if r.negatable && !r.isNow && r.re != researchRe && start == m[0] {
				// A bare "Q4" (0.45) the plan was pushed to is a date too.
				shifted := t.Confidence >= AnswerThreshold && tlShifted(d, m) ||
					t.Confidence >= tlShiftMinConf && tlMovedTo(d, m)
				if shifted {
					// "now pushed to next year", "donc au plus tard fin
					// octobre": the writer's current, final word on the date.
					t.Confidence = tlShiftConf
				}
				if (t.Label != LabelLater || t.Confidence >= tlShiftConf) && !tlQualifiesEvent(d, m) {
					dates = append(dates, tlCand{t: t, pos: start, end: m[1], local: shifted || t.Confidence < tlLiftedConf || tlLocalSupport(d, m)})
				}
			}
			if tlTrace != nil {
				tlTrace(t)
			}
			if best == nil || t.Confidence > best.t.Confidence ||
				t.Confidence == best.t.Confidence && start < best.pos {
				best = &tlCand{t: t, pos: start}
			}

		}
	}
	if best == nil || best.t.Confidence < minTimelineConfidence {
		return nil
	}
	t := tlLatest(best, dates)
	return &t
}

// tlLatestMargin is how far below the most confident reading a date may
// be and still count as one of the writer's purchase dates.
const tlLatestMargin = 0.1

// tlLatestFloor is the least confidence a date needs to be one of the
// purchase dates; with tlLatestMargin it keeps a bare date ("this summer
// a double booking") from outbidding one with purchase words.
const tlLatestFloor = 0.55

// tlLiftedConf is the least confidence of a date that purchase words
// lifted; such a date joins tlLatest only with words of its own.
const tlLiftedConf = 0.7

// tlShiftConf is the confidence of a date the writer moved a plan to or
// settled on ("pushed to next year", "jetzt eher Herbst", "donc avant
// avril"): it beats the dates it replaces.
const tlShiftConf = 0.95

// tlShiftMinConf is the least confidence of a date that a plan was moved
// to ("pushed to Q4", "auf Herbst verschoben") for it to be the writer's
// final date: a bare date (0.45) counts, one a meeting or quote word
// lowered does not.
const tlShiftMinConf = 0.4

// tlTrace, when set (by tests), sees every candidate reading.
var tlTrace func(Timeline)

// tlLatest applies the horizon rule to texts with several purchase dates
// ("pilot in March, roll out by September", "we wanted March, now it's
// autumn", "if approved in June we'd start in July"): of the dates about
// as confident as the best reading, the latest wins, since the plan runs
// until then. A best reading that is no date ("no rush", "not this
// year") stands.
func tlLatest(best *tlCand, dates []tlCand) Timeline {
	t := best.t
	if t.Label == LabelLater || t.Label == LabelResearching {
		return t
	}
	floor := max(tlLatestFloor, t.Confidence-tlLatestMargin)
	for i, c := range dates {
		if c.t.Confidence >= floor && c.local && tlEndsAfter(c.t, t) && !tlInsideLonger(dates, i) {
			t = c.t
		}
	}
	return t
}

// tlInsideLonger reports whether dates[i] overlaps a longer phrase:
// "April 2026" inside "from 1st April 2026", "next month" inside "by the
// 15th of next month" say less than the phrase they are part of.
func tlInsideLonger(dates []tlCand, i int) bool {
	c := dates[i]
	for j, o := range dates {
		if j != i && o.pos < c.end && c.pos < o.end && o.end-o.pos > c.end-c.pos {
			return true
		}
	}
	return false
}

// tlEndsAfter reports whether a's horizon ends in a later label than
// b's; within one label the more confident reading stands.
func tlEndsAfter(a, b Timeline) bool {
	return tlLabelRank[a.Label] > tlLabelRank[b.Label]
}

// tlLabelRank orders labels by horizon.
var tlLabelRank = map[string]int{
	LabelASAP: 0, LabelThisMonth: 1, LabelThisQuarter: 2, LabelThisYear: 3, LabelLater: 4, LabelResearching: 4,
}

// contextWindow is how far around a time phrase, within its clause,
// purchase or meeting words count.
const contextWindow = 120

// meetingWindow is how far around a time phrase meeting words count: a
// meeting proposal names its date close by ("a call next week"), while
// "meeting rooms ... for the autumn" is a purchase.
const meetingWindow = 50

// tlNearWindow is the reach within which a meeting or quote word beats
// purchase words further away.
const tlNearWindow = 25

// minTimelineConfidence drops time phrases that are almost surely about
// something else, such as a meeting ("let's talk next week").
const minTimelineConfidence = 0.35

// containsAny reports whether s contains any of subs; an empty subs list
// always passes.
func containsAny(s string, subs []string) bool {
	if len(subs) == 0 {
		return true
	}
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// startsWithAny reports whether s starts with any of the prefixes.
func startsWithAny(s string, prefixes ...string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// group returns submatch i of m in s, or "".
func group(s string, m []int, i int) string {
	if 2*i+1 >= len(m) || m[2*i] < 0 {
		return ""
	}
	return s[m[2*i]:m[2*i+1]]
}

// monthsUntil is the time from now to t in months, never negative.
// It is rounded to two decimals, before labelFor sees it, so a horizon
// that prints as 1 is labelled as 1.
func monthsUntil(now, t time.Time) float64 {
	return round2(math.Max(0, t.Sub(now).Hours()/24/daysPerMonth))
}

// labelFor maps a horizon in months to a label.
func labelFor(months float64) string {
	switch {
	case months <= 0.25:
		return LabelASAP
	case months <= 1:
		return LabelThisMonth
	case months <= 3:
		return LabelThisQuarter
	case months <= 12:
		return LabelThisYear
	default:
		return LabelLater
	}
}

// Calendar anchors, all in now's location.
func monthStart(now time.Time, y int, m time.Month) time.Time {
	return time.Date(y, m, 1, 0, 0, 0, 0, now.Location())
}

func quarterOf(m time.Month) int { return (int(m) - 1) / 3 }

func quarterStart(now time.Time, y, q int) time.Time {
	return monthStart(now, y, time.Month(q*3+1))
}

// startKind classifies the preposition or modifier in front of a dated
// phrase: "by March" aims at its start, "mid March" at its middle, and "in
// March", "from March" or "end of March" at its end (the latest date the
// words allow).
func startKind(prep string) string {
	switch prep {
	case "by", "before", "until", "till", "no later than", "start of", "beginning of", "start", "beginning":
		return "start"
	case "early":
		return "early"
	case "mid", "middle", "middle of":
		return "mid"
	}
	return "end"
}

// pointIn picks the instant in [start, end) that kind aims at. A start that
// has already passed ("by March" on 10 March) falls back to the end.
func pointIn(now, start, end time.Time, kind string) time.Time {
	var t time.Time
	switch kind {
	case "start":
		t = start
	case "early":
		t = start.Add(end.Sub(start) / 6)
	case "mid":
		t = start.Add(end.Sub(start) / 2)
		if end.Sub(start) < 32*24*time.Hour {
			t = start.AddDate(0, 0, 15) // "mid-August" is the 15th, its last day
		}
	default:
		t = end
	}
	if !t.After(now) {
		t = end
	}
	return t
}

func tlASAP(d *doc, m []int, _ time.Time) (Timeline, bool) {
	conf := 0.7
	if strings.HasPrefix(d.lower[m[0]:m[1]], "urgent") {
		// "urgent" describes a need more than a date: a concrete
		// horizon in the same text should win.
		conf = 0.5
	}
	return Timeline{Months: 0.25, Label: LabelASAP, Confidence: conf}, true
}

func tlLater(d *doc, m []int, _ time.Time) (Timeline, bool) {
	// Below a dated phrase's base confidence, even hedged, so "no rush,
	// but this year" and "not urgent, maybe in autumn" keep the horizon.
	return Timeline{Label: LabelLater, Confidence: tlLaterConfOf(d, m)}, true
}

// tlCuriousRe finds curiosity and benchmarking ("just curious", "par
// simple curiosité", "por curiosidad", "aus Neugier", "for benchmarking
// only"): they make the need exploring, but say nothing on when to buy.
// Writers label them no timeline only with a word against buying ("not a
// purchase thing", "aucun achat prévu"), which the later rules read.
var tlCuriousRe = regexp.MustCompile(`(?:^|[^\pL])(?:curio\pL*|neugier\pL*|benchmark\pL*)(?:$|[^\pL])`)

func tlResearching(d *doc, m []int, _ time.Time) (Timeline, bool) {
	if tlCuriousRe.MatchString(d.lower[m[0]:m[1]]) {
		return Timeline{}, false
	}
	// Below any dated plan (above "no rush", which it explains): a
	// writer who benchmarks but wants to decide by year end has a date.
	return Timeline{Label: LabelResearching, Researching: true, Confidence: 0.52}, true
}

// durationMonths converts "2 weeks", "a couple of months", "1-3 months"
// (the upper end: it is the deadline) to months.
func durationMonths(lo, hi, unit string) (float64, bool) {
	n, ok := countOf(lo)
	if hi != "" {
		if h, okh := countOf(hi); okh {
			n, ok = h, true
		}
	}
	if !ok || n <= 0 || n > 1000 {
		return 0, false
	}
	switch {
	case strings.HasPrefix(unit, "business") || strings.HasPrefix(unit, "working"):
		return n * 7 / 5 / 30, true
	case strings.HasPrefix(unit, "day"):
		return n / 30, true
	case strings.HasPrefix(unit, "w"):
		return n / 4, true
	case strings.HasPrefix(unit, "q"):
		return n * 3, true
	case strings.HasPrefix(unit, "y"):
		return n * 12, true
	default:
		return n, true
	}
}

// countOf parses a duration count: digits or a word from wordNumbers.
func countOf(s string) (float64, bool) {
	if v, ok := wordNumbers[s]; ok {
		return v, true
	}
	v, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	return v, err == nil && !math.IsNaN(v) && !math.IsInf(v, 0)
}

func tlRelative(d *doc, m []int, _ time.Time) (Timeline, bool) {
	s := d.lower
	// "for the next 6 months" and "during the next 2 weeks" are how long
	// something lasts, not when it starts.
	if w := lastWord(s[max(d.clauseStart(m[0]), m[0]-20):m[0]]); w == "for" || w == "during" {
		return Timeline{}, false
	}
	if w := firstWords(s[m[1]:min(len(s), m[1]+20)], 1); len(w) == 1 && w[0] == "ago" {
		return Timeline{}, false
	}
	months, ok := durationMonths(group(s, m, 2), group(s, m, 3), group(s, m, 4))
	if !ok {
		return Timeline{}, false
	}
	return Timeline{Months: months, Label: labelFor(months), Confidence: 0.55}, true
}

func tlLabelRelative(d *doc, m []int, _ time.Time) (Timeline, bool) {
	s := d.lower
	months, ok := durationMonths(group(s, m, 1), group(s, m, 2), group(s, m, 3))
	if !ok {
		return Timeline{}, false
	}
	return Timeline{Months: months, Label: labelFor(months), Confidence: 0.85}, true
}

func tlComing(d *doc, m []int, _ time.Time) (Timeline, bool) {
	months := 3.0
	if group(d.lower, m, 1) == "weeks" {
		months = 0.75
	}
	return Timeline{Months: months, Label: labelFor(months), Confidence: 0.55}, true
}

func tlWindow(d *doc, m []int, now time.Time) (Timeline, bool) {
	s := d.lower
	mod, which, unit := group(s, m, 1), group(s, m, 2), group(s, m, 3)
	switch {
	case group(s, m, 4) != "":
		mod, which, unit = "end of", "this", group(s, m, 4)
	case group(s, m, 5) != "":
		mod, which = "end of", "this"
		unit = map[string]string{"m": "month", "q": "quarter", "y": "year"}[group(s, m, 5)]
	case group(s, m, 6) != "":
		mod, which, unit = "end of", "this", group(s, m, 6)
	}
	if mod == "earlier" {
		return Timeline{}, false // "earlier this year" is the past
	}
	if (strings.Contains(unit, "fiscal") || strings.Contains(unit, "financial") || unit == "fy") &&
		tlFiscalEndRe.MatchString(s[m[0]:min(d.clauseEnd(m[1]), m[1]+40)]) {
		return Timeline{}, false // "this fiscal year, which ends 30 June": the date says when
	}
	if strings.Contains(unit, "year") || unit == "fy" {
		unit = "year" // fiscal years are taken as calendar years
	}
	next := which == "next" || strings.Contains(which, "coming") || strings.Contains(which, "following")
	kind := startKind(strings.TrimPrefix(strings.TrimPrefix(mod, "by the "), "the "))
	if mod == "" {
		kind = "end"
	}
	y, mo := now.Year(), now.Month()
	conf := 0.6
	if tlHabitualRe.MatchString(s[max(0, m[0]-16):m[0]]) {
		return Timeline{}, false // "every month-end we ...": a routine, not a date
	}
	if (group(s, m, 4) != "" || group(s, m, 6) != "") && !tlByPrepRe.MatchString(s[m[0]:m[1]]) &&
		!tlByPrepRe.MatchString(s[max(0, m[0]-12):m[0]]) {
		conf = 0.45 // a bare "month end" is as often a routine: purchase words lift it
	}
	if (group(s, m, 4) != "" || group(s, m, 6) != "") && tlAtRoutineRe.MatchString(s[max(0, m[0]-8):m[0]]) {
		conf = tlAtRoutineConf // "reconciles them by hand at month-end"
	}
	switch unit {
	case "week":
		if next {
			return Timeline{Months: 0.5, Label: labelFor(0.5), Confidence: conf}, true
		}
		return Timeline{Months: 0.25, Label: LabelASAP, Confidence: conf}, true
	case "month":
		if !next {
			return tlWindowTimeline(now, monthStart(now, y, mo+1), LabelThisMonth, conf), true
		}
		// "next month" runs to that month's last day (the corpus spec's
		// horizon), so on the 15th it is this quarter's business.
		t := pointIn(now, monthStart(now, y, mo+1), monthStart(now, y, mo+2), kind)
		return tlByHorizon(now, t, conf), true
	case "quarter":
		q := quarterOf(mo)
		if !next {
			return tlWindowTimeline(now, quarterStart(now, y, q+1), LabelThisQuarter, conf), true
		}
		t := pointIn(now, quarterStart(now, y, q+1), quarterStart(now, y, q+2), kind)
		return tlByHorizon(now, t, conf), true
	default: // year
		if !next {
			return tlByHorizon(now, monthStart(now, y+1, 1), min(conf, tlYearConf)), true
		}
		if tlGreetingRe.MatchString(s[max(0, m[0]-16):m[0]]) {
			return Timeline{}, false
		}
		if tlPeriodBeforeRe.MatchString(s[max(0, m[0]-24):m[0]]) || tlPeriodAfterRe.MatchString(s[m[1]:min(len(s), m[1]+24)]) {
			return Timeline{}, false // "Q1 next year", "next year in March": the period's rule reads it
		}
		if kind == "early" || kind == "start" {
			// "early next year" said in December is a few weeks away.
			return tlByHorizon(now, pointIn(now, monthStart(now, y+1, 1), monthStart(now, y+2, 1), kind), conf), true
		}
		if mod == "" {
			kind = "mid"
		}
		t := pointIn(now, monthStart(now, y+1, 1), monthStart(now, y+2, 1), kind)
		// Otherwise "next year" ends more than a year away: not this year's business.
		return Timeline{Months: monthsUntil(now, t), Label: LabelLater, Confidence: min(conf, tlNextYearConf)}, true
	}
}

func tlQuarter(d *doc, m []int, now time.Time) (Timeline, bool) {
	s := d.lower
	prep := group(s, m, 1)
	q := -1
	switch {
	case group(s, m, 2) != "":
		q = int(group(s, m, 2)[0] - '1')
	case group(s, m, 3) != "":
		q = tlQuarterIndex(group(s, m, 3))
	case group(s, m, 4) != "":
		q = int(group(s, m, 4)[0] - '1')
	case group(s, m, 5) != "":
		if prep == "" {
			return Timeline{}, false // a bare "T3" may be a product or a flat
		}
		q = int(group(s, m, 5)[0] - '1')
	}
	if q < 0 || q > 3 {
		return Timeline{}, false
	}
	curY, curQ := now.Year(), quarterOf(now.Month())
	y := curY
	explicitYear := true
	switch {
	case group(s, m, 6) != "":
		y, _ = strconv.Atoi(group(s, m, 6))
	case group(s, m, 7) != "":
		yy, _ := strconv.Atoi(group(s, m, 7))
		y = 2000 + yy
	case group(s, m, 8) != "":
		y = curY + 1
	default:
		explicitYear = false
		if q < curQ {
			y = curY + 1
		}
	}
	if y < curY || y == curY && q < curQ || y > curY+10 {
		return Timeline{}, false
	}
	conf := 0.45 // a bare "Q3" may be a reporting period
	if prep != "" || explicitYear {
		conf = 0.65
	}
	kind := startKind(strings.TrimPrefix(strings.TrimPrefix(prep, "by "), "the "))
	if _, english := quarterPrepsEN[prep]; !english {
		kind = tlPrepKindX(prep)
		if kind == "from" {
			kind = "end"
		}
	}
	t := pointIn(now, quarterStart(now, y, q), quarterStart(now, y, q+1), kind)
	if y == curY && q == curQ && kind != "start" {
		// "this quarter", "by end of Q3" inside Q3: the window's label
		// whatever day it is.
		return tlWindowTimeline(now, t, LabelThisQuarter, conf), true
	}
	return tlByHorizon(now, t, conf), true
}

// quarterPrepsEN are quarterRe's English prepositions (startKind reads
// them); the others go to tlPrepKindX.
var quarterPrepsEN = map[string]struct{}{
	"by": {}, "before": {}, "in": {}, "until": {}, "till": {}, "during": {}, "for": {}, "end of": {},
	"the end of": {}, "by the end of": {}, "early": {}, "mid": {}, "late": {}, "start of": {},
	"beginning of": {}, "no later than": {}, "within": {}, "starting": {}, "": {},
}

func tlMonth(d *doc, m []int, now time.Time) (Timeline, bool) {
	s := d.lower
	prep, inner := group(s, m, 1), group(s, m, 2)
	mo := monthNames[group(s, m, 4)]
	if mo == 0 {
		return Timeline{}, false
	}
	curY := now.Year()
	y := curY
	if g := group(s, m, 6); g != "" {
		y, _ = strconv.Atoi(g)
		if y < curY || y == curY && mo < now.Month() || y > curY+10 {
			return Timeline{}, false
		}
	} else if mo < now.Month() {
		if !tlIntentAround(d, m) && !tlWrapsAhead(now, mo, group(s, m, 3) != "" || group(s, m, 5) != "") {
			return Timeline{}, false // "we raised our round in April": past, not next April
		}
		y = curY + 1
	}
	start, end := monthStart(now, y, mo), monthStart(now, y, mo+1)
	var t time.Time
	day := group(s, m, 3) // "by the 1st of March"
	if day == "" {
		day = group(s, m, 5) // "by March 1st"
	}
	if day == "" && prep == "on" {
		return Timeline{}, false // "on March" is not English; "on the March release" is not a date
	}
	if day != "" {
		day, _ := strconv.Atoi(day)
		if day < 1 || day > 31 {
			return Timeline{}, false
		}
		t = time.Date(y, mo, day+1, 0, 0, 0, 0, now.Location()) // the day's end
		if !t.After(now) {
			return Timeline{}, false
		}
	} else {
		// "by mid-February", "in late March": the part of the month
		// says where in it; the preposition before it adds nothing.
		if i := strings.LastIndexByte(prep, ' '); i >= 0 && startsWithAny(prep[i+1:], "early", "mid", "late") {
			prep = prep[i+1:]
		}
		kind := startKind(strings.TrimPrefix(strings.TrimPrefix(prep, "by "), "the "))
		if inner != "" {
			kind = startKind(inner)
		}
		t = pointIn(now, start, end, kind)
	}
	return tlByHorizon(now, t, tlMonthConf), true
}

// tlMonthYear reads a bare "Jan 2027": the end of that month.
func tlMonthYear(d *doc, m []int, now time.Time) (Timeline, bool) {
	mo := monthNames[group(d.lower, m, 1)]
	y, _ := strconv.Atoi(group(d.lower, m, 2))
	end := monthStart(now, y, mo+1)
	if mo == 0 || !end.After(now) || y > now.Year()+10 {
		return Timeline{}, false
	}
	return tlByHorizon(now, end, 0.5), true
}

func tlYear(d *doc, m []int, now time.Time) (Timeline, bool) {
	s := d.lower
	prep := group(s, m, 1)
	y, _ := strconv.Atoi(group(s, m, 2))
	curY := now.Year()
	if m[1]+1 < len(s) && (s[m[1]] == '-' || s[m[1]] == '/' || s[m[1]] == '.') && isDigit(s[m[1]+1]) && !tlSchoolYearAround(d, m) && !tlDoubleYear(s, m[1], y) {
		return Timeline{}, false // "by 2026-10-15" is a day, read by tlNumDate
	}
	if y < curY || y > curY+10 {
		return Timeline{}, false
	}
	conf := 0.5
	if prep == "for" || prep == "pour" || prep == "para" {
		conf = 0.4 // "budget for 2026" is a plan, not a date
	}
	kind := startKind(strings.TrimPrefix(strings.TrimPrefix(prep, "by "), "the "))
	if _, english := quarterPrepsEN[prep]; !english {
		kind = tlPrepKindX(prep)
		if kind == "from" {
			kind = "end"
		}
	}
	t := pointIn(now, monthStart(now, y, 1), monthStart(now, y+1, 1), kind)
	tl := tlByHorizon(now, t, conf)
	if tl.Label == LabelLater {
		tl.Confidence = 0.55 // "maybe for 2027" in 2025 is as clear a "not now" as any
	}
	return tl, true
}

// tlDoubleYear reports a two-year span at i after year y: "2028/29",
// "2027-28" (a double budget, a season), not a day "2026-10-15".
func tlDoubleYear(s string, i, y int) bool {
	if i+3 > len(s) || s[i] != '/' && s[i] != '-' || !isDigit(s[i+1]) || !isDigit(s[i+2]) || i+3 < len(s) && isDigit(s[i+3]) {
		return false
	}
	return int(s[i+1]-'0')*10+int(s[i+2]-'0') == (y+1)%100
}

// weekdays maps weekday names to time.Weekday.
var weekdays = map[string]time.Weekday{
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday,
	"wednesday": time.Wednesday, "thursday": time.Thursday,
	"friday": time.Friday, "saturday": time.Saturday,
}

func tlWeekday(d *doc, m []int, now time.Time) (Timeline, bool) {
	wd := weekdays[group(d.lower, m, 1)]
	days := (int(wd) - int(now.Weekday()) + 7) % 7
	if days == 0 {
		days = 7
	}
	months := round2(float64(days) / daysPerMonth)
	return Timeline{Months: months, Label: labelFor(months), Confidence: 0.55}, true
}

// tlBudgetDeniedRe finds a budget or project refused, withdrawn or frozen:
// a period beside it ("budget non validé pour 2025", "das Geld wurde im
// Frühjahr zurückgezogen", "the budget for this year was rejected") dates
// the refusal, not a purchase.
var tlBudgetDeniedRe = regexp.MustCompile(`(?:^|[^\pL])(?:no|zero|z[ée]ro|cero|null|kein\pL*|aucun\pL*|pas de|sin|ning[úu]n\pL*|\pL*n't have|not have)\s+(?:\S+\s+)?(?:budget|presupuesto|geld|money|funding|funds|mittel|partida|enveloppe|dotaci[óo]n|fondos|cr[ée]dits?)(?:$|[^\pL])|` +
	// "not a penny", "keinen Cent", "pas un centime", "ni un euro": no money at all.
	`(?:^|[^\pL])(?:not|nor|kein\pL*|pas|ni)\s+(?:a |one |un |une |einen |ein |uno |una )?(?:penny|cent|dime|euro|dollar|centime|sou|peso|c[ée]ntimo|rappen|franken)s?(?:$|[^\pL])|` +
	// "the budget is gone", "das Budget ist verplant", "le budget est épuisé", "el presupuesto está agotado".
	`(?:^|[^\pL])(?:budget|money|funding|funds|geld|\pL*budget\pL*|mittel|presupuesto|dinero|fondos|partida|cr[ée]dits?|enveloppe)\s+(?:\S+\s+){0,4}?(?:is|are|was|ist|sind|war|est|sont|[ée]tait|est[áa]|est[áa]n|estaba|qued[óo])\s+(?:\S+\s+){0,2}?(?:gone|spent|used up|exhausted|allocated elsewhere|verplant|ausgesch(?:ö|oe|o)pft|aufgebraucht|weg|[ée]puis[ée]e?s?|consomm[ée]e?s?|agotad[oa]s?|gastad[oa]s?|comprometid[oa]s?)(?:$|[^\pL])|(?:^|[^\pL])(?:budget|money|funding|funds|geld|\pL*budget\pL*|mittel|presupuesto|dinero|fondos|partida|cr[ée]dits?|enveloppe)(?:\s+\S+){0,8}?\s+(?:(?:nothing|nichts|rien|nada)(?: \pL+)? (?:left|(?:ü|ue|u)brig)|(?:after|nach|apr[èe]s|tras) (?:the |den |les |los )?(?:cuts|k(?:ü|ue|u)rzungen|coupes|restrictions|recortes)|(?:was|were|has been|got|is|been) (?:rejected|denied|withdrawn|frozen|cut|pulled|declined|refused)|not (?:been )?approved|(?:wurde|wurden|ist|sind) (?:\S+\s+){0,3}?(?:abgelehnt|zur(?:ü|ue|u)ckgezogen|gestrichen|eingefroren|gek(?:ü|ue|u)rzt)|nicht (?:genehmigt|freigegeben|bewilligt)|non (?:valid|approuv|accord)\pL*|pas (?:été )?(?:valid|approuv|accord)\pL*|(?:a |ont )?(?:été )?(?:refus|rejet|retir|gel)\pL*|(?:fue |ha sido )?(?:rechazad|denegad|retirad|congelad|recortad)\pL*|no (?:fue |ha sido )?aprobad\pL*)|(?:rejected|denied|withdrew|froze|cut|declined|refused|abgelehnt|gestrichen|refus\pL*|rejet\pL*|rechaz\pL*|deneg\pL*|retir\pL*|congel\pL*)\s+(?:\S+\s+){0,2}?(?:the |our |das |unser\pL* |le |notre |el |nuestro )?(?:budget|funding|geld|budget\pL*|mittel|presupuesto|fondos|partida|cr[ée]dits?|enveloppe)`)

// tlApprovalRe finds a board or committee that decides, votes or meets
// right before a date: the date is the approval's, not the purchase's
// ("entscheidet der Stiftungsrat am 10. Februar", "la comisión no se
// reúne hasta enero", "the board votes on the 12th").
var tlApprovalRe = regexp.MustCompile(`(?:^|[^\pL])(?:(?:board|committee|council|comit[ée]|commission|comisi[óo]n|junta|consejo|vorstand|\pL*rat|ausschuss|gremium|conseil|assembl[ée]e|asamblea|versammlung|patronato)\s+(?:\S+\s+){0,5}?(?:valid\pL*|meets|decides|will decide|votes|sits|tagt|entscheidet|beschlie(?:ß|ss)t|se r[ée]unit|d[ée]cide|d[ée]cidera|votera|statue(?:ra)?|se re[úu]ne|decide|decidir[áa]|vota(?:r[áa])?|sesiona)|(?:meets|decides|will decide|votes|tagt|entscheidet|entscheiden|beschlie(?:ß|ss)t|d[ée]cide|d[ée]cidera|vote|votera|statuera|decide|decidir[áa]|vota|aprueba|aprobar[áa]|se re[úu]ne|se r[ée]unit|arbitr\pL*|valid\pL*|decided by|approved by|entschieden|genehmigt)\s+(?:\S+\s+){0,2}?(?:the |der |die |das |le |la |el |l')?(?:board|committee|council|comit[ée]|commission|comisi[óo]n|junta|consejo|vorstand|\pL*rat|ausschuss|gremium|conseil|assembl[ée]e|asamblea|versammlung)|se re[úu]ne\pL*|se r[ée]uni\pL*|convenes?|tagt|tagen|sesiona\pL*)(?:\s+\S+){0,4}\s+$`)

// tlLeaveBeforeRe finds a person leaving or retiring right before a date:
// "retires in December", "is leaving at the end of June", "nous quitte fin
// septembre", "part en novembre", "se jubila en diciembre", "verlässt uns
// Ende Juni". The date is the departure's; writers label it no purchase
// date.
var tlLeaveBeforeRe = regexp.MustCompile(`(?:^|[^\pL])(?:leaves|leaving|will leave|quits|quitting|retires|retiring|will retire|goes on (?:leave|maternity leave)|verl(?:ä|ae|a)sst|verlassen|scheidet|part|partira|quitte|quittera|prend sa retraite|partira à la retraite|part à la retraite|se jubila|se va|se marcha|nos deja|deja la empresa)(?:\s+(?:us|uns|nous|nos|the company|das unternehmen|l'entreprise|la empresa))?\s*$`)

// tlBeforeLeaveRe finds a purchase tied to the departure ("avant son
// départ", "before she leaves", "vor ihrem Ruhestand", "antes de su
// jubilación"): then its date is the deadline after all.
var tlBeforeLeaveRe = regexp.MustCompile(`(?:^|[^\pL])(?:before (?:she|he|they) (?:leaves?|goes|retires?)|before (?:his|her|their) (?:departure|retirement|last day)|avant (?:son|leur) (?:d[ée]part|retraite)|avant qu'(?:il|elle) (?:ne )?parte|vor (?:ihrem|seinem|dem) (?:weggang|ausscheiden|ruhestand|abschied|renteneintritt)|bevor (?:sie|er) (?:geht|ausscheidet)|antes de (?:su|que se) (?:marcha|jubilaci[óo]n|salida|vaya|jubile))`)

// tlLeaveAfterRe finds the German and Spanish forms with the date inside:
// "geht im März in Rente" ("aus" would be every separable verb's).
var tlLeaveAfterRe = regexp.MustCompile(`^\s*(?:in (?:rente|pension|den ruhestand|elternzeit|mutterschutz))`)

// tlEventNounRe names occasions and shutdowns a purchase is made for: a
// gala, a fair, an open day, a launch, a plant shutdown.
var tlEventNounRe = regexp.MustCompile(`(?:^|[^\pL])(?:r[ée]ouverture|rouvr\pL*|reopen\pL*|wieder(?:ö|oe|o)ffn\pL*|reapertura|reabr\pL*|galas?|soir[ée]es?|open day|open house|tag der offenen t(?:ü|ue|u)r|portes ouvertes|puertas abiertas|trade ?shows?|trade fairs?|fairs?|expos?|exhibitions?|conferences?|congress|congr[èe]s|congresos?|kongress\pL*|messen?|messestand|salons?|ferias?|festivals?|anniversary|jubil(?:ä|ae|a)um\pL*|anniversaire|aniversario|weddings?|hochzeit\pL*|mariages?|bodas?|ceremon\pL*|zeremonie\pL*|c[ée]r[ée]monie\pL*|inaugura\pL*|er(?:ö|oe|o)ffnung\pL*|launch|lancement|lanzamiento|shutdown|stillstand|revision|betriebsruhe|parada t[ée]cnica|parada|arr[êe]t technique|arr[êe]t annuel|stand|booth|messestand|courses?|sessions?|kurs\pL*|schulung\pL*|seminar\pL*|formations?|cursos?|sesi[óo]n\pL*|talleres|taller|workshops?|intakes?|cohort\pL*)(?:$|[^\pL])`)

// tlEventPlanRe finds the writer planning or needing something: with an
// occasion beside the date, the date is what the purchase must meet.
var tlEventPlanRe = regexp.MustCompile(`(?:^|[^\pL])(?:for the|for our|pour la|pour le|pour l'|pour notre|f(?:ü|ue|u)r (?:die|den|das|unsere?n?)|zur|zum|para la|para el|para nuestr[ao]|would like|'d like|voudr\pL*|aimer\pL*|places?|plazas?|pl(?:ä|ae|a)tze?|seats?|apunt\pL*|inscri\pL*|anmeld\pL*|sign up|enrol\pL*|register|book|suivre|souhait\pL*|m(?:ö|oe|o)chte\pL*|h(?:ä|ae|a)tte\pL* gern|quisi[ée]\pL*|gustar\pL*|plan|planning|planned|organi[sz]\pL*|need|needs|want|looking for|ready|must|has to|have to|swap|replace|install\pL*|planen|geplant|organisier\pL*|brauch\pL*|ben(?:ö|oe|o)tig\pL*|m(?:ö|oe|o)chten|wollen|suchen|muss|m(?:ü|ue|u)ssen|fertig|stehen|pr[ée]vu\pL*|pr[ée]par\pL*|cherch\pL*|voulons|veut|besoin|faut|doit|pr[êe]te?s?|filmer|remplac\pL*|installer|previst\pL*|prepar\pL*|necesit\pL*|queremos|quiero|buscamos|busco|tiene que|tenemos que|list[oa]s?|debe|sustitu\pL*|cambio)(?:$|[^\pL])`)

// tlEventProposalRe finds a proposal to meet or talk, whose date an
// occasion word beside it does not make a deadline ("meet you at the fair
// on the 12th", "nous voir au salon le 3").
var tlEventProposalRe = regexp.MustCompile(`(?:^|[^\pL])(?:come (?:and )?present|come to|vorstellen|pr[ée]senter|venir|vinier\pL*|ven(?:ga|gan|ir) a|presentar\pL*|meet|meeting|call|visit us|see you|stop by|drop by|treffen|kennenlernen|besuchen sie|termin|gespr(?:ä|ae|a)ch|vertreten|rencontr\pL*|nous voir|vous voir|rendez-vous|rdv|point t[ée]l[ée]phonique|pr[ée]sents?|vernos|reunirnos|conocernos|llamada|reuni[óo]n|visitarnos|estar[áa]n|exhibiting|be there)(?:$|[^\pL])`)

// tlEventDeadline reports an occasion within 60 bytes of the date in its
// clause, a plan or need in the clause, and no proposal to meet there.
func tlEventDeadline(d *doc, m []int, cs, ce int) bool {
	near := d.lower[max(cs, m[0]-60):min(ce, m[1]+60)]
	if !tlEventNounRe.MatchString(near) {
		return false
	}
	clause := d.lower[cs:ce]
	return tlEventPlanRe.MatchString(clause) && !tlEventProposalRe.MatchString(clause)
}

// tlPastPerfectAfterRe finds a perfect right after a span ("en dos años
// hemos perdido", "in zwei Jahren haben wir ... verloren", "in two years
// we lost"): the span is past.
var tlPastPerfectAfterRe = regexp.MustCompile(`^\s*,?\s*(?:(?:hemos|han|ha|avons|ont|a|haben|hat|sind|ist|we've|we have|have|has)\s+(?:\S+\s+){0,3}?\pL+(?:ado|ido|é|ée|és|i|u|t|en|ed)|(?:we|they|sales|revenue|it)\s+(?:lost|fell|dropped|grew|doubled|went|had))(?:$|[^\pL])`)

// tlNegatedPlanRe finds a negated plan or purchase verb ("not planning to
// buy", "ne pensons pas acheter", "no vamos a poder comprar", "nicht vor
// ... kaufen" is tlNegationAt's): it negates a date up to a dozen words
// on in its clause, past tlNegWords.
var tlNegatedPlanRe = regexp.MustCompile(`(?:^|[^\pL])(?:planen|beabsichtigen|wollen|werden|pr[ée]voyons|comptons|pensons|envisageons)\s+(?:wir\s+)?(?:nicht|keine?n?|pas)(?:$|[^\pL])|(?:^|[^\pL'])(?:not|never|\pL*n't|nicht|nie|keine?n?|ne|n'|no|nunca|jam[áa]s)\s+(?:[^\s,.;:!?]+\s+){0,2}?(?:plan\pL*|buy\pL*|purchas\pL*|expect\pL*|intend\pL*|going to|able to|afford|invest\pL*|kauf\pL*|anschaff\pL*|investier\pL*|planen|geplant|vorgesehen|pens\pL*|pr[ée]voi\pL*|pr[ée]voy\pL*|achet\pL*|envisag\pL*|compt\pL*|compr\pL*|contrat\pL*|vamos a|podremos|poder|planeamos|prevemos|invertir)(?:$|[^\pL])`)

// tlNegatedPlanStopRe ends a negation's reach: a contrast or a new
// subject's plan ("but", "aber", "mais", "pero", "sino", "sondern").
var tlNegatedPlanStopRe = regexp.MustCompile(`(?:^|[^\pL])(?:but|however|aber|sondern|doch|mais|cependant|pero|sino|sin embargo)(?:$|[^\pL])`)

// tlNegatedPlanAt returns where a negated plan verb starts within the 90
// bytes of m's clause before it, or -1.
func tlNegatedPlanAt(d *doc, m []int) int {
	lo := max(d.clauseStart(m[0]), m[0]-90)
	seg := d.lower[lo:m[0]]
	loc := tlNegatedPlanRe.FindStringIndex(seg)
	if loc == nil || tlNegatedPlanStopRe.MatchString(seg[loc[1]:]) {
		return -1
	}
	return lo + loc[0]
}

// tlSentencePause is the offset of the first comma, or colon before a
// space ("d'ici fin février : aujourd'hui nous perdons des appels
// d'offres"), in s; a clock's colon ("a las 10:00") is no pause. -1 if
// none.
func tlSentencePause(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] == ',' || s[i] == ':' && (i+1 == len(s) || s[i+1] == ' ') {
			return i
		}
	}
	return -1
}
