package bant

import "slices"

// Wider general need constructions, written once per idea in all four
// languages (round 5). The French and German inquiries of new writers
// told pains in shapes the lists above only had in one language or one
// word order: falling behind ("wir kommen mit den Bestellungen nicht
// mehr hinterher", "on prend du retard"), being swamped ("wir ertrinken
// in Mails", "les doublons nous rendent fous"), a figure that is far too
// high ("viel zu hoch", "beaucoup trop"), work that takes an age ("ça
// prend un temps fou"), ending up doing something ("on se retrouve à
// rappeler"), the rush ("c'est la course", "Hektik"; not "last minute",
// which is mostly an apology for a late reply), the
// workload and people leaving over it, and contentment or watching the
// market told with the verb far from its object ("wir sind mit unserem
// jetzigen System zufrieden", "den Markt im Blick behalten").
//
// Round 5's second part generalises what the eighth batch's writers
// missed, again as one construction per idea in four languages: a
// repetition counted ("third time this month", "ist im Mai viermal
// passiert"), a bad review, waiting a counted time, nothing documented,
// a past cost ("hat uns eine Umplanung gekostet"), what cannot be proved
// to an auditor, a new law, being forced to switch, two systems where one
// should be, a trial run out, comparing one thing
// with another, research for someone else, "not interested", "works
// perfectly", "no switch planned" and solved verbs in the first person
// plural; from the ninth batch, a new site to equip (an occasion, like a
// renewal), systems that do not talk, a hard limit, not wanting to live
// through a failure again, a key person retiring, extra charges and
// rework, scarcity ("300 children share one laptop cart"), fraud, a
// service switched off, a condition imposed ("only if we prove MFA"),
// harmonising, and research done so as to be ready. Research someone
// asked for ("asked to shortlist", "me han pedido que mire opciones") is
// not listed here: such writers mostly go on to tell a pain the rules may
// miss and the need model would catch, which an exploring answer blocks;
// round 6 reads it as exploring only where no need cue stands at all
// (needDelegated in need_sixth.go).

// needWiderLexicon is one language's wider constructions; each field
// joins the list of the same name in needLexicon (renewal joins
// needRenewals).
type needWiderLexicon struct {
	strong, forced, story, trouble, goal, goalVerb, solved, denial, explore, renewal []string
}

// needWithWider returns l with the wider constructions of lang added.
func needWithWider(l needLexicon, lang string) needLexicon {
	w, t, x := needWider[lang], needWiderTold[lang], needSixth[lang]
	l.strong = slices.Concat(l.strong, w.strong, t.strong, x.strong)
	l.forced = slices.Concat(l.forced, w.forced, t.forced, x.forced)
	l.trouble = slices.Concat(l.trouble, w.trouble, t.trouble, x.trouble)
	l.goal = slices.Concat(l.goal, w.goal, t.goal, x.goal)
	l.goalVerb = slices.Concat(l.goalVerb, w.goalVerb, t.goalVerb, x.goalVerb)
	l.solved = slices.Concat(l.solved, w.solved, t.solved, x.solved)
	l.denial = slices.Concat(l.denial, w.denial, t.denial, x.denial)
	l.explore = slices.Concat(l.explore, w.explore, t.explore, x.explore)
	return l
}

// needWiderStory returns lang's wider story constructions.
func needWiderStory(lang string) []string {
	return slices.Concat(needWider[lang].story, needWiderTold[lang].story, needSixth[lang].story)
}

// needWiderRenewals returns lang's wider occasions (see needRenewals).
func needWiderRenewals(lang string) []string {
	return slices.Concat(needWider[lang].renewal, needWiderTold[lang].renewal, needSixth[lang].renewal)
}

