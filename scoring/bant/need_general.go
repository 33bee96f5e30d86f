package bant

import "slices"

// General need signals, added to each language's lexicon (see
// needCompiled). Where the lists in need_lexicon.go and the constructions
// in need_story.go and need_causes.go grew from the phrases of particular
// writers, these follow the labelling guide's definition: a stated need is
// the writer's own problem, pain, loss, failure, risk or concrete goal, in
// any words; exploring is curiosity, research, comparison or contentment
// with no pain. Each entry is a construction written in all four
// languages, by stem where the languages inflect:
//
//   - exasperation: "this can't go on", "so kann es nicht weitergehen",
//     "ça ne peut plus durer", "no puede seguir así";
//   - an ability lost or never had: "can never", "can no longer",
//     "können nie", "ne peuvent jamais", "ya no podemos";
//   - hitting a limit: "tops out at two locations", "stoße an die
//     Grenze", "plafonné à", "se nos queda corto";
//   - a supplier going under: "is shutting down", "insolvent", "faillite",
//     "quiebra";
//   - a quantified bad outcome: a share of people abandoning, cancelling,
//     complaining ("40 % des prospects abandonnent");
//   - a measurable goal: "the goal is +15 %", "reduce ... by 20 %",
//     "Ziel ist ... halbieren", "el objetivo es duplicar";
//   - something offered for the first time: "wanting to offer online
//     ticketing for the first time", "möchten erstmals ... anbieten";
//   - "not even": "we don't even know who opens it" (trouble, which
//     needs another cue);
//   - research done for someone else, market studies and comparisons,
//     curiosity about what exists, getting by with what one has, "no
//     pressure": exploring.
type needBroadLexicon struct {
	strong, forced, story, trouble, goal, denial, explore, curious []string
}

