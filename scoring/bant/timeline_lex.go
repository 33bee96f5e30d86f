package bant

import (
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// This file holds the timeline lexicon for German, French and Spanish (and
// the English phrases the original patterns missed): window phrases ("bis
// Ende des Quartals", "d'ici la fin du mois", "el próximo trimestre"),
// urgency, "no timeline" statements, seasons, halves of the year and
// numeric dates. Phrases are lists of the words people use, not sentences:
// each list is one pattern per meaning, so the Aho-Corasick prefilter
// wakes it only on clauses holding one of its words.

// tlAccentFolds spell each accented letter with the forms writers use
// without accents ("naechste", "annee", "proximo").
var tlAccentFolds = strings.NewReplacer(
	"ä", "(?:ä|ae|a)", "ö", "(?:ö|oe|o)", "ü", "(?:ü|ue|u)", "ß", "(?:ß|ss)",
	"é", "[ée]", "è", "[èe]", "ê", "[êe]", "à", "[àa]", "â", "[âa]", "ô", "[ôo]",
	"û", "[ûu]", "ç", "[çc]", "î", "[îi]", "á", "[áa]", "í", "[íi]", "ó", "[óo]",
	"ú", "[úu]", "ñ", "[ñn]",
)

// tlWords builds an alternation of phrases, each accent-folded and held
// to word boundaries. Go's \b only knows ASCII word characters, so a
// phrase that starts or ends with an accented letter gets no \b there.
func tlWords(phrases ...string) string {
	alts := make([]string, 0, len(phrases))
	for _, p := range phrases {
		alt := tlFoldOutsideClasses(p)
		first, _ := utf8.DecodeRuneInString(p)
		last, _ := utf8.DecodeLastRuneInString(p)
		if isASCIIWordRune(first) {
			alt = `\b` + alt
		}
		if isASCIIWordRune(last) {
			alt += `\b`
		}
		alts = append(alts, alt)
	}
	return `(?:` + strings.Join(alts, "|") + `)`
}

// tlFoldOutsideClasses applies tlAccentFolds to p except inside [...]
// classes, which already spell both forms ("qui[ée]n").
func tlFoldOutsideClasses(p string) string {
	var b strings.Builder
	for len(p) > 0 {
		i := strings.IndexByte(p, '[')
		if i < 0 {
			b.WriteString(tlAccentFolds.Replace(p))
			break
		}
		j := strings.IndexByte(p[i:], ']')
		if j < 0 {
			b.WriteString(tlAccentFolds.Replace(p))
			break
		}
		b.WriteString(tlAccentFolds.Replace(p[:i]))
		b.WriteString(p[i : i+j+1])
		p = p[i+j+1:]
	}
	return b.String()
}

// isASCIIWordRune reports a rune that regexp's \b counts as a word
// character.
func isASCIIWordRune(r rune) bool {
	return r < utf8.RuneSelf && isWordByte(byte(r))
}

// Recurring word families.
const (
	tlNext = `n(?:ä|ae|a)chste[nmrs]?|kommende[nmrs]?`
	tlProx = `pr[óo]xim[oa]`
	tlAno  = `a(?:ñ|n)o`
)

// tlKind is what a lexicon phrase says about the timing.
type tlKind int

const (
	tlkASAP tlKind = iota
	tlkSoon        // "dringend", "rapidement": urgency more than a date
	tlkThisWeek
	tlkThisMonth
	tlkNextMonth
	tlkThisQuarter
	tlkNextQuarter
	tlkThisYear
	tlkNextYear
	tlkLater
	tlkNextWeek
	// tlkNow is "at the moment": nothing by itself, but negated ("not
	// buying anything at the moment", "aktuell kein Bedarf", "pas
	// intéressé pour l'instant") it is no timeline.
	tlkNow
	// tlkNewYear is the turn of the year: January next year.
	tlkNewYear
)

// tlLexicon lists the phrases of each kind, all languages together.
var tlLexicon = []struct {
	kind    tlKind
	phrases []string
}{
	{tlkASAP, []string{
		// German
		"so schnell wie möglich", "so schnell als möglich", "so bald wie möglich", "schnellstmöglich",
		"schnellstens", "baldmöglichst", "möglichst schnell", "möglichst bald", "umgehend", "sofort",
		"ab sofort", "bis morgen", "noch heute", "ab morgen", "gleich morgen",
		"dès demain", "d[èe]s demain", "à partir de demain", "desde mañana", "a partir de mañana", "mañana mismo",
		"starting tomorrow", "from tomorrow", "as of tomorrow",
		// French
		"dès que possible", "des que possible", "au plus vite", "le plus vite possible",
		// A need ending on a bare "fast": "besoin d'un truc qui tienne la charge, vite."
		"(?:besoin|faut|need|needs|brauche\\pL*|necesit\\pL*)(?: \\S+){0,10}?, (?:vite|fast|quick|schnell|r[áa]pido)(?:[.!]|$)",
		"le plus rapidement possible", "le plus tôt possible", "en urgence", "immédiatement",
		"tout de suite", "sans tarder", "sans délai", "d'ici demain", "dans les plus brefs délais",
		// Spanish
		// Today or tomorrow; an emergency call-out.
		"today or tomorrow", "heute oder morgen", "aujourd'hui ou demain", "hoy o mañana", "hoy mismo",
		"emergency (?:repair|call-?out|visit|fix|service)", "(?:dépannage|intervention|réparation|remplacement) d'urgence",
		"(?:reparación|intervención|asistencia) de urgencia", "notfall(?:einsatz|reparatur|service)",
		"dans la semaine(?:[.!,;]|$)",
		"lo antes posible", "lo más pronto posible", "lo más rápido posible", "cuanto antes",
		"a la mayor brevedad", "de inmediato", "inmediatamente", "ya mismo", "con urgencia",
		"para mañana",
		// "la necesito ya", "need it now", "brauchen es jetzt", "en cuanto se pueda".
		"(?:need|needs|want) (?:it|this|one|them|something|someone|somebody|help|a fix|a solution) (?:right )?now(?:[.!,;]|$)", "para ya", "hauptsache (?:noch )?heute", "(?:lo|la) antes posible", "(?:lo|la|los|las) (?:necesito|necesitamos|quiero|queremos) ya",
		"(?:brauche|brauchen) (?:es|das|sie|ihn) (?:jetzt|sofort)", "(?:en|tan pronto como|lo antes que) (?:cuanto )?(?:se pueda|sea posible|pod[áa]is|puedan)",
		"as soon as (?:it's|it is) (?:possible|ready|feasible)", "sobald (?:wie )?m(?:ö|oe|o)glich", "so schnell (?:es|wie es|wie's) geht", "aussi vite que (?:possible|vous pouvez)", "lo m[áa]s r[áa]pido que (?:se pueda|pod[áa]is)", "d[èe]s que (?:vous pouvez|vous le pouvez|c'est possible|possible)",
	}},
	{tlkSoon, []string{
		"dringend", "eilig", "eilt", "urge", "urgen", "corre prisa", "zeitnah", "kurzfristig", "urgent", "urgente", "urgentes",
		"urgemment", "urgentemente", // not "bientôt", "pronto", "rapidement": sign-offs and adverbs
	}},
	{tlkThisWeek, []string{
		"diese woche", "noch diese woche", "dieser woche", "cette semaine", "d'ici la fin de la semaine",
		"esta semana", "esta misma semana", "within the week",
	}},
	{tlkNextWeek, []string{
		"(?:" + tlNext + ") woche", "in der (?:" + tlNext + ") woche", "la semaine prochaine", "semaine prochaine",
		"la semaine suivante", "la " + tlProx + " semana", tlProx + " semana", "la semana que viene",
		"la semana " + tlProx,
	}},
	{tlkNow, []string{
		"at the moment", "right now", "for now", "currently", "at this time", "at this point", "in the short term",
		"anytime soon", "any time soon", "in the near future",
		"derzeit", "aktuell", "momentan", "zurzeit", "zur zeit", "im moment", "gerade", "vorerst", "so bald", "in naher zukunft",
		"pour l'instant", "pour le moment", "en ce moment", "actuellement", "à court terme", "dans l'immédiat",
		"por ahora", "de momento", "por el momento", "ahora mismo", "ahorita", "actualmente", "a corto plazo",
		"en este momento",
	}},
	{tlkThisMonth, []string{
		"before the month (?:ends|is over|closes|runs out)", "bevor der monat (?:endet|zu ende geht|vorbei ist|um ist)", "avant que le mois (?:ne )?(?:se termine|finisse|soit fini)", "antes de que (?:termine|acabe|finalice|se acabe|cierre) el mes",
		"within the month", "within this month", "later this month", "before the month is out",
		"diesen monat", "dieses monats", "in diesem monat", "im laufenden monat", "im aktuellen monat",
		"noch im monat", "innerhalb des monats", "innerhalb dieses monats", "ende des monats",
		"ende dieses monats", "monatsende", "ende monat",
		"ce mois-ci", "ce mois ci", "ce mois", "dans le mois", "courant du mois", "au cours du mois",
		"fin du mois", "fin de mois", "fin de ce mois",
		"este mes", "este mismo mes", "dentro del mes", "dentro de este mes", "fin de mes",
		"final de mes", "finales de mes", "fin del mes", "final del mes", "finales del mes",
		"en lo que queda de mes", "durante este mes", "im laufe des monats", "bis ende monat", "this mo",
	}},
	{tlkNextMonth, []string{
		"(?:" + tlNext + ") monats?", "folgemonat", "im folgemonat",
		"le mois prochain", "mois prochain", "le mois suivant",
		"el " + tlProx + " mes", tlProx + " mes", "el mes que viene", "el mes " + tlProx, "el mes siguiente",
	}},
	{tlkThisQuarter, []string{
		"before the quarter (?:ends|is over|closes|runs out)", "bevor das quartal (?:endet|zu ende geht|vorbei ist|um ist)", "avant que le trimestre (?:ne )?(?:se termine|finisse|soit fini|se cl[ôo]ture)", "antes de que (?:termine|acabe|finalice|se acabe|cierre) el trimestre",
		"within the quarter", "within this quarter", "later this quarter",
		"dieses quartal", "dieses quartals", "in diesem quartal", "im laufenden quartal",
		"im aktuellen quartal", "innerhalb des quartals", "ende des quartals", "ende des laufenden quartals",
		"ende des aktuellen quartals", "quartalsende", "ende quartal",
		"ce trimestre", "ce trimestre-ci", "dans le trimestre", "fin du trimestre", "fin de trimestre",
		"au cours du trimestre", "courant du trimestre",
		"este trimestre", "dentro del trimestre", "fin de trimestre", "final de trimestre",
		"fin del trimestre", "final del trimestre", "finales del trimestre", "durante este trimestre",
		"en lo que queda de trimestre", "im laufe des quartals", "im laufe dieses quartals", "ce quarter",
		"bis ende quartal", "ce q",
		"cierre del trimestre", "cierre de trimestre", "cl[ôo]ture du trimestre", "quarter close", "close of the quarter", "quartalsabschluss",
	}},
	{tlkNextQuarter, []string{
		"(?:" + tlNext + ") quartals?", "folgequartal", "im folgequartal",
		"le trimestre prochain", "trimestre prochain", "le prochain trimestre", "prochain trimestre",
		"le trimestre suivant",
		"el " + tlProx + " trimestre", tlProx + " trimestre", "el trimestre que viene",
		"el trimestre " + tlProx, "el trimestre siguiente", "el siguiente trimestre",
	}},
	{tlkThisYear, []string{
		"before the year (?:ends|is over|closes|runs out)", "bevor das jahr (?:endet|zu ende geht|vorbei ist|um ist)", "avant que l'ann[ée]e (?:ne )?(?:se termine|finisse|soit finie)", "antes de que (?:termine|acabe|finalice|se acabe|cierre) el a(?:ñ|n)o",
		"within the year", "within this year", "sometime this year",
		"over the (?:course of the |course of this )?year", "(?:in|during) the course of (?:the|this) year", "au fil de l'ann[ée]e", "(?:durante|a lo largo de) (?:este|el) a(?:ñ|n)o", "before year end", "before year-end",
		"dieses jahr", "dieses jahres", "in diesem jahr", "im laufenden jahr", "im aktuellen jahr",
		"noch in diesem jahr", "im laufe des jahres", "im laufe dieses jahres", "innerhalb des jahres",
		"innerhalb dieses jahres", "ende des jahres", "ende dieses jahres", "jahresende", "heuer",
		"cette année", "cette année-ci", "dans l'année", "fin d'année", "fin de l'année",
		"fin de cette année", "courant de l'année", "au cours de l'année", "dans le courant de l'année",
		"cette an",
		"este " + tlAno, "este mismo " + tlAno, "durante este " + tlAno, "dentro de este " + tlAno,
		"dentro del " + tlAno, "fin de " + tlAno, "final de " + tlAno, "finales de " + tlAno,
		"fin del " + tlAno, "final del " + tlAno, "finales del " + tlAno,
		"antes de que (?:acabe|termine|finalice|cierre) el " + tlAno, "a lo largo del " + tlAno,
		"a lo largo de este " + tlAno, "en lo que queda de " + tlAno, "en lo que resta del " + tlAno,
		"ende jahr", "bis ende jahr", "antes de cerrar el " + tlAno, "al cierre del " + tlAno,
		"antes del cierre del " + tlAno, "cierre de " + tlAno, "d'ici la fin de l'exercice",
	}},
	{tlkNewYear, []string{
		"\\b(?:um|rund um|ab|mit|nach) (?:den |dem )?jahreswechsel", "über den jahreswechsel", "(?:après|apr[eè]s) le nouvel an", "(?:despu[ée]s de|tras) (?:el )?a(?:ñ|n)o nuevo", "after new year",
		"in the new year", "into the new year", "after the new year", "im neuen jahr", "zum neuen jahr", "nach dem jahreswechsel",
		"avec la nouvelle ann[ée]e", "à la nouvelle ann[ée]e", "en d[ée]but d'ann[ée]e prochaine", "d[ée]but de l'ann[ée]e prochaine",
		"con el (?:nuevo " + tlAno + "|" + tlAno + " nuevo)", "con el " + tlAno + " que viene", "a principios del (?:" + tlAno + " que viene|" + tlProx + " " + tlAno + ")",
		"early next year", "beginning of next year", "start of next year", "anfang (?:des )?n(?:ä|ae|a)chsten jahres",
	}},
	{tlkNextYear, []string{
		"(?:" + tlNext + ") jahr(?:es)?", "im folgejahr", "folgejahr",
		"l'année prochaine", "l'an prochain", "année prochaine", "l'année suivante",
		"el " + tlProx + " " + tlAno, tlProx + " " + tlAno, "el " + tlAno + " que viene",
		"el " + tlAno + " " + tlProx, "el " + tlAno + " siguiente",
	}},
	{tlkLater, []string{
		// Until money or an outside event returns, whenever that is.
		"no idea when", "ni idea de cu[áa]ndo", "keine ahnung,? wann", "aucune id[ée]e (?:de )?quand", "whenever that (?:is|will be|happens)", "until further notice", "bis auf weiteres",
		"jusqu'[àa] nouvel ordre", "hasta nuevo aviso", "weiß kein mensch", "steht noch nicht fest",
		"(?:only |probably |maybe )?(?:when|once|until) (?:the |our )?(?:next |new )?(?:funding|money|grant|cash|finances|funds)\\b",
		"(?:wenn|sobald|bis) (?:die |das |wieder )?(?:f(?:ö|oe|o)rderung|geld|mittel|finanzierung)",
		"quand (?:les sous|l'argent|le budget|les finances|les fonds|[çc]a ira mieux)", "on verra un jour", "rien de press[ée]",
		"(?:para )?cuando (?:se pueda|se acomode|repunte|haya (?:presupuesto|plata|dinero|lana|fondos)|mejore)",
		"(?:para |a ver si para )?otro a(?:ñ|n)o", "(?:sin|no (?:tenemos|tengo|hay)) (?:apuro|prisa|urgencia)",
		"(?:nicht|nicht mehr|derzeit nicht) auf der suche", "(?:ne|n')\\s?(?:sommes|suis) pas (?:[àa] la recherche|en recherche)",
		"no (?:estamos|estoy) buscando", "no (?:pensamos|planeamos|queremos|vamos a) (?:cambiar|comprar|contratar)",
		"kaufen (?:wir |ich )?(?:\\S+ )?(?:nix|nichts)",
		// Constructions, any word order: a plan verb or purchase noun
		// with its negation ("konkret geplant ist aber nichts", "eine
		// Anschaffung ist nicht geplant", "no tengo previsto comprar nada").
		"not (?:in|at) (?:a|the|any) (?:buying|purchasing|procurement) (?:cycle|stage|phase|mode|process)",
		"(?:no|not any) (?:\\S+ )?(?:purchase|project|buying|rollout) (?:is )?(?:planned|scheduled|foreseen)",
		"(?:anschaffung|kauf|investition|umstellung|wechsel|projekt)\\S* (?:ist |sind )?(?:\\S+ )?(?:nicht|keine?) (?:\\S+ )?(?:geplant|vorgesehen|angedacht)",
		"geplant ist (?:\\S+ )?(?:aber |noch |derzeit |momentan )?(?:nichts|keine?)", "nichts (?:\\S+ )?(?:geplant|vorgesehen|angedacht)",
		"steht in den sternen", "(?:ist|sind) (?:noch )?(?:völlig |ganz )?offen, wann",
		"pas de projet(?: d'achat)?(?: dat[ée]| pr[ée]cis| concret| planifi[ée])", "aucun (?:achat|projet|investissement)",
		"(?:ne|n')\\s?(?:pr[ée]voi\\pL*|envisage\\pL*|planifi\\pL*) (?:pas|aucun\\pL*|rien)",
		"no (?:tengo|tenemos|hay) (?:\\S+ )?(?:previsto|pensado|planeado|planificado) (?:comprar|contratar|cambiar|nada|ninguna)",
		"no (?:tiene|tenemos|hay) fecha", "sin fecha(?: definida| fija| concreta| prevista)?", "ninguna compra",
		"no (?:vamos|voy|pensamos) a (?:comprar|contratar|cambiar)",
		// English additions to laterRe
		"no (?:fixed|set|firm|specific|concrete|exact|particular|defined|definite|hard) (?:start |go-live |purchase )?date",
		"no date (?:yet|set|fixed|in mind)", "no timeline yet", "no timing yet",
		"not (?:buying|purchasing|looking to buy|planning to buy|planning on buying|ready to buy|in the market)(?: anything)?(?: (?:at the moment|right now|now|currently|for now|yet|at this time|this year))?",
		"nothing planned", "no plans? (?:yet )?to (?:buy|purchase|switch|change|invest)",
		// Not on the agenda, not any time soon, not before that.
		"(?:ist|sind) (?:derzeit |aktuell |gerade |bei uns )?kein thema", "not on the (?:agenda|table|cards)", "(?:n'est |ne sont )?pas (?:d'actualit[ée]|à l'ordre du jour)", "no (?:es|est[áa]) (?:un tema|en (?:la agenda|nuestros planes))",
		"nicht so bald", "so bald nicht", "pas de sit[ôo]t", "no (?:ser[áa] )?pronto(?:[.!,;]|$)",
		"not looking for anything", "(?:won't|will not|not going to|don't|do not|not) (?:\\S+ )?(?:switch|change|buy|move|replace)(?: anything)? (?:before|until) (?:that|then)",
		"(?:vorher|bis dahin) (?:wechseln|kaufen|ändern|tauschen) wir (?:\\S+ )?nicht", "pas avant (?:ça|cela|cette date|l[àa])", "no (?:antes|hasta entonces)(?:[.!,;]|$)",
		"(?:aren't|are not|isn't|is not|won't be|we're not|we are not|i'm not|i am not) (?:buying|purchasing|switching|changing)(?:[.!,;]|$| anything| now| at (?:the|this) moment)",
		"(?:not|isn't|is not|it's not) (?:here |writing )?(?:to|for) buy(?:ing)? anything", "no es para comprar", "(?:ce )?n'est pas pour acheter", "nicht, um (?:\\S+ ){0,3}zu kaufen", "(?:kein|nicht) (?:zum )?kauf(?:interesse|absicht)",
		"(?:no|without) (?:budget|money|funding) (?:or|nor|and no) (?:date|timeline|timeframe|deadline)", "weder (?:ein )?budget noch (?:ein(?:en)? )?(?:termin|datum|zeitplan)", "(?:ni|pas) (?:de )?budget ni (?:de )?(?:date|calendrier|d[ée]lai)", "ni (?:de )?date", "ni presupuesto ni (?:fecha|plazo)",
		"(?:not sure|no idea|don't know) (?:if|whether) there (?:will|'ll) (?:even )?be (?:a |any )?project", "(?:weiß|wissen) (?:\\S+ )?nicht, ob (?:es )?(?:das |ein |überhaupt )?projekt", "ne sai[st] (?:pas|plus) s'il y aura (?:un |encore un )?projet", "no s[ée] si habr[áa] proyecto", "(?:ya )?no s[ée] si (?:habr[áa]|va a haber|seguir[áa]) (?:\\S+ )?proyecto",
		"(?:solo|sólo|just|only|nur|juste) (?:por|pour|to|um) (?:tener|avoir|have|get) (?:informaci[óo]n|des informations|information|infos?)",
		"when (?:the )?budget allows", "when (?:the )?budget permits", "when we have (?:the )?budget",
		"once (?:the |we have )?budget", "if (?:the )?budget allows", "no concrete timeline",
		// German
		// The long run, as an adverb ("langfristig wollen wir", "auf
		// lange Sicht"); "eine langfristige Lösung" is an adjective.
		"langfristig", "perspektivisch", "auf (?:lange|l(?:ä|ae|a)ngere) sicht", "in ferner zukunft",
		"[àa] (?:plus )?long terme,", "[àa] la longue", "a la larga", "a (?:m[áa]s )?largo plazo,", "en el largo plazo",
		// A timing noun fronted, its negation at the clause end ("Einen
		// festen Zeitplan haben wir noch nicht", "a deadline we don't
		// have", "de date, on n'en a pas", "fecha no tenemos").
		"\\b(?:termin|datum|zeitplan|zeitrahmen|zeitpunkt|deadline|stichtag|frist)\\S* (?:haben|hat|habe|gibt es|gibt's|gibts|steht|existiert) (?:wir |ich |es )?(?:\\S+ )?(?:noch )?(?:nicht|keine\\pL*)",
		"\\b(?:date|deadline|timeline|timeframe) (?:we|i) (?:don't|do not|haven't|have not) (?:have|got|set)",
		"\\b(?:fecha|plazo|calendario) (?:no|todav[íi]a no|a[úu]n no) (?:tenemos|tengo|hay)",
		// No longer needed: "plus besoin de cabinet pour le moment",
		// "we no longer need", "brauchen wir nicht mehr", "ya no necesitamos".
		"plus besoin",
		// Suspended plans and cancelled searches: "est suspendu", "is suspended",
		// "wurde ausgesetzt", "queda suspendido", "cancelar la búsqueda".
		"suspendu\\pL*", "suspended", "ausgesetzt", "suspendid[oa]s?", "cancel\\pL* (?:la |the |our |die |unsere )?(?:b[úu]squeda|search|recherche|suche)", "(?:suche|recherche) (?:\\S+ ){0,2}(?:abgebrochen|annul[ée]e)",
		"no (?:busco|buscamos|queremos|pensamos) cambiar", "(?:not|aren't|are not|i'm not|we're not) looking to (?:change|switch)", "(?:ne )?(?:cherchons|cherche) pas [àa] changer", "wollen (?:\\S+ )?nicht wechseln",
		"no date for (?:\\S+ ){1,4}yet", "(?:can't|cannot|can not) (?:commission|order|spend on) anything", "(?:no longer|don't|do not) (?:\\S+ )?need (?:it|one|this|them|anyone|a \\S+) (?:anymore|any more)", "no longer need", "brauchen (?:wir |ich )?(?:\\S+ ){0,2}nicht mehr", "kein bedarf mehr", "ya no (?:necesit\\pL*|hace falta|nos hace falta)",
		// A cancelled order: "den Auftrag stornieren", "cancel our order", "annuler la commande", "cancelar el pedido".
		"(?:auftrag|bestellung)\\S* (?:\\S+ ){0,3}stornier\\pL*", "stornier\\pL* (?:\\S+ ){0,2}(?:auftrag|bestellung)", "cancel\\pL* (?:our|the|my) (?:order|contract|booking)", "annul\\pL* (?:la|notre|ma) commande", "cancel\\pL* (?:el|nuestro|mi) pedido",
		// Nothing can be bought until ...; not hiring/buying yet.
		"nothing (?:can|could|will) be (?:bought|purchased|ordered|signed|approved)", "not (?:hiring|buying|recruiting|purchasing|ordering) (?:\\S+ )?yet",
		"(?:no (?:tengo|tiene|tienen)|sin) (?:\\S+ )?fecha", "pas de date en t[êe]te", "keinen? (?:termin|zeitpunkt|datum) im (?:kopf|auge)",
		"keine eile", "keine hektik", "kein zeitdruck", "keinen zeitdruck", "ohne zeitdruck",
		"nicht eilig", "eilt (?:also |ja |aber |wirklich |eigentlich |jetzt )?nicht", "nicht dringend", "nicht zeitkritisch",
		"(?:kein|keinen|noch kein|noch keinen) (?:festen |festes |konkreten |konkretes |genauen |genaues |fixen |fixes |definierten )?(?:termin|datum|zeitplan|zeitrahmen|zeithorizont|zeitpunkt|stichtag|deadline)",
		"keine (?:feste |konkrete |genaue |fixe )?(?:deadline|frist|zeitvorgabe|zeitplanung)",
		"noch nicht terminiert", "irgendwann", "eines tages",
		// Open-ended: a date with "or later" leaves the horizon open
		// ("2027, vielleicht auch später", "maybe Q3 or even later",
		// "peut-être plus tard", "o incluso más tarde"); whether and
		// when is open ("ob und wann", "if and when", "si et quand").
		"(?:oder|vielleicht) (?:auch )?(?:erst )?(?:noch )?sp(?:ä|ae|a)ter", "or (?:maybe |perhaps |possibly |even )+later", "ou (?:m[êe]me |peut-[êe]tre )+plus tard", "o (?:incluso |quiz[áa]s? |tal vez )+m[áa]s tarde",
		"ob und wann", "whether and when", "if and when", "si et quand", "si y cu[áa]ndo",
		// A project called off: "das Projekt ist inzwischen abgesagt",
		// "the project was scrapped", "le projet a été abandonné",
		// "el proyecto fue cancelado".
		"(?:projekt|vorhaben|anschaffung|ausschreibung)\\S* (?:\\S+ ){0,3}(?:abgesagt|gestoppt|gestrichen|abgeblasen|beerdigt)",
		"(?:project|purchase|rollout|tender|initiative) (?:\\S+ ){0,3}(?:cancell?ed|scrapped|shelved|called off|dropped)",
		"(?:projet|achat|appel d'offres) (?:\\S+ ){0,3}(?:annul[ée]|abandonn[ée])",
		"(?:proyecto|compra|licitaci[óo]n) (?:\\S+ ){0,3}(?:cancelad[oa]|descartad[oa]|suspendid[oa])",
		// Not buying, any word order: "kaufen möchte ich natürlich nichts".
		"kaufen (?:\\S+ ){1,3}(?:nix|nichts)",
		"investitionsstopp", "ausgabenstopp", "investment freeze", "spending freeze", "gel des (?:investissements|d[ée]penses)", "congelaci[óo]n de (?:inversiones|gastos)",
		"(?:derzeit|momentan|aktuell|zurzeit|im moment|gerade|vorerst) (?:keine |keinen )?(?:kaufabsicht|anschaffung geplant|investition geplant)",
		"(?:derzeit|momentan|aktuell|zurzeit|im moment|gerade|vorerst) nichts (?:kaufen|anschaffen|bestellen|investieren)",
		"(?:kein kauf|keine anschaffung|keine investition|nichts) geplant",
		// "Einen Wechsel planen wir nicht", "ein Projekt ist noch nicht geplant".
		"planen wir (?:\\S+ )?(?:nicht|keine\\pL*)", "(?:wechsel|kauf|anschaffung|umstieg|umstellung|projekt|investition) (?:ist |wird )?(?:\\S+ ){0,4}nicht geplant",
		"wenn (?:das |es das )?budget (?:es )?(?:zulässt|erlaubt|da ist|frei wird|vorhanden ist|freigegeben)",
		"sobald (?:das |ein )?budget",
		// French
		"pas press(?:é|e)(?:e|s|es)?", "rien ne presse", "pas d'urgence", "aucune urgence", "sans urgence",
		"pas urgent", "pas (?:de |encore de )date(?: précise| fixe| arrêtée| définie| butoir| exacte)?",
		"aucune date(?: précise| fixe| arrêtée| définie)?", "pas de calendrier", "pas de planning",
		"pas de (?:délai|échéance|deadline|timing|échéancier)", "aucun (?:délai|calendrier|planning)",
		// Elided and adjectival forms: "pas d'échéance fixée", "aucune échéance précise".
		"(?:pas|plus|aucune?) (?:d'|de |d')?(?:[ée]ch[ée]ance|[ée]ch[ée]ancier|date butoir)(?: \\pL+)?",
		"un jour ou l'autre", "pas pour (?:le moment|l'instant|tout de suite|maintenant)",
		"(?:pas d'achat|pas de projet d'achat|aucun achat|rien de) (?:prévu|planifié)",
		"quand le budget (?:le permettra|sera disponible|sera débloqué|sera validé)",
		"lorsque le budget", "dès que le budget", "(?:n'achetons|n'achèterons|n'achèterons) rien",
		// Spanish
		"sin prisa", "no hay prisa", "no tenemos prisa", "ninguna prisa", "sin urgencia",
		"no es urgente", "no hay urgencia", "sin fecha(?: definida| fija| concreta| cerrada| prevista| límite)?",
		"no (?:hay|tenemos) (?:una |ninguna )?fecha(?: definida| fija| concreta| cerrada| prevista| límite)?",
		"sin (?:plazo|calendario)(?: definido| fijo| concreto)?",
		"no (?:hay|tenemos) (?:un |ningún )?(?:plazo|calendario)(?: definido| fijo| concreto)?",
		"algún día", "más adelante", "por ahora no", "de momento no", "por el momento no",
		"no (?:estamos|vamos a) compra(?:ndo|r)(?: nada)?(?: por ahora| de momento| ahora| todavía| este " + tlAno + ")?",
		"cuando (?:haya|tengamos) presupuesto", "cuando el presupuesto lo permita",
		"ni (?:una )?fecha(?: definida| fija| concreta| cerrada| prevista)?", "hasta nuevo aviso",
		"qui[ée]n sabe cu[áa]ndo", "para cuando (?:repunte|mejore|crezcamos|seamos)", "por si m[áa]s adelante",
		"cuando se (?:reactive|libere|apruebe|desbloquee)", "si se libera", "no necesitamos nada",
		"(?:ni|no) (?:estamos|vamos a) compra(?:ndo|r)", "no vamos a cambiar", "para m[áa]s adelante",
		"en pausa", "aplazad[oa]",
		"sans (?:calendrier|date|d[ée]lai|[ée]ch[ée]ance|planning)(?: pr[ée]cise?| fixe| pr[ée]vue?| d[ée]finie?)?",
		"sin (?:un |una |ning[úu]n |ninguna )?(?:proyecto|plan|fecha|plazo)(?: de (?:compra|cambio|contrataci[óo]n))?(?: \\pL+)?",
		"no (?:buscamos|estamos buscando|necesitamos|queremos|vamos a contratar) nada", "(?:nous )?ne cherch\\pL* rien", "suchen (?:derzeit |aktuell |momentan )?nichts", "(?:we're|we are) not looking for anything", "no hay (?:ning[úu]n )?proyecto(?: de (?:compra|cambio))?",
		"sans (?:aucun )?projet(?: d'achat| de changement)?", "pas de projet (?:\\S+ )?(?:pr[ée]vu|planifi[ée])",
		"(?:weder|kein\\pL*) (?:ein |einen )?(?:projekt|kauf|anschaffung|wechsel)\\pL* (?:\\S+ )?(?:geplant|vorgesehen)",
		"(?:until|till|unless) (?:the |our )?budget (?:allows|permits|is (?:back|approved|available|there))",
		"(?:bis|solange) (?:das |wieder )?budget", "tant que (?:le )?budget", "hasta que (?:haya|tengamos|se apruebe el) presupuesto",
		"(?:maybe|perhaps) later", "vielleicht sp(?:ä|ae|a)ter", "(?:peut-[êe]tre|sans doute) plus tard", "(?:quiz[áa]s?|tal vez) m[áa]s adelante",
		"not look(?:ing|in)? to (?:change|switch|buy|replace)", "(?:don't|do not|won't|will not) (?:plan to |want to )?(?:change|switch|buy|replace) (?:anything|our|it)",
		"(?:nix|nichts) (?:(?:\\S+ )?(?:ändern|kaufen|wechseln|anschaffen))",
		"(?:ne|n')\\s?(?:prendr|achèter|achèter|changer|changeron|signer|souscrir)\\pL* (?:pas|rien|aucun)",
		"un jour\\.", "one day\\.", "eines tages\\.", "pospuest[oa]", "se congel[óo]",
		"(?:presupuesto|proyecto|compras?|partida) (?:\\S+ ){0,3}congelad[oa]", "(?:está|esta|quedó|quedo) congelad[oa]",
		// English
		"postpone(?:d)?", "put (?:it|this|that|the project|everything|things|it all) on (?:hold|ice)",
		"(?:project|it|this|that|everything|purchase|decision|plans?|initiative)(?:'s| is| are| was| has been| have been)? on hold", "paused?",
		"have to pause", "not switching", "no plans", "for later", "indefinitely", "(?:was|were|has been|got) frozen",
		"budget (?:is |was |has been )?frozen", "don't need anything", "do not need anything",
		// German
		"bis auf weiteres", "auf eis", "zur(?:ü|ue|u)ckgestellt", "pausiert", "eingefroren",
		"(?:projekt|vorhaben|kauf|anschaffung|entscheidung|einführung|thema) (?:\\S+ ){0,3}verschoben", "auf unbestimmte zeit",
		"sobald es (?:wieder )?budget gibt", "kaufpl(?:ä|ae|a)ne haben wir (?:derzeit |aktuell |momentan |noch )?(?:nicht|keine)",
		"keine (?:konkreten )?kaufpl(?:ä|ae|a)ne",
		// No plan or change is planned, in any order: "Konkrete Pläne gibt
		// es keine", "aucun changement n'est prévu", "no change is planned",
		// "no está previsto ningún cambio".
		"(?:konkrete |feste )?pl(?:ä|ae|a)ne gibt es (?:\\S+ ){0,2}(?:nicht|keine)", "keine (?:konkreten |festen )?pl(?:ä|ae|a)ne",
		"(?:kein|keine|keinen) (?:wechsel|umstieg|anbieterwechsel|systemwechsel|umstellung) (?:ist )?(?:geplant|vorgesehen)",
		"no (?:change|switch|replacement|purchase) (?:is )?planned", "no concrete plans?",
		"aucun (?:changement|achat|projet) (?:n'est |n'a été )?(?:pr[ée]vu|planifi[ée])", "pas de (?:projet|plan|changement) (?:concret|pr[ée]vu)",
		"ning[úu]n cambio (?:est[áa] )?previsto", "no est[áa] previsto ning[úu]n cambio", "no (?:hay|tenemos) planes concretos", "kaufen (?:wir |werden wir )?(?:derzeit |aktuell |momentan |gerade |so bald )?nichts",
		"(?:termin|zeitpunkt|datum|zeitplan)\\S* (?:\\S+ ){1,4}gibt es (?:\\S+ ){0,2}(?:nicht|keinen|keine)",
		"(?:zeitplan|termin|datum|zeitrahmen|zeitpunkt|deadline) gibt es (?:\\S+ ){0,3}(?:nicht|keinen|keine)",
		"(?:zeitplan|termin) steht (?:noch )?nicht",
		// Plans fronted, denied after: "Konkrete Pläne haben wir keine",
		// "des plans concrets, on n'en a pas", "planes concretos no tenemos".
		"pl(?:ä|ae|a)ne (?:haben|hat|habe) (?:wir |ich |er |sie )?(?:\\S+ ){0,2}?(?:nicht|keine)", "plans (?:concrets? )?(?:on n'en a|nous n'en avons) pas", "planes (?:concretos )?no (?:tenemos|tengo|hay)",
		// Nothing happens this year any more: "dieses Jahr passiert bei
		// uns nichts mehr", "nothing more will happen this year", "il ne
		// se passera plus rien", "ya no va a pasar nada".
		"passiert (?:\\S+ ){0,3}?(?:nichts|nix) mehr", "nothing (?:more |else )?(?:will )?happens?(?: \\S+){0,2} (?:this year|before)", "ne se passera plus rien", "(?:ya )?no (?:va a pasar|pasar[áa]) nada", "f(?:ü|ue|u)r sp(?:ä|ae|a)ter", "brauchen (?:wir )?(?:derzeit |aktuell |momentan )?nichts",
		// French
		"pour plus tard", "en pause", "en suspens", "mis en attente", "(?:est|sont|été) report", "report[ée]e?s? (?:à|au|sine die)",
		"quand ce sera d[ée]bloqu[ée]", "pas besoin de vos services", "n'avons (?:pas|plus) besoin",
		"ne (?:pourrons|pourra|pouvons|peut) pas donner suite", "rien engager", "aucun projet",
	}},
}

// tlLexRule is one compiled lexicon kind.
type tlLexRule struct {
	kind tlKind
	re   *pattern
}

var tlLexRules = func() []tlLexRule {
	rules := make([]tlLexRule, 0, len(tlLexicon))
	for _, e := range tlLexicon {
		rules = append(rules, tlLexRule{kind: e.kind, re: mustPattern(tlWords(e.phrases...))})
	}
	return rules
}()

// tlAfterNextRe recognises a window phrase continued into the next
// period ("fin du mois prochain", "finales del mes que viene"), which a
// this-month reading must leave to the next-month one.
var tlAfterNextRe = regexp.MustCompile(`^\s*(?:prochaine?s?\b|pr[óo]xim[oa]s?\b|que viene\b|siguiente\b|suivante?\b)`)

// tlBeforeNextRe recognises "nächsten"/"next" just before a window
// phrase's noun ("Ende nächsten Monats").
var tlBeforeNextRe = regexp.MustCompile(`(?:next|n(?:ä|ae|a)chste[nmrs]?|kommende[nmrs]?|prochaine?|pr[óo]xim[oa]|following|folgende[nmrs]?)\s+$`)

// tlModKind reads the modifier inside a window phrase: "Anfang nächsten
// Monats" aims early, "mi-trimestre" at the middle, anything else at the end.
func tlModKind(s string) string {
	switch {
	case strings.Contains(s, "anfang") || strings.Contains(s, "début") || strings.Contains(s, "debut") ||
		strings.Contains(s, "principio") || strings.Contains(s, "early") || strings.Contains(s, "beginning"):
		return "early"
	case strings.Contains(s, "mitte") || strings.Contains(s, "mediados") || strings.HasPrefix(s, "mi-") || strings.HasPrefix(s, "mid"):
		return "mid"
	}
	return "end"
}

// tlClosingRe finds a period's closing of the books ("Quartalsabschluss",
// "quarter close", "clôture du trimestre", "cierre del trimestre"): a
// deadline after "bis"/"by"/"avant"/"antes de", else the accounting
// routine the writer is busy with.
var tlClosingRe = regexp.MustCompile(`abschluss|close|cl[ôo]ture|cierre`)

// tlDayBeforeRe finds a day and month just before "next year" ("1.1. des
// nächsten Jahres", "1/1 of next year", "le 1/1 de l'année prochaine",
// "el 1/1 del año que viene").
var tlDayBeforeRe = regexp.MustCompile(`\d{1,2}[./]\d{1,2}\.?\s+(?:des|of|de l'|del|de)?\s*$`)

// tlYearAfterRe finds a year right after "des Jahres", "of the year",
// "de l'année", "del año": the named year, not the current one.
var tlYearAfterRe = regexp.MustCompile(`^\s*20\d\d\b`)

// tlLexCompute turns a lexicon match into a timeline.
func tlLexCompute(kind tlKind, d *doc, m []int, now time.Time) (Timeline, bool) {
	s := d.lower
	after := s[m[1]:min(len(s), m[1]+16)]
	// The text just around the match, for modifiers such as "Anfang".
	ctx := s[max(d.clauseStart(m[0]), m[0]-14):m[1]]
	y, mo := now.Year(), now.Month()
	conf := 0.6
	switch kind {
	case tlkASAP:
		return Timeline{Months: 0.25, Label: LabelASAP, Confidence: 0.7}, true
	case tlkSoon:
		return Timeline{Months: 0.25, Label: LabelASAP, Confidence: 0.5}, true
	case tlkThisWeek:
		return Timeline{Months: 0.25, Label: LabelASAP, Confidence: conf}, true
	case tlkNextWeek:
		return Timeline{Months: 0.5, Label: LabelThisMonth, Confidence: conf}, true
	case tlkNow:
		// Nothing unless negated, when extractTimeline turns it into
		// "later" (and only if the clause is about buying).
		if tlNegationAt(d, m) < 0 && tlNegationAfter(d, m) < 0 {
			return Timeline{}, false
		}
		clause := d.lower[d.clauseStart(m[0]):d.clauseEnd(m[1])]
		if !tlNowAboutBuyingRe.MatchString(clause) {
			return Timeline{}, false
		}
		if !tlNowNotBudgetRe.MatchString(tlBudgetWordRe.ReplaceAllString(clause, " ")) {
			// "no budget at the moment", "gerade null Budget": the money's
			// state (budget's business), no word on when they buy.
			return Timeline{}, false
		}
		return Timeline{Label: LabelLater, Confidence: 0}, true
	case tlkThisMonth, tlkThisQuarter, tlkThisYear:
		before := s[max(0, m[0]-16):m[0]]
		if tlAfterNextRe.MatchString(after) || tlBeforeNextRe.MatchString(before) {
			return Timeline{}, false // "fin du mois prochain": the next-month rule reads it
		}
		if tlHabitualRe.MatchString(before) {
			return Timeline{}, false // "chaque fin de mois": a routine
		}
		if tlEndOnlyRe.MatchString(s[m[0]:m[1]]) && !tlByPrepRe.MatchString(before) {
			conf = 0.45 // a bare "Monatsende" is as often a routine: purchase words lift it
			if tlAtRoutineRe.MatchString(before) {
				conf = tlAtRoutineConf // "gleicht sie am Monatsende ab", "al final del mes nadie sabe"
			}
		}
		if tlGreetingRe.MatchString(before) {
			return Timeline{}, false // "bonne fin d'année !": a wish, not a date
		}
		if tlClosingRe.MatchString(s[m[0]:m[1]]) && !tlByPrepRe.MatchString(before+s[m[0]:m[1]]) {
			return Timeline{}, false // "ab Montag geht der Quartalsabschluss los", "during quarter close we": the books' routine
		}
		if kind != tlkThisMonth && tlYearAfterRe.MatchString(after) {
			return Timeline{}, false // "im Laufe des Jahres 2026", "by the end of the year 2027": the year rule reads it
		}
		switch kind {
		case tlkThisMonth:
			return tlWindowTimeline(now, monthStart(now, y, mo+1), LabelThisMonth, conf), true
		case tlkThisQuarter:
			return tlWindowTimeline(now, quarterStart(now, y, quarterOf(mo)+1), LabelThisQuarter, conf), true
		}
		// "this year" runs to 31 December: by the spec's horizon rule it
		// is this quarter's business in October. Less precise than a
		// month or a day, it yields to one in the same text.
		return tlByHorizon(now, monthStart(now, y+1, 1), min(conf, tlYearConf)), true
	case tlkNextMonth:
		t := pointIn(now, monthStart(now, y, mo+1), monthStart(now, y, mo+2), tlModKind(ctx))
		return tlByHorizon(now, t, conf), true
	case tlkNextQuarter:
		q := quarterOf(mo)
		t := pointIn(now, quarterStart(now, y, q+1), quarterStart(now, y, q+2), tlModKind(ctx))
		return tlByHorizon(now, t, conf), true
	case tlkNewYear:
		return tlByHorizon(now, monthStart(now, y+1, 2), conf), true
	case tlkNextYear:
		if tlPeriodAfterRe.MatchString(after) {
			return Timeline{}, false // "nächstes Jahr im Frühling": the season rule reads it
		}
		if tlPeriodBeforeRe.MatchString(s[max(0, m[0]-24):m[0]]) || tlDayBeforeRe.MatchString(s[max(0, m[0]-16):m[0]]) {
			return Timeline{}, false // "Q1 nächsten Jahres", "per 1.1. des nächsten Jahres": the quarter or date rule reads it
		}
		kind := tlModKind(ctx)
		if kind == "end" {
			kind = "mid" // as English "next year"
		}
		t := pointIn(now, monthStart(now, y+1, 1), monthStart(now, y+2, 1), kind)
		tl := tlByHorizon(now, t, conf)
		if kind == "mid" {
			tl.Label = LabelLater
			tl.Confidence = min(tl.Confidence, tlNextYearConf)
		}
		return tl, true
	default: // tlkLater
		return Timeline{Label: LabelLater, Confidence: tlLaterConfOf(d, m)}, true
	}
}

// tlPeriodBeforeRe finds a quarter, half, month or season just before a
// "next year" phrase, which then only says which year that period is in.
var tlPeriodBeforeRe = regexp.MustCompile(`(?:\bq[1-4]|\bh[12]|quarter|quartal|trimestre|halbjahr|semestre|half|spring|summer|autumn|fall|winter|frühjahr|sommer|herbst|printemps|été|automne|hiver|primavera|verano|otoño|invierno|` + monthPat + `|januar|februar|märz|maerz|mai|juni|juli|oktober|dezember|janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)s?\.?\s+(?:of\s+|de\s+|del\s+)?$`)

// tlPeriodAfterRe finds a season, month or quarter just after a "next
// year" phrase ("nächstes Jahr im Frühling", "l'an prochain en mars").
var tlPeriodAfterRe = regexp.MustCompile(`^\s*,?\s*(?:(?:vers|gegen|hacia|around|probably|wohl|sans doute|probablement|probablemente|maybe|vielleicht|peut-[êe]tre|quiz[áa]s?)\s+)?(?:im|in|en|au|el|la|le|zum|ab|dans le|in the|durante el|a)?\s*(?:q[1-4]\b|spring|summer|autumn|fall|winter|fr(?:ü|ue|u)hjahr|fr(?:ü|ue|u)hling|sommer|herbst|printemps|[ée]t[ée]|automne|hiver|primavera|verano|oto(?:ñ|n)o|invierno|` + monthPat + `|januar|februar|m(?:ä|ae|a)rz|juni|juli|oktober|dezember|janvier|f[ée]vrier|mars|avril|juin|juillet|ao[ûu]t|septembre|octobre|novembre|d[ée]cembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)`)

// tlWindowTimeline is a window phrase's timeline: the window's label
// whatever day it is, with Months up to the window's end but never above
// what the scoring rules read as that label (1 for a month, 3 for a
// quarter, 12 for a year).
func tlWindowTimeline(now, end time.Time, label string, conf float64) Timeline {
	return Timeline{Months: tlClampMonths(label, monthsUntil(now, end)), Label: label, Confidence: conf}
}

// tlClampMonths keeps Months within the bucket the scoring rules give
// label (timeline.months <= 1, <= 3, <= 12), so a window phrase said on
// the first day of its window scores as that window. A horizon of zero
// (the window ends now) becomes the smallest positive figure, as zero
// reads as "no horizon".
func tlClampMonths(label string, months float64) float64 {
	switch label {
	case LabelASAP:
		months = min(months, 0.25)
	case LabelThisMonth:
		months = min(months, 1)
	case LabelThisQuarter:
		months = min(months, 3)
	case LabelThisYear:
		months = min(months, 12)
	}
	if months <= 0 && label != LabelLater && label != LabelResearching {
		months = 0.01
	}
	return months
}

// tlDays is the number of calendar days from now's date to the day before
// end (end is exclusive: the instant a window or day is over).
func tlDays(now, end time.Time) int {
	last := end.Add(-time.Nanosecond)
	a := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	b := time.Date(last.Year(), last.Month(), last.Day(), 0, 0, 0, 0, time.UTC)
	return int(b.Sub(a).Hours() / 24)
}

// tlLabelForDays is the corpus spec's horizon rule: up to 31 calendar days
// this month (a week or less asap), up to 92 this quarter, up to 366 this
// year, beyond that later.
func tlLabelForDays(days int) string {
	switch {
	case days <= 7:
		return LabelASAP
	case days <= 31:
		return LabelThisMonth
	case days <= 92:
		return LabelThisQuarter
	case days <= 366:
		return LabelThisYear
	default:
		return LabelLater
	}
}

// tlByHorizon builds the timeline of a dated phrase whose horizon ends
// at the instant t (exclusive: the end of a window, the midnight after a
// named day, or the start of the month a "by March" must beat): the label
// by calendar days, Months clamped to agree with it.
func tlByHorizon(now, t time.Time, conf float64) Timeline {
	label := tlLabelForDays(tlDays(now, t))
	return Timeline{Months: tlClampMonths(label, monthsUntil(now, t)), Label: label, Confidence: conf}
}

// tlYearConf is the confidence of a "this year" phrase: below a month's
// or a day's, which say more ("after this year's incidents ... signed by
// January 31").
const tlYearConf = 0.55

// tlLaterConf is the confidence of "no rush"-style statements: below any
// dated phrase, even a hedged one, so "no rush, but this year" and "not
// urgent, maybe in autumn" keep the date, yet enough to answer alone.
const tlLaterConf = 0.5

// tlNoDateConf is the confidence of a statement that there is no date or
// no plan ("no fixed date", "kein fester Termin", "sans calendrier", "no
// hay ningún proyecto"): above a bare date with no purchase words (a
// hiring plan's "this year"), below one with them.
const tlNoDateConf = 0.62

// tlNoDateRe tells a no-date or no-plan statement from a "no rush".
var tlNoDateRe = regexp.MustCompile(`(?:budget|presupuesto|date|datum|fecha|timeline|time ?frame|deadline|termin|zeitpunkt|zeitplan|calendrier|calendario|plazo|d[ée]lai|planned|planifi|geplant|pr[ée]vu|previst|projet|project|projekt|proyecto|plans?\b|plane|ob und wann|whether and when|si et quand|si y cu[áa]ndo)`)

// tlLaterConfOf is the confidence of the "later" statement at m.
func tlLaterConfOf(d *doc, m []int) float64 {
	if tlNoDateRe.MatchString(d.lower[m[0]:m[1]]) {
		return tlNoDateConf
	}
	return tlLaterConf
}

// tlEndOnlyRe matches a window phrase that only names a period's end
// ("fin de mois", "Monatsende", "final del mes"), without "this".
var tlEndOnlyRe = regexp.MustCompile(`^(?:fin|final|finales|ende|monatsende|quartalsende|jahresende|en fin)\b`)

// tlHabitualRe finds a routine just before a window phrase ("every
// month-end", "an jedem Monatsende", "chaque fin de mois", "cada fin de
// mes"), which is then no purchase date.
var tlHabitualRe = regexp.MustCompile(`(?:every|each|jede[nmrs]?|an jedem|immer|chaque|tous les|toutes les|cada|todos los|todas las|siempre)\s+(?:\S+\s+)?$`)

// tlByPrepRe finds a deadline preposition in or just before a window
// phrase ("by month end", "bis Monatsende", "d'ici la fin du mois", "antes
// de fin de mes"), which makes a bare "month end" a date.
var tlByPrepRe = regexp.MustCompile(`(?:^|[^\pL])(?:by|before|until|till|no later than|bis|vor|zum|sp(?:ä|ae|a)testens|d'ici|avant|pour|jusqu'|antes|para|hasta|a m[áa]s tardar)(?:$|[^\pL])`)

// tlNowAboutBuyingRe finds buying, planning, need or budget words in a
// clause holding "at the moment": "we're not buying anything at the
// moment" is no timeline, "we have no CRM at the moment" is a need.
var tlNowAboutBuyingRe = regexp.MustCompile(`(?:buy|purchas|invest|interest|need|plan|project|nothing|anything|budget|switch|spend|looking|market|hiring|vacanc|vacant|recrut|recruit|einstell|offene stellen|` +
	`kauf|anschaff|investi|interess|bedarf|plan|projekt|nichts|budget|wechsel|brauch|` +
	`ach[eè]t|investi|int[ée]ress|besoin|projet|rien|budget|chang|engag|` +
	`compr|invert|inter[ée]s|necesit|proyecto|nada|presupuesto|cambi|plata|lana|peso)`)

// tlBudgetWordRe and tlNowNotBudgetRe tell a negated "now" about money
// only from one about buying: tlNowAboutBuyingRe without the money words.
var (
	tlBudgetWordRe   = regexp.MustCompile(`budg[eé]t\pL*|presupuesto\pL*|geld\pL*|argent|dinero|plata|lana|fonds|mittel\pL*|partida`)
	tlNowNotBudgetRe = regexp.MustCompile(`(?:buy|purchas|invest|interest|need|plan|project|nothing|anything|switch|spend|looking|market|hiring|vacanc|vacant|recrut|recruit|einstell|offene stellen|` +
		`kauf|anschaff|investi|interess|bedarf|plan|projekt|nichts|wechsel|brauch|` +
		`ach[eè]t|investi|int[ée]ress|besoin|projet|rien|chang|engag|` +
		`compr|invert|inter[ée]s|necesit|proyecto|nada|cambi)`)
)
