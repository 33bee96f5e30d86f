package bant

import "slices"

// Round 7 need constructions: the indirect ways of telling a need that
// French writers use most and the other three languages have too, each
// written once per idea in all four languages:
//
//   - the conditional and impersonal wish: "il nous faudrait", "nous
//     souhaiterions", "il serait utile de", "wir bräuchten", "es wäre
//     sinnvoll", "nos haría falta", "sería útil", "we'd need", "it would
//     be useful to" (a wish: it makes a goal only with an action after
//     it, so "il nous faudrait un devis" stays a request);
//   - the negative question that asks for a way out: "n'existe-t-il pas
//     un moyen plus simple de", "vous n'auriez pas un outil qui évite",
//     "isn't there an easier way", "gibt es keine Möglichkeit",
//     "¿no existe una forma de" (a wish too), with the comparatives and
//     "avoid" a wish aims at ("plus simple", "einfacher", "más fácil");
//   - having a hard time: "on a du mal à", "wir tun uns schwer",
//     "nos cuesta", "we have a hard time";
//   - litotes, the negated adequacy of what the writer has: "n'est pas
//     vraiment adapté", "n'est plus à la hauteur", "pas tenable", "laisse
//     à désirer", "nicht mehr zeitgemäß", "lässt zu wünschen übrig", "no
//     está a la altura", "deja que desear", "isn't really suited",
//     "leaves a lot to be desired" ("idéal" is left out: "le moment
//     n'est pas idéal" puts a purchase off);
//   - a lack told impersonally or of a wider range of things: "il manque
//     une vue d'ensemble", "manque de coordination", "es fehlt an
//     Transparenz", "falta coordinación", "lack of coordination".
type needSeventhLexicon struct {
	strong, lack, goal, goalWish, wish, wishVerb []string
}

