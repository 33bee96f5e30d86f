package bant

import (
	"slices"
	"strings"
)

// The need lexicons, in English, German, French and Spanish. People rarely
// write "our problem is"; they tell a story ("every Monday two people copy
// the orders from the mails into Excel", "se nos pierden los pedidos"). The
// detector (need_detect.go) therefore reads cue families, not sentences,
// and combines them per sentence:
//
//   - strong pains that state a pain alone ("struggling", "Chaos", "on
//     galère", "no damos abasto"), a lack of something a business needs
//     ("no visibility", "keine Übersicht", "aucun suivi", "sin
//     trazabilidad") and forced changes or risks (end of support, a
//     contract running out, an audit finding, a break-in, a new law);
//   - the generic problem words ("problems", "Probleme", "soucis");
//   - weak cues that hint at a pain (manual work, things going wrong,
//     repetition and time spent, a wish to buy something) and count only
//     together with another cue in the same sentence or the next one;
//   - supports (objects of work, "because", "today", "still") that add to
//     a pain but never make one;
//   - outcome goals: a wish with an action verb ("we want to cut", "wir
//     möchten ... automatisieren", "nous souhaitons réduire", "queremos
//     dejar de"), which a request for information is not;
//   - solved-pain markers, negators, "no need" and exploratory statements.
//
// Each language has its own lists (a French "plante" is not a Spanish
// "planteamos"); English runs on every text too, as inquiries in the
// other languages borrow English words ("Tool", "Excel", "Deadline").
// Go's \b only knows ASCII letters, so an entry that starts or ends in an
// accented letter gets no boundary on that side (see needWords).

// needLexicon is one language's cue lists; each entry is a regular
// expression over lower-cased text.
type needLexicon struct {
	strong, lack, forced, mid, manual, trouble, want, time, support, object []string
	goal, goalWish, goalVerb, info, solved, denial, explore, urgent         []string
}