var needWider = map[string]needWiderLexicon{
	LangEnglish: {
		strong: []string{
			`(?:fall|falls|falling|fell|fallen|lag|lags|lagging|running|run|are|is|were|was|get|gets|getting|got) (?:\w+ ){0,3}?behind (?:on|with|in)`,
			`drowning`, `(?:drives?|driving|drove) (?:\w+ ){1,3}?(?:crazy|nuts|mad|insane|up the wall)`,
			`(?:far|way|much|simply|clearly) too (?:high|low|long|slow|expensive|many|much|few|little|complicated|late|often)`,
			`an eternity`, `for ages`, `(?:can't|cannot|couldn't) (?:\w+ ){0,1}?find anything`,
		},
		story: []string{
			`(?:mad |last[- ]minute )?scrambl(?:e|es|ing)`, `fire[- ]?fighting`,
			`(?:quit|quitting|left|leaving|resigned|resigning|burn(?:ed|t|ing) out) (?:\w+ ){0,3}?(?:because of|due to|over the|citing)`,
			`(?:it|this|that|which) (?:is )?(?:cost(?:s|ing)?|cost) us`,
		},
		trouble: []string{`workload`, `admin(?:istrative)? (?:burden|overhead)`, `too (?:high|low|many|few)`},
		denial:  []string{`(?:are|am|'re|'m|is|been|quite|very|pretty|fairly|reasonably|generally|perfectly) (?:\w+ ){0,2}?(?:happy|satisfied|content) with`},
		explore: []string{`keep(?:ing)? (?:an eye|tabs) on`},
	},
	LangGerman: {
		strong: []string{
			`(?:komm|kam|h(?:ä|ae)ng|hink|lauf|l(?:ä|ae)uf|renn|sind|ist|bin|war|waren)\pL* (?:\w+ ){0,5}?hinterher`, `(?:komm|kam)\pL* (?:\w+ ){0,4}?nicht (?:mehr )?nach\b`, `im r(?:ü|ue)ckstand`, `r(?:ü|ue)ckst(?:a|ä|ae)nde`,
			`(?:ertrink|erstick|versink)\pL*`, `saufen (?:\w+ ){0,2}?ab`, `land unter`, `(?:ü|ue)berrollt`, `(?:macht|machen|treibt|treiben) (?:uns|mich|alle|jeden) (?:\w+ )?(?:wahnsinnig|verr(?:ü|ue)ckt|fertig|kirre|in den wahnsinn)`,
			`(?:viel|deutlich|einfach|schlicht|eindeutig|mittlerweile|inzwischen|definitiv|v(?:ö|oe)llig) zu (?:hoch|niedrig|gering|lang\pL*|teuer|langsam|viele|wenig|sp(?:ä|ae)t|oft|kompliziert|aufw(?:ä|e)ndig|umst(?:ä|ae)ndlich|gro(?:ß|ss)|klein)`,
			`ewigkeiten`, `eine ewigkeit`, `ewig (?:lange|dauert|braucht)`,
			`(?:finden|finde|findet|sehen|sieht|wissen|wei(?:ß|ss)) (?:\w+ ){0,2}?(?:nichts|nix) mehr`, `blick\pL* (?:\w+ ){0,2}?(?:keiner|niemand|nicht mehr) durch`,
		},
		story: []string{
			`hektik`, `hektisch`, `unter (?:\w+ )?zeitdruck`, `feuerwehr spielen`,
			`(?:gek(?:ü|ue)ndigt|k(?:ü|ue)ndigen|k(?:ü|ue)ndigt|verlassen|verlie(?:ß|ss)en|hingeschmissen|hingeworfen)\pL* (?:\w+ ){0,4}?(?:weil|wegen)`,
		},
		trouble: []string{`arbeitsbelastung`, `belastung`, `b(?:ü|ue)rokratie`, `verwaltungsaufwand`, `zu (?:hoch|niedrig|gering)`},
		denial:  []string{`(?:sind|bin|ist|waren|war) (?:\w+ ){0,5}?zufrieden`},
		explore: []string{`im (?:blick|auge) (?:\w+ )?behalten`, `(?:markt|entwicklungen?|angebote) (?:\w+ ){0,2}?im (?:blick|auge)`},
	},
	LangFrench: {
		strong: []string{
			`(?:prend|prenons|prennent|pris|accumul\pL*|cumul\pL*) (?:\w+ ){0,2}?(?:du |de |des )?retard`, `en retard (?:sur|dans) (?:\w+ ){0,1}?(?:nos|les|la|le|notre)`,
			`(?:ne|n') (?:\w+ ){0,2}?(?:sort|sortons|sortent|suit|suivons|suivent|tient|tenons|tiennent|g(?:è|e)re|g(?:é|e)rons|g(?:è|e)rent|retrouve|retrouvons|retrouvent) (?:plus|pas)\b`,
			`(?:croul|(?:é|e)touff|ensevel)\pL*`, `sombr(?:ons|ent)`, `(?:rend|rendent) (?:\w+ ){0,1}?(?:fous|folle|folles|fou|dingues?|ch(?:è|e)vre)`,
			`(?:beaucoup|bien|largement|vraiment|nettement|clairement|carr(?:é|e)ment) trop`,
			`un temps fou`, `des heures et des heures`, `une (?:é|e)ternit(?:é|e)`, `des plombes`,
		},
		story: []string{
			`(?:on|nous|je) (?:nous |me |se )?retrouv(?:e|ons|ent) (?:\w+ ){0,1}?(?:à|a) \pL+(?:er|ir|re)\b`,
			`c'est la course`, `course contre la montre`, `dans l'urgence`, `(?:é|e)teindre (?:des|les) (?:feux|incendies)`,
			`(?:quitt|d(?:é|e)missionn|parti)\pL* (?:\w+ ){0,4}?(?:(?:à|a) cause|en raison|faute)`,
			`(?:ça|ca|cela|ce qui|qui) (?:nous|me) co(?:û|u)t(?:e|ent|ait)\b`,
		},
		trouble: []string{`charge (?:de travail|administrative|mentale)`, `surcharge`, `trop (?:(?:é|e)lev(?:é|e)\pL*|bas|faible|nombreu\pL*|d'erreurs|de temps|souvent)`},
		denial:  []string{`(?:sommes|suis|est|sont|reste|restons) (?:\w+ ){0,4}?(?:satisfaits?|contents?)`},
		explore: []string{`surveill\pL* (?:\w+ )?(?:le |du )?march(?:é|e)`},
	},
	LangSpanish: {
		strong: []string{
			`(?:vamos|van|voy|estamos|est(?:á|a)n|andamos) (?:\w+ ){0,2}?(?:atrasad|retrasad)\pL*`, `(?:acumul|llev)\pL* (?:\w+ ){0,2}?(?:retraso|atraso)s?`, `no (?:llegamos|llegan|llego) a (?:tiempo|todo)`,
			`(?:ahog|colaps)\pL*`, `(?:nos|me|les) (?:vuelve|vuelven|tiene|tienen|trae|traen) (?:loc|hart|de cabeza)\pL*`,
			`demasiad[oa]s? (?:alt[oa]s?|baj[oa]s?|larg[oa]s?|errores|fallos|quejas|llamadas)`, `excesiv[oa]s?`,
			`una eternidad`, `no (?:encontramos|encuentro|encuentran|sabemos) (?:\w+ ){0,1}?nada`, `un mont(?:ó|o)n de (?:tiempo|horas)`, `much(?:í|i)simo tiempo`,
		},
		story: []string{
			`acab(?:o|amos|an|a) (?:\w+ )?(?:\pL+ando|\pL+iendo|teniendo que)`,
			`contrarreloj`, `apagando fuegos`, `a las carreras`,
			`(?:renunci|dimiti|se (?:fue|fueron|van|va))\pL* (?:\w+ ){0,3}?(?:por|debido|a causa)`,
		},
		trouble: []string{`carga (?:de trabajo|administrativa)`, `sobrecarga`, `burocracia`},
		denial:  []string{`(?:estamos|estoy|est(?:á|a)n) (?:\w+ ){0,3}?(?:content[oa]s?|satisfech[oa]s?|conformes?) con`},
		explore: []string{`(?:atent[oa]s?|pendientes?) (?:a|al|de) (?:\w+ )?(?:mercado|novedades)`, `(?:ver|mirar) qu(?:é|e) hay`},
	},
}