// needSeventh holds the round 7 constructions by language.
var needSeventh = map[string]needSeventhLexicon{
	LangEnglish: {
		strong: []string{
			`(?:we|i|staff|team|people|drivers|customers)(?:'re| are|'ve| have| had| am|'m)? (?:\w+ )?(?:having |had |have |has )?(?:a hard time|a tough time|a difficult time|difficulty|difficulties|trouble) (?:\w+ing|with)`,
			`(?:isn't|is not|aren't|are not|wasn't|weren't|no longer|not) (?:really |quite |very |exactly |fully |always )?(?:suited|fit for purpose|up to (?:the job|scratch|par|the task)|sustainable|adequate|sufficient|reliable|practical|user[- ]friendly|intuitive|workable)`,
			`leaves? (?:\w+ )?(?:a lot|much|something) to be desired`, `far from (?:ideal|optimal|perfect)`, `less than (?:ideal|optimal)`,
		},
		lack: []string{
			`(?:lack of|lacking|missing|there's no|there is no|we have no|we lack) (?:\w+ ){0,2}?(?:coordination|communication|oversight|overview|visibility|transparency|structure|consistency|follow[- ]up|real[- ]time)`,
		},
		goal:     []string{`(?:need|want|looking for|(?:we|i)(?:'d| would) need|could use) (?:a |an |one )?(?:\w+ )?(?:way|solution|tool|system|platform|app|place|something) (?:to|that|which|for) (?:\w+ )?(?:centrali[sz]\w*|consolidat\w*|bring\w* together|combin\w*|merg\w*|unif\w*|streamlin\w*|simplif\w*|automat\w*|track\w*|avoid\w*|reduc\w*|cut\w*|stop\w*)`},
		goalWish: []string{`what (?:we(?:'re| are)|i(?:'m| am)) missing is`},
		wish: []string{
			`it would (?:\w+ )?(?:be )?(?:\w+ )?(?:useful|handy|practical|help|great|a relief)`, `(?:isn't|aren't) there`, `is there (?:no|not)`, `(?:we|i)(?:'d| would) need`, `(?:we|i) could (?:really )?use`,
			`(?:don't|do not) you have (?:\w+ )?(?:a |an |some )?(?:tool|solution|system|way|app)`,
		},
		wishVerb: []string{`(?:shared|single|common|central(?:i[sz]ed)?) (?:\w+ )?(?:view|overview|dashboard|calendar|tool|system|place|database|list)`, `real[- ]time`, `up to date`, `(?:easier|simpler|more reliable|quicker) way`, `avoid(?:s|ing)?`},
	},
	LangGerman: {
		strong: []string{
			`(?:tun|taten|tue) (?:uns|mich|sich) (?:\w+ ){0,2}?schwer`, `(?:haben|habe|hatten) (?:\w+ ){0,2}?m(?:ü|ue)he,? (?:\w+ ){0,4}?zu`,
			`(?:ist|sind|war|waren) (?:\w+ ){0,2}?(?:nicht|kaum|längst nicht|laengst nicht) (?:mehr |wirklich |so |sehr |besonders |ganz |gerade |wirklich mehr )?(?:zeitgem(?:ä|ae)(?:ß|ss)|geeignet|praktikabel|tragbar|haltbar|ausreichend|zuverl(?:ä|ae)ssig|praxistauglich|benutzerfreundlich|(?:auf dem )?stand der (?:technik|dinge)|das gelbe vom ei|optimal)`,
			`l(?:ä|ae|a)ss(?:t|en) (?:\w+ ){0,2}?zu w(?:ü|ue)nschen (?:ü|ue)brig`, `alles andere als (?:ideal|optimal|praktisch|zuverl(?:ä|ae)ssig)`, `(?:suboptimal|verbesserungsw(?:ü|ue)rdig|ausbauf(?:ä|ae)hig)`,
		},
		lack: []string{
			`(?:es )?fehlt (?:\w+ ){0,2}?(?:an )?(?:\w+ )?(?:(?:ü|ue)berblick|(?:ü|ue)bersicht|transparenz|koordination|abstimmung|kommunikation|struktur|nachverfolgung|zugriff|echtzeit)`,
			`(?:mangel an|mangelnde|fehlende) (?:\w+ )?(?:koordination|abstimmung|kommunikation|struktur|transparenz|(?:ü|ue)bersicht)`,
		},
		goalWish: []string{`(?:wir|ich) (?:\w+ )?(?:br(?:ä|ae)uchten|br(?:ä|ae)uchte|ben(?:ö|oe)tigten)`, `uns fehlt`},
		wish: []string{
			`(?:es )?w(?:ä|ae)re (?:\w+ ){0,2}?(?:sinnvoll|praktisch|n(?:ü|ue)tzlich|w(?:ü|ue)nschenswert|eine (?:gro(?:ß|ss)e )?erleichterung|eine hilfe)`,
			`gibt es (?:denn )?(?:keine|nicht eine)`, `(?:haben|h(?:ä|ae)tten) sie (?:nicht|kein) (?:\w+ )?(?:tool|l(?:ö|oe)sung|system|programm)`,
		},
		wishVerb: []string{`(?:gemeinsame|zentrale|einheitliche|einzige)[nrms]? (?:\w+ )?(?:(?:ü|ue)bersicht|kalender|ablage|liste|datenbank|system|tool|plattform|dashboard)`, `in echtzeit`, `(?:einfacher|leichter|zuverl(?:ä|ae)ssiger|schneller)e?[nrms]?`, `vermeide\pL*`, `vermeiden`},
	},
	LangFrench: {
		strong: []string{
			`(?:on a|on avait|ai|avons|ont|avions|avais|avaient|on a eu|avons eu) (?:\w+ ){0,2}?(?:du mal|de la peine|des difficult(?:é|e)s|beaucoup de mal|bien du mal) (?:(?:à|a) |avec )`,
			`(?:n'est|ne sont|n'(?:é|e)tait|n'(?:é|e)taient|ne semble|ne semblent|n'est franchement) (?:pas|plus) (?:vraiment |tr(?:è|e)s |assez |du tout |toujours |franchement |forc(?:é|e)ment )?(?:adapt|pratique|tenable|viable|(?:à|a) la hauteur|satisfaisant|fiable|suffisant|efficace|optimal|ergonomique|intuiti|fluide|au point|(?:à|a) jour)\pL*`,
			`pas (?:vraiment |tr(?:è|e)s )?(?:tenable|viable)`, `laiss(?:e|ent|ait) (?:\w+ )?(?:beaucoup |un peu )?(?:à|a) d(?:é|e)sirer`, `loin d'(?:ê|e)tre (?:id(?:é|e)al|optimal|pratique|parfait)`, `pas terrible`, `perfectible`,
		},
		lack: []string{
			`il (?:nous |leur |me |y )?manqu\pL* (?:\w+ ){0,2}?(?:l'|d'|les |le |la |un |une |de |des )?(?:visibilit|suivi|tra(?:ç|c)abilit|vue d'ensemble|vision|historique|outil|coordination|communication|centralisation|transparence|structure|r(?:é|e)activit)`,
			`manque (?:\w+ )?(?:de |d')(?:\w+ )?(?:coordination|communication|vision|centralisation|transparence|structure|r(?:é|e)activit|fiabilit|temps r(?:é|e)el)`,
		},
		goalWish: []string{`il (?:nous |me )?(?:faudrait|faudra)`, `(?:nous|je|on|j') ?(?:souhaiterions|souhaiterais|souhaiterait|aurions besoin|aurais besoin|aurait besoin)`, `ce qui (?:nous |me )?manque`},
		wish: []string{
			`(?:il |ce )?serait (?:\w+ )?(?:utile|pratique|int(?:é|e)ressant|pr(?:é|e)cieux|souhaitable|un vrai plus|un (?:vrai |grand )?soulagement)`,
			`n'(?:existe|y a)[- ]t[- ]il pas`, `n'y aurait[- ]il pas`, `(?:est-ce qu')?il n'y (?:a|aurait) pas`, `vous n'(?:auriez|avez) pas`,
		},
		wishVerb: []string{`(?:commun|partag(?:é|e)|centralis(?:é|e)|unique)e?s?`, `en temps r(?:é|e)el`, `(?:à|a) jour`, `plus (?:simple|facile|rapide|fiable|efficace)`, `(?:é|e)vit\pL*`},
	},
	LangSpanish: {
		strong: []string{
			`(?:nos|me|les) (?:est(?:á|a)n? )?cuesta\pL*`, `(?:nos|me|les) (?:est(?:á|a)n? )?costando`, `(?:tenemos|tengo|tienen|tuvimos) (?:\w+ )?(?:dificultades|problemas) para`,
			`no (?:es|son|est(?:á|a)n?|resulta|resultan) (?:\w+ )?(?:nada |muy |del todo |realmente |lo suficientemente )?(?:pr(?:á|a)ctic|adecuad|suficiente|fiable|sostenible|viable|c(?:ó|o)mod|intuitiv|a la altura|eficiente)\pL*`,
			`dej(?:a|an|aba) (?:\w+ )?(?:mucho |bastante )?que desear`, `lejos de ser (?:ideal|(?:ó|o)ptim|pr(?:á|a)ctic)\pL*`, `mejorable`,
		},
		lack: []string{
			`(?:nos |me )?falta\pL* (?:\w+ ){0,2}?(?:visibilidad|seguimiento|coordinaci(?:ó|o)n|comunicaci(?:ó|o)n|control|trazabilidad|transparencia|estructura|una visi(?:ó|o)n)`,
		},
		goalWish: []string{`(?:nos|me) (?:har(?:í|i)a|hace) falta`, `necesitar(?:í|i)amos`, `necesitar(?:í|i)a`, `lo que (?:nos |me )?falta`},
		wish: []string{
			`ser(?:í|i)a (?:\w+ )?(?:(?:ú|u)til|pr(?:á|a)ctico|conveniente|una ayuda|un alivio)`, `¿?no (?:existe|hay) (?:\w+ )?(?:una |alguna )?(?:forma|manera|herramienta|soluci(?:ó|o)n)`, `no (?:tienen|tendr(?:á|a)n|tendr(?:í|i)an) (?:\w+ )?(?:una |alguna )?(?:herramienta|soluci(?:ó|o)n|sistema)`,
		},
		wishVerb: []string{`(?:compartid[oa]s?|com(?:ú|u)n(?:es)?|centralizad[oa]s?)`, `en tiempo real`, `al d(?:í|i)a`, `m(?:á|a)s (?:sencill|f(?:á|a)cil|fiable|r(?:á|a)pid)\pL*`, `evit\pL*`},
	},
}

// needWithSeventh returns l with the round 7 constructions of lang added.
func needWithSeventh(l needLexicon, lang string) needLexicon {
	s := needSeventh[lang]
	l.strong = slices.Concat(l.strong, s.strong)
	l.lack = slices.Concat(l.lack, s.lack)
	l.goal = slices.Concat(l.goal, s.goal)
	l.goalWish = slices.Concat(l.goalWish, s.goalWish)
	return l
}