// needLexicons are the cue lists of the four languages, by language code.
var needLexicons = map[string]needLexicon{
	LangEnglish: {
		strong: []string{
			`struggl(?:e|es|ed|ing)`, `churn`, `nothing is (?:centrali[sz]ed|in one place|connected|shared)`, `not centrali[sz]ed`, `(?:has|have|had) no idea`, `(?:don't|do not|doesn't|does not|didn't) know (?:which|who|what|where|when|if|whether|how many|how much|why)`, `wait(?:s|ing)? (?:\w+ ){0,3}?(?:weeks|days|hours|months)`, `(?:searching|hunting) for`, `jammed`, `overloaded`, `(?:give|gives|giving|gave) up (?:trying|calling|waiting|on)`, `(?:can't|cannot|couldn't) get through`, `sit(?:s|ting)? (?:\w+ ){0,2}?(?:untouched|unanswered|for days|for weeks|idle)`, `unanswered`, `untouched`, `nobody (?:owns|follows up|checks|is responsible)`, `never gets? (?:a |an |any )?(?:\w+ ){0,1}?(?:follow[- ]ups?|reply|replies|answer|response|call ?back)`, `(?:the )?wrong (?:items|orders|products|parts|address(?:es)?|invoices|prices|people|amounts?|numbers|data|version|patient|customer)`, `(?:spend|spends|spending|spent) (?:\w+ ){0,3}?(?:hours|days|half (?:a|the|their|our) day|so much time|a lot of time|too much time|ages)`, `painfully`, `(?:very|really|super|extremely|incredibly|terribly|so|quite|far too|way too) (?:slow|expensive|unreliable|outdated|buggy|complicated|manual|messy|clunky|error[- ]prone|time[- ]consuming)`, `(?:takes?|taking|took) (?:\w+ ){0,2}?(?:much|too much|a lot of|so much|lots of) time`, `frustrat(?:ed|ing|ion|es)`, `nightmares?`, `chaos`, `chaotic`, `headaches?`, `pain points?`, `bottlenecks?`,
			`fed up`, `sick of`, `tired of`, `overwhelmed`, `swamped`, `drowning in`, `bogged down`, `buried (?:in|under)`,
			`(?:fall|falls|falling|fell|slip|slips|slipping) through the cracks`, `(?:can't|cannot|couldn't) (?:keep up|cope)`,
			`error[- ]prone`, `time[- ]consuming`, `tedious`, `cumbersome`, `clunky`, `waste of time`,
			`(?:wasting|wasted|waste|wastes) (?:\w+ ){0,3}?(?:time|hours|days?|weeks?|weekends?|money|effort|mornings?|afternoons?)`,
			`double[- ]book(?:ing|ings|ed)`, `overbook(?:ing|ings|ed)?`, `overbookings`, `overs(?:ell|elling|old)`, `no[- ]shows?`, `outages?`, `downtime`,
			`keeps? (?:crashing|failing|breaking|freezing|going down|losing|forgetting|missing)`,
			`(?:we|they|i|people|customers|clients|staff) keep (?:losing|missing|forgetting|getting|having|chasing|running|asking|calling)`,
			`(?:doesn't|does not|don't|won't|can't|cannot|didn't) scale`, `not scalable`, `outgr(?:own|ew)`,
			`too (?:slow|expensive|complicated|complex|manual|clunky|buggy|costly|time[- ]consuming|error[- ]prone|many errors|many mistakes|late|long)`,
			`takes? (?:us )?(?:forever|ages|too long)`, `(?:takes?|taking|took) (?:\d+|several|many|a few) (?:minutes|hours|days|weeks) to (?:load|open|start|run|sync|export|process|finish|answer|respond|reply|find)`, `(?:costing|costs|cost) us (?:\w+ ){0,2}?(?:money|time|hours|customers|clients|deals|sales|a fortune)`,
			`los(?:e|es|ing|t) (?:a |an |the |our |some |many |half |\w+ )?(?:money|customers|clients|deals|revenue|sales|business|patients|orders|leads|track|bookings|guests|members|students|donors|loads?|shipments?|data|files|messages|calls|tickets|time)`,
			`(?:is|are|was|were|got|get|gets|getting|go|goes|went) (?:\w+ ){0,2}?(?:lost|missed|forgotten|overlooked|dropped|ignored)`,
			`(?:isn't|is not|aren't|are not|no longer|not) (?:\w+ ){0,1}?working`, `(?:isn't|is not|no longer) cutting it`, `a (?:huge |real |big |total |complete )?mess`, `messy`,
			`complain(?:ing|ed|s|ts)?`, `missed (?:\w+ ){0,1}?(?:deadlines?|appointments|calls|orders|shipments|renewals|follow[- ]ups?|payments|invoices|sla|targets?|forecast)`,
			`failed (?:an |our |the )?audits?`, `never (?:match|matches|agree|agrees|add up|adds up|balance|balances|reconcile|line up)`, `(?:doesn't|don't|does not|do not) (?:match|agree|add up|balance|reconcile|sync|line up)`,
			`(?:always|often|constantly|regularly|frequently|sometimes|usually) (?:\w+ ){0,1}?(?:wrong|late|incorrect|inaccurate|missing|out of date|outdated|broken)`,
			`got (?:\w+ ){0,2}?wrong`, `(?:goes|go|went|going) wrong`, `inaccurate`, `out of sync`, `not (?:in sync|synced|sync)`,
			`(?:can't|cannot|couldn't|could not|unable to) (?:reconcile|find|track|see|keep track|tell|get|answer|respond|handle|process)`,
			`(?:nobody|no one|hardly anyone|almost nobody|nobody ever) (?:knows|answers|replies|responds|uses|reads|picks up|has)`,
			`(?:is|are) (?:\w+ ){0,1}?killing us`, `annoy(?:ed|ing)`, `(?:angry|unhappy|frustrated) (?:customers|clients|patients|guests|users|parents)`,
			`backlogs?`, `piling up`, `pile up`, `behind schedule`, `fall(?:ing)? behind`, `eats? up`,
		},
		lack: []string{
			`(?:no|without|zero|lack of|lacking|don't have any|do not have any|have no|no real) (?:\w+ ){0,2}?(?:access|visibility|overview|tracking|traceability|insights?|integration|transparency|audit trail|backups?|way to (?:know|see|track|tell|find|check))`,
		},
		forced: []string{
			`end[- ]of[- ](?:life|support)`, `no (?:more|further) (?:\w+ ){0,1}?(?:patches|updates|support|maintenance)`, `(?:goes|going|went) (?:off|out of) support`, `discontinu(?:e|ed|es|ing)`, `sunset(?:ting|ted)?`,
			`no longer (?:supported|maintained|receives?|gets?|available)`, `support (?:\w+ ){0,2}?(?:ends|expires|runs out|is ending|is expiring|ran out)`,
			`mandatory`, `required by law`, `legal(?:ly)? (?:requirement|required|obligation)`, `auditors?`, `(?:won't|will not|don't|do not) accept`,
			`hacked`, `(?:data )?breach`, `ransomware`, `phishing[- ]?(?:attacks?|e-?mails?|mails?|incidents?|angriff\w*|attacke\w*|campaigns?|kampagnen?)`, `stolen`, `theft`, `break-?ins?`, `otherwise (?:we|they)`,
			`flagged`, `(?:a |major |big |serious )risk`, `fines`, `fined`, `(?:a|the) fine (?:of|from|for)`, `penalt(?:y|ies)`, `sanctions?`, `failures?`, `incidents?`,
		},
		mid: []string{`problems?`, `issues`, `trouble`, `difficult(?:y|ies)`, `challenges?`},
		manual: []string{
			`manual(?:ly)?`, `by hand`, `paperwork`, `line by line`, `one by one`, `reconcil(?:e|es|ing|iation)`, `copy(?:ing)?`, `copies`, `pasting`, `copied`, `copy-paste`, `re-?typ(?:e|ing)`, `re-?enter(?:ing|ed|s)?`, `typing`, `key(?:ing)? in`,
			`spreadsheets?`, `excel`, `google (?:sheets|forms|docs)`, `paper`, `papers`, `printed`, `print(?:ing)? (?:and|&)`, `notebooks?`, `whiteboard`, `sticky notes`, `post-its?`,
			`phone calls?`, `by phone`, `on the phone`, `csv`, `re-?import(?:ing|ed)?`, `export(?:s|ing|ed)? (?:\w+ ){0,2}?(?:to|into) (?:excel|csv|a spreadsheet)`, `back and forth`, `whatsapp`, `cash`, `envelopes`, `calculators?`, `clipboards?`, `by e-?mail`, `by (?:post|letter|snail mail)`, `fax`, `word (?:documents|files)`,
		},
		trouble: []string{
			`errors?`, `mistakes?`, `wrong`, `typos`, `rejected`, `rejections?`, `denied`, `slow`, `slower`, `delays?`, `delayed`, `late`, `chasing`, `chase`, `forget(?:s|ting)?`, `forgot`, `missed`, `missing`,
			`lost`, `lose`, `losing`, `duplicates?`, `duplicated`, `scattered`, `spread across`, `all over the place`, `hard to`, `difficult to`, `impossible to`,
			`(?:three|four|five|several|multiple|different|two|3|4|5) (?:different |separate )?(?:tools|systems|apps|spreadsheets|inboxes|places|channels|forms)`,
			`risks?`, `risky`, `expensive`, `costly`, `crash(?:es|ed|ing)?`, `bugs?`, `buggy`, `unreliable`, `outdated`, `inefficient`, `broken`, `stops? me`,
			`(?:doesn't|does not|can't|cannot|won't) (?:integrate|talk|sync|support|handle|cover|do|let)`, `not (?:same|integrated|connected)`, `random`, `wait(?:ing)?`, `queues?`,
			`yet again`, `once again`,
		},
		want: []string{
			`(?:we|i)(?: \w+){0,2}? (?:need|needs|want|require|must have)`, `(?:we|i)(?:'re|'m| are| am) (?:\w+ ){0,1}?(?:looking|searching) for`,
			`(?:looking|searching) for (?:a|an|something|some)`, `need (?:a|an|some|something|real-time|new)`, `(?:want|need|trying|tasked|responsible|asked|directed) (?:me )?to (?:find|source|buy|get|introduce|implement|roll out|replace|change|switch)`,
			`to source`, `(?:introduce|implement|roll out|deploy|install) (?:a|an|new)`, `replacement`, `(?:switch|move|migrate) (?:away )?(?:to|from)`,
		},
		time: []string{
			`every (?:single )?(?:day|morning|evening|night|week|monday|tuesday|wednesday|thursday|friday|month|month-end|time|quarter|shift)`, `each (?:day|week|month|time)`, `daily`, `weekly`,
			`hours`, `minutes`, `(?:whole|entire) (?:day|morning|afternoon|weekend)`, `half a day`, `afternoons?`, `mornings?`, `evenings`, `weekends?`, `lunch break`,
			`(?:spend|spends|spending|spent) (?:\w+ ){0,4}?(?:hours|days|the (?:whole |entire )?(?:morning|day|afternoon)|half (?:a|the) day|(?:so much |too much |a lot of )?time|my|our)`,
			`takes? (?:\w+ ){0,5}?(?:hours|days|weeks|minutes|a day|half)`, `\d+ times (?:a|per|every) (?:day|week|month)`, `times per month`, `(?:a|per) day`, `per week`, `for weeks`, `for days`,
		},
		support: []string{`because`, `currently`, `right now`, `at the moment`, `still`, `today`, `always`, `constantly`, `regularly`, `often`, `never`, `again`, `recently`, `last (?:week|month|year|quarter)`},
		object: []string{
			`orders?`, `invoices?`, `invoicing`, `leads?`, `customers?`, `clients?`, `messages?`, `appointments?`, `bookings?`, `reservations?`,
			`tickets?`, `requests?`, `inquiries`, `enquiries`, `shifts?`, `rosters?`, `schedules?`, `scheduling`, `payroll`, `timesheets?`, `inventory`, `stock`, `shipments?`, `deliveries`,
			`reports?`, `reporting`, `data`, `contracts?`, `documents?`, `files?`, `follow[- ]ups?`, `patients?`, `guests?`, `students?`, `members?`, `donors?`, `candidates?`, `applicants?`,
			`expenses?`, `receipts?`, `quotes?`, `payments?`, `payouts?`, `commissions?`, `deadlines?`, `tasks?`, `projects?`, `onboarding`, `claims?`, `records?`, `accounts`, `statements?`, `dashboards?`, `machines?`,
		},
		goal: []string{
			`(?:we|i|we'd|i'd|we're|i'm|team|company) (?:\w+ ){0,3}?(?:want|wants|would like|'d like|need|needs|have|must|hope|hoping|aim|plan|trying|try|looking|wish) (?:\w+ ){0,1}?to (?:automate|reduce|cut|stop|avoid|eliminate|improve|speed up|consolidate|centrali[sz]e|digiti[sz]e|streamline|simplify|get rid of|modernize|modernise|fix|solve|standardi[sz]e|unify|free up|spend less|lower|minimi[sz]e|prevent|keep track|be (?:\w+ )?compliant|get (?:a handle|control|visibility|an overview)|shorten|halve|measure|be compliant|comply|stay compliant|protect|secure)`,
			`(?:looking for|need|want) (?:a |an )?(?:way|solution|tool|system|platform|app|something) (?:to|that) (?:automate|reduce|cut|stop|avoid|eliminate|improve|speed|track|sync|flag|prevent|catch|measure|keep|get)`,
			`(?:our|the|my|main|primary) (?:goal|objective|aim|target) (?:is|would be|for \w+ is)`,
			`so (?:that )?(?:we|nothing|no \w+|our \w+) (?:don't|do not|no longer|never|stop|can stop|won't|can [a-z])`,
		},
		info: []string{
			`know`, `receive`, `get (?:a|an|some|more|your|the) (?:quote|price|pricing|info|information|demo|proposal|offer|call|brochure)`, `see (?:a|your|the) (?:demo|pricing|prices)`, `learn more`, `find out`,
			`ask`, `request`, `schedule`, `book (?:a|an)`, `talk`, `speak`, `discuss`, `understand`, `quotes?`, `pricing`, `price list`, `prices?`, `brochure`, `your`,
		},
		solved: []string{
			`solved`, `resolved`, `corrected`, `(?:that|it|this) stopped`, `stopped after`, `(?:fixed|sorted(?: out)?) (?:that|it|this|those|these|the (?:problem|issue)s?)`, `(?:got|was|were|has been|have been|is|are|now) (?:fixed|sorted(?: out)?)`,
			`used to`, `in the past`, `a thing of the past`, `since we (?:switched|moved|introduced|started|implemented|bought)`, `back in (?:19|20)\d\d`, `(?:previous|former|old) (?:vendor|provider|supplier|system|tool|software|agency)`, `which is why we (?:switched|moved|changed)`, `all good now`,
		},
		denial: []string{
			`(?:works|working|runs|running|run|ran) (?:\w+ ){0,1}?(?:fine|ok|okay|well|great|perfectly|smoothly)`, `does the job`, `(?:we're|we are) (?:quite |very |pretty |really )?happy(?: with| overall| so far| as is|,)`, `(?:happy|fine|satisfied|content|pleased) with`, `(?:current|existing|present) (?:\w+ ){0,1}?(?:is|are) (?:fine|ok|okay|good enough)`,
			`no complaints`, `no fires`, `nothing (?:is )?broken`, `no (?:real |particular |specific )?(?:pain|problems?|issues)`, `not sure we need`, `no (?:real |immediate |current |actual )?need`,
			`(?:our|the) (?:current |existing |present )?(?:\w+ ){0,1}?(?:system|tool|software|process|setup|solution|invoicing|crm|erp|app|platform|spreadsheet|provider|vendor|stack) (?:works|is working)`,
		},
		explore: []string{
			`(?:just |simply |only )?curious`, `curiosity`, `researching`, `just (?:looking|browsing|exploring|checking)`, `looking around`, `browsing`,
			`compar(?:e|ing) (?:\w+ ){0,2}?(?:vendors|tools|platforms|options|solutions|providers|prices|offers|systems)`, `how (?:does it|do you) compare`,
			`(?:collecting|gathering) (?:some )?info(?:rmation)?`, `following the market`, `keep(?:ing)? (?:an eye|tabs) on`, `vendor list`, `review all vendor`,
			`not (?:buying|purchasing) anything`, `no plans? to (?:buy|come back|purchase|switch)`, `not a purchase`, `no project planned`, `nothing planned`, `not switching`,
			`what(?:'s| else is) out there`, `check (?:it|you|things) out`, `for later`, `future reference`, `keep me (?:informed|posted)`, `newsletter(?:[^-\pL]|$)`, `might be interested`,
			`interested in (?:learning|seeing|hearing|knowing|finding out)`, `want(?:ed)? to (?:learn|see|know|understand|find out) (?:more|how|what|if|whether)`, `nice to have`,
			`exploring (?:options|the market|what's out there|alternatives|possibilities)`, `(?:don't|do not) (?:really )?need anything`,
			`does (?:what|everything|all) we need`, `market (?:scan|research|overview|study|analysis|survey)`, `not in the market`, `stay in touch`, `nothing (?:decided|concrete|planned)`,
			`no (?:immediate |concrete |current |short-term )?plans`, `(?:just|only|purely) for (?:information|info)`, `for (?:information|info) (?:only|purposes)`, `keep(?:ing)? (?:our|my) options open`, `not actively looking`, `(?:don't|do not) need (?:a |an |any )?(?:new )?(?:tool|system|software|solution|platform)`, `other priorities`, `revisit (?:this|it)`, `no (?:active |current |concrete )?project`, `see (?:the |some |other )?alternatives`, `(?:early|initial) stages?`,
			`just wondering`, `wondering (?:how|what|if|whether)`, `gather(?:s|ing|ed)? (?:\w+ ){0,2}?(?:information|info|options|quotes)`, `no (?:current |immediate )?requirement`, `(?:don't|do not) have a (?:current |concrete )?(?:requirement|need)`, `nosy`, `not buying`, `thinking about (?:maybe )?(?:changing|switching|replacing|getting)`, `at some point`, `looks? (?:cool|interesting|neat)`,
		},
		urgent: []string{`urgent(?:ly)?`, `asap`, `emergency`, `right away`, `immediately`},
	},
	LangGerman: {
		strong: []string{
			`chaos`, `chaotisch`, `nichts (?:ist|liegt) (?:\w+ ){0,1}?(?:zentral|an einem ort)`, `nicht zentral`, `warten (?:\w+ ){0,3}?(?:wochen|tage|stunden|monate|minuten)`, `sucht (?:\w+ ){0,6}?nach`, `alb?traum`, `alptraum`, `nervig`, `nervt`, `genervt`, `frustrierend`, `frustriert`, `frust`, `zettelwirtschaft`, `durcheinander`, `wildwuchs`,
			`engp(?:a|ä|ae)ss(?:e)?`, `überfordert`, `ueberfordert`, `überlastet`, `ueberlastet`, `kommen nicht (?:mehr )?hinterher`, `schaffen es nicht`, `schaffen (?:\w+ ){0,2}?nicht`,
			`(?:geht|gehen|ging|gingen) (?:\w+ ){0,3}?(?:verloren|unter)`, `bleiben (?:\w+ ){0,2}?liegen`, `verlier(?:e|en|t|st)`, `verlieren`, `verloren`, `verlorene`,
			`doppelbuchung(?:en)?`, `doppelt (?:vergeben|gebucht|erfasst|bezahlt|verschickt|eingegeben)`, `nicht (?:synchron|synchronisiert|abgeglichen)`, `(?:ist|sind) (?:\w+ ){0,2}?(?:mehrfach|dreimal|zweimal|oft|ständig|staendig) passiert`, `doppelt gebucht`, `überbucht`, `ueberbucht`, `ausfälle`, `ausfaelle`, `ausgefallen`, `stürzt (?:\w+ ){0,2}?ab`, `stuerzt (?:\w+ ){0,2}?ab`, `abstürze`, `abstuerze`,
			`beschwerden`, `beschweren`, `reklamationen`, `zeitverschwendung`, `verschwenden`, `verschwendet`, `kostet uns`, `mühsam`, `muehsam`, `umständlich`, `umstaendlich`,
			`fehleranfällig`, `fehleranfaellig`, `zeitaufwändig`, `zeitaufwendig`, `zeitraubend`, `skaliert nicht`, `(?:stößt|stoesst|stossen|stoßen) an (?:\w+ )?grenzen`, `überstunden`, `ueberstunden`,
			`dauert (?:\w+ ){0,2}?(?:ewig|zu lange)`, `dauert (?:oft |immer |jedes mal |manchmal |teilweise |bis zu )?(?:mehrere |viele |etliche )?(?:stunden|tage|wochen)`, `funktioniert (?:\w+ ){0,2}?nicht`, `klappt (?:\w+ ){0,2}?nicht`, `kaputt`,
			`stimm(?:t|en) (?:\w+ ){0,2}?nicht`, `passt (?:\w+ ){0,1}?nicht`, `falsche?n?`, `zu spät`, `zu spaet`, `nie an`, `fehl(?:en|t) (?:uns )?(?:\w+ ){0,3}?(?:stunden|einträge|eintraege|daten|zahlen|auswertungen|(?:überblick|ueberblick)|transparenz|informationen|kapazit(?:ä|ae)t(?:en)?|leute|personal)`, `(?:verbringen|sitzen|brauchen) (?:\w+ ){0,4}?(?:stunden|tage|ewig)`, `\w+ (?:tage|stunden|wochen) lang`, `stundenlang`, `wochenlang`,
			`unzufrieden`, `kündigen`, `kuendigen`, `springen ab`, `leiden`, `beanstandung(?:en)?`, `stillstand(?:szeiten)?`, `schwankt`, `medienbr(?:u|ü|ue)ch`,
			`ärgerlich`, `aergerlich`, `fehlbestände`, `schlangen`, `warteschlangen`,
			`tipp(?:e|en|t|te|ten)? (?:\w+ ){0,8}?ab\b`, `(?:zweimal|doppelt) (?:\w+ ){0,2}?(?:ab|erfass|eingeben|pflegen)`, `wissen (?:\w+ ){0,2}?nicht`, `(?:zweimal|dreimal|mehrfach|doppelt) (?:\w+ ){0,1}?(?:angefasst|erfasst|eingegeben|geprüft|geprueft|abgetippt|gepflegt)`, `erst (?:\w+ ){0,2}?(?:später|spaeter|wenn|am)`,
		},
		lack: []string{
			`(?:keiner|niemand) (?:\w+ ){0,2}?(?:überblick|ueberblick|übersicht|uebersicht)`, `(?:keine?n?|ohne|kein|fehlende?n?) (?:\w+ ){0,2}?(?:zugriff|überblick|ueberblick|übersicht|uebersicht|transparenz|belastbare|auswertung(?:en)?|schnittstellen?|integration|kontrolle|sicherheitsupdates|updates|support|backups?|nachverfolgung|rückverfolgbarkeit|einträge|eintraege)`,
		},
		forced: []string{
			`stellt (?:\w+ ){0,7}?ein`, `eingestellt`, `abgekündigt`, `abgekuendigt`, `hört (?:\w+ ){0,3}?auf`, `hoert (?:\w+ ){0,3}?auf`,
			`vorgeschrieben`, `pflicht`, `gesetzlich(?:e|en)?`, `verpflichtet`, `sanktionen`, `bußgeld(?:er)?`, `bussgeld(?:er)?`, `strafen?`, `vorfall`, `phishing[- ]?(?:attacks?|e-?mails?|mails?|incidents?|angriff\w*|attacke\w*|campaigns?|kampagnen?)`, `gehackt`, `hackerangriff`, `angriff`,
			`diebstahl`, `gestohlen`, `drohen`, `droht`, `erfüllt (?:\w+ ){0,4}?nicht`, `erfuellt (?:\w+ ){0,4}?nicht`, `anforderungen`, `prüfung`, `pruefung`, `kontrolle`, `audit`,
		},
		mid:    []string{`probleme?n?`, `(?:ä|ae)rger`, `schwierigkeiten`, `schwachstellen`, `herausforderung(?:en)?`, `schmerzpunkte?`},
		manual: []string{`manuell(?:e|en)?`, `von hand`, `abstimmung`, `abgleich(?:en)?`, `per hand`, `händisch(?:e|en)?`, `haendisch(?:e|en)?`, `abtippen`, `abgetippt`, `eintippen`, `kopieren`, `kopiert`, `übertragen`, `uebertragen`, `excel(?:-?listen|-?tabellen?|-?liste|-?datei(?:en)?)?`, `tabellen?`, `papier(?:akten|rapporte|form)?`, `zettel(?:n)?`, `strichliste`, `ausgedruckt`, `ausdrucken`, `telefonisch`, `(?:per|übers|uebers|über das|ueber das) telefon`, `per (?:e-)?mail`, `per (?:post|brief)`, `whatsapp`, `ordner`, `fax`, `word`, `foto`, `postfach`},
		trouble: []string{
			`fehler(?:n)?`, `langsam(?:e|er)?`, `verzögerungen`, `verzoegerungen`, `verzögert`, `verzoegert`, `verspätet`, `verspaetet`, `vergessen`, `verpass(?:en|t)`, `doppelt`, `verstreut`,
			`aufwand`, `aufwändig`, `aufwendig`, `schwer`, `schwierig`, `teuer`, `risiko`, `nachtelefonieren`, `hinterher(?:telefonieren|laufen)`, `veraltet`, `alt(?:e|en|er|es)?\b`, `unübersichtlich`, `unuebersichtlich`,
			`dauernd`, `ständig`, `staendig`, `immer wieder`, `regelmäßig`, `regelmaessig`, `verschiedenen (?:tools|systemen|wegen|listen)`, `drei verschiedenen`, `tagelang`,
			`schon wieder`,
		},
		want: []string{
			`wir (?:\w+ ){0,1}?(?:brauchen|benötigen|benoetigen|suchen|wollen|möchten|moechten|hätten gern|haetten gern)`, `ich (?:\w+ ){0,1}?(?:brauche|suche|benötige|benoetige|will|möchte|moechte)`,
			`(?:brauchen|suche|suchen|benötigen|benoetigen) (?:ein|eine|einen|was|etwas|nach|dringend|für|fuer|neue|ersatz)`, `sucht (?:eine|einen|ein)`, `einführen`, `einfuehren`, `umsteigen`, `ablösen`, `abloesen`, `ersetzen`, `ersatz`,
		},
		time:    []string{`täglich`, `taeglich`, `halbe stunde`, `jeden (?:tag|morgen|abend|montag|dienstag|mittwoch|donnerstag|freitag|monat)`, `jede woche`, `wöchentlich`, `woechentlich`, `stunden`, `minuten`, `tage`, `abends`, `am wochenende`, `monatsende`, `jedes mal`, `montags`, `spitzenzeiten`, `stoßzeiten`, `stosszeiten`, `ganzen (?:tag|vormittag|nachmittag)`, `verbringen`, `dauert`},
		support: []string{`weil`, `da`, `derzeit`, `momentan`, `aktuell`, `heute`, `noch`, `immer`, `oft`, `nie`, `wieder`, `bisher`, `letzte(?:n|s)? (?:woche|monat|jahr)`},
		object: []string{
			`bestellungen`, `auftr(?:ä|ae)ge`, `(?:urlaubs)?antr(?:ä|ae)ge`, `rechnungen`, `anfragen`, `kunden(?:daten|anfragen)?`, `mails`, `e-mails`, `nachrichten`, `termine(?:n)?`, `buchungen`, `reservierungen`, `schichten`, `dienstpl(?:ä|ae)ne?`,
			`lohnabrechnung(?:en)?`, `gehaltsabrechnung`, `lager(?:bestand)?`, `lieferungen`, `berichte`, `daten`, `vertr(?:ä|ae)ge`, `dokumente`, `patienten`, `g(?:ä|ae)ste`, `bewerbungen`, `belege`, `angebote`,
			`zahlungen`, `aufgaben`, `tickets`, `anrufe`, `pakete`, `absenzen`, `stundenzettel`, `einsatzpl(?:ä|ae)ne`, `rapporte`, `akten`, `pläne`, `plaene`, `kampagnen`,
		},
		goalWish: []string{
			`wir (?:wollen|möchten|moechten|müssen|muessen|brauchen|suchen|planen|würden gerne|wuerden gerne|hätten gerne|haetten gerne)`, `ich (?:will|möchte|moechte|muss|suche|würde gerne|wuerde gerne)`,
			`(?:unser|das) ziel (?:ist|wäre|waere)`, `ziel ist`, `(?:eine|nach einer) l(?:ö|oe)sung`, `einen weg`, `damit`,
		},
		goalVerb: []string{
			`automatisieren`, `digitalisieren`, `reduzieren`, `verringern`, `senken`, `vermeiden`, `verbessern`, `beschleunigen`, `zentralisieren`, `vereinfachen`, `abschaffen`, `loswerden`,
			`optimieren`, `verk(?:ü|ue)rzen`, `halbieren`, `steigern`, `entlasten`, `einsparen`, `verhindern`, `b(?:ü|ue)ndeln`, `zusammenf(?:ü|ue)hren`, `im griff`, `(?:überblick|ueberblick) (?:\w+ ){0,2}?(?:behalten|bekommen|haben)`,
			`nicht mehr`, `keine (?:\w+ ){0,2}?mehr`, `l(?:ö|oe)sen`,
		},
		info:   []string{`angebot`, `informationen`, `infos?`, `wissen`, `erfahren`, `preise?`, `preisliste`, `demo`, `termin`, `r(?:ü|ue)ckruf`, `kennenlernen`, `unterlagen`, `kosten`, `bestellen`, `offerte`, `folien`},
		solved: []string{`gel(?:ö|oe)st`, `korrigiert`, `(?:ist|sind) (?:das |es )?vorbei`, `(?:das|es) ist vorbei`, `behoben`, `fr(?:ü|ue)her`, `damals`, `seit wir`, `(?:ist|sind|wurde|wurden|war|waren|hat sich) (?:\w+ ){0,5}?erledigt`, `(?:das|es) (?:ist |hat sich )?erledigt`, `im griff`, `(?:vorherige[nr]?|frühere[nr]?|alte[nr]?) (?:anbieter|dienstleister|system|software|tool)`},
		denial: []string{
			`läuft (?:\w+ ){0,2}?(?:gut|alles|problemlos|rund|ohne probleme|einwandfrei)`, `laeuft (?:\w+ ){0,2}?(?:gut|alles|problemlos|rund|ohne probleme|einwandfrei)`, `läuft alles`, `laeuft alles`, `klappt (?:\w+ ){0,3}?gut`,
			`(?:sind|bin|sehr|eigentlich|durchaus|recht|ganz|voll) (?:\w+ ){0,2}?zufrieden`, `zufrieden mit`, `keine (?:akuten |konkreten |größeren |groesseren )?(?:schmerzpunkte|probleme)`, `ohne probleme`, `keinen grund`, `keinen (?:akuten |konkreten )?bedarf`, `kein (?:akuter |konkreter )?bedarf`,
			`ohne konkreten anlass`, `kein(?:en)? (?:konkreten )?anlass`,
			`reicht (?:uns|mir) (?:\w+ )?(?:eigentlich|v(?:ö|oe)llig|aus)`,
		},
		explore: []string{
			`(?:nur|erst ?mal|erstmal|einfach mal|zunächst|zunaechst|gerade) (?:\w+ ){0,3}?(?:informieren|umschauen|umsehen|umhören|umhoeren|orientieren|vergleichen)`, `schaue? mich (?:\w+ ){0,2}?um`,
			`schau(?:e|en|t)? (?:mir|uns) (?:[\w-]+ ){0,4}?an`, `anschauen`, `aus neugier`, `neugierig`, `aus interesse`, `nur interesse`, `marktüberblick`, `marktueberblick`, `einen (?:ersten |kleinen |groben )?(?:überblick|ueberblick)`, `verschaffe (?:mir|uns) (?:\w+ ){0,2}?(?:überblick|ueberblick)`,
			`beschäftige mich`, `beschaeftige mich`, `keine (?:konkreten )?kaufpläne`, `keine (?:konkreten )?kaufplaene`, `kaufen (?:\w+ ){0,3}?nichts`, `prüfen (?:\w+ ){0,1}?optionen`, `pruefen (?:\w+ ){0,1}?optionen`,
			`vergleichsangebot`, `vergleichen`, `überlegt`, `ueberlegt`, `irgendwann(?:[.,;!?)]| (?:mal|einmal|sp(?:ä|ae)ter|vielleicht|wenn)\b|\s*$)`, `infos sammeln`, `(?:informationen|infos) (?:\w+ ){0,1}?sammeln`, `sammeln (?:\w+ ){0,3}?(?:informationen|infos)`, `am anfang`, `unverbindlich`, `kein(?:en)? handlungsbedarf`, `augen offen`, `reines interesse`, `keine (?:\w+ ){0,1}?anschaffung`, `perspektivisch`, `kein(?:en)? (?:\w+ )?(?:handlungsdruck|zeitdruck)`, `beobachten (?:\w+ ){0,1}?markt`, `informiert bleiben`, `(?:mich|uns) (?:\w+ ){0,2}?auf dem laufenden`, `auf dem laufenden (?:bleiben|sein)`, `nicht aktiv (?:auf der )?such`, `(?:planen|plane) (?:\w+ ){0,2}?keine`, `markt (?:\w+ ){0,1}?(?:beobachten|sondieren)`, `kein(?:en)? (?:konkreten |akuten )?bedarf`, `(?:bedarf|anlass|grund|druck|handlungsbedarf|projekt|pl(?:ä|ae)ne|probleme?|budget) gibt es (?:\w+ ){0,2}?(?:nicht|keine?n?)`,
			`nicht geplant`, `(?:nur|mal) (?:\w+ ){0,2}?ansehen`, `interessiere mich`, `fr(?:ü|ue)hestens`, `sieht (?:\w+ )?(?:cool|interessant|spannend) aus`, `brauchen (?:\w+ ){0,3}?nichts`, `samml?e\w* (?:\w+ ){0,3}?(?:informationen|infos)`,
			`(?:brauchen|benötigen|benoetigen) (?:\w+ )?kein(?:e|en)? (?:\w+ ){0,1}?(?:neues|neue|neuen|system|tool|software|lösung|loesung)`,
		},
		urgent: []string{`dringend(?:st)?`, `sofort`, `umgehend`, `schnellstm(?:ö|oe)glich`, `so schnell wie m(?:ö|oe)glich`, `eilig`, `höchste priorit`, `hoechste priorit`, `zeitkritisch`, `geschäftskritisch`, `kurzfristig`, `heute oder morgen`},
	},
	LangFrench: {
		strong: []string{
			`gal(?:è|e)re`, `attend(?:ent|ons|re|ait)? (?:\w+ ){0,3}?(?:semaines?|jours?|heures?|minutes|mois)`, `(?:à|a) chercher`, `pass(?:ons|ent|e|er) (?:\w+ ){0,2}?(?:des heures|des journ(?:é|e)es|beaucoup de temps|un temps fou|trop de temps|\w+ heures)`, `gal(?:è|e)rons`, `cauchemar`, `chaos`, `bazar`, `pagaille`, `bordel`, `l'enfer`, `enfer`, `pertes? de temps`,
			`perd(?:s|ons|ent|re|u|ait|aient)? (?:\w+ ){0,2}?(?:temps|heures?|clients|commandes|ventes|prospects|leads|argent|patients|messages|appels|donn(?:é|e)es)`,
			`se perd(?:ent)?`, `on perd`, `nous perdons`, `fastidieu(?:x|se)`, `chronophage`, `pénible`, `penible`, `débord(?:é|e)s?`, `debord(?:é|e)s?`, `noy(?:é|e)s?`, `satur(?:é|e)e?s?`, `submerg(?:é|e)s?`,
			`doubles? r(?:é|e)servations?`, `surr(?:é|e)servations?`, `surbooking`, `rendez-vous (?:manqu|non honor)`, `plante(?:nt)?\b`, `pannes?`, `bugu(?:e|ent)`,
			`r(?:é|e)clamations`, `plaintes`, `se plaign(?:ent|ons)`, `ne (?:suit|suivons|suivent|tient|scale|r(?:é|e)pond) plus`, `(?:ne peux|ne pouvons|ne peuvent|n'arrive|n'arrivons) (?:\w+ ){0,1}?pas (?:à |a )?(?:r(?:é|e)pondre|suivre|traiter|g(?:é|e)rer|tout)`, `n'arriv(?:e|ons|ent) (?:\w+ ){0,1}?(?:plus|pas)`,
			`ne (?:fonctionne|marche|g(?:è|e)re|prend|permet) (?:\w+ ){0,1}?(?:pas|plus)`, `n'a aucune int(?:é|e)gration`, `gaspill(?:ons|er|é|e|age)`, `co(?:û|u)te (?:\w+ ){0,2}?(?:cher|temps|heures|clients)`, `source d'erreurs`,
			`faux`, `fausses`, `erron(?:é|e)e?s?`, `en double`, `rat(?:er|ons|ee|ees)`, `raté`, `ratés`, `ratée`, `trop (?:lent|cher|compliqu|long|tard)`, `marre`, `insupportable`, `ras-le-bol`, `à bout`,
			`courir apr(?:è|e)s`, `court apr(?:è|e)s`, `(?:é|e)carts`, `non conformes?`, `sans arr(?:ê|e)t`, `d(?:é|e)passe`, `file d'attente`, `abandon`,
			`se (?:sont |font |fait )(?:\w+ ){0,1}?(?:pirater|voler|hacker)`, `personne ne`,
		},
		lack: []string{
			`rien n'est centralis`, `(?:aucune?|pas de|pas d'|sans|manque de|n'a pas de|n'avons pas de) (?:\w+ ){0,2}?(?:l'|d'|les |le |la )?(?:acc(?:è|e)s|visibilit|suivi|tra(?:ç|c)abilit|int(?:é|e)gration|outil|contr(?:ô|o)le|vue d'ensemble|historique|sauvegarde|images exploitables|solution de remplacement)`,
		},
		forced: []string{
			`ferme (?:son|le) service`, `fin de (?:support|vie|maintenance)`, `n'est plus (?:maintenu|support)`, `obligation (?:l(?:é|e)gale|r(?:é|e)glementaire)`, `obligatoire`,
			`r(?:é|e)glementation`, `conformes?`, `conformit(?:é|e)`, `audits?`, `sanctions?`, `amendes?`, `piratage`, `pirat(?:é|e)s?`, `hame(?:ç|c)onnage`, `phishing[- ]?(?:attacks?|e-?mails?|mails?|incidents?|angriff\w*|attacke\w*|campaigns?|kampagnen?)`, `ransomware`, `ran(?:ç|c)ongiciel`,
			`vols? de`, `vols`, `si on ne fait rien`, `(?:on doit|nous devons) (?:\w+ ){0,2}?(?:respecter|(?:ê|e)tre conformes?|passer|migrer|remplacer|quitter|abandonner)`, `doit (?:\w+ ){0,1}?(?:être|etre) d(?:é|e)ploy`, `tentatives`, `incidents?`,
		},
		mid:     []string{`probl(?:è|e)mes?`, `soucis`, `difficult(?:é|e)s`, `d(?:é|e)fis?`},
		manual:  []string{`manuel(?:le|lement)?`, `(?:une|un) par (?:une|un)`, `rapprochements?`, `à la main`, `a la main`, `copier(?:-| )coller`, `copier`, `copions`, `recopi(?:er|ons)`, `ressais\pL*`, `r(?:é|e)import(?:er|ons|ent)?`, `export(?:er|ons|ent)? (?:\w+ ){0,2}?(?:csv|excel|fichiers)`, `double saisie`, `saisie`, `tableurs?`, `excel`, `papier`, `classeurs?`, `cahiers?`, `post-it`, `par t(?:é|e)l(?:é|e)phone`, `par (?:e-)?mail`, `par (?:courrier|la poste|voie postale)`, `dans les mails`, `word`, `formulaires google`, `bricol(?:é|e)s?`, `feuille`, `t(?:é|e)l(?:é|e)phone sonne`},
		trouble: []string{`erreurs?`, `(?:deux|trois|quatre|plusieurs|diff(?:é|e)rents) (?:\w+ )?(?:outils|logiciels|syst(?:è|e)mes|fichiers|tableaux)`, `lent(?:e|s|es)?`, `lenteurs?`, `retards?`, `relancer`, `relances`, `oubli(?:s|é|e|és|es|ées|ees)?`, `doublons`, `éparpill`, `eparpill`, `difficile`, `compliqu(?:é|e)`, `cher`, `risques?`, `perdu(?:e|es|s)?`, `obsol(?:è|e)te`, `vieu(?:x|lle)`, `ancien`, `d(?:é|e)pass(?:é|e)`, `sans cesse`, `souvent`, `jamais`, `trop`, `attente`, `encore une fois`},
		want: []string{
			`(?:nous|on|je) (?:\w+ ){0,1}?(?:cherchons|cherche|voulons|veut|veux|souhaitons|souhaite|aimerions|voudrions|voudrait|avons besoin|a besoin|ai besoin|aimerait|aimerais)`, `besoin (?:d'un|d'une|de)`,
			`il (?:nous|me) faut`, `charg(?:é|e)e? de trouver`, `faut que`, `changer (?:de|d')`, `remplacer`, `mettre en place`, `d(?:é|e)ployer`, `proposer`, `ajouter`,
		},
		time:    []string{`chaque (?:jour|matin|soir|semaine|lundi|mois|fois|(?:é|e)v(?:é|e)nement)`, `(?:à|a) chaque`, `tous les (?:jours|matins|soirs|lundis|mois|dimanches)`, `toutes les semaines`, `toute la (?:journ(?:é|e)e|saison)`, `heures?`, `minutes`, `journ(?:é|e)es?`, `dimanches`, `soirs`, `week-ends?`, `par jour`, `par semaine`, `\d+ fois par`, `passons`, `y passe`, `prend (?:\w+ ){0,3}?(?:semaines?|jours|journ(?:é|e)es?|heures)`, `le matin`},
		support: []string{`parce que`, `(?:à|a) cause`, `car`, `aujourd'hui`, `actuellement`, `en ce moment`, `encore`, `toujours`, `souvent`, `depuis`, `jamais`, `ce mois-ci`, `l'an dernier`},
		object: []string{
			`commandes`, `factures?`, `facturation`, `demandes`, `courriels`, `mails`, `messages`, `appels`, `rendez-vous`, `r(?:é|e)servations`, `plannings?`, `paie`, `stocks?`, `livraisons`, `rapports`,
			`donn(?:é|e)es`, `contrats`, `dossiers`, `patients`, `devis`, `paiements`, `candidatures`, `t(?:â|a)ches`, `paniers`, `cotisations`, `cv`, `badges`, `inscriptions`, `validations`, `copies`, `tickets`,
			`clients`, `deadlines`, `absences`, `formations`, `campagnes`, `pipelines?`, `forecast`, `s(?:é|e)ances`, `salles`,
		},
		goalWish: []string{
			`nous (?:souhaitons|voulons|aimerions|cherchons|devons|voudrions|visons|avons besoin)`, `on (?:voudrait|veut|cherche|doit|aimerait)`, `je (?:souhaite|veux|cherche|voudrais)`,
			`il nous faut`, `(?:notre |l')objectif`, `une (?:solution|fa(?:ç|c)on|mani(?:è|e)re) (?:de|pour)`, `un moyen de`, `afin de`, `pour (?:ne plus|enfin|arr(?:ê|e)ter|(?:é|e)viter|r(?:é|e)duire|gagner)`,
		},
		goalVerb: []string{
			`automatiser`, `digitaliser`, `num(?:é|e)riser`, `r(?:é|e)duire`, `diminuer`, `(?:é|e)viter`, `supprimer`, `centraliser`, `simplifier`, `am(?:é|e)liorer`, `acc(?:é|e)l(?:é|e)rer`,
			`gagner du temps`, `arr(?:ê|e)ter`, `en finir`, `fiabiliser`, `optimiser`, `standardiser`, `(?:é|e)conomiser`, `diviser`, `ne plus`, `regrouper`, `unifier`, `se d(?:é|e)barrasser`, `(?:ê|e)tre conformes?`,
			`en sortir`, `relancer`, `r(?:é|e)soudre`,
		},
		info:   []string{`recevoir`, `obtenir`, `conna(?:î|i)tre`, `savoir`, `devis`, `tarifs?`, `d(?:é|e)mo`, `documentation`, `renseignements`, `informations`, `plus d'infos`, `rappel`, `brochure`, `voir`},
		solved: []string{`r(?:é|e)solu(?:s|e|es)?`, `remis d'aplomb`, `rentr(?:é|e) dans l'ordre`, `(?:c'est|tout est) (?:fini|termin(?:é|e))`, `(?:(?:é|e)t(?:é|e)|a|ont|avons|est|sont) corrig(?:é|ée|és|ées)`, `r(?:é|e)gl(?:é|e)`, `auparavant`, `autrefois`, `c'est derri(?:è|e)re nous`, `(?:ancien|pr(?:é|e)c(?:é|e)dent) (?:prestataire|fournisseur|logiciel|outil|syst(?:è|e)me)`},
		denial: []string{
			`fonctionne (?:\w+ ){0,1}?bien`, `(?:nous|me) convien(?:t|nent)`, `convient parfaitement`, `donnent satisfaction`, `donne satisfaction`, `s'en sort (?:\w+ ){0,1}?bien`, `(?:sommes|suis|plut(?:ô|o)t|tr(?:è|e)s|assez) (?:\w+ ){0,1}?contents?`, `satisfaits?`,
			`rien de cass(?:é|e)`, `sans douleur`, `pas de souci`, `aucun (?:souci|probl(?:è|e)me)`, `pas de probl(?:è|e)me`, `pas (?:\w+ ){0,1}?besoin`, `aucun besoin`,
			`tout va bien`,
		},
		explore: []string{
			`curiosit(?:é|e)`, `curieu(?:x|se)`, `me renseigne`, `nous renseignons`, `(?:je|nous|on) regard(?:e|ons) ce qui`, `tour du march(?:é|e)`, `(?:é|e)tudi(?:ons|e) le march(?:é|e)`,
			`compar(?:e|ons|er)`, `comparatif`, `benchmark`, `(?:une|de|en|ma|notre) veille`, `garde un (?:œ|oe)il`, `tenu inform(?:é|e)`, `juste (?:\w+ ){0,1}?voir`, `pour voir`, `je voulais voir`, `pas int(?:é|e)ress(?:é|e)`,
			`pas d'achat`, `rien de pr(?:é|e)vu`, `aucun projet`, `r(?:é|e)flexion`, `r(?:é|e)colter des infos`, `je me demandais`, `check (?:\w+ ){0,1}?les alternatives`, `on verra`, `phase de (?:d(?:é|e)couverte|r(?:é|e)flexion)`, `rien de concret`, `pas en recherche`, `pour plus tard`, `tour d'horizon`, `pour information`, `(?:à|a) titre (?:informatif|d'information)`, `pas de projet`, `nous informer`, `tenir au courant`, `(?:voulais|souhaitais) (?:\w+ ){0,1}?conna(?:î|i)tre`,
			`n'ach(?:è|e)t(?:e|ons|ent) rien`, `tout ce qu'il (?:nous )?faut`, `(?:garde|gardons|garder|mets|mettons|mettre|conserve) (?:\w+ ){0,3}?de c(?:ô|o)t(?:é|e)`, `sous le coude`, `on ne sait jamais`, `jette un (?:œ|oe)il`, `jeter un (?:œ|oe)il`,
		},
		urgent: []string{`urgent(?:e|es)?`, `urgence`, `au plus vite`, `d(?:è|e)s que possible`, `rapidement`, `imm(?:é|e)diatement`, `tr(?:è|e)s vite`, `prioritaire`, `critique`},
	},
	LangSpanish: {
		strong: []string{
			`caos`, `ca(?:ó|o)tico`, `nada est(?:á|a) centralizad`, `esperan? (?:\w+ ){0,3}?(?:semanas|d(?:í|i)as|horas|minutos|meses)`, `buscando (?:\w+ ){0,2}?(?:planos|documentos|archivos|papeles|informaci)`, `(?:pasamos|dedicamos|perdemos|gastamos|pasan|dedican|pierden) (?:\w+ ){0,2}?(?:horas|d(?:í|i)as|mucho tiempo|demasiado tiempo)`, `pesadilla`, `un l(?:í|i)o`, `desmadre`, `relajo`, `desorden`, `infierno`, `perdemos`, `(?:se|nos|me|les) (?:nos |me |les )?pierde(?:n)?`, `se pierde`,
			`p(?:é|e)rdidas? de`, `(?:perd|pierd)\pL* (?:\w+ ){0,2}?(?:tiempo|horas|d(?:í|i)as|clientes|ventas|pedidos|dinero|llamadas|mensajes|contratos|licitaciones|reservas|oportunidades)`, `perdiendo`, `no damos abasto`, `desbordad(?:o|os|a|as)`, `saturad(?:o|os|a|as)`,
			`tedios(?:o|a)`, `engorros(?:o|a)`, `frustrante`, `frustrad(?:o|os|a|as)`, `dobles? reservas?`, `reservas duplicadas`, `overbooking`, `sobreventa`, `no se presentan`, `ausentismo`,
			`se (?:nos |me |les )?(?:cae|caen|cay(?:ó|o)|cayeron|cuelga|bloquea)`, `bloque(?:aron|ado|ada)`, `ca(?:í|i)das`, `reclamos`, `reclamaciones`, `no funciona`, `nos cuesta`, `(?:est(?:á|a)|nos est(?:á|a)) costando`,
			`se (?:nos |me )?olvida(?:n)?`, `sin control`, `no escala`, `desperdici(?:amos|ar|o)`, `(?:nunca|no) cuadra(?:n)?`, `no coincide(?:n)?`, `se equivoca`, `equivocad(?:o|a|os|as)`, `err(?:ó|o)ne(?:o|a|os|as)`,
			`volviendo loc(?:o|a)`, `quedamos mal`, `se (?:nos |me |les |le )?cruzan`, `pele(?:á|a)ndonos`, `tardan`, `tarda (?:\w+ ){0,1}?(?:mucho|horas|d(?:í|i)as|\d+)`, `demasiado (?:lento|caro|tiempo|tarde)`,
			`no sabemos`, `nunca s(?:é|e)`, `(?:me|nos) quedo sin`, `(?:me|nos) quedamos sin`, `cancelar pedidos`, `robaron`, `hackearon`, `hackeo`,
			`falsas?`, `paradas`, `colas`, `esperan`, `gastamos de m(?:á|a)s`, `un dineral`, `atrasad(?:o|a|os|as)`, `a ciegas`, `no est(?:á|a) sincronizad`, `no sincroniza`, `no contestan`,
		},
		lack: []string{
			`(?:no tenemos|no tienen|sin|ning(?:ú|u)n|ninguna|no hay|falta de|no tiene|no ten(?:í|i)a) (?:\w+ ){0,2}?(?:acceso|trazabilidad|visibilidad|control|integraci(?:ó|o)n|historial|respaldo|c(?:á|a)mara|seguimiento|forma de|manera de|registro|la documentaci(?:ó|o)n)`,
		},
		forced: []string{
			`ya no recibe soporte`, `sin soporte`, `fin de soporte`, `no cumple`, `cumplir (?:con )?la normativa`, `nueva normativa`, `obligatori(?:o|a)`, `por ley`,
			`auditor(?:í|i)a`, `inspecci(?:ó|o)n`, `sanci(?:ó|o)n`, `multas?`, `phishing[- ]?(?:attacks?|e-?mails?|mails?|incidents?|angriff\w*|attacke\w*|campaigns?|kampagnen?)`, `ransomware`, `robo`,
		},
		mid:     []string{`problemas?`, `dificultades`, `inconvenientes`},
		manual:  []string{`a mano`, `manualmente`, `manual`, `copiar y pegar`, `copiamos`, `copiando`, `transcrib(?:ir|imos)`, `volver a (?:escribir|cargar)`, `hojas? de c(?:á|a)lculo`, `planillas?`, `excel`, `papel`, `papelitos`, `cuaderno`, `libros f(?:í|i)sicos`, `hojas firmadas`, `whatsapp`, `por tel(?:é|e)fono`, `por correo`, `por carta`, `google forms`, `uno por uno`, `imprimiendo`, `escaneando`, `anotamos`, `anoto`, `apuntamos`, `en ventanilla`, `en efectivo`, `rellenamos`},
		trouble: []string{`errores`, `error`, `equivocaciones`, `lent(?:o|a|itud)`, `retrasos?`, `demoras?`, `olvid(?:os|amos|an)`, `duplicad(?:o|a|os|as)`, `dispers(?:os|as)`, `dif(?:í|i)cil`, `complicad(?:o|a)`, `caro`, `riesgos?`, `perdid(?:o|a|os|as)`, `obsolet(?:o|a)`, `m(?:á|a)s de \d+ a(?:ñ|n)os`, `ya no hay`, `viej(?:o|a)`, `antiguo`, `nunca`, `siempre`, `cada vez`, `todav(?:í|i)a`, `otra vez`, `una vez m(?:á|a)s`},
		want: []string{
			`(?:quiero|queremos|necesito|necesitamos|buscamos|busco|requerimos|requiere|estamos buscando|nos interesar(?:í|i)a|me interesa)`, `(?:implantar|implementar|instalar|renovar|cambiar de|sustituir|sustituya|reemplazar)`,
		},
		time:    []string{`cada (?:d(?:í|i)a|ma(?:ñ|n)ana|semana|lunes|mes|turno|campa(?:ñ|n)a)`, `todos los (?:d(?:í|i)as|lunes|meses)`, `todas las semanas`, `fines de semana`, `los findes`, `horas?`, `minutos`, `d(?:í|i)as h(?:á|a)biles`, `al final de`, `por semana`, `semanales`, `los lunes`, `algunos lunes`},
		support: []string{`porque`, `ya que`, `dado que`, `pues`, `hoy`, `ahora`, `ahorita`, `actualmente`, `todav(?:í|i)a`, `a(?:ú|u)n`, `siempre`, `m(?:á|a)s de una vez`, `a veces`, `el mes pasado`},
		object: []string{
			`pedidos`, `facturas?`, `facturaci(?:ó|o)n`, `solicitudes`, `correos?`, `mensajes`, `mails`, `campa(?:ñ|n)as?`, `llamadas`, `citas`, `reservas`, `turnos`, `n(?:ó|o)minas?`, `inventario`, `stock`, `env(?:í|i)os`, `entregas`,
			`informes`, `reportes`, `datos`, `contratos`, `documentos`, `expedientes`, `pacientes`, `hu(?:é|e)spedes`, `alumnos`, `cotizaciones`, `pagos`, `tareas`, `clientes`, `leads`, `transferencias`,
			`partes`, `dosis`, `banners`, `devoluciones`, `ventas`, `avances`, `fotos`, `despachos`, `choferes`, `licencias?`,
		},
		goalWish: []string{
			`queremos`, `buscamos`, `necesitamos`, `nos gustar(?:í|i)a`, `quisi(?:é|e)ramos`, `quiero`, `busco`, `necesito`, `tenemos que`, `debemos`, `estamos buscando`,
			`(?:nuestro|el) objetivo`, `una (?:soluci(?:ó|o)n|forma|manera) de`, `para (?:no|dejar de|evitar|reducir|ahorrar|cumplir)`,
		},
		goalVerb: []string{
			`automatizar`, `digitalizar`, `reducir`, `disminuir`, `evitar`, `eliminar`, `centralizar`, `simplificar`, `mejorar`, `acelerar`, `agilizar`, `dejar de`, `ahorrar`, `optimizar`,
			`estandarizar`, `unificar`, `controlar`, `tener control`, `llevar el control`, `medir`, `recortar`, `acortar`, `deshacernos`, `no perder`, `cumplir`, `seguir`, `llevar`, `resolver`, `solucionar`,
		},
		info:   []string{`saber`, `conocer`, `recibir`, `obtener`, `informaci(?:ó|o)n`, `cotizaci(?:ó|o)n`, `presupuesto`, `precios?`, `tarifas`, `demo`, `llamada`, `reuni(?:ó|o)n`, `newsletter`, `preguntar`},
		solved: []string{`resuelt(?:o|os|a|as)`, `corregid(?:o|os|a|as)`, `solucionad(?:o|os|a|as)`, `arreglamos`, `resolvimos`, `antes (?:ten(?:í|i)amos|perd(?:í|i)amos)`, `desde que (?:cambiamos|usamos|implementamos)`, `desde entonces`, `(?:proveedor|sistema|software|programa) anterior`, `antiguo proveedor`, `hace (?:\d+|dos|tres|cuatro|varios|unos) a(?:ñ|n)os`},
		denial: []string{
			`funciona (?:\w+ ){0,1}?(?:bien|perfecto|perfectamente)`, `lo resolvemos bien`, `bien servidos`, `contentos`, `satisfechos`, `conformes`, `sin (?:ning(?:ú|u)n )?problemas?`, `no tenemos problemas`,
			`no lo necesitamos`, `no necesitamos nada`, `no vamos a (?:comprar|cambiar)`, `ninguna necesidad`, `no (?:tenemos|hay) (?:una )?(?:necesidad|urgencia)`,
		},
		explore: []string{
			`curiosidad`, `(?:solo|s(?:ó|o)lo|simplemente) (?:\w+ ){0,2}?(?:mirando|curiosidad|informarnos|comparando|viendo|explorando|investigando|recopilando)`, `estamos (?:viendo|mirando|comparando|explorando|investigando)`,
			`ver qu(?:é|e) hay`, `explorando`, `comparando`, `recopilando ofertas`, `benchmark`, `conocer (?:el mercado|qu(?:é|e)|lo que)`, `tener un panorama`, `relevando`, `quer(?:í|i)amos conocer`, `quiero conocer`,
			`solo quer(?:í|i)a saber`, `no vamos a comprar`, `no necesitamos nada`, `por ahora no`, `de momento no`, `newsletter(?:[^-\pL]|$)`, `para cuando`, `m(?:á|a)s adelante`, `no hay (?:un )?proyecto`, `bien con lo que`, `bien servidos`, `para el futuro`, `no (?:estamos|est(?:á|a)) buscando`, `no buscamos`, `(?:ver|conocer|explorar) (?:\w+ ){0,1}?alternativas`, `no (?:tenemos|hay) planes`, `(?:solo |es solo )?por informaci(?:ó|o)n`, `etapa (?:muy )?inicial`, `fase inicial`, `a futuro`,
			`nos apa(?:ñ|n)amos`, `estamos bien con`, `no pensamos cambiar`, `ya tenemos (?:un )?proveedor`, `empezando a ver`, `qu(?:é|e) existe`, `echar un vistazo`, `no tengo previsto`, `nada hasta nuevo aviso`, `guardo (?:su|tu) (?:info|correo|contacto|informaci)`, `nos interesa`, `tal vez el pr(?:ó|o)ximo a(?:ñ|n)o`, `conocer opciones`,
		},
		urgent: []string{`urgentes?`, `cuanto antes`, `lo antes posible`, `de inmediato`, `inmediatamente`, `ya mismo`, `hoy mismo`, `prioridad`, `cr(?:í|i)tico`},
	},
}

