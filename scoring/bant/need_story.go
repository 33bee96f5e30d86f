package bant

// Pains told as stories and consequences, and goals phrased as wishes.
// Writers rarely name a problem; they say what happened ("two trucks left
// half empty", "patients don't show up", "on a jeté 12 palettes", "se nos
// pasó un plazo") or what they wish for ("I wish we could see which quotes
// are open", "es wäre schön, wenn ... nicht mehr", "ojalá pudiéramos").
// The entries are constructions rather than sentences: an effort verb
// with a span of the working day ("spend/sit/lose ... the whole morning",
// "passent leur vendredi à"), a recurring obligation ("every week we have
// to"), a work item that fails to happen ("don't show up", "kommen nicht
// an", "no llegan"), a tool that cannot do something, waste and loss
// ("binned", "weggeworfen", "jeté", "tiramos"), and complaint intensifiers
// ("no joke", "kein Witz", "dog's breakfast"). Each states
// a pain alone (needTierStory); negated or solved ones are dropped like
// every other cue (see needFindCues).

// needStories are the story and consequence constructions by language.
var needStories = map[string][]string{
	LangEnglish: {
		// effort verb + a span of the working day
		`(?:eats up|eat up|eating up|burn|burns|burned|burning|lose|loses|losing|lost|waste|wastes|wasted|kill|kills|killed|swallow|swallows) (?:\w+ ){0,4}?(?:half (?:a|the|their|our|my) (?:day|morning|week)|(?:a|the|whole|entire|every|their|our|my|his|her|two|three|several) (?:\w+ )?(?:days?|mornings?|afternoons?|evenings?|weeks?|weekends?|mondays?|fridays?|sundays?|saturdays?|shifts?)|(?:\d+|two|three|four|five|several|many) (?:hours|days|weeks))`, `(?:spend|spends|spent|spending) (?:\w+ ){0,4}?(?:half (?:a|the|their|our|my) (?:day|morning|week)|(?:a|the|whole|entire|every|their|our|my|his|her|two|three|several) (?:\w+ )?(?:days?|mornings?|afternoons?|evenings?|weeks?|weekends?|mondays?|fridays?|sundays?|saturdays?|shifts?)|(?:\d+|two|three|four|five|several|many) (?:hours|days|weeks))(?: [\pL\w'-]+){0,3}? [\pL\w]+ing\b`,
		`(?:eats|eating) (?:a|an|the|half|two|three|several|our|their|my|most|all) (?:\w+ )?(?:day|days|morning|week|weeks|hours|month|afternoon)`,
		// a recurring obligation
		`(?:every|each) (?:single )?(?:day|morning|evening|night|week|month|monday|tuesday|wednesday|thursday|friday|saturday|sunday|shift|time|season|quarter)\b[^.!?\n]{0,50}?\b(?:have to|has to|must|need to|end up|rebuild|rebuilds|redo|redoes|re-?enter|re-?type|chase|chases|call around|start over|from scratch)`,
		`(?:have to|has to|end up) (?:\w+ ){0,6}?(?:every|each) (?:single )?(?:day|morning|week|month|time|shift)`,
		// work that fails to happen
		`(?:don't|doesn't|didn't|never|do not|does not|did not|won't) (?:\w+ ){0,1}?(?:show up|turn up|arrive|update|get updated|get paid|pay on time|come through|load|sync|print)`,
		`(?:nobody|no one|no-one) (?:\w+ ){0,1}?(?:turning|turned|turns|showing|showed|shows) up`, `nothing (?:updates|syncs|matches|gets updated)`,
		`half[- ]empty`, `for nothing`, `in vain`, `a guess`, `guesswork`, `guessing`, `(?:charged|billed|booked|dosed|paid|shipped|sent) (?:\w+ ){0,3}?twice`, `double[- ](?:dosed|charged|billed|paid|shipped|entered)`,
		`(?:binned|into the bin|in the bin|threw away|throw away|thrown away|wrote off|write off|written off|scrapped)`, `ran out of`, `run out of`, `running out of`, `a small fortune`, `through the roof`,
		`(?:screens?|system|tool|software|platform|app|crm|erp|site|website|portal|program) (?:\w+ ){0,2}?(?:freezes?|froze|hangs|crashes|crashed|goes down|went down|times out)`,
		`(?:system|tool|software|platform|app|crm|erp|program|portal|setup|spreadsheet|vendor|provider|supplier) (?:\w+ ){0,1}?(?:can't|cannot|doesn't|does not|won't|isn't able to) (?:\w+ ){0,1}?(?:give|show|export|handle|track|send|print|connect|integrate|do|tell|flag|warn|support|cope|read|pull|calculate|book)`,
		`(?:already|even|still) (?:can't|cannot|couldn't) `, `dog's breakfast`, `(?:falls|fall|fell|falling) over`, `no joke`, `(?:upset|angry|furious|annoyed) (?:\w+ ){0,1}?(?:customers?|clients?|patients?|parents|guests|members|families|family)`,
		`(?:customers?|clients?|patients?|parents|guests|members|families|people) (?:\w+ ){0,1}?(?:call|calls|ring|rings|ask|asks|phone|email) (?:\w+ ){0,4}?(?:\d+|ten|twenty|thirty|forty|fifty|dozens of|many) times`,
		`(?:nothing|nobody|no one|no-one) (?:\w+ ){0,1}?(?:got|gets|was|were|is) (?:\w+ ){0,1}?(?:backed up|saved|sent|paid|updated|told|notified|informed|checked|done)`, `(?:got|get|gets|getting|was|were) (?:\w+ ){0,1}?(?:buried|stuck|skipped|overpaid|underpaid|overcharged|cancell?ed|rejected|returned)`, `(?:overpaid|underpaid|overcharged|undercharged)`, `hinges on`, `on the line`, `at stake`, `a fortune`, `juggl(?:e|es|ing)`, `the same questions?`, `late into the night`, `at all hours`, `(?:takes?|took|costs?|eats?) (?:\w+ ){0,5}?(?:\d+|one|two|three|four|five|six|several) hours? (?:a|per|each|every) (?:day|week|month)`, `(?:\d+|two|three|four|five|several) (?:\w+ ){0,2}?(?:staff|people|persons|colleagues|employees|clerks|nurses|admins|receptionists|dispatchers)\b[^.!?\n]{0,40}?\b(?:every|each|all) (?:day|morning|afternoon|week|monday|friday)`, `(?:tied up|do nothing but|busy all day)`, `almost (?:missed|lost|forgot)`, `(?:nobody|no one) (?:\w+ ){0,1}?(?:noticed|saw|knew|checks|tracks|had|writes|told)`, `(?:weren't|were not|wasn't|was not) able to`, `(?:not|didn't|don't|never|did not) (?:\w+ ){0,3}?in time`, `findings`, `skyrocket(?:s|ing|ed)?`, `(?:\d+|two|three|four|five|several) times (?:a|per) (?:day|week)`,
		`half of (?:them|the \w+|our \w+) (?:\w+ ){0,1}?(?:end up|get|go|are|were|never|don't|arrive)`, `we(?:'ve| have)? had (?:\w+ ){0,2}?(?:errors|mistakes|incidents|complaints|outages|breaches|no-shows)`,
		`(?:we|they|i|people|customers|clients|staff|drivers|patients|users|he|she|guests|parents|techs|technicians) keep \w+ing`, `the same \w+ twice`, `(?:ordered|ordering|order|sold|selling|booked|paid|entered|entering) (?:\w+ ){0,3}?twice`, `(?:don't|do not|didn't|never) (?:talk|sync|integrate|connect)`, `(?:never|don't|do not|doesn't|does not|didn't) (?:really )?know (?:who|which|what|where|when|if|whether|how)`, `(?:lose|loses|lost|waste|wastes|wasted) (?:most|much|half|all|part) of (?:the |a |every |each |our |their )?(?:day|morning|afternoon|week|monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|shift)`, `(?:spend|spends|spent|spending) (?:most|much|half|all|part) of (?:the |a |every |each |our |their )?(?:day|morning|afternoon|week|monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|shift)(?: [\pL\w'-]+){0,3}? [\pL\w]+ing\b`, `(?:twice|(?:\d+|two|three|four|five|several|many) times) (?:last|this|in the last|in the past) (?:\w+ )?(?:week|month|quarter|year|weeks|months)`, `without knowing`, `end(?:s|ed)? up \w+ing`, `(?:went|go|goes|going|left|leave|leaves|shipped|sent) (?:out )?without`,
		`only one person (?:\w+ ){0,1}?(?:knows|understands|can)`, `(?:never|don't|do not) (?:even )?find out`, `stays? (?:\w+ ){0,2}?hours? (?:late|extra|longer)`, `(?:work|works|working|worked|doing|do) (?:\w+ ){0,2}?(?:overtime|extra hours)`, `(?:hours|weeks) of overtime`,
		`(?:never|rarely|hardly ever) (?:\w+ ){0,1}?(?:know|knows|see|sees|find|finds|fit|fits|arrive|arrives|work|works|add up|balance|answer|answers|reply|replies|show|shows)`, `(?:nobody|no one) (?:can|could) (?:see|tell|find|know|say)`, `(?:data|details|files|notes|records|photos|emails|messages|orders|history|everything|half|most) (?:\w+ ){0,2}?(?:is|are|was|were) (?:\w+ )?gone`, `disappear(?:s|ed|ing)?`, `everyone (?:\w+ ){0,2}?(?:differently|their own way|their own version|a different)`, `(?:or|and sometimes) not at all`, `only (?:\w+ )?(?:find out|notice|realise|realize|learn|discover)`, `(?:find|finds|found|notice|noticed|learn|hear|heard) (?:out )?(?:\w+ ){0,3}?(?:at the last minute|too late)`, `(?:takes?|took) so long (?:that )?`,
	},
	LangGerman: {
		`(?:verlier(?:en|t|e)|verloren|kost(?:en|et)|fri(?:ss|ß)t|fressen|geh(?:en|t) (?:\w+ ){0,3}?drauf|verschwend(?:en|et)|verbrat(?:en|et)) (?:\w+ ){0,5}?(?:halben tag|ganzen (?:tag|vormittag|nachmittag|abend|samstag|sonntag|freitag|montag)|vormittag|nachmittag|wochenenden?|samstage?|sonntage?|(?:\d+|zwei|drei|vier|fünf|mehrere|viele) (?:stunden|tage|wochen))`, `(?:sitz(?:en|t|e)?|sa(?:ß|ss)en|verbring(?:en|t|e)) (?:\w+ ){0,5}?(?:halben tag|ganzen (?:tag|vormittag|nachmittag|abend|samstag|sonntag|freitag|montag)|vormittag|nachmittag|wochenenden?|samstage?|sonntage?|(?:\d+|zwei|drei|vier|fünf|mehrere|viele) (?:stunden|tage|wochen))(?: [\pL\w'-]+){0,4}? (?:dran|daran|damit|an den|an der|an dem|an die|mit dem|mit der|mit den|(?:ü|ue)ber den|(?:ü|ue)ber der|f(?:ü|ue)r die|f(?:ü|ue)r den)\b`,
		`zieh(?:en|t) sich (?:\w+ ){0,5}?(?:hin|wochen|tage)`, `(?:jeden|jede|jedes) (?:\w+ )?(?:tag|morgen|woche|monat|montag|freitag|mal|schicht)\b[^.!?\n]{0,50}?\b(?:müssen|muessen|muss|musst|von vorne|neu (?:\w+ )?(?:erfassen|eintragen|planen|schreiben))`,
		`(?:müssen|muessen|muss) (?:\w+ ){0,6}?(?:jeden|jede|täglich|taeglich|ständig|staendig|immer wieder)`,
		`(?:nicht|nie|kaum) (?:mehr )?(?:aktuell|erreichbar|zu hause|daheim|pünktlich|puenktlich|vollständig|vollstaendig)`, `kommen (?:\w+ ){0,3}?nicht an`, `nicht ankommen`, `(?:erscheinen|kommen|zahlen) (?:\w+ ){0,2}?nicht`, `nicht (?:erscheinen|erschienen|auftauchen|aufgetaucht|bezahlt)`,
		`umsonst`, `vergeblich`, `halb leer(?:e|en)?`, `nach gefühl`, `nach gefuehl`, `(?:zweimal|doppelt|dreimal) (?:\w+ ){0,2}?(?:entwurmt|gebucht|berechnet|abgebucht|geliefert|bezahlt|verschickt|dosiert|gegeben)`,
		`wegschmei(?:ß|ss)en`, `wegwerfen`, `weggeworfen`, `entsorgen (?:\w+ )?müssen`, `abschreiben`, `(?:fallen|fällt|faellt) (?:\w+ ){0,4}?aus`, `(?:hängt|haengt|hängen|haengen) sich (?:\w+ ){0,3}?auf`, `friert (?:\w+ ){0,2}?ein`, `rückläufer`, `ruecklaeufer`, `lahm`,
		`(?:system|programm|software|tool|app|plattform|kasse|jetzige|aktuelle|bisherige)[rns]? (?:\w+ ){0,3}?(?:kann|liefert|unterstützt|unterstuetzt|zeigt|schafft|druckt|kennt|bietet) (?:\w+ ){0,3}?(?:kein|keine|keinen|nicht)`,
		`(?:system|programm|software|tool|app|plattform|kasse|jetzige|aktuelle|bisherige)[rns]? (?:\w+ ){0,3}?(?:kein|keine|keinen) (?:\w+ ){0,3}?(?:liefert|kann|unterstützt|unterstuetzt|zeigt|bietet|hat)`,
		`kein witz`, `hinten und vorne`, `(?:verärgert|veraergert|sauer|wütend|wuetend|stinksauer)e?n?`, `(?:rufen|fragen|melden sich) (?:\w+ ){0,4}?(?:\d+|zehn|zwanzig|dreißig|dreissig|vierzig|x)[- ]?mal`, `(?:es )?fehl(?:en|t) (?:\w+ ){0,2}?(?:leute|helfer|personal|fahrer|mitarbeiter|ehrenamtliche)`,
		`(?:frisst|fressen|kostet|kosten) (?:\w+ ){0,4}?(?:eine stunde|einen (?:tag|vormittag|abend)|ganze(?:n)? (?:tage|wochen|nachmittage|abende|vormittage)|jeden (?:morgen|tag|abend))`, `(?:sitz|verbring)(?:e|t|en)? (?:\w+ ){0,4}?(?:eine stunde|einen (?:tag|vormittag|abend)|ganze(?:n)? (?:tage|wochen|nachmittage|abende|vormittage)|jeden (?:morgen|tag|abend))(?: [\pL\w'-]+){0,4}? (?:dran|daran|damit|an den|an der|an dem|an die|mit dem|mit der|mit den|(?:ü|ue)ber den|(?:ü|ue)ber der|f(?:ü|ue)r die|f(?:ü|ue)r den)\b`, `(?:\d+|zwei|drei|vier|fünf|mehrere|viele) (?:stunden|tage|wochen) (?:\w+ ){0,2}?(?:gekostet|verloren|verbracht|verschwendet)`, `stillst(?:a|ä|ae)nd\w*`, `f(?:ä|ae)llt (?:\w+ ){0,4}?durch`, `durchgefallen`, `(?:keiner|niemand) (?:\w+ )?da (?:war|ist|sind)`, `verstrichen`, `vers(?:ä|ae)umt`, `(?:beinahe|fast|knapp) (?:\w+ ){0,3}?(?:verpasst|verstrichen|vergessen|verloren|passiert)`, `suchen (?:\w+ ){0,4}?zusammen`, `zusammensuchen`, `(?:telefonier|lauf|renn)\w* (?:\w+ ){0,5}?hinterher`, `(?:dauert|brauch\w*|warten|sitz\w*|telefonier\w*|such\w*) (?:\w+ ){0,3}?ewig`, `ewig (?:lange|dauern|warten|suchen|brauchen)`, `bis sp(?:ä|ae)t (?:in die nacht|abends)`, `hin und her`, `erschein\w* (?:\w+ ){0,2}?nicht`, `(?:sind|ist) (?:\w+ ){0,4}?(?:nur|ausschlie(?:ß|ss)lich|komplett|den ganzen tag) (?:damit |mit \w+ )?besch(?:ä|ae)ftigt`, `ein verm(?:ö|oe)gen`, `jonglier\w*`, `(?:die )?(?:gleiche|gleichen|selbe|selben|dieselbe|dieselben) fragen?`, `(?:konnten|können|koennen|konnte|kann) (?:\w+ ){0,3}?nicht (?:finden|auffinden|nachvollziehen|erreichen|beantworten|bearbeiten|zuordnen|abrufen)`, `nicht rechtzeitig`, `storniert`, `explodier\w*`, `(?:\d+|zwei|drei|vier|mehrmals|mehrere) ?mal (?:am tag|pro tag|täglich|taeglich|die woche|pro woche|in der woche)`,
		`(?:hatten|gab es|gab's) (?:\w+ ){0,2}?(?:fehler|pannen|ausf(?:ä|ae)lle|beschwerden|vorf(?:ä|ae)lle|reklamationen)`,
		`(?:zweimal|dreimal|mehrmals|mehrfach|\d+ ?mal) (?:im|in den|letzte|diese|dieses|letzten|allein) (?:\w+ )?(?:woche|monat|quartal|jahr|monaten|wochen)`, `doppelt (?:\w+ )?(?:be|ge|ver|er)\w+`, `ohne zu wissen`, `(?:ging|gingen|geht|gehen|fuhr|fuhren|fahren|rausgegangen) (?:\w+ ){0,2}?ohne`,
		`nur (?:eine|ein|einer) (?:\w+ ){0,1}?(?:person|kollege|kollegin|mitarbeiter\w*) (?:\w+ ){0,1}?(?:kennt|versteht|wei(?:ß|ss)|kann)`, `(?:findet|finden|sieht|wei(?:ß|ss)) (?:\w+ ){0,2}?(?:keiner|niemand)`, `bekomm\w* (?:\w+ ){0,2}?nichts mit`,
		`(?:wissen|wei(?:ß|ss)|finden|findet|sehen|sieht|passen|passt|stimmen|stimmt|klappt|klappen|kommen|kommt|erreichen) (?:\w+ ){0,4}?nie\b`, `verschwinden`, `verschwunden`, `jeder (?:\w+ ){0,3}?anders`, `jede[rs]? (?:\w+ ){0,2}?(?:eigene|eigenen) (?:liste|tabelle|excel|version|ablage)`, `oder gar nicht`, `(?:erfahren|merken|bemerken|sehen) (?:\w+ ){0,3}?erst`, `in letzter minute`, `dauert so lange`,
	},
	LangFrench: {
		`pass(?:e|es|ent|ons|ez|ait|aient|é|er) (?:\w+ ){0,2}?(?:ses|leurs?|nos|mes|sa|son|la|une|des|toutes? (?:la|le|les|ses|nos|leurs)) (?:\w+ )?(?:journ(?:é|e)es?|matin(?:é|e)es?|soir(?:é|e)es?|week-ends?|dimanches?|samedis?|lundis?|vendredis?|semaines?|heures|nuits?)(?: [\pL\w'-]+){0,3}? (?:à|a) [\pL\w]+(?:er|ir|re)\b`,
		`(?:prend|prennent|mange|mangent|bouffe|bouffent|co(?:û|u)te|co(?:û|u)tent) (?:\w+ ){0,3}?(?:journ(?:é|e)es?|(?:\d+|deux|trois|plusieurs) (?:heures|jours|semaines)|(?:une|la) (?:semaine|matin(?:é|e)e|journ(?:é|e)e))`,
		`chaque (?:jour|matin|soir|semaine|lundi|vendredi|mois|fois|saison)\b[^.!?\n]{0,50}?\b(?:il faut|on doit|nous devons|je dois|on se retrouve|on jette|on refait|tout refaire|on ressaisit|on court)`,
		`(?:ne|n') (?:\w+ )?(?:viennent|vient|arrivent|arrive|paient|paie|payent|se pr(?:é|e)sentent|r(?:é|e)pond(?:ent)?|d(?:é|e)croche(?:nt)?|se met(?:tent)? (?:\w+ )?(?:à|a) jour) pas`, `(?:jamais|pas) (?:à|a) jour`,
		`(?:n'avons|n'a|n'ont|n'avions|n'avait) (?:\w+ ){0,1}?pas (?:retrouv|re(?:ç|c)u|pu)`, `(?:il )?manqu(?:e|ent|ait) (?:\w+ ){0,2}?(?:monde|personnes|b(?:é|e)n(?:é|e)voles|chauffeurs|pi(?:è|e)ces|produits|infos|informations)`,
		`(?:à|a) moiti(?:é|e) vides?`, `pour rien`, `en vain`, `au pif`, `(?:on|nous|je) jet(?:te|ons|tent) (?:\d+|des|du|la|les|nos|chaque|tous|toutes|plus|environ|encore)`, `jet(?:é|e)(?:e|s|es)? (?:\d+|des|du|la|les|nos|plusieurs)`, `(?:à|a) la poubelle`, `rejet(?:tent|te|é|és|ée|ées)`,
		`mauvaise? (?:version|adresse|client|produit|commande|personne|dossier|fichier|patient|chambre|salle|date)`, `(?:deux|trois) fois (?:\w+ ){0,2}?(?:factur|pay|livr|r(?:é|e)serv)`,
		`(?:logiciel|outil|syst(?:è|e)me|programme|application|appli|plateforme|site|caisse|actuel(?:le)?) (?:\w+ ){0,2}?(?:ne|n') (?:\w+ ){0,2}?(?:pas|plus|aucun)`,
		`(?:plante|plantent|bloque|bloquent|fige|figent|rame|rament)`, `(?:f(?:â|a)ch(?:é|e)e?s?|m(?:é|e)contents?|furieu(?:x|se)|excéd(?:é|e)s?)`, `majorations`, `p(?:é|e)nalit(?:é|e)s`, `nous mangent`, `(?:ne sait|ne savons|ne sais|sait pas|savons pas) (?:\w+ )?(?:pr(?:é|e)voir|o(?:ù|u)|quel|quelle|qui|combien|quand)`,
		`(?:nous|m'|me|les|nous) (?:\w+ ){0,1}?appellent (?:\w+ ){0,2}?(?:\d+|dix|vingt|trente|quarante|cinquante) fois`, `impossible de`, `c'est rendu`, `fend le c(?:œ|oe)ur`,
		`rest(?:e|ent|ait|aient|(?:é|e)s?) (?:\w+ )?vides?`, `(?:à|a) vide`, `refai(?:t|s|re|sons|ont)`, `la m(?:ê|e)me question`, `une fortune`, `se tromp\w*`, `(?:on|nous|je) (?:nous |me )?tromp\w*`, `(?:re(?:ç|c)oi\w*|viennent|arrivent|marche|fonctionne|r(?:é|e)pond(?:ent)?) pas`, `(?:le|la|les|au|du|un|une|sur le|(?:à|a) la|aux) mauvaise?s? (?:version|adresse|clients?|produits?|commandes?|personnes?|dossiers?|fichiers?|patients?|chambres?|salles?|dates?|chantiers?|num(?:é|e)ros?|prix|tarifs?|sites?|endroits?|heures?|jours?|destinataires?|colis|pi(?:è|e)ces?|r(?:é|e)f(?:é|e)rences?|quantit(?:é|e)s?|tailles?|factures?|infos?|informations?|donn(?:é|e)es|chauffeurs?|camions?|montants?)`, `perd(?:s|ons|ent|ait|aient)? (?:mes|nos|leurs|ses|des|les|la|le|du|un|une|beaucoup)`, `perdu (?:des|nos|mes|\d+)`, `jongl\w*`, `(?:on|nous) vis(?:e|ons) (?:\d+|moins|z(?:é|e)ro)`, `(?:pas|jamais) (?:à|a) temps`, `failli`, `tard le soir`, `jusqu'(?:à|a) (?:minuit|\d+ ?h)`, `(?:\d+|deux|trois|quatre|cinq|dix|vingt|trente|plusieurs) fois par (?:jour|semaine)`, `explos\w*`, `s'envol\w*`, `sans que personne`,
		`(?:on a eu|nous avons eu|il y a eu|j'ai eu) (?:\w+ ){0,2}?(?:erreurs?|incidents?|plaintes?|oublis?|retards?|pannes?|r(?:é|e)clamations?)`, `ransomwar\w*`, `(?:cola|salle) (?:\w+ )?(?:llena|pleine)`,
		`(?:deux|trois|quatre|plusieurs|\d+) fois (?:cette|ce|le|la|l'|depuis|en) (?:\w+ )?(?:semaine|mois|ann(?:é|e)e|trimestre|dernier|derni(?:è|e)re|janvier|f(?:é|e)vrier|mars|avril|mai|juin)`, `sans savoir`, `s'(?:est|sont) (?:\w+ )?(?:perdu|(?:é|e)gar|bloqu|tromp)\w*`, `(?:parti|partis|partie|parties|part|partent|envoy(?:é|e)s?) sans`, `chaque (?:fin de )?(?:jour|matin|soir|semaine|lundi|vendredi|mois|fois|saison)\b[^.!?\n]{0,60}?\b(?:reprend\w*|refai\w*|ressaisi\w*|recopi\w*|v(?:é|e)rifi\w*|pointe\w*|relanc\w*|(?:une|un) par (?:une|un))`,
		`seule? (?:une )?personne (?:\w+ ){0,1}?(?:sait|conna(?:î|i)t|comprend)`, `(?:au|le|la|les|du|(?:à|a) la|aux|sur le|dans le|vers le) mauvaise?s? \w+`, `(?:ne sont|n'est) pas au courant`, `heures sup\w*`,
		`(?:ne|n') (?:\w+ )?(?:savent|sait|savons|trouvent|trouve|trouvons|voient|voit|voyons|arrivent|arrive|tombe|tombent|correspond|correspondent|marche|marchent|r(?:é|e)pond|r(?:é|e)pondent) jamais [\pL\w]`, `dispara(?:î|i)\w*`, `disparu\w*`, `chacun (?:\w+ ){0,3}?(?:sa (?:propre )?(?:fa(?:ç|c)on|sauce|mani(?:è|e)re)|son propre|sa propre|diff(?:é|e)remment)`, `ou pas du tout`, `(?:l'apprenn\w*|l'apprend|d(?:é|e)couvr\w*|rend(?:ons)? compte) (?:\w+ ){0,4}?(?:qu'|le matin|trop tard|au dernier moment|la veille|le jour m(?:ê|e)me)`, `(?:d(?:é|e)couvr\w*|apprenn\w*|apprend|rend compte|sait|savons) (?:\w+ ){0,4}?(?:au dernier moment|trop tard)`, `(?:si|tellement) longtemps`,
	},
	LangSpanish: {
		`(?:pierden|perdemos|pierdo|gastan|gastamos|se (?:nos|me|les) (?:va|van|alarga|alargan|come|comen)) (?:\w+ ){0,3}?(?:la ma(?:ñ|n)ana|el d(?:í|i)a|la tarde|las tardes|las ma(?:ñ|n)anas|el fin de semana|los fines|los domingos|los s(?:á|a)bados|(?:\d+|dos|tres|cuatro|varias|muchas) (?:horas|d(?:í|i)as|semanas)|(?:un|una|medio|media) (?:d(?:í|i)a|ma(?:ñ|n)ana|tarde|semana|jornada)|casi (?:\w+ )?(?:semanas|d(?:í|i)as))`, `(?:pasan|pasamos|paso|pasa|dedican|dedicamos|dedico|nos lleva|me lleva|les lleva) (?:\w+ ){0,3}?(?:la ma(?:ñ|n)ana|el d(?:í|i)a|la tarde|las tardes|las ma(?:ñ|n)anas|el fin de semana|los fines|los domingos|los s(?:á|a)bados|(?:\d+|dos|tres|cuatro|varias|muchas) (?:horas|d(?:í|i)as|semanas)|(?:un|una|medio|media) (?:d(?:í|i)a|ma(?:ñ|n)ana|tarde|semana|jornada)|casi (?:\w+ )?(?:semanas|d(?:í|i)as))(?: [\pL\w'-]+){0,4}? [\pL\w]+(?:ando|iendo)\b`,
		`se (?:nos |me |les )?alarga`, `(?:cada|todos los|todas las) (?:\w+ )?(?:d(?:í|i)as?|ma(?:ñ|n)anas?|semanas?|lunes|viernes|mes(?:es)?|turnos?)\b[^.!?\n]{0,50}?\b(?:tenemos que|hay que|debemos|tengo que|toca|faltan?|se quedan|volvemos a|salen|se pierden?)`,
		`no (?:se )?(?:presentan|vienen|llegan|llega|pagan|contestan|responden|aparecen|avisan|actualiza|se actualiza|cuadran)`, `(?:nunca|no) (?:est(?:á|a)n?|va) (?:al d(?:í|i)a|actualizad)`,
		`se (?:nos |me |les )?(?:ha |han )?pas(?:ó|o|a|an|ado|aron) (?:\w+ ){0,2}?(?:plazos?|fechas?|citas?|vencimientos?)`, `se (?:nos |me |les )?van (?:\w+ ){0,2}?(?:los|las)`, `se quedan? sin`, `falt(?:an|a|aron) (?:\w+ ){0,2}?(?:personas|gente|voluntarios|repartidores|choferes|productos|piezas|datos)`,
		`medio vac(?:í|i)os?`, `en vano`, `a ojo`, `(?:hemos )?tir(?:amos|ar|ando|aron|ado|é|e)(?: a la basura)?`, `(?:dos|tres) veces (?:\w+ ){0,2}?(?:cobr|pag|factur|reserv)`, `perd(?:í|imos|ieron|i(?:ó|o))`,
		`(?:sistema|programa|software|herramienta|plataforma|app|aplicaci(?:ó|o)n|actual|web|p(?:á|a)gina) (?:\w+ ){0,4}?no (?:\w+ )?(?:permite|deja|tiene|sirve|da|guarda|genera|exporta|soporta|calcula|avisa|conecta|sincroniza|aguanta|carga)`,
		`disgusto`, `(?:molest|enfadad|enojad)(?:o|a|os|as)`, `(?:llaman|llamar|preguntan|preguntar|contestamos|contesto|atendemos) (?:\w+ ){0,5}?(?:\d+|diez|veinte|treinta|cuarenta|cincuenta|mil) veces`, `no me dejan`, `(?:se (?:nos|me) )?moj(?:ó|o)`, `sin cobrar`,
		`se qued(?:a|an|ó|o|aron|amos) sin`, `(?:regres|volv|sal|lleg|va|van|viaj)\w* (?:\w+ ){0,2}?vac(?:í|i)(?:o|a|os|as)`, `se (?:nos|me|les) (?:ha |han )?(?:pas|escap)(?:ó|o|an|a|ado|aron)`, `cancelaron`, `nos cancel\w*`, `no (?:\w+ ){0,2}?a tiempo`, `observaciones (?:de|del)`, `hallazgos`, `no (?:pudimos|podemos|puedo|pude|pueden|pudieron) (?:\w+ )?(?:localizar|encontrar|atender|ver|saber|cobrar|responder|contestar|controlar|cumplir)`, `a todas horas`, `una fortuna`, `(?:estuvo|estuvieron|quedaron|qued(?:ó|o)|est(?:á|a)n) parad(?:o|a|os|as)`, `se disparan?`, `disparad(?:o|a|os|as)`, `tarde y mal`, `(?:cobra|cobran|pagamos|pago) de m(?:á|a)s`, `llegan? tarde`, `la misma pregunta`, `(?:\d+|dos|tres|cuatro|diez|veinte|varias) veces (?:al|por) (?:d(?:í|i)a|semana)`, `malabares`,
		`(?:tuvimos|hubo|hemos tenido) (?:\w+ ){0,2}?(?:errores|incidentes|quejas|fallos|ca(?:í|i)das|overbooking|reclamaciones)`, `cola (?:\w+ )?llena`, `llen(?:o|a|os|as) de (?:gente|vecinos|clientes|pacientes|llamadas|correos)`,
		`(?:dos|tres|varias|\d+) veces (?:este|esta|el|la|en el|en la|en los|los|las) (?:\w+ )?(?:semana|mes|a(?:ñ|n)o|trimestre|pasad\w*|(?:ú|u)ltim\w*|mism\w*)`, `sin saber`, `dando vueltas`, `(?:terminan|terminamos|acaban|acabamos) \w+(?:ando|iendo)`, `(?:sali(?:ó|o)|salen|salieron|se envi(?:ó|o)|se enviaron) (?:\w+ ){0,2}?sin`,
		`s(?:ó|o)lo (?:una )?persona (?:\w+ ){0,1}?(?:sabe|entiende|conoce)`, `(?:ni|no) se (?:enteran|entera|enteraron)`, `(?:se queda|se quedan|nos quedamos|me quedo) (?:\w+ ){0,2}?horas (?:m(?:á|a)s|extra)`, `horas extra`,
		`nunca (?:\w+ )?(?:sabe|saben|sabemos|encuentra\w*|ve|ven|vemos|llega\w*|cuadra\w*|coincide\w*|funciona\w*|contesta\w*)`, `desaparec\w*`, `cada (?:uno|quien|cual) (?:\w+ ){0,3}?(?:distint\w*|diferent\w*|a su manera|su propi\w*)`, `o (?:ni )?nada`, `nos enteramos (?:\w+ ){0,2}?(?:tarde|cuando|al final)`, `(?:nos enteramos|se enteran|sabemos) (?:\w+ ){0,3}?(?:a (?:ú|u)ltima hora|demasiado tarde)`, `(?:tardan|tarda|dura|duran) tanto`,
	},
}

