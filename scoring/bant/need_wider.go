package bant

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
var needWider = map[string]needBroadLexicon{
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