// needWords joins regular-expression entries into one alternation, with a
// word boundary on each side of an entry whose edge is plain ASCII: its
// first or last character, or every character a group at that edge can
// start or end with ("probl(?:è|e)mes?" gets one at both ends,
// "r(?:é|e)gl(?:é|e)" only at the start).
func needWords(entries ...string) string {
	var b strings.Builder
	b.WriteString("(?:")
	for i, e := range entries {
		if i > 0 {
			b.WriteByte('|')
		}
		if needASCIIEdge(e, true) {
			b.WriteString(`\b`)
		}
		b.WriteString(strings.ReplaceAll(e, `(?:\w+ )`, needGapWord))
		if needASCIIEdge(e, false) {
			b.WriteString(`\b`)
		}
	}
	b.WriteString(")")
	return b.String()
}

// needGapWord is what a gap word "(?:\w+ )" in an entry stands for: any
// word, accented ("täglich", "équipe") or with an apostrophe or hyphen,
// as Go's \w is ASCII only.
const needGapWord = `(?:[\pL\w'-]+ )`

// needWordEnd reports an entry that ends in an ASCII word character, or
// in one followed by an optional ASCII letter ("orders?").
func needWordEnd(s string) bool {
	n := len(s)
	if n > 0 && isWordByte(s[n-1]) {
		return true
	}
	return n >= 3 && s[n-1] == '?' && isWordByte(s[n-2]) && isWordByte(s[n-3])
}