// needWiderTold are the constructions of round 5's second part (see the
// comment on needWider), by language.
var needWiderTold = map[string]needWiderLexicon{
	LangEnglish: {
		strong: []string{
			`(?:no longer|stopped) (?:maintain\w*|support\w*|updat\w*)`,
			`(?:doesn't|does not|won't|can't|cannot) (?:\w+ )?(?:take|support|handle|allow|hold) more than`,
			`contradict(?:ory|ing)`,
			`inconsistent`,
			`conflicting`,
			`(?:nobody|no one) else (?:\w+ )?(?:knows|understands|can)`,
			`(?:can't|cannot|couldn't|can not) (?:\w+ ){0,4}?any ?more`,
			`(?:can't|cannot|unable to|couldn't) (?:\w+ )?(?:prove|evidence|demonstrate)`,
			`(?:waited|waiting|wait|sat|sitting|stood|standing) (?:\w+ ){0,3}?(?:\d+|twenty|thirty|forty|ninety) ?(?:min|mins|minutes|hours?)`,
		},
		forced: []string{
			`(?:switched|shut|turned|switching|shutting|turning) off`,
			`switch-?off`,
			`only (?:if|when) we (?:\w+ ){0,4}?(?:prove|show|have|implement|can)`,
			`new (?:\w+ ){0,2}?(?:law|regulation|rules|directive|requirement|mandate|act)s?`,
			`(?:auditors?|inspectors?|regulators?|examiners?) (?:\w+ ){0,2}?(?:found|flagged|noted|criticised|criticized|spotted)`,
			`(?:are|were|am|was|being) forced to (?:switch|change|migrate|replace|move)`,
		},
		story: []string{
			`because (?:\w+ ){0,3}?(?:is|are|was|were) missing`,
			`(?:nobody|no one) (?:\w+ )?(?:told|warned|informed|called|notified)`,
			`every (?:other|second|third) \w+ (?:\w+ ){0,1}?(?:drops|dropped|fails|failed|breaks|is late|arrives late|goes missing|gets lost|bounces|crashes)`,
			`(?:retir(?:es|ing)|is retiring|goes on (?:\w+ )?leave)`,
			`charged (?:us |me )?(?:\w+ ){0,2}?extra`,
			`had to be (?:redone|reworked|re-?done)`,
			`(?:share|sharing|shares) (?:a single|one single|just one|only one)`,
			`(?:were|was|got|been) (?:\w+ )?(?:scammed|defrauded|phished)`,
			`not (?:\w+ )?compliant`,
			`non-?compliant`,
			`(?:second|third|fourth|fifth|sixth|umpteenth|\d+(?:st|nd|rd|th)) time (?:this|in|that|since|we|i|our|it|now)`,
			`happened (?:\w+ ){0,2}?(?:twice|(?:\d+|two|three|four|five|six|several|many|multiple) times)`,
			`(?:bad|negative|one[- ]star|1[- ]star|angry) (?:\w+ )?reviews?`,
			`nothing (?:was|is|got|had been) (?:\w+ )?(?:documented|written down|recorded)`,
			`(?:two|both|2) (?:\w+ ){0,3}?(?:got|get|had|have|booked|received) the same`,
			`(?:cost|has cost) (?:us|me) (?:\w+ ){0,3}?(?:last|in) (?:year|month|week|spring|summer|autumn|winter|january|february|march|april|may|june|july|august|september|october|november|december)`,
		},
		trouble: []string{
			`(?:two|three|four|five|several) (?:separate |different )?(?:\w+ )?(?:systems|programs|databases|calendars|tools)`,
		},
		goal: []string{
			`(?:don't|do not|dont) want to (?:\w+ )?(?:be stuck|lose|go through|relive|repeat|miss|risk|end up)`,
			`one (?:single |shared |common )?(?:system|tool|platform|database|calendar) for (?:both|all)`,
			`(?:wants?|wanted) to stop`,
		},
		goalVerb: []string{
			`harmoni[sz]e`,
			`unify`,
			`in one place`,
		},
		solved: []string{
			`(?:haven't|have not) (?:\w+ )?(?:had|lost|seen) (?:\w+ )?(?:since|again)`,
			`(?:we |i )?(?:fixed|solved|sorted) (?:it|that|this|them)`,
		},
		denial: []string{
			`(?:it|everything) (?:still |honestly |really |actually )?works (?:fine|well|okay|ok|for our)`,
			`(?:all is|all's|everything is|everything's) (?:good|fine|in order)`,
			`(?:everything|it all|all|it) (?:\w+ )?(?:works|runs|running|working) (?:\w+ )?(?:perfectly|great|beautifully|flawlessly|smoothly)`,
			`does (?:exactly )?what it (?:should|is supposed to)`,
		},
		explore: []string{
			`so (?:that )?(?:we're|we are) (?:\w+ )?(?:ready|prepared)`,
			`look around`,
			`gather\w* (?:\w+ ){0,1}?(?:brochures|info|information|quotes|options|material)`,
			`nothing (?:specific|concrete) yet`,
			`(?:not sure|don't know|unsure) (?:if|whether) we (?:\w+ )?need`,
			`not on the (?:agenda|cards|table)`,
			`out of (?:interest|curiosity)`,
			`see (?:what )?(?:the |our )?options`,
			`compar\w* (?:\w+ ){0,4}?(?:with|to|against|vs\.?|versus)`,
			`difference between`,
			`looking into`,
			`not sure (?:\w+ ){0,3}?(?:buy|purchase|switch|order)\w*`,
			`not interested (?:\w+ )?(?:at the moment|right now|for now|currently|at this time|yet)`,
			`just (?:for (?:information|info|reference|our records))`,
			`(?:not|no) (?:\w+ ){0,1}?(?:planning|plans?) (?:to )?(?:switch|change|replace|migrate)`,
			`(?:testing|trialling|trialing|evaluating|trying) (?:several|a few|different|multiple|some) (?:tools|solutions|platforms|apps|vendors|options)`,
		},
		renewal: []string{
			`(?:contract|license|licence|subscription|lease|agreement)s? (?:\w+ ){4,6}?(?:ends?|expires?|runs? out)`,
			`(?:open|opening|opens|launch\w*|tak(?:e|ing) over|acquir\w*|adding|add|signed|sign) (?:\w+ ){0,4}?(?:second|third|fourth|another) (?:\w+ )?(?:branch|location|store|shop|clinic|warehouse|restaurant|hotel|practice|pharmacy|school|plant|depot)`,
			`(?:trial|licen[cs]e|subscription) (?:\w+ ){0,3}?expired`,
		},
	},
	LangGerman: {
		strong: []string{
			`nicht mehr (?:gewartet|unterst(?:ü|ue)tzt|gepflegt|aktualisiert)`,
			`(?:spricht|sprechen|redet|reden|kommuniziert|kommunizieren) (?:\w+ ){0,3}?nicht`,
			`(?:unterst(?:ü|ue)tzt|schafft|erlaubt|kann) (?:\w+ ){0,2}?(?:nicht mehr als|maximal|h(?:ö|oe)chstens) \d+`,
			`widerspr(?:ü|ue)chlich\pL*`,
			`inkonsistent\pL*`,
			`(?:kennt|wei(?:ß|ss)|versteht|bedient|pflegt) (?:\w+ ){0,2}?(?:sonst )?(?:keiner|niemand)`,
			`(?:ausser|au(?:ß|ss)er) (?:ihm|ihr) (?:\w+ )?(?:keiner|niemand)`,
			`\pL+ausf(?:a|ä|ae)ll(?:e|en|s)?`,
			`(?:nicht|kaum) (?:\w+ )?(?:nachweisen|belegen|nachvollziehen)`,
			`(?:sa(?:ß|ss)|sitzt|sitzen|wartete|warteten|wartet|warten|stand|standen) (?:\w+ ){0,3}?(?:\d+|zwanzig|drei(?:ß|ss)ig|vierzig) ?(?:min|minuten|stunden?)`,
		},
		forced: []string{
			`abgeschaltet`,
			`(?:wurde|wurden) (?:\w+ ){0,2}?(?:bem(?:ä|ae)ngelt|beanstandet|moniert)`,
			`nicht (?:\w+ )?[\pL-]*konform`,
			`abschaltung`,
			`schaltet (?:\w+ ){0,4}?ab`,
			`nur,? (?:wenn|falls) wir (?:[\pL\w'.-]+ ){0,12}?(?:nachweisen|haben|einf(?:ü|ue)hren|umsetzen)`,
			`neue\pL* (?:\w+ ){0,2}?\pL*(?:gesetz|gesetzes|verordnung|richtlinie|vorschrift|vorschriften|verfahren|pflicht|regelung)`,
			`(?:pr(?:ü|ue)fer|wirtschaftspr(?:ü|ue)fer|revision|auditor|beh(?:ö|oe)rde)\pL* (?:\w+ ){0,2}?(?:festgestellt|bem(?:ä|ae)ngelt|beanstandet|moniert)`,
			`(?:umstellen|wechseln|ersetzen|abl(?:ö|oe)sen|migrieren|umsteigen) (?:m(?:ü|ue)ssen|muss) (?:wir|ich)`,
			`gezwungen,? (?:\w+ ){0,3}?zu (?:wechseln|migrieren|ersetzen|umzustellen)`,
		},
		story: []string{
			`(?:weil|da) (?:\w+ ){0,3}?fehl(?:en|t|ten)`,
			`niemand hat (?:\w+ ){0,2}?(?:bescheid|informiert|gewarnt|angerufen)`,
			`durchgerutscht`,
			`durchrutsch\pL*`,
			`liegen (?:geblieben|blieb|blieben|bleibt|bleiben)`,
			`jede[rns]? (?:zweite|dritte|vierte)[rns]? \pL+ (?:\w+ ){0,2}?(?:bricht|f(?:ä|ae)llt|kommt|geht|fehlt|landet|scheitert)`,
			`(?:geht|gehen|ging) (?:\w+ ){0,3}?in (?:rente|pension|ruhestand|elternzeit|mutterschutz)`,
			`(?:extra|zus(?:ä|ae)tzlich) (?:\w+ )?(?:berechnet|bezahlt|gekostet|in rechnung gestellt)`,
			`nachgearbeitet`,
			`nacharbeit\pL*`,
			`teilen sich (?:\w+ ){0,3}?(?:eine?n?|nur) (?:einzige[nr]?|\pL+)`,
			`betrogen`,
			`abgezockt`,
			`(?:zweite|dritte|vierte|f(?:ü|ue)nfte|sechste|x-te|\d+\.)[ns]? mal`,
			`(?:\pL+mal|mehrfach|mehrmals|oft|st(?:ä|ae)ndig) (?:\w+ ){0,2}?passiert`,
			`passiert (?:\w+ ){0,2}?(?:zweimal|dreimal|viermal|f(?:ü|ue)nfmal|mehrfach|mehrmals|oft|st(?:ä|ae)ndig|x-mal)`,
			`(?:einen stern|schlechte\pL* bewertung\pL*|negative\pL* bewertung\pL*|schlechte\pL* rezension\pL*)`,
			`(?:nichts|nix) (?:\w+ ){0,2}?(?:dokumentiert|gesichert|gespeichert|festgehalten)`,
			`(?:dokumentiert|gesichert|gespeichert|festgehalten) (?:war|ist|wurde) (?:\w+ )?nichts`,
			`(?:zwei|beide) (?:\w+ ){0,3}?(?:dasselbe|das gleiche|denselben|den gleichen|dieselbe|die gleiche)`,
			`(?:hat|haben) (?:uns|mich) (?:\w+ ){0,6}?gekostet`,
		},
		trouble: []string{
			`(?:zwei|drei|vier|f(?:ü|ue)nf|mehrere) \pL*(?:systeme|softwares|programme|tools|datenbanken|kalender|logiken)`,
		},
		goal: []string{
			`(?:will|wollen|m(?:ö|oe)chte|m(?:ö|oe)chten) (?:\w+ ){0,4}?nicht (?:\w+ )?(?:verlieren|erleben|riskieren|durchmachen|festsitzen|gebunden sein)`,
			`ein (?:einziges |gemeinsames |zentrales )?(?:system|tool|programm|kalender) f(?:ü|ue)r (?:beide|alle)`,
		},
		goalVerb: []string{
			`vereinheitlichen`,
			`harmonisieren`,
			`konsolidieren`,
			`(?:gemeinsamen|einheitlichen) (?:\w+ )?(?:bestand|blick|stand|system)`,
			`an einem ort`,
			`zentral (?:\w+ ){0,1}?(?:haben|ablegen|verwalten)`,
		},
		solved: []string{
			`(?:haben|hatten) (?:wir )?(?:das|es|sie) (?:\w+ ){0,3}?(?:gel(?:ö|oe)st|behoben|abgestellt)`,
		},
		denial: []string{
			`l(?:ä|ae)uft (?:\w+ ){0,2}?(?:tadellos|bestens|reibungslos|super|prima)`,
			`alles (?:\w+ )?in (?:bester )?ordnung`,
			`funktioniert (?:\w+ )?(?:super|prima|bestens|einwandfrei|tadellos|perfekt)`,
			`tut,? (?:\w+ ){0,1}?was (?:sie|er|es) soll`,
		},
		explore: []string{
			`damit wir (?:\w+ )?vorbereitet sind`,
			`eine?n? (?:\w+ )?(?:(?:ü|ue)berblick)`,
			`ob wir (?:\w+ ){0,4}?brauchen`,
			`kein thema`,
			`(?:steht|stehen) (?:\w+ ){0,2}?nicht an`,
			`interessehalber`,
			`nicht so bald`,
			`optionen (?:\w+ ){0,2}?(?:ansehen|anschauen|pr(?:ü|ue)fen)`,
			`im vergleich (?:zu|mit)`,
			`vergleich\pL* (?:\w+ ){0,4}?mit`,
			`unterschied zwischen`,
			`ob (?:\w+ ){0,4}?(?:was|etwas) (?:f(?:ü|ue)r (?:uns|sie|ihn|mich) )?w(?:ä|ae)re`,
			`(?:keine ahnung|nicht sicher|wei(?:ß|ss) nicht),? ob (?:\w+ ){0,3}?(?:kauf|bestell|wechsel)\pL*`,
			`(?:kein interesse|nicht interessiert) (?:\w+ )?(?:im moment|momentan|derzeit|aktuell|zurzeit|gerade|vorerst)`,
			`(?:im moment|momentan|derzeit|aktuell|zurzeit|gerade|vorerst) (?:\w+ )?(?:kein interesse|nicht interessiert)`,
			`nur zur info\pL*`,
			`nichts (?:\w+ )?(?:entschieden|beschlossen)`,
			`(?:wechsel|umstieg|umstellung|kauf|anschaffung|investition)\pL* (?:\w+ ){0,2}?(?:planen|plane|geplant|vorgesehen) (?:\w+ ){0,1}?(?:nicht|kein)`,
			`(?:teste|testen|probiere|probieren) (?:\w+ ){0,1}?(?:mehrere|verschiedene|einige) (?:tools|l(?:ö|oe)sungen|anbieter|systeme|programme)`,
		},
		renewal: []string{
			`(?:zweite|dritte|vierte|weitere)[nrs]? (?:\w+ )?\pL*(?:filiale|standort|niederlassung|heim|praxis|laden|gesch(?:ä|ae)ft|lager|werk|hotel|restaurant|apotheke|kita|schule|halle|markt)`,
			`(?:test|testphase|testversion|lizenz)\pL* (?:\w+ ){0,3}?abgelaufen`,
		},
	},
	LangFrench: {
		strong: []string{
			`ne (?:le |la |les )?(?:maintient|maintiennent|supporte|supportent|met (?:\w+ )?(?:à|a) jour) plus`,
			`ne (?:se )?(?:parle|parlent|communique|communiquent) pas`,
			`(?:n'accepte|ne supporte|ne permet|ne g(?:è|e)re) (?:pas )?plus de`,
			`contradictoires?`,
			`incoh(?:é|e)rent\pL*`,
			`(?:me|nous) l(?:â|a)che(?:nt)?`,
			`(?:ne|n') (?:\w+ ){0,2}?(?:pouvons|peut|peux|pouvait|pouvions) (?:plus|pas) (?:\w+ )?(?:prouver|justifier|d(?:é|e)montrer|tracer)`,
			`(?:attendu|attend|attendent|attendre|patient\pL*) (?:\w+ ){0,3}?\d+ ?(?:min|minutes|heures?)`,
		},
		forced: []string{
			`(?:coup(?:é|e)|arr(?:ê|e)t(?:é|e)|d(?:é|e)branch(?:é|e))\pL* (?:\w+ ){0,2}?par (?:l'op(?:é|e)rateur|le fournisseur|le prestataire|orange|sfr|free|bouygues)`,
			`(?:arr(?:ê|e)t|fin) du (?:rtc|cuivre|r(?:é|e)seau)`,
			`ne \pL+ (?:\w+ ){0,3}?que si (?:nous|on)`,
			`(?:nouvelle|nouveau|nouvelles|nouveaux) (?:\w+ ){0,2}?(?:loi|r(?:è|e)glement\pL*|directive|norme|obligation|d(?:é|e)cret)s?`,
			`(?:auditeur|commissaire|contr(?:ô|o)leur|inspecteur)\pL* (?:\w+ ){0,2}?(?:a relev(?:é|e)|a constat(?:é|e)|a point(?:é|e)|a signal(?:é|e))`,
			`(?:sommes|suis|est|sont) (?:\w+ )?oblig(?:é|e)s? de (?:changer|migrer|remplacer|passer)`,
		},
		story: []string{
			`(?:parce qu'il|car il|puisqu'il) (?:\w+ )?manque`,
			`personne n'(?:a|ont|avait) (?:\w+ )?(?:pr(?:é|e)venu|averti|inform(?:é|e)|appel(?:é|e)|dit)`,
			`pass(?:é|e)\pL* (?:\w+ )?(?:(?:à|a) la trappe|entre les mailles)`,
			`un (?:\w+ )?sur deux`,
			`(?:part|partira|partent) (?:\w+ ){0,3}?(?:à|a) la retraite`,
			`prend sa retraite`,
			`factur(?:é|e)\pL* (?:\w+ ){0,2}?(?:en plus|en suppl(?:é|e)ment|suppl(?:é|e)mentaires?)`,
			`tout refaire`,
			`(?:à|a) refaire`,
			`se partagent (?:un seul|une seule|un unique)`,
			`(?:avons|a|ont) (?:\w+ )?(?:(?:é|e)t(?:é|e) )?(?:escroqu|arnaqu)(?:é|e)s?`,
			`(?:deuxi|troisi|quatri|cinqui|si)(?:è|e)me fois`,
			`(?:arriv(?:é|e)|produit) (?:\w+ ){0,2}?(?:deux|trois|quatre|cinq|plusieurs|\d+) fois`,
			`(?:mauvais\pL* avis|avis n(?:é|e)gatif\pL*|une (?:seule )?(?:é|e)toile)`,
			`rien (?:n'(?:é|e)tait|n'est|n'a (?:é|e)t(?:é|e)) (?:\w+ )?(?:document|sauvegard|not|enregistr)\pL*`,
			`(?:deux|les deux) (?:\w+ ){0,3}?(?:le m(?:ê|e)me|la m(?:ê|e)me)`,
			`(?:nous|m') a co(?:û|u)t(?:é|e)`,
		},
		trouble: []string{
			`(?:deux|trois|quatre|plusieurs) (?:logiciels|syst(?:è|e)mes|bases|agendas|programmes)`,
		},
		goal: []string{
			`ne (?:veux|voulons|veut|souhaite|souhaitons) pas (?:\w+ )?(?:revivre|perdre|risquer|subir|rester coinc|repasser|rater|manquer)\pL*`,
			`un (?:seul )?(?:syst(?:è|e)me|outil|logiciel|agenda) (?:commun |unique )?pour (?:les deux|tous|toutes)`,
			`veu(?:t|lent) (?:arr(?:ê|e)ter de|ne plus)`,
		},
		goalVerb: []string{
			`harmoniser`,
			`consolider`,
			`(?:au |en )?un (?:seul )?endroit`,
		},
		solved: []string{
			`plus (?:jamais|aucun\pL*) depuis`,
			`(?:on|nous) (?:l'|les )?(?:avons|a) (?:r(?:é|e)solu|r(?:é|e)gl(?:é|e)|corrig(?:é|e))`,
		},
		denial: []string{
			`tout (?:est|va) (?:bien|en ordre)`,
			`(?:fonctionne|marche|tourne) (?:\w+ )?(?:parfaitement|tr(?:è|e)s bien|super bien|nickel|impeccablement)`,
			`fait (?:\w+ )?(?:bien|tr(?:è|e)s bien|parfaitement) le (?:job|travail|boulot)`,
		},
		explore: []string{
			`veille (?:sur|concurrentielle|technologique|du march)`,
			`pour (?:(?:ê|e)tre|que nous soyons) pr(?:ê|e)ts`,
			`si (?:nous avons|on a) (?:\w+ )?besoin`,
			`n'est pas (?:\w+ )?(?:d'actualit(?:é|e)|(?:à|a) l'ordre du jour)`,
			`pas de sit(?:ô|o)t`,
			`voir (?:les |quelles )?options`,
			`compar\pL* (?:\w+ ){0,4}?(?:avec|(?:à|a)|et)`,
			`par rapport (?:à|a)`,
			`diff(?:é|e)rence entre`,
			`(?:je ne sais pas|pas s(?:û|u)re?|aucune id(?:é|e)e) si (?:\w+ ){0,3}?(?:ach(?:è|e)t|command|chang)\pL*`,
			`(?:ne )?(?:pr(?:é|e)voyons|envisageons|comptons|pr(?:é|e)voit|envisage) pas (?:de )?(?:changer|remplacer|migrer|acheter)`,
			`(?:teste|testons|essaie|essayons|(?:é|e)value|(?:é|e)valuons) (?:\w+ ){0,1}?(?:plusieurs|diff(?:é|e)rents|quelques) (?:outils|solutions|logiciels|prestataires)`,
		},
		renewal: []string{
			`(?:deuxi(?:è|e)me|troisi(?:è|e)me|second|seconde) (?:\w+ )?(?:point de vente|boutique|magasin|agence|restaurant|cabinet|entrep(?:ô|o)t|h(?:ô|o)tel|pharmacie|(?:é|e)cole|usine|succursale|filiale)`,
			`(?:essai|licence|abonnement)\pL* (?:\w+ ){0,3}?(?:a|est|ont|sont) expir\pL*`,
		},
	},
	LangSpanish: {
		strong: []string{
			`ya no (?:lo |la |los |las )?(?:mantiene|mantienen|actualiza|actualizan|soporta|soportan)`,
			`no (?:se )?(?:hablan|habla|comunican|comunica)`,
			`(?:est(?:á|a)n?|estamos|estoy) (?:\w+ )?hart[oa]s?`,
			`se (?:nos )?retras(?:a|an|(?:ó|o)|aron)`,
			`no (?:admite|permite|soporta|acepta) m(?:á|a)s de`,
			`contradictori[oa]s?`,
			`incoherentes?`,
			`inconsistentes?`,
			`no (?:podemos|puede|pudimos|podr(?:í|i)amos) (?:\w+ )?(?:demostrar|acreditar|justificar|probar)`,
			`(?:esper|estuv)\pL* (?:\w+ ){0,3}?\d+ ?(?:min|minutos|horas?)`,
		},
		forced: []string{
			`(?:apag(?:an|ar(?:á|a)n|ado)|desconect(?:an|ar(?:á|a)n|ado)|dan de baja)`,
			`solo si (?:\w+ ){0,4}?(?:demostramos|acreditamos|tenemos|implantamos)`,
			`(?:nueva|nuevo|nuevas|nuevos) (?:\w+ ){0,2}?(?:ley|normativa|reglamento|directiva|obligaci(?:ó|o)n|norma)\pL*`,
			`(?:auditor|inspector|revisor)\pL* (?:\w+ ){0,2}?(?:detect(?:ó|o)|encontr(?:ó|o)|se(?:ñ|n)al(?:ó|o)|observ(?:ó|o))`,
			`(?:estamos|nos vemos|nos vimos) obligad[oa]s a (?:cambiar|migrar|sustituir|pasar)`,
		},
		story: []string{
			`porque (?:\w+ ){0,2}?falta(?:n|ba|ban)?`,
			`nadie (?:nos |les |me )?(?:avis(?:ó|o)|dijo|llam(?:ó|o)|inform(?:ó|o))`,
			`un[oa]? de cada (?:dos|tres)`,
			`se (?:\w+ )?jubila`,
			`(?:cobr(?:ó|o|aron)|factur(?:ó|o|aron)) (?:\w+ ){0,2}?(?:de m(?:á|a)s|extra|adicional)`,
			`rehacer`,
			`comparten (?:un solo|una sola|un (?:ú|u)nico|una (?:ú|u)nica)`,
			`(?:nos|me|les) (?:estafaron|vaciaron|timaron)`,
			`(?:segunda|tercera|cuarta|quinta|en(?:é|e)sima) vez`,
			`(?:pas(?:ó|o)|ocurri(?:ó|o)|ha pasado|sucedi(?:ó|o)) (?:\w+ ){0,2}?(?:dos|tres|cuatro|cinco|varias|\d+) veces`,
			`(?:malas? rese(?:ñ|n)as?|rese(?:ñ|n)as? negativas?|una estrella)`,
			`nada (?:estaba|est(?:á|a)|fue|qued(?:ó|o)) (?:\w+ )?(?:documentad|guardad|registrad|anotad)\pL*`,
			`(?:dos|ambos|ambas) (?:\w+ ){0,3}?(?:el mismo|la misma)`,
			`nos (?:cost(?:ó|o)|ha costado)`,
		},
		trouble: []string{
			`(?:dos|tres|cuatro|varios|varias) (?:sistemas|programas|bases de datos|agendas|calendarios)`,
		},
		goal: []string{
			`no (?:quiero|queremos) (?:\w+ )?(?:volver a|perder|arriesgar|quedarme|quedarnos|repetir|pasar otra vez)`,
			`un (?:solo |(?:ú|u)nico )?(?:sistema|programa|software|calendario) para (?:ambos|ambas|las dos|los dos|todos|todas)`,
			`(?:quiere|quieren|desea) dejar de`,
		},
		goalVerb: []string{
			`unificar`,
			`homogeneizar`,
			`armonizar`,
			`consolidar`,
			`en un (?:solo )?(?:lugar|sitio)`,
		},
		solved: []string{
			`no (?:hemos|han) vuelto a`,
			`(?:lo |los |las )?(?:solucionamos|resolvimos|corregimos)`,
		},
		denial: []string{
			`funciona(?:n)? (?:\w+ )?(?:sin problemas?|bien|correctamente|estable)`,
			`todo (?:va|funciona|marcha|est(?:á|a)) bien`,
			`todo en orden`,
			`no tenemos (?:ninguna |una )?necesidad`,
			`ninguna necesidad`,
			`(?:funciona|va|marcha) (?:todo )?(?:estupendamente|de maravilla|perfectamente|genial)`,
		},
		explore: []string{
			`para estar (?:preparad|list)\pL*`,
			`si (?:realmente |de verdad )?(?:necesitamos|nos hace falta)`,
			`no (?:est(?:á|a)n?) (?:en (?:los planes|agenda)|sobre la mesa)`,
			`tener(?:la|lo|las|los)? a mano`,
			`compar\pL* (?:\w+ ){0,4}?con`,
			`en comparaci(?:ó|o)n con`,
			`diferencia entre`,
			`no s(?:é|e) si (?:\w+ ){0,3}?(?:compr|cambi|contrat)\pL*`,
			`(?:no (?:nos |me )?interesa|no estamos interesad[oa]s) (?:\w+ )?(?:de momento|por ahora|ahora mismo|en este momento|por el momento|todav(?:í|i)a)`,
			`solo (?:por|para) (?:tener )?informaci(?:ó|o)n`,
			`nada decidido`,
			`no (?:pensamos|planeamos|tenemos previsto|vamos a) (?:\w+ ){0,1}?(?:cambiar|migrar|comprar|sustituir)`,
			`probando (?:varias|varios|distintas|distintos|algunas) (?:herramientas|opciones|soluciones|programas|proveedores)`,
		},
		renewal: []string{
			`(?:segund[oa]|tercer[oa]?) (?:\w+ )?(?:sede|tienda|local|sucursal|oficina|cl(?:í|i)nica|almac(?:é|e)n|restaurante|hotel|farmacia|escuela|planta|delegaci(?:ó|o)n)`,
			`(?:prueba|licencia|suscripci(?:ó|o)n) (?:\w+ ){0,3}?(?:venci(?:ó|o)|caduc(?:ó|o)|expir(?:ó|o))`,
		},
	},
}
