package bant

import (
	"regexp"
	"strings"
	"time"
)

// tlOnHoldRe finds a plan put on hold, in four languages: until something
// changes, stopped for now, not needed now, no purchase project. It is a
// plain expression run by tlOnHoldRule rather than a lexicon entry: the
// lexicon's literal automaton is kept within 65,536 states
// (TestAutomatonSparse), and one pass over a short text costs little.
var tlOnHoldRe = regexp.MustCompile(tlWords(
	// On hold until something changes: "we'll get back to you if that
	// changes", "wir melden uns, falls sich das ändert", "je reviens
	// vers vous si ça bouge", "te aviso si cambia algo". Stems keep
	// the literal automaton small.
	"(?:get|come) back (?:\\S+ ){0,3}?(?:if|when|once|should) (?:\\S+ ){0,2}?chang\\pL*",
	"let you know (?:\\S+ ){0,2}?(?:if|when|once|should) (?:\\S+ ){0,2}?chang\\pL*",
	"(?:melde\\pL*|komme\\pL*|r(?:ü|ue|u)hre\\pL*|bescheid|wieder auf sie zu) (?:\\S+ ){0,4}?(?:falls|wenn|sobald) sich (?:\\S+ ){0,3}?(?:ändert|bewegt)",
	"(?:revien\\pL*|reviendr\\pL*|recontact\\pL*|au courant|signe|redi\\pL*) (?:\\S+ ){0,3}?(?:si|quand|dès que|lorsque) (?:ça|cela|la situation|les choses|le budget) (?:\\S+ )?(?:change|bouge|évolue)\\pL*(?:[.!,;]|$)",
	"(?:avis\\pL*|escrib\\pL*|contact\\pL*|dir\\pL*|dig\\pL*|comunic\\pL*|volver\\pL*|vuelv\\pL*) (?:\\S+ ){0,3}?(?:si|cuando|en cuanto) (?:esto |eso |la situación |algo |las cosas )?(?:cambia|se mueve|mejora|cambian)(?: algo)?(?:[.!,;]|$)",
	// Stopped for now: "we can't move forward for now", "on ne peut
	// pas avancer", "no podemos seguir adelante", "können nicht weitermachen".
	"(?:can't|cannot|can not|unable to|not able to) (?:move forward|go ahead|proceed)",
	"nicht (?:weitermachen|fortfahren)",
	"pas (?:avancer|donner suite)",
	"no (?:pod\\pL*|pued\\pL*) (?:avanzar|seguir adelante)",
	// No need now: "not something we need now", "brauchen wir derzeit
	// nicht", "pas besoin pour l'instant", "no lo necesitamos ahora".
	"(?:not something|nothing) (?:we|i) need (?:right )?now", "(?:don't|do not) need (?:\\S+ )?(?:right )?now",
	"brauchen (?:wir|ich) (?:\\S+ ){0,2}?(?:derzeit|aktuell|gerade|momentan|jetzt|vorerst) nicht",
	"pas (?:de )?besoin (?:\\S+ ){0,3}?pour l'instant", "no (?:lo |la )?necesit\\pL* (?:\\S+ )?(?:ahora|de momento)",
	// No change planned and no decision before a date: "wir planen
	// keinen Wechsel", "we're not planning a switch", "aucune décision
	// ne sera prise avant l'échéance", "no decision before the renewal".
	"(?:planen|planne|planifions|prévoyons|planeamos|plan) (?:\\S+ )?(?:keine\\pL*|no|aucun\\pL*|pas de|ning[úu]n\\pL*) (?:\\S+ )?(?:wechsel|umstieg|anschaffung|kauf|switch|change|changement|cambio|compra|achat)",
	"(?:not planning|no plans?) (?:a |any |to )?(?:switch|change|move)",
	"(?:aucune|no|keine|ninguna) (?:\\S+ )?(?:d[ée]cision|entscheidung|decisi[óo]n) (?:\\S+ ){0,4}?(?:avant|before|vor|antes)",
	// No purchase project yet: "pas de projet d'achat arrêté à ce
	// stade", "no purchase project yet", "no hay proyecto de compra".
	"pas de projet(?: d'achat)? (?:arr[êe]t[ée]|en cours|d[ée]fini)",
	"no (?:purchase|buying) (?:project|process) (?:yet|open)", "no hay (?:ning[úu]n )?(?:proyecto|proceso) de compra",
))

// tlOnHoldHints are substrings one of which every match of tlOnHoldRe
// contains; a text with none skips the expression, which runs without
// the literal automaton's prefilter.
var tlOnHoldHints = []string{
	"chang", "ndert", "bewegt", "bouge", "volue", "cambi", "mueve", "mejora",
	"forward", "ahead", "proceed", "weitermachen", "fortfahren", "avancer", "donner suite", "avanzar", "adelante",
	"need", "brauchen", "besoin", "necesit", "projet", "purchase", "buying", "proyecto", "proceso",
	"wechsel", "umstieg", "anschaffung", "kauf", "switch", "compra", "achat", "move",
	"cision", "entscheidung",
}

// tlOnHoldRule reads tlOnHoldRe as no timeline, like the lexicon's later
// phrases.
var tlOnHoldRule = tlRule{
	gen: func(d *doc) [][]int {
		for _, h := range tlOnHoldHints {
			if strings.Contains(d.lower, h) {
				return tlOnHoldRe.FindAllStringIndex(d.lower, -1)
			}
		}
		return nil
	},
	compute: func(d *doc, m []int, now time.Time) (Timeline, bool) {
		return tlLexCompute(tlkLater, d, m, now)
	},
}