// needASCIIEdge reports whether entry e starts (or ends) with an ASCII
// word character on every path, as far as a simple look at its first (or
// last) group can tell.
func needASCIIEdge(e string, start bool) bool {
	if start {
		if strings.HasPrefix(e, `\d`) {
			return true
		}
		if strings.HasPrefix(e, "(?:") {
			end := strings.IndexByte(e, ')')
			if end < 0 {
				return false
			}
			for _, alt := range strings.Split(e[3:end], "|") {
				if alt == "" || !isWordByte(alt[0]) {
					return false
				}
			}
			return !strings.HasPrefix(e[end+1:], "?") && !strings.HasPrefix(e[end+1:], "*")
		}
		return isWordByte(e[0])
	}
	last := e[len(e)-1]
	switch {
	case isWordByte(last):
		return true
	case last == '?':
		return needWordEnd(e) // "orders?"
	case last == ')':
		open := strings.LastIndex(e, "(?:")
		if open < 0 {
			return false
		}
		for _, alt := range strings.Split(e[open+3:len(e)-1], "|") {
			if alt == "" || !needWordEnd(alt) {
				return false
			}
		}
		return true
	}
	return false
}

// needPatterns are one language's compiled cue families; nil where the
// language has no list.
type needPatterns struct {
	story, wish, wishVerb, curious, renewal, decline                        *pattern
	timeVerb, timeDur, timeRec                                              *pattern
	strong, lack, forced, mid, manual, trouble, want, time, support, object *pattern
	goal, goalWish, goalVerb, info, solved, denial, explore, urgent         *pattern
}

