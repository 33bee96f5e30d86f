package bant

import (
	"slices"
	"strings"
)

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

// From the twelfth batch (v12), again one idea in four languages: records
// or goods deteriorating ("s'abîment", "illisibles", "unleserlich",
// "se deterioran"), panic, work refused for lack of hands ("faute de
// bras", "mangels Personal", "por falta de personal"), a device throwing
// errors, paying for what nobody uses, being barred from working ("no
// pueden circular"), and, exploring, collecting information ("soll Infos
// sammeln"). An audit is a pain (an auditor's finding) unless it is the
// service asked for ("¿ofrecen auditorías?", "quote for an audit"; see
// needAuditAsked). "Not that we've had any problem" denies the problem
// it names ("no es que", "ce n'est pas que", "nicht, dass").
//
// From the thirteenth batch (v13): behind schedule, "kaum noch" (hardly
// any more), being without someone since, staff lost, having had to
// cancel or close, finding no staff, a server that died, job ads that
// bring nobody.
type needSeventhLexicon struct {
	strong, lack, goal, goalWish, wish, wishVerb, explore, denial []string
}

// needSeventh holds the round 7 constructions by language.
var needSeventh = map[string]needSeventhLexicon{
	LangEnglish: {
		denial: []string{`not that (?:\w+ |\w+'\w+ ){0,5}?(?:problems?|issues?|trouble|complaints?)`},
		strong: []string{
			`behind (?:schedule|plan)`, `hardly (?:ever|any ?more)`, `(?:has|have) been without (?:\w+ ){0,3}?(?:since|for)`, `(?:lost|losing) (?:\w+ ){0,2}?(?:staff|employees|nurses|drivers|technicians|engineers|people) (?:in|this|last|since|over)`,
			`had to (?:\w+ )?(?:cancel|close|turn away|refuse|cut|drop) (?:\w+ ){0,2}?(?:orders|routes|shifts|tours|jobs|events|bookings|customers|clients|projects|services|classes|courses|trips|deliveries|lines|production|sites|stores|beds)`, `(?:can't|cannot|couldn't) find (?:any |enough |qualified )?(?:\w+ )?(?:staff|nurses|drivers|technicians|applicants|candidates)`,
			`deteriorat\w*`, `falling apart`, `illegible`, `panick(?:ing|ed)`, `in a (?:\w+ )?panic`, `(?:for lack of|for want of|short of) (?:staff|hands|people|drivers|space|time|capacity)`, `(?:understaffed|short[- ]staffed)`,
			`(?:throw|throwing|throws|giving|gives|showing|shows) (?:\w+ )?errors`, `(?:still )?paying for (?:\w+ ){0,4}?(?:unused|nobody uses|no one uses|we don't use|(?:staff|people|employees) who (?:have )?left)`,
			`(?:can't|cannot|won't be able to|(?:are|is) not allowed to) (?:\w+ )?(?:drive|trade|work|invoice|deliver)\b`,
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
		denial: []string{`nicht,? dass (?:\w+ ){0,6}?(?:probleme?n?|schwierigkeiten|(?:ä|ae)rger)`},
		strong: []string{
			`(?:liegen|liege|sind|hinken|hinke) (?:\w+ ){0,2}?hinter (?:dem|unserem) (?:zeit)?plan`, `kaum noch`, `(?:ist|sind) seit (?:\w+ ){0,3}?ohne`, `(?:mitarbeiter\pL*|fachkr(?:ä|ae)fte|leute|fahrer|pflegekr(?:ä|ae)fte) (?:\w+ ){0,3}?verloren`,
			`(?:touren|auftr(?:ä|ae)ge|schichten|kunden|kurse|fahrten|lieferungen|projekte|veranstaltungen|betten|filialen) (?:\w+ ){0,2}?mussten (?:\w+ ){0,2}?(?:streichen|absagen|schlie(?:ß|ss)en|ablehnen|stornieren)`, `mussten (?:\w+ ){0,3}?(?:touren|auftr(?:ä|ae)ge|schichten|kunden|kurse|fahrten|lieferungen|projekte|veranstaltungen|betten|filialen) (?:\w+ )?(?:streichen|absagen|schlie(?:ß|ss)en|ablehnen|stornieren)`, `finden (?:\w+ ){0,3}?(?:keine?n?|niemanden) (?:\w+ )?(?:pflegekr|fachkr|mitarbeiter|personal|fahrer|bewerber|leute|azubis|nachfolger)\pL*`,
			`unleserlich`, `(?:zerf(?:ä|ae)llt|zerfallen|vergilb\pL*|verschimmel\pL*)`, `panik`, `(?:mangels|aus mangel an|personalmangel|unterbesetzt)`,
			`(?:wirft|zeigt|meldet|bringt|werfen|zeigen|melden) (?:\w+ ){0,2}?fehler(?:meldungen)?`, `zahlen (?:\w+ ){0,4}?(?:ungenutzte?[nrms]?|f(?:ü|ue)r nichts|die (?:niemand|keiner) nutzt)`,
			`(?:d(?:ü|ue)rfen|k(?:ö|oe)nnen) (?:\w+ ){0,2}?nicht (?:mehr )?(?:fahren|arbeiten|(?:ö|oe)ffnen|liefern|abrechnen|verkaufen)`,
			`(?:tun|taten|tue) (?:uns|mich|sich) (?:\w+ ){0,2}?schwer`, `(?:haben|habe|hatten) (?:\w+ ){0,2}?m(?:ü|ue)he,? (?:\w+ ){0,4}?zu`,
			`(?:ist|sind|war|waren) (?:\w+ ){0,2}?(?:nicht|kaum|längst nicht|laengst nicht) (?:mehr |wirklich |so |sehr |besonders |ganz |gerade |wirklich mehr )?(?:zeitgem(?:ä|ae)(?:ß|ss)|geeignet|praktikabel|tragbar|haltbar|ausreichend|zuverl(?:ä|ae)ssig|praxistauglich|benutzerfreundlich|(?:auf dem )?stand der (?:technik|dinge)|das gelbe vom ei|optimal)`,
			`l(?:ä|ae|a)ss(?:t|en) (?:\w+ ){0,2}?zu w(?:ü|ue)nschen (?:ü|ue)brig`, `alles andere als (?:ideal|optimal|praktisch|zuverl(?:ä|ae)ssig)`, `(?:suboptimal|verbesserungsw(?:ü|ue)rdig|ausbauf(?:ä|ae)hig)`,
		},
		lack: []string{
			`(?:es )?fehlt (?:\w+ ){0,2}?(?:an )?(?:\w+ )?(?:(?:ü|ue)berblick|(?:ü|ue)bersicht|transparenz|koordination|abstimmung|kommunikation|struktur|nachverfolgung|zugriff|echtzeit)`,
			`(?:mangel an|mangelnde|fehlende) (?:\w+ )?(?:koordination|abstimmung|kommunikation|struktur|transparenz|(?:ü|ue)bersicht)`,
		},
		explore:  []string{`(?:infos|informationen) (?:\w+ )?(?:sammeln|einholen|zusammentragen)`},
		goalWish: []string{`(?:wir|ich) (?:\w+ )?(?:br(?:ä|ae)uchten|br(?:ä|ae)uchte|ben(?:ö|oe)tigten)`, `uns fehlt`},
		wish: []string{
			`(?:es )?w(?:ä|ae)re (?:\w+ ){0,2}?(?:sinnvoll|praktisch|n(?:ü|ue)tzlich|w(?:ü|ue)nschenswert|eine (?:gro(?:ß|ss)e )?erleichterung|eine hilfe)`,
			`gibt es (?:denn )?(?:keine|nicht eine)`, `(?:haben|h(?:ä|ae)tten) sie (?:nicht|kein) (?:\w+ )?(?:tool|l(?:ö|oe)sung|system|programm)`,
		},
		wishVerb: []string{`(?:gemeinsame|zentrale|einheitliche|einzige)[nrms]? (?:\w+ )?(?:(?:ü|ue)bersicht|kalender|ablage|liste|datenbank|system|tool|plattform|dashboard)`, `in echtzeit`, `(?:einfacher|leichter|zuverl(?:ä|ae)ssiger|schneller)e?[nrms]?`, `vermeide\pL*`, `vermeiden`},
	},
	LangFrench: {
		denial: []string{`n'est pas qu(?:e |')(?:\w+ |\w+'){0,6}?(?:probl(?:è|e)mes?|soucis?|difficult(?:é|e)s?)`},
		strong: []string{
			`en retard sur (?:le|notre|son) (?:planning|calendrier|plan)`, `(?:est|sommes|sont) sans (?:\w+ ){0,3}?depuis`, `perdu (?:\w+ ){0,2}?(?:salari(?:é|e)s|collaborat\pL*|employ(?:é|e)s|infirmi\pL*|chauffeurs|techniciens|asv|personnes)`,
			`(?:avons|a|ai) d(?:û|u) (?:\w+ )?(?:annuler|fermer|refuser|supprimer) (?:\w+ ){0,2}?(?:tourn(?:é|e)es|commandes|chantiers|clients|cours|livraisons|services|lignes|s(?:é|e)ances|projets|lits|(?:é|e)v(?:é|e)nements|sites|magasins)`, `ne (?:\w+ )?(?:ram(?:è|e)nent|donnent|trouvent|attirent|apportent) (?:\w+ )?(?:personne|rien)`,
			`s'ab(?:î|i)m\pL*`, `illisibles?`, `se d(?:é|e)t(?:é|e)rior\pL*`, `panique`, `faute de (?:bras|personnel|temps|place|moyens humains|main[- ]d'(?:œ|oe)uvre|candidats|capacit(?:é|e))`, `en sous-effectif`,
			`(?:affiche|renvoie|fait|donne)(?:nt)? (?:\w+ )?(?:des )?erreurs`, `pay(?:ons|e|ez) (?:\w+ ){0,4}?(?:inutilis(?:é|e)e?s?|pour rien|que personne n'utilise)`,
			`ne (?:peuvent|pouvons|peut|pourront|pourrons) (?:\w+ )?pas (?:rouler|circuler|conduire|ouvrir|facturer|travailler|livrer)`,
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
		denial: []string{`no es que (?:\w+ ){0,5}?(?:problemas?|incidencias?|quejas?|fallos?)`},
		strong: []string{
			`(?:vamos|estamos|llevamos|van|est(?:á|a)n) (?:\w+ )?(?:retrasad|atrasad)\pL*`, `(?:est(?:á|a)|estamos|est(?:á|a)n|llevamos) (?:\w+ ){0,2}?sin (?:\w+ ){0,2}?desde`, `perdido (?:\w+ ){0,2}?(?:empleados|trabajadores|personal|enfermer\pL*|conductores|t(?:é|e)cnicos)`,
			`(?:tuvimos|hemos tenido|tenemos) que (?:\w+ )?(?:cancelar|cerrar|rechazar|suprimir) (?:\w+ ){0,2}?(?:rutas|pedidos|turnos|clientes|cursos|clases|entregas|servicios|l(?:í|i)neas|proyectos|camas|eventos|tiendas|obras)`, `se (?:me |nos )?(?:ha )?muri(?:ó|o)|se (?:me |nos )?ha muerto`, `no (?:\w+ )?(?:traen|atraen|consiguen) a nadie`,
			`se (?:est(?:á|a)n |van )?deterior\pL*`, `ilegibles?`, `se est(?:á|a)n? estropeando`, `p(?:á|a)nico`, `por falta de (?:personal|manos|gente|tiempo|espacio|conductores)`, `(?:nos faltan manos|falta de personal)`,
			`(?:da|dan|dando|daba|muestra|tira) (?:\w+ )?(?:errores|fallos)`, `pagando (?:\w+ ){0,4}?(?:sin usar|que nadie usa|para nada|de (?:gente|personal|empleados) que ya no)`,
			`no (?:pueden|podemos|puede|puedo|podr(?:á|a)n|podremos) (?:\w+ )?(?:circular|conducir|abrir|facturar|trabajar)`,
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
	l.explore = slices.Concat(l.explore, s.explore)
	l.denial = slices.Concat(l.denial, s.denial)
	return l
}

// needServiceAsks, before an audit in its clause, make the audit the
// service the writer asks for rather than a finding against them.
var needServiceAsks = []string{
	"offer", "provide", "quote", "pricing", "price for", "do you do", "looking for an", "need an",
	"angebot", "bieten sie", "führen sie", "fuehren sie", "machen sie", "preis",
	"devis", "proposez", "faites-vous", "réalisez", "realisez", "tarif", "cherchons un", "cherche un",
	"ofrecen", "ofreces", "ofrecéis", "realizan", "hacen", "presupuesto", "solicit", "tarifa", "buscamos una", "necesitamos una",
}

// needAuditAsked reports an audit cue that names the service asked for:
// "¿ofrecen ustedes auditorías de seguridad?", "Solicito presupuesto de
// auditoría de cuentas" order a service and tell no pain.
func needAuditAsked(d *doc, c needCue) bool {
	if !strings.HasPrefix(d.lower[c.start:c.end], "audit") {
		return false
	}
	lo := max(d.clauseStart(c.start), c.start-60)
	return containsAny(d.lower[lo:c.start], needServiceAsks)
}