// needWishes are wishes strong enough to make a goal with any action in
// their clause ("I wish we could see which quotes are open", "es wäre
// schön, wenn ... nicht mehr ... müssten"), unless it is a request for
// information ("we'd love to see a demo").
var needWishes = map[string][]string{
	LangEnglish: {
		`i wish`, `we wish`, `(?:we|i)(?:'d| would) (?:really )?love`, `it would be (?:great|nice|good|ideal|amazing|helpful|a huge help)`, `ideally`, `(?:we|i)(?:'d| would) (?:really |much )?like`, `(?:we|i)(?:'re| are| am|'m) hoping`, `(?:we|i) hope`,
		`looking for a way`, `(?:our|the|my) goal`, `goal is`,
	},
	LangGerman:  {`(?:es )?w(?:ä|ae)re (?:\w+ )?(?:schön|schoen|toll|super|gut|ideal|prima|klasse|hilfreich)`, `wünsche`, `wuensche`, `wünschen`, `wuenschen`, `wir (?:\w+ ){0,1}?würden gerne`, `wir (?:\w+ ){0,1}?wuerden gerne`, `(?:hätten|haetten|hätte|haette) gerne?`, `(?:ich|wir) (?:möchte|möchten|moechte|moechten|will|wollen),? dass`, `ziel (?:ist|w(?:ä|ae)re)`},
	LangFrench:  {`on aimerait`, `j'aimerais`, `nous aimerions`, `ce serait (?:\w+ )?(?:bien|top|id(?:é|e)al|g(?:é|e)nial|super)`, `l'id(?:é|e)al`, `je r(?:ê|e)ve`, `on r(?:ê|e)ve`, `nous voudrions`, `je voudrais`},
	LangSpanish: {`ojal(?:á|a)`, `nos gustar(?:í|i)a`, `me gustar(?:í|i)a`, `ser(?:í|i)a (?:\w+ )?(?:ideal|genial|bueno|estupendo|perfecto)`, `lo ideal`, `so(?:ñ|n)amos`, `(?:lo que )?buscamos (?:es )?que`, `(?:queremos|necesitamos|quiero|necesito) que`, `(?:el|nuestro) objetivo`},
}