// needCompiled holds the compiled lexicons by language code.
var needCompiled = func() map[string]*needPatterns {
	comp := func(entries []string) *pattern {
		if len(entries) == 0 {
			return nil
		}
		return mustPattern(needWords(entries...))
	}
	out := make(map[string]*needPatterns, len(needLexicons))
	for _, lang := range []string{LangEnglish, LangGerman, LangFrench, LangSpanish} {
		l := needWithBroad(needLexicons[lang], lang)
		out[lang] = &needPatterns{
			strong: comp(l.strong), lack: comp(l.lack), forced: comp(l.forced), mid: comp(l.mid),
			manual: comp(l.manual), trouble: comp(l.trouble), want: comp(l.want), time: comp(l.time),
			support: comp(l.support), object: comp(l.object), goal: comp(l.goal), goalWish: comp(l.goalWish),
			goalVerb: comp(l.goalVerb), info: comp(l.info), solved: comp(l.solved), denial: comp(l.denial),
			explore: needGroupedPattern(l.explore), urgent: comp(l.urgent), story: needGroupedPattern(slices.Concat(needStoryEntries(lang), needBroad[lang].story, needWiderStory(lang))),
			curious: needGroupedPattern(slices.Concat(needCurious[lang], needBroad[lang].curious)), renewal: comp(slices.Concat(needRenewals[lang], needWiderRenewals(lang))), decline: needGroupedPattern(needDeclines[lang]),
			timeVerb: needTimeCostPart(needTimeCosts[lang][0]), timeDur: needTimeCostPart(needTimeCosts[lang][1]), timeRec: needTimeCostPart(needTimeCosts[lang][2]),
			wish: comp(slices.Concat(needWishes[lang], needSeventh[lang].wish)), wishVerb: comp(slices.Concat(needWishVerbs[lang], needSeventh[lang].wishVerb)),
		}
	}
	return out
}()

// needContrastWords end the reach of a solved-pain marker that comes
// before a pain: "we solved invoicing, but scheduling is still a mess".
var needContrastWords = []string{" but ", " aber ", " jedoch ", " mais ", " pero ", " sin embargo ", " however ", " still ", " immer noch ", " toujours ", " todav"}

// needNegators negate a cue among the words before it, in all four
// languages ("keine Probleme", "aucun souci", "sin problemas").
var needNegators = map[string]bool{
	"not": true, "no": true, "never": true, "without": true, "nor": true, "hardly": true, "barely": true, "zero": true, "none": true,
	"kein": true, "keine": true, "keinen": true, "keinerlei": true, "nicht": true, "nie": true, "niemals": true, "ohne": true, "kaum": true,
	"pas": true, "aucun": true, "aucune": true, "jamais": true, "sans": true, "ni": true, "guère": true,
	"sin": true, "ningún": true, "ningun": true, "ninguna": true, "ninguno": true, "nunca": true, "tampoco": true,
}