// needBroad holds the general signals by language.
var needBroad = map[string]needBroadLexicon{
	LangEnglish: {
		strong: []string{
			// round 9 (v17): a lack said as 'so far only', 'cannot yet', 'instead of having to'
			`so far (?:we )?(?:only )?(?:have|had|use|used) only`, `until now we (?:only )?(?:have|had) only`, `(?:can't|cannot|can not|isn't able to|is not able to) (?:\w+ ){0,3}?yet\b`, `instead of having to`,
			// round 9: people who keep calling or asking; a goal that makes a chore go away; a goal with a count
			`(?:call|calls|ask|asks|email|emails|complain|complains|ring|rings) (?:\w+ ){0,2}?(?:constantly|all the time|again and again|nonstop|non-stop)`, `keep (?:calling|asking|emailing|complaining|ringing)`,
			`(?:patch|patching|patched) (?:\w+ )?up`, `held together with`, `duct tape`, `makeshift`,
			// someone who should does not: one construction for what the lists said verb by verb
			`(?:nobody|no one|no-one|hardly anyone|almost nobody|nobody ever) (?:\w+ ){0,1}?(?:knows|answers|replies|responds|uses|reads|picks up|has|updates?|maintains?|keeps? (?:\w+ )?(?:up to date|current)|looks at|checks|buys|sees|opens|visits|comes)`,
			`(?:fail|fails|failing|break|breaks|breaking|crash|crashes) (?:down )?(?:constantly|all the time|regularly|often|again and again|every (?:week|day|month))`, `regret\w*`,
			`(?:arrived|came|delivered|was delivered|were delivered) (?:\w+ )?(?:damaged|broken|defective|incomplete|cracked)`, `(?:running|runs|run|getting) hot`, `overheat\w*`, `(?:started|starts|keeps) (?:smoking|sparking|leaking)`, `burning smell`, `(?:is|are|sits|sit|been|stands) (?:\w+ )?(?:idle|at a standstill)`, `at a standstill`, `(?:died|gave out|packed up|conked out|broke down|broken down)`, `(?:won't|wont|doesn't|does not|didn't) (?:\w+ )?(?:start|turn on|boot)`, `(?:freezes|freezing|froze|hangs) (?:\w+ ){0,2}?(?:every|again|constantly|all the time|several)`, `(?:afraid|worried|scared|fear\w*),? (?:\w+ ){0,4}?(?:break|fail|crash|go down|lose|collapse)\w*`, `(?:let us down|left us in the lurch|(?:has|have) dropped us|pulled out on us)`, `still (?:not|isn't|aren't|hasn't|haven't) (?:\w+ )?(?:ready|done|fixed|arrived|delivered|working|repaired)`, `(?:can't|cannot|unable to|couldn't|could not) (?:\w+ )?(?:sell|present|use|operate|produce|ship|open|launch|show)`, `(?:catastroph\w*|disastrous|dismal|terrible|awful|horrible)`, `(?:exhausted|burnt out|burned out|worn out)`, `(?:turn|turning|turned) (?:away|down) (?:\w+ ){0,1}?(?:orders|customers|clients|business|work|jobs|bookings|guests)`, `(?:at|to) (?:full |the )?(?:capacity|limit)`, `(?:can't|cannot|struggl\w* to) (?:\w+ ){0,1}?(?:find|hire|recruit) (?:\w+ ){0,1}?(?:staff|drivers|people|workers|candidates|technicians|nurses)`, `(?:have|has) to stop (?:the )?(?:line|machine|production)`,
			`(?:can't|cannot|can not) (?:go on|continue) like this`, `(?:is|are|isn't|is not|no longer) (?:\w+ )?(?:un)?sustainable`, `enough is enough`, `(?:has|have) to change`,
			`(?:can|could) (?:never|no longer)`, `(?:are|is|were|was) (?:never|no longer) able to`, `never (?:get|gets|got) to`,
			`(?:tops?|topped|maxe?s?|maxed) out`, `(?:hit|hits|hitting|reached|reach|reaching) (?:the |its |our |their |a )?(?:\w+ )?(?:limit|ceiling|cap)s?`, `(?:is|are) (?:limited|capped) (?:to|at) (?:\d+|one|two|three|five|ten)`, `only (?:supports?|allows?|handles?|takes?) (?:up to )?(?:\d+|one|two|three)`,
		},
		forced: []string{
			`(?:no longer|isn't|is not|won't be) (?:being )?(?:developed|supported|maintained)(?: any further)?`, `discontinued`,
			`(?:insurer|insurance|auditors?|regulator|authorit(?:y|ies)|bank|customer|client)s? (?:\w+ ){0,2}?(?:requires?|demands?|insists?|now wants|is requiring|is demanding)`,
			`(?:is|are|was|will be|be) (?:\w+ ){0,1}?(?:shutting|closing) down`, `(?:shuts?|closes?) down`, `(?:going|gone|went) (?:out of business|bust|under)`, `bankrupt\w*`, `insolven\w*`, `(?:pulling|pulls|pulled) out of`,
		},
		story: []string{
			`(?:wasted|unnecessary|pointless|extra|empty|needless) (?:trips|journeys|drives|runs|visits|call-?outs)`, `for nothing`, `(?:drive|drives|go|goes|come|comes|head|heads) back to (?:the )?(?:depot|warehouse|base|office|yard|shop) (?:for|to)`,
			`end(?:s|ed)? up (?:[\w-]+ing|having to|doing)`, `(?:bounce[sd]?|bouncing) back`, `(?:get|gets|got|come|comes|came) (?:\w+ )?back (?:to us )?(?:because|due to|with)`,
			`without (?:[\pL\w'-]+,? ){0,4}?(?:we|they|i) (?:can't|cannot|won't be able to|are not allowed to)`,
			`(?:\d+|two|three|four|five|several|multiple) times (?:now|already|so far|this (?:week|month|year|quarter)|in the (?:last|past))`, `(?:already|now) (?:\d+|two|three|four|five|several) times`,
			`(?:\d+ ?%|\d+ (?:out )?of (?:every )?(?:\d+|ten|five)|half|a third|a quarter|most) (?:of )?(?:our |the |all |their )?(?:\w+ ){0,3}?(?:abandon|drop(?:s|ped)? (?:off|out)|quit|churn|cancel|leave|left|bounce|fail|complain|give up|gave up|never \w+|(?:don't|do not|didn't|did not|can't|cannot|couldn't|could not) \w+)\w*`,
		},
		trouble: []string{
			`incorrect`, `too (?:few|little)`, `short (?:by|of)`, `not even`, `(?:don't|do not|doesn't|does not|didn't) even`},
		goal: []string{
			`so (?:that )?(?:\w+ ){0,6}?(?:no longer|stops?|goes away|disappears|is eliminated)\b`, `(?:goal|aim|objective) is to (?:\w+ ){0,3}?(?:\d+|all|every)\b`,
			`(?:goal|objective|target|aim) (?:is|of|:) (?:\w+ ){0,4}?(?:[+-] ?\d|\d+ ?%|double|triple|halve|from \d+ to \d+)`,
			`(?:increase|grow|boost|raise|cut|reduce|lower|improve|lift|shorten|decrease) (?:\w+ ){0,4}?by (?:\d+ ?%|half|a third)`,
			`(?:want|wanting|wants|plan|planning|plans|would like|'d like|hope|hoping|aim|aiming|looking|intend\w*) (?:\w+ ){0,1}?to (?:\w+ ){0,8}?for the first time`,
		},
		denial: []string{
			`well (?:equipped|served|covered)`, `(?:runs?|running|works?|working) (?:\w+ ){0,1}?(?:stabl[ey]|reliably|without (?:issues|problems|a hitch))`, `(?:get|getting|gets) by (?:fine )?with`, `(?:we|i) manage (?:fine |ok |okay )?with`, `no pressure`},
		explore: []string{
			// round 9 (v17): checking whether it is an option, thinking about it, no interest
			`(?:check|checking|see|seeing|look into|looking into) (?:\w+,? ){0,6}?(?:whether|if) (?:\w+ ){0,8}?(?:is an option|would work for us|makes sense|is worth it)`, `(?:we're|we are) thinking about`, `no interest (?:at the moment|right now|currently)`,
			`out there`, `getting a feel\b`, `nothing (?:is |has been )?(?:\w+ )?(?:decided|planned|concrete|budgeted)`, `(?:not|no) (?:\w+ ){0,1}?(?:planning|planned|plans?) (?:any |to )?(?:\w+ ){0,1}?(?:investments?|purchases?|buy\w*|spend\w*)`, `(?:keep|have) (?:\w+ ){0,2}?on file`, `(?:haven't|have not|not) (?:even |yet )?(?:picked|chosen|decided|selected)`, `no (?:open |real |immediate |current |actual |pressing )?needs?\b`,
			`compar(?:ing|isons?|ative)`, `compare (?:\w+ ){0,3}?(?:tools|vendors|options|solutions|providers|platforms|systems|offers|prices|apps|software)`,
			`market (?:engagement|sounding|consultation)`, `(?:purely|just|only|mostly) (?:\w+ )?(?:research|exploratory)`, `background (?:research|reading|for)`,
			`(?:asked|told|tasked|wants|want|asks) (?:me|us) to (?:\w+ ){0,1}?(?:look into|research|compare|find out|gather|collect|put together|review)`, `find out about`,
		},
		curious: []string{`what (?:options |solutions |tools )?(?:exist|there is)`, `(?:are|is) (?:you|yours|your \w+) cheaper`},
	},
	LangGerman: {
		strong: []string{
			// round 9 (v17): 'bisher haben wir nur', 'kann das bislang nicht', 'statt ... zu müssen'
			`bisher (?:haben|hatten|nutzen|nutzten) wir (?:\w+ ){0,2}?nur`, `(?:kann|können|koennen) (?:\w+ ){0,2}?(?:bislang|bisher|noch) nicht\b`, `statt (?:\w+ ){0,8}?zu m(?:ü|ue)ssen`,
			// round 9: Leute, die ständig anrufen oder nachfragen
			`(?:rufen|ruft|fragen|fragt|melden sich|beschweren sich|beschwert sich|schreiben|mailen) (?:\w+ ){0,2}?(?:st(?:ä|ae)ndig|dauernd|andauernd|permanent|pausenlos)`,
			`(?:geflickt|flicken|flickt|notd(?:ü|ue)rftig|provisorisch)`,
			// someone who should does not: one construction for what the lists said verb by verb
			`(?:keiner|niemand|kaum jemand\pL*) (?:\w+ ){0,2}?(?:ran|wei(?:ß|ss)|antwortet|tr(?:ä|ae)gt|merkt|bemerkt|gemerkt|gesehen|sieht|wusste|pflegt|aktualisiert|aktuell h(?:ä|ae)lt|schaut|nutzt|kennt|liest)`, `kaum jemand\pL*`,
			`f(?:ä|ae)llt (?:\w+ ){0,2}?(?:st(?:ä|ae)ndig|dauernd|oft|immer wieder|regelm(?:ä|ae)(?:ß|ss)ig) aus`, `bereu\pL*`,
			`(?:kam|kamen|wurde|wurden|ist|sind) (?:\w+ ){0,2}?(?:beschädigt|beschaedigt|defekt|kaputt|unvollst(?:ä|ae)ndig) an`, `besch(?:ä|ae)digt`, `defekt\pL*`, `(?:ü|ue)berhitz\pL*`, `hei(?:ß|ss) gelaufen`, `qualm\pL*`, `raucht`, `abgeraucht`, `hin(?:ü|ue)ber`, `springt (?:\w+ ){0,2}?nicht (?:mehr )?an`, `(?:linie|anlage|maschine|produktion|band|halle|presse|fahrzeug|stapler) (?:\w+ ){0,1}?steht`, `(?:friert|h(?:ä|ae)ngt) (?:\w+ ){0,3}?(?:ein|auf)\b`, `(?:angst|sorge|bef(?:ü|ue)rchte|f(?:ü|ue)rchte)\pL*,? (?:\w+ ){0,5}?(?:kaputt|ausf(?:ä|ae)ll|bricht|brechen|verlier|stillstand)\pL*`, `(?:im stich gelassen|h(?:ä|ae)ngen (?:ge)?lassen|abgesprungen)`, `(?:immer noch|noch immer) nicht (?:\w+ )?(?:fertig|da|geliefert|repariert|behoben)`, `(?:k(?:ö|oe)nnen|d(?:ü|ue)rfen|kann|darf) (?:\w+ ){0,3}?(?:nicht|nichts) (?:\w+ ){0,2}?(?:verkaufen|pr(?:ä|ae)sentieren|nutzen|benutzen|produzieren|liefern|starten|zeigen)`, `katastroph\pL*`, `desastr\pL*`, `miserabel`, `ersch(?:ö|oe)pft`, `ausgebrannt`, `(?:auftr(?:ä|ae)ge|anfragen|kunden) (?:\w+ ){0,2}?ablehnen`, `am limit`, `erreich\pL* (?:\w+ )?kaum`, `(?:finden|bekommen|kriegen) (?:\w+ ){0,2}?(?:kaum|keine|nicht genug) (?:\w+ )?(?:leute|personal|fahrer|fachkr(?:ä|ae)fte|mitarbeiter|bewerber)\pL*`, `(?:finden|bekommen) (?:\w+ ){0,1}?kaum noch`, `gar (?:keine?n?|nichts)\b`, `(?:schick|send)\pL* (?:\w+ ){0,3}?zur(?:ü|ue)ck`,
			`so (?:kann|geht|darf) es nicht weiter\pL*`, `(?:nicht mehr|kaum noch) (?:tragbar|haltbar|zumutbar)`, `untragbar`, `unhaltbar`, `muss sich (?:\w+ ){0,2}?(?:ä|ae)ndern`,
			`(?:k(?:ö|oe)nnen|kann|konnten|konnte) (?:\w+ ){0,3}?(?:nie|niemals|nicht mehr)\b`,
			`(?:an|auf) (?:die |der |unsere |ihre |seine |eine )?(?:\w+ )?grenzen?\b`, `\pL*limit erreicht`, `(?:ist|sind) (?:\w+ )?(?:begrenzt|limitiert) auf`, `nur bis (?:zu )?(?:\d+|zwei|drei|f(?:ü|ue)nf|zehn)`, `scheiter\pL*`, `gescheitert`,
		},
		forced: []string{
			`(?:entwickelt|pflegt|unterst(?:ü|ue)tzt|wartet) (?:\w+ ){0,2}?nicht (?:mehr )?weiter`, `nicht (?:mehr )?weiterentwickelt`, `abgek(?:ü|ue)ndigt`,
			`(?:versicherer|versicherung|pr(?:ü|ue)fer|beh(?:ö|oe)rde|bank|kunde|auftraggeber|wirtschaftspr(?:ü|ue)fer)\pL* (?:\w+ ){0,2}?(?:verlangt|fordert|besteht|schreibt (?:\w+ )?vor)`, `insolven\pL*`, `pleite`, `macht (?:\w+ )?dicht`, `(?:schlie(?:ß|ss)t|schlie(?:ß|ss)en) (?:\w+ ){0,2}?(?:den betrieb|das gesch(?:ä|ae)ft|die firma)`, `stellt (?:\w+ )?(?:den )?betrieb ein`, `zieht sich (?:\w+ ){0,2}?zur(?:ü|ue)ck`},
		story: []string{
			`(?:fahrten|anfahrten|wege) (?:\w+ )?(?:umsonst|unn(?:ö|oe)tig|doppelt)`, `leerfahrten`, `zur(?:ü|ue)ck (?:ins|zum|in das) (?:lager|depot|b(?:ü|ue)ro|werk)`,
			`(?:am ende|letztlich|schlussendlich|schlie(?:ß|ss)lich) (?:\w+ ){0,2}?(?:m(?:ü|ue)ssen|muss|landen|landet)`, `landen (?:\w+ ){0,3}?(?:wieder|doch) (?:bei|in)`,
			`sonst (?:\w+ ){0,6}?(?:nicht|nichts|kein|keine|keinen|droh\pL*|verlier\pL*|m(?:ü|ue)ssen)`, `ohne (?:[\pL\w'-]+,? ){0,4}?(?:k(?:ö|oe)nnen|d(?:ü|ue)rfen) (?:wir|sie|die) (?:\w+ ){0,3}?(?:nicht|kein\pL*)`,
			`schon (?:\d+|zwei|drei|vier|f(?:ü|ue)nf|mehrere|etliche) ?mal`, `(?:schon |bereits )?zum (?:\d+\.|zweiten|dritten|vierten|x-ten) mal`,
			`(?:\d+ ?%|die h(?:ä|ae)lfte|ein drittel|ein viertel|jede[rs]? (?:zweite|dritte|vierte|f(?:ü|ue)nfte)|die meisten) (?:der |unserer |aller |unsere |von )?(?:\w+ ){0,3}?(?:brech\pL* (?:\w+ ){0,2}?ab|abbr(?:u|e)ch\pL*|spring\pL* (?:\w+ )?ab|k(?:ü|ue)ndig\pL*|storn\pL*|beschwer\pL*|scheiter\pL*|\pL+ (?:\w+ ){0,3}?(?:nicht|nie|nichts)|verlassen)`,
		},
		trouble: []string{
			`fehlerhaft\pL*`, `zu wenig`, `nicht (?:ein)?mal`},
		goal: []string{
			`damit (?:\w+ ){0,6}?(?:wegf(?:ä|ae)llt|entf(?:ä|ae)llt|aufh(?:ö|oe)rt)\b`, `ziel (?:ist|sind|w(?:ä|ae)re|:),? (?:\w+ ){0,3}?(?:\d+|alle) (?:[\w-]+ ){0,6}?(?:\w+zu\w+en|zu \w+en)\b`,
			`ziel (?:ist|sind|w(?:ä|ae)re|:) (?:\w+ ){0,5}?(?:[+-] ?\d|\d+ ?%|verdoppeln|halbieren|senken|steigern|reduzieren|verk(?:ü|ue)rzen)`,
			`(?:steigern|senken|reduzieren|erh(?:ö|oe)hen|verk(?:ü|ue)rzen|verringern|verbessern) (?:\w+ ){0,4}?um (?:\d+ ?%|die h(?:ä|ae)lfte|ein drittel)`,
			`(?:m(?:ö|oe)chten|wollen|planen|will|m(?:ö|oe)chte|werden|wuerden|w(?:ü|ue)rden) (?:\w+ ){0,8}?(?:erstmals|zum ersten mal)`,
		},
		denial: []string{
			`gut (?:aufgestellt|versorgt|ausgestattet)`, `l(?:ä|ae)uft (?:\w+ ){0,2}?(?:ordentlich|stabil|zuverl(?:ä|ae)ssig|sauber)`, `(?:kein|keinen) (?:\w+ )?druck`, `druck gibt es keinen`, `kommen (?:\w+ ){0,2}?(?:gut )?(?:zurecht|klar)`},
		explore: []string{
			// round 9 (v17): prüfen, ob ... in Frage kommt; keine konkreten Pläne; denken darüber nach; kein Interesse
			`(?:pr(?:ü|ue)fen|schauen|kl(?:ä|ae)ren) (?:[\pL\w-]+,? ){0,6}?ob (?:[\pL\w-]+ ){0,8}?(?:in ?frage kommt|sinn (?:macht|ergibt)|lohnt|passt)`, `pl(?:ä|ae)ne (?:haben wir|gibt es) (?:\w+ )?keine`, `denken (?:\w+ ){0,2}?(?:dar(?:ü|ue)ber|daran) nach`, `interesse besteht (?:\w+ )?(?:nicht|keins?)`, `(?:derzeit|aktuell|momentan) kein interesse`,
			`recherchier\pL*`, `(?:übersicht|uebersicht|liste) (?:\w+ ){0,2}?(?:anbieter|l(?:ö|oe)sungen|hersteller|dienstleister)\pL*`, `(?:ich|wir) vergleich(?:e|en)`, `(?:infos?|informationen|preise|angebote) (?:\w+ ){0,4}?sammeln`, `(?:sammle|sammeln) (?:\w+ ){0,3}?(?:infos?|informationen|preise|angebote)`, `irgendwann (?:\w+ )?(?:mal|einmal|werden|wird|m(?:ü|ue)ssen|wollen|will|m(?:ö|oe)chten?|w(?:ü|ue)rden?|soll(?:en)?)`, `(?:kein|keine) (?:\w+ )?(?:geld|investitionen|anschaffung\pL*) (?:\w+ ){0,2}?(?:da|geplant|vorgesehen)`, `noch nicht (?:\w+ )?(?:entschieden|festgelegt|ausgew(?:ä|ae)hlt)`,
			`markt(?:erkundung|(?:ü|ue)bersicht|(?:ü|ue)berblick|recherche|analyse|sondierung|studie|beobachtung)`, `(?:anbieter|preis|tool|system|software|produkt)vergleich\pL*`, `vergleichen`, `vergleiche (?:\w+ ){0,2}?(?:anbieter|tools|l(?:ö|oe)sungen|systeme|angebote|preise)`,
			`(?:mich|uns) (?:\w+ ){0,4}?(?:zu )?informier\pL*`, `(?:schaue|schauen|sehe|sehen|gucke|gucken) (?:mich|uns) (?:\w+ )?um`, `umschauen`, `umsehen`, `reinschauen`, `reinzuschauen`, `neugier\pL*`,
			`(?:schaue|schauen|sehe) (?:mir|uns) (?:\w+ ){0,1}?(?:den )?markt`, `was es (?:da |so |inzwischen |mittlerweile |alles |an [\pL-]+ |auf dem markt ){0,3}gibt`,
			`(?:kauf|kauft|kaufen) (?:\w+ ){0,2}?nichts`, `nichts (?:\w+ ){0,2}?(?:kaufen|anschaffen)`,
		},
		curious: []string{`(?:mich|uns) (?:w(?:ü|ue)rden? )?(?:\w+ ){0,2}?interessier\pL*(?: \pL+)?,? (?:was|wie|ob|welche)`, `(?:sind sie|seid ihr) (?:\w+ )?g(?:ü|ue)nstiger`},
	},
	LangFrench: {
		strong: []string{
			// round 9 (v17): « jusqu'ici on n'a que », « ne peut pas encore », « au lieu de devoir »
			`jusqu'(?:ici|à présent|a present),? (?:on|nous) n'(?:a|avons|avait|avions) que`, `ne (?:peut|peuvent|sait|savent) pas encore`, `au lieu de devoir`,
			// round 9: des gens qui appellent sans cesse
			`(?:appellent|appelle|demandent|relancent|se plaignent|(?:é|e)crivent) (?:\w+ ){0,2}?(?:sans cesse|tout le temps|constamment|en permanence|sans arr(?:ê|e)t)`,
			`ne (?:d(?:é|e)marre|s'allume) (?:plus|pas)`, `(?:de la |d'la )?fum(?:é|e)e`, `(?:se )?met (?:\w+ )?(?:à|a) fumer`,
			// someone who should does not: one construction for what the lists said verb by verb
			`personne ne (?:\w+ )?(?:met (?:à|a) jour|tient (?:à|a) jour|suit|v(?:é|e)rifie|regarde|conna(?:î|i)t|ach(?:è|e)te|voit|lit|ouvre|vient|r(?:é|e)pond|sait)`,
			`tomb(?:e|ent) (?:\w+ ){0,2}?(?:sans cesse|tout le temps|souvent|r(?:é|e)guli(?:è|e)rement) en panne`, `regrett\pL*`,
			`(?:arriv|livr|re(?:ç|c)u)\pL* (?:\w+ )?(?:endommag|ab(?:î|i)m|cass|incomplet|d(?:é|e)fectu)\pL*`, `endommag\pL*`, `surchauff\pL*`, `(?:à|a) l'arr(?:ê|e)t`, `(?:ligne|production|machine|atelier|cha(?:î|i)ne) (?:\w+ ){0,2}?(?:bloqu|arr(?:ê|e)t)\pL*`, `fuite`, `d(?:é|e)chir\pL*`, `(?:fait|font) (?:un )?bruit`, `(?:crain\pL*|peur (?:de|que|d'))`, `(?:nous|m') (?:a|ont) l(?:â|a)ch(?:é|e)s?`, `(?:a|ont) l(?:â|a)ch(?:é|e)`, `(?:toujours|encore) pas (?:\w+ )?(?:pr(?:ê|e)ts?|fini|arriv(?:é|e)|livr(?:é|e)|r(?:é|e)par(?:é|e))`, `(?:risqu\pL*) (?:la |une |de |d'|des |le )`, `ne (?:\w+ )?(?:compren\pL*|voi\pL*|trouv\pL*) rien`, `ne (?:\w+ )?(?:peu\pL*|pou\pL*) rien (?:pr(?:é|e)senter|vendre|montrer|livrer|produire|voir|trouver)`, `catastroph\pL*`, `d(?:é|e)sastr\pL*`, `(?:é|e)puis(?:é|e)s?`, `(?:à|a) bout`, `refus\pL* (?:des |de |du )?(?:commandes|clients|chantiers|travail|r(?:é|e)servations)`, `(?:peine|mal) (?:à|a) (?:recruter|trouver)`, `rafistol\pL*`, `(?:toutes les|chaque) (?:deux |quelques |\d+ )?(?:minutes|heures)`,
			`(?:ça|ca|cela) ne peut (?:plus|pas) (?:durer|continuer)`, `intenable`, `insoutenable`, `(?:ne|n') (?:\w+ )?(?:peut|peuvent|pouvons|pouvez|pouvait|pouvaient|peux) (?:\w+ )?(?:jamais|plus)\b`,
			`(?:limit(?:é|e)e?s?|plafonn(?:é|e)e?s?) (?:(?:à|a) |au )`, `atteint (?:\w+ ){0,1}?(?:limite|plafond)s?`, `(?:arrive|arrivons|arrivent) (?:\w+ )?(?:à|a) (?:\w+ )?(?:limite|saturation)`, `(?:é|e)chou\pL*`,
		},
		forced: []string{
			`n'est plus (?:d(?:é|e)velopp|mis à jour|mis a jour)\pL*`, `ne (?:d(?:é|e)veloppe|fait (?:\w+ )?(?:é|e)voluer) plus`,
			`(?:assureur|auditeur|commissaire aux comptes|administration|banque|client|donneurs? d'ordre)s? (?:\w+ ){0,2}?(?:l'|les |le |la |nous |me |m')?(?:exige|exigent|impose|imposent|r(?:é|e)clame)`, `faillite`, `liquidation`, `redressement judiciaire`, `ferme (?:ses portes|boutique)`, `cess(?:e|era|ent) (?:son|ses|toute) activit(?:é|e)`},
		story: []string{
			`allers?[- ]retours?`, `d(?:é|e)placements? (?:inutiles?|pour rien)`, `retourn\pL* au (?:d(?:é|e)p(?:ô|o)t|magasin|bureau)`,
			`(?:finit|finissons|finissent|finissait) (?:\w+ ){0,2}?par`, `revien(?:nen)?t (?:\w+ ){0,2}?(?:(?:à|a) cause|en raison)`,
			`sans (?:[\pL\w'-]+,? ){0,4}?(?:on|nous|ils|je) ne (?:peu\pL*|pou\pL*)`, `sinon (?:on|nous|ils|le|la|les)`,
			`d(?:é|e)j(?:à|a) (?:\d+|deux|trois|quatre|cinq|plusieurs) fois`, `(?:\d+|deux|trois|quatre|cinq|plusieurs)(?:e|\pL*i(?:è|e)me)? fois que`,
			`(?:\d+ ?%|la moiti(?:é|e)|un tiers|un quart|la plupart) (?:des |de |d')?(?:nos |leurs )?(?:\w+ ){0,3}?(?:abandonn|quitt|annul|r(?:é|e)sili|partent|renonc|se plaign|ne (?:\w+ )?\pL+ (?:pas|jamais|rien))\pL*`,
		},
		trouble: []string{
			`erron(?:é|e)e?s?`, `incorrecte?s?`, `en moins`, `pas assez`, `m(?:ê|e)me pas`},
		goal: []string{
			`pour que (?:\w+ ){0,6}?(?:disparaisse|disparaissent|cesse|cessent)\b`, `objectif (?:est|serait) (?:de |d')(?:\w+ ){0,3}?(?:\d+|tous|toutes)\b`,
			`objectif (?:est|serait|:|de) (?:\w+ ){0,5}?(?:[+-] ?\d|\d+ ?%|doubler|diviser|r(?:é|e)duire|gagner|augmenter|passer de)`,
			`(?:augmenter|r(?:é|e)duire|baisser|diminuer|am(?:é|e)liorer|raccourcir) (?:\w+ ){0,4}?de (?:\d+ ?%|moiti(?:é|e))`,
			`gagner (?:des |plus de |de nouveaux )?(?:abonn(?:é|e)s|clients|ventes|parts de march(?:é|e))`,
			`(?:voulons|souhaitons|voudrions|aimerions|pr(?:é|e)voyons|veut|souhaite|voudrait|aimerait) (?:\w+ ){0,8}?pour la premi(?:è|e)re fois`,
		},
		denial: []string{
			`bien (?:(?:é|e)quip(?:é|e)s?|servis|lotis)`, `(?:tourne|fonctionne|marche) (?:\w+ ){0,1}?(?:correctement|sans (?:souci|probl(?:è|e)me)|de fa(?:ç|c)on stable)`, `(?:on|nous) (?:nous )?(?:d(?:é|e)brouill\pL*|en sort\pL*) (?:\w+ )?avec`, `(?:pas de|aucune) pression`},
		explore: []string{
			// round 9 (v17): voir si ça peut convenir, on y réfléchit, pas d'intérêt
			`voir si (?:\w+ ){0,8}?(?:pourrait|peut) (?:nous )?convenir`, `(?:on|nous) y r(?:é|e)fl(?:é|e)chi(?:t|ssons)`, `pas d'int(?:é|e)r(?:ê|e)t (?:pour le moment|actuellement)`,
			`aucun (?:achat|investissement|projet) (?:n'est )?(?:\w+ )?(?:pr(?:é|e)vu|planifi(?:é|e))`, `rien (?:n'est )?(?:encore )?(?:d(?:é|e)cid(?:é|e)|arr(?:ê|e)t(?:é|e)|pr(?:é|e)vu)`, `rien pour le moment`, `garder le contact`, `regard(?:e|ons) juste`, `(?:rassembl|collect|recueill|r(?:é|e)un)\pL* (?:des |quelques )?(?:infos|informations)`, `pas encore (?:\w+ )?(?:choisi|d(?:é|e)cid(?:é|e))`,
			`comparati\pL*`, `(?:(?:é|e)tude|sondage|consultation|sourcing|panorama|cartographie) (?:\w+ )?(?:de |du )?march(?:é|e)`, `(?:me|nous) renseigner`, `(?:m'|nous )informer`, `par curiosit(?:é|e)`,
		},
		curious: []string{`ce qui (?:existe|se fait)`, `(?:(?:ê|e)tes[- ]vous|vous (?:ê|e)tes) (?:\w+ )?moins chers?`},
	},
	LangSpanish: {
		strong: []string{
			// round 9 (v17): «hasta ahora solo tenemos», «todavía no puede», «en vez de tener que»
			`hasta ahora (?:solo|sólo) (?:tenemos|ten(?:í|i)amos|usamos)`, `(?:todav(?:í|i)a|a(?:ú|u)n) no (?:puede|pueden|permite|sabe)`, `en (?:vez|lugar) de tener que`,
			// round 9: gente que llama constantemente
			`(?:llaman|llama|preguntan|pregunta|se quejan|se queja|escriben) (?:\w+ ){0,2}?(?:constantemente|todo el rato|todo el tiempo|sin parar|a cada rato|continuamente)`,
			`no (?:arranca|enciende|prende)`, `(?:echa|sale|sal(?:í|i)a|ech(?:ó|o)) humo`, `se congela`,
			// someone who should does not: one construction for what the lists said verb by verb
			`(?:casi )?nadie (?:\w+ ){0,3}?(?:sab|vio|ve|avis|anot|revis|ten(?:í|i)a|escrib|controla|se entera|contest|respond|explic|llam|actualiz|mantien|consult|usa|lee|conoce|compra|abre|visita)\pL*`,
			`(?:falla|fallan|se rompe|se rompen|se aver(?:í|i)an?|se cae|se caen) (?:\w+ )?(?:constantemente|siempre|cada dos por tres|a menudo|todo el tiempo|continuamente)`, `arrepent\pL*`,
			`(?:lleg|entreg)\pL* (?:\w+ )?(?:dañad|danad|rot[oa]|incomplet|golpead|defectuos)\pL*`, `(?:dañad|averiad|estropead)[oa]s?`, `sobrecalent\pL*`, `(?:hace|hacen) (?:un )?ruido`, `(?:miedo|temo|me temo)`, `(?:se ha|se han|se) (?:desgarr|romp|rompi|estrope|aver)\pL*`, `desgarr\pL*`, `fuga`, `(?:l(?:í|i)nea|m(?:á|a)quina|producci(?:ó|o)n|planta) (?:\w+ ){0,2}?parad[oa]`, `(?:nos|me) (?:dej(?:ó|o|aron)|fall(?:ó|o|aron)) (?:tirad|colgad)\pL*`, `(?:todav(?:í|i)a|a(?:ú|u)n) no (?:\w+ )?(?:est(?:á|a)n?|ha|han) (?:\w+ )?(?:list|llegad|arreglad|entregad)\pL*`, `(?:riesgo de|arriesg\pL*)`, `no (?:pueden|podemos|puede|puedo) (?:\w+ )?(?:presentar|vender|trabajar|usar|producir|entregar|operar|mostrar)\pL*`, `catastr(?:ó|o)fic\pL*`, `desastr\pL*`, `p(?:é|e)sim[oa]s?`, `(?:agotad|destrozad|quemad)[oa]s?`, `dejando pasar`, `rechaz\pL* (?:\w+ )?(?:pedidos|clientes|trabajos|reservas)`, `al (?:l(?:í|i)mite|tope)`, `no (?:encontramos|conseguimos|hay) (?:\w+ ){0,1}?(?:personal|conductores|gente|candidatos|t(?:é|e)cnicos)`, `(?:tenemos|hay) que parar`, `(?:lo|la|los|las) (?:\w+ )?(?:apañ|apan|parch)\pL* con`, `dej\pL* sin (?:servicio|luz|agua|sistema|conexi)\pL*`, `tard(?:o|amos|an|a) (?:\w+ ){0,1}?(?:mucho|horas|d(?:í|i)as|semanas|\d+)`, `(?:d(?:í|i)as|jornadas|semanas) enter[oa]s`, `la jornada (?:entera|completa)`, `(?:perd|pierd)\pL* (?:un |el |hasta un |casi un )?\d+ ?%`, `quej\pL*`, `(?:cada|toda) (?:pocos|pocas|dos|tres|\d+) (?:minutos|horas)`,
			`no (?:puede|podemos|pueden) seguir (?:as(?:í|i)|de esta manera)`, `insostenible`, `(?:nunca|ya no) (?:pueden|podemos|puede|puedo|logramos|consiguen)`,
			`(?:se (?:nos |me )?queda(?:n)? cort[oa]s?|no (?:nos )?da abasto|no da para m(?:á|a)s)`, `limitad[oa]s? a (?:\d+|dos|tres|cinco|diez)`, `(?:llegamos|lleg(?:ó|o)|llega) al (?:l(?:í|i)mite|tope)`, `fracas\pL*`,
		},
		forced: []string{
			`(?:ya no|dejar(?:á|a|on)? de) (?:se )?(?:desarroll|actualiz|da soporte|dar soporte|tiene soporte)\pL*`, `descontinuad[oa]`,
			`(?:aseguradora|auditor|auditora|administraci(?:ó|o)n|banco|cliente|hacienda)s? (?:\w+ ){0,2}?(?:exige|exigen|obliga|obligan|impone)`, `quiebra`, `quebr(?:ó|o)`, `concurso de acreedores`, `cierra (?:sus puertas|el servicio|la empresa)`, `deja de operar`},
		story: []string{
			`(?:viajes?|vueltas?) (?:de m(?:á|a)s|en balde|innecesari\pL*|para nada)`, `(?:vuelven|volvemos|regresan|regresamos) (?:\w+ )?(?:al almac(?:é|e)n|a la base|al dep(?:ó|o)sito|a la oficina)`,
			`(?:nos|me|les) devuelv\pL*`,
			`sin (?:[\pL\w'-]+,? ){0,4}?no (?:podemos|pueden|podremos|puedo)`, `de lo contrario`,
			`ya (?:van|son|llevamos) (?:\w+ )?(?:\d+ |dos |tres |cuatro |varias )?veces`, `(?:dos|tres|cuatro|cinco|varias|\d+) veces que`,
			`(?:\d+ ?%|la mitad|un tercio|un cuarto|la mayor(?:í|i)a) (?:de )?(?:los |las |nuestros |nuestras )?(?:\w+ ){0,3}?(?:abandon|cancel|se van|se fueron|se quej|renunci|no \pL+|nunca \pL+)\pL*`,
		},
		trouble: []string{
			`incorrect[oa]s?`, `de menos`, `no alcanza`, `ni siquiera`},
		goal: []string{
			`para que (?:\w+ ){0,6}?(?:desaparezca|desaparezcan|deje de|dejen de)\b`, `objetivo es (?:\w+ ){0,3}?(?:a )?(?:\d+|todos|todas)\b`,
			`objetivo (?:es|ser(?:í|i)a|:|de) (?:\w+ ){0,5}?(?:[+-] ?\d|\d+ ?%|duplicar|reducir|aumentar|ganar|bajar|pasar de)`,
			`(?:aumentar|reducir|bajar|subir|mejorar|acortar|disminuir) (?:\w+ ){0,4}?(?:un|en un|en) \d+ ?%`,
			`(?:queremos|quisi(?:é|e)ramos|planeamos|pensamos|vamos a|nos gustar(?:í|i)a|buscamos) (?:\w+ ){0,8}?por primera vez`,
		},
		denial: []string{
			`bien (?:equipad|cubiert|servid)[oa]s`, `(?:me|nos) apa(?:ñ|n)\pL*`, `(?:me|nos) (?:las )?arreglo con`, `(?:nos )?arreglamos con`, `sin presi(?:ó|o)n`, `funciona (?:\w+ )?(?:estable|sin problemas|correctamente)`},
		explore: []string{
			// round 9 (v17): ver si nos conviene, estamos pensando, sin interés por ahora
			`ver si (?:\w+ ){0,8}?(?:nos conviene|nos sirve|tiene sentido)`, `estamos pensando (?:en|si)`, `sin inter(?:é|e)s por ahora`,
			`no (?:vamos a|pensamos|planeamos) (?:comprar|invertir|cambiar) (?:nada )?(?:hasta|antes)`, `seguir en contacto`, `(?:recopil|reun)\pL* (?:\w+ )?(?:informaci|datos|precios)\pL*`, `todav(?:í|i)a no (?:hemos )?(?:elegido|decidido)`,
			`comparativ\pL*`, `compar(?:ar|amos|o) (?:\w+ ){0,3}?(?:sistemas|herramientas|proveedores|opciones|soluciones|ofertas|precios|programas)`, `valorar (?:\w+ ){0,2}?(?:herramientas|opciones|proveedores|soluciones|alternativas|sistemas)`,
			`(?:estudio|sondeo|consulta|an(?:á|a)lisis) (?:\w+ ){0,2}?(?:de |del |al )mercado`, `informar(?:me|nos)`, `por curiosidad`,
		},
		curious: []string{`(?:son|sois|es) (?:\w+ )?m(?:á|a)s barat[oa]s?`},
	},
}

// needWithBroad returns l with the general signals of lang added.
func needWithBroad(l needLexicon, lang string) needLexicon {
	b := needBroad[lang]
	l.strong = slices.Concat(l.strong, b.strong)
	l.forced = slices.Concat(l.forced, b.forced)
	l.trouble = slices.Concat(l.trouble, b.trouble)
	l.goal = slices.Concat(l.goal, b.goal)
	l.denial = slices.Concat(l.denial, b.denial)
	l.explore = slices.Concat(l.explore, b.explore)
	return needWithSeventh(needWithWider(l, lang), lang)
}