// needWishVerbs are the actions a wish in needWishes may aim at: a stop,
// a reduction, a comparison of before and after, or seeing and knowing
// something about the writer's work.
var needWishVerbs = map[string][]string{
	LangEnglish: {
		`stop`, `no longer`, `without`, `less (?:time|work|manual|paper|effort|errors|admin|chasing)`, `fewer`, `faster`, `quicker`, `down (?:from|to)`, `from \d+ (?:\w+ )?to \d+`, `in one place`, `at a glance`, `(?:the )?same[- ]day`, `on time`, `automatic(?:ally)?`, `get rid`, `cut (?:down|the|our|costs|time|out)`, `reduce`, `halve`,
		`(?:see|know|tell|track|find) (?:\w+ ){0,1}?(?:which|what|who|where|when|how many|how much|whether|if)`, `automate`, `avoid`, `never again`, `instead of`, `(?:\w+ ){0,1}?(?:anymore|any more)`,
	},
	LangGerman: {
		`nicht mehr`, `keine (?:\w+ ){0,2}?mehr`, `ohne`, `weniger`, `schneller`, `(?:auf|von) (?:einen|einem) blick`, `automatisch`, `(?:sehen|wissen|erkennen) (?:\w+ ){0,1}?(?:welche|wer|wo|wann|wie viele|ob)`, `statt`, `anstatt`, `halbieren`, `von \d+ (?:\w+ )?auf \d+`,
	},
	LangFrench: {
		`arr(?:ê|e)te(?:nt|r)?`, `ne plus`, `n'(?:\w+ )?plus`, `sans`, `moins`, `plus vite`, `(?:en )?un seul (?:endroit|outil|coup)`, `automatiquement`, `(?:voir|savoir|conna(?:î|i)tre) (?:\w+ ){0,1}?(?:quel|quelle|quels|quelles|qui|o(?:ù|u)|quand|combien|si)`, `au lieu de`, `diviser`, `de \d+ (?:\w+ )?(?:à|a) \d+`,
	},
	LangSpanish: {
		`dejar(?:an|a|on)? de`, `ya no`, `no tener que`, `sin`, `menos`, `m(?:á|a)s r(?:á|a)pido`, `en un (?:solo|s(?:ó|o)lo|mismo) lugar`, `autom(?:á|a)ticamente`, `(?:ver|saber|conocer) (?:\w+ ){0,2}?(?:qu(?:é|e)|cu(?:á|a)l|cu(?:á|a)les|qui(?:é|e)n|d(?:ó|o)nde|cu(?:á|a)ndo|cu(?:á|a)nto|si|real)`, `en lugar de`, `de \d+ (?:\w+ )?a \d+`,
	},
}

// needGroupedPattern compiles entries (see needWords) as one pattern. Its
// alternation is split into parts when compiled (see pattern.compile), and
// since the per-text literal index only keeps the parts whose literals
// occur, a part per entry costs a text nothing unless its words are there.
func needGroupedPattern(entries []string) *pattern {
	if len(entries) == 0 {
		return nil
	}
	return mustPattern(needWords(entries...))
}
