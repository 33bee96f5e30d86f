package bant

import (
	"strings"
)

// authNouns are the people a writer defers to ("check with my boss").
const authNouns = `team|lead|` + deferNouns

// deferNouns are the people who can decide for a writer: not "the team".
const deferNouns = `boss|manager|managers|officer|ceo|cto|cfo|coo|cmo|cio|vp|director|directors|head|founder|founders|cofounder|co-founder|partner|partners|supervisor|executive|executives|leadership|management|committee|board|finance|procurement|purchasing|it|owner|owners|higher[- ]ups|superiors|president|line manager`

var (
	// introRe finds a first-person statement of one's job ("I'm the CTO",
	// "as head of marketing"); the title after it is parsed in code.
	introRe = mustPattern(`\b(i'm|i am|im|i work as|i serve as|i'm working as|my (?:job )?(?:role|title|position) is|as)\s+`)
	// fieldRe finds a "Title: VP Sales" form field.
	fieldRe = mustPattern(`(?:^|\n)\s*(?:job title|title|role|position|job role|designation|job function)\s*[:=-]\s*`)
	// decideRe finds explicit decision authority.
	decideRe = mustPattern(`\bi(?:'m| am) (?:the |a |an )?(?:final |ultimate |key |main |primary |sole |only )?decision[- ]?maker\b|\bi (?:make|have|own|hold) (?:the |all |this |that )?(?:final |ultimate |buying |purchasing |purchase )?(?:decision|decisions|call|say|sign[- ]?off)\b|\bi(?:'ll| will| can| get to)? decide\b|\bi (?:approve|sign) (?:all |the |our |every |any )?(?:purchases|contracts|budgets?|spend|invoices|pos)\b|\bwe can decide (?:quickly|fast|ourselves|on our own)\b|\b(?:this|it|the decision|the budget|the call|that) (?:sits|lies|rests|stays) with me\b|\b(?:sole trader|sole proprietor|self[- ]employed|one[- ](?:man|woman|person) (?:band|business|shop|company)|solo (?:founder|practitioner|business owner)|it'?s just me\b|i work for myself|i run (?:it|everything|the business) (?:myself|alone|on my own))|\bi(?:'ll| will| can)? sign (?:it|off|the (?:contract|order|po|quote|agreement|paperwork|plan|proposal|deal|subscription)|contracts)\b|\bi(?:'ll| will| can| would|'d)? (?:sign|approve|pay for|buy) (?:[a-z-]+ ){0,3}?(?:myself|personally|on my own)\b|\bi (?:control|own|hold|manage|set) (?:the |our )?budget\b|\bi (?:hold|control|hold all|have|keep) (?:the |our )?purse[- ]?strings\b|\bi'?m the one (?:who|that) (?:pays|holds the (?:budget|money))\b|\bi'?m the budget (?:holder|owner)\b|\bi work alone\b|\bi (?:have|got|'ve got) (?:a|an|two|three|\d+) (?:\pL+ ){0,2}?(?:salon|shop|store|cafe|restaurant|bakery|gym|studio|clinic|practice|pub|bar|garage|farm|hotel|b&b|business|company|agency|salons|shops|stores|cafes|restaurants|gyms|studios|clinics|pubs|food truck|stall|hostel|guesthouse|academy|kiosk|inn)\b|\b(?:and i|and myself) (?:\pL+ )?(?:own|run|are the (?:co-?)?owners|co-own)\b|\b(?:i have|with) (?:full |final )?(?:budget|purchasing|signing|buying) authority\b|\bi(?:'m| am) the one (?:who|that) (?:decides|signs|makes the (?:final )?(?:decision|call))\b|\bwe(?:'re| are) the (?:final )?decision[- ]?makers?\b|\bthe decision is mine\b|\bit'?s my (?:decision|call)\b|\bup to me\b`)
	// soloRe finds a sole trader or freelancer in German, French or
	// Spanish ("Freiberuflerin", "auto-entrepreneur", "soy autónoma").
	soloRe = mustPattern(`(?:^|\s)(?:à|a) mon compte|\b(?:freelancer(?:in)?|freiberuf\pL*|selbstst(?:ä|ae)ndig|selbst(?:ä|ae)ndig|einzelunternehmer(?:in)?|ich bin freelance|freelance-|auto-?entrepreneur|micro-?entrepreneur|je suis freelance|je suis (?:ind(?:é|e)pendant|ind(?:é|e)pendante)|a mon compte|je g(?:è|e)re tout (?:tout )?seule?|soy aut(?:ó|o)nom[oa]|aut(?:ó|o)nom[oa] y|trabajo por mi cuenta|soy freelance|(?:soy|trabajo|me dedico|ejerzo)\b[^.;\n]{0,40}?\bpor (?:mi cuenta|cuenta propia)|\bestoy (?:trabajando )?por (?:mi cuenta|cuenta propia)|(?:infirmi\pL+|kin\pL+|m(?:é|e)decin|avocate?|ost(?:é|e)opathe|orthophoniste|sage-femme|psychologue|architecte|dentiste|podologue|profession|ergoth(?:é|e)rapeute|di(?:é|e)t(?:é|e)tici\pL+|psychomotrici\pL+|orthoptiste|exerce|install(?:é|e)e?) (?:en )?lib(?:é|e)rale?)`)
	// runRe finds "I run the team" statements.
	runRe = mustPattern(`\b(?:i|and) (run|lead|head|manage|own|co-?own|oversee|founded|co-?founded|started) (?:the|our|my|a|this|an|two|three|four|five|several|\d+) (?:[a-z0-9&-]+ ){0,2}?(?:(team|department|dept|division|function|operations|unit|office)|company|business|org|organization|organisation|agency|group|shop|store|firm|practice|startup|brand|clinic|restaurant|studio|place|location|salon|gym|box|boxe|hotel|pharmacy|bakery|bakerie|cafe|bar|garage|school|nursery)s?\b|\bmy own (?:company|business|agency|firm|shop|store|practice|startup)\b`)
	// chargeRe finds "I'm in charge of ..." and "I'm responsible for
	// purchasing" statements.
	chargeRe = mustPattern(`\bi(?:'m| am) (?:the one )?(?:solely |fully )?(responsible for|in charge of)\b(?: (?:all |the |our )?(purchasing|buying|procurement|purchases|purchase decisions|budget|budgets|decision|decisions|vendor selection|tooling|software purchases|selecting|choosing)\b)?`)
	// hereRe finds "CTO here" sign-ins.
	hereRe = mustPattern(`\b(ceo|cto|cfo|coo|cmo|cio|cro|founder|co-?founder|owner) here\b`)
	// deferRe finds statements that someone else decides, approves or
	// signs ("check with my boss", "I need approval from procurement",
	// "the board decides", "I can't sign contracts").
	deferRe = mustPattern(`\b(?:check|consult|confirm|discuss (?:it |this |that )?|talk|speak|chat|sync|clear (?:it|this|that)|run (?:it|this|that))\s+(?:by|with|past)\s+(?:my|our|the)\s+(?:[a-z]+ )?(?:` + deferNouns + `)\b` +
		`|\b(?:run|pass|bring|take|present|pitch|propose|forward|escalate|show|sell|submit)\s+(?:it|this|that|them|anything|everything|things|purchases|the (?:idea|proposal|quote|options?|decision)|your (?:proposal|quote|product|solution|tool|offer))\s+(?:by|to|past|up to)\s+(?:my|our|the)\s+(?:[a-z]+ )?(?:` + deferNouns + `)\b` +
		`|\b(?:need|needs|require|requires|get|getting|waiting (?:for|on)|seek|seeking|pending|subject to|ask for|asking for|have to get|has to get)\s+(?:[\w']+\s+){0,2}(?:approval|sign[- ]?off|buy[- ]?in|the green light|the go[- ]ahead|a go[- ]ahead|ok|okay|blessing|signature|permission)\b` +
		`|\b(?:has|have|needs?|must|will) to be (?:approved|signed(?: off)?|authori[sz]ed|green[- ]?lit|decided|okayed) (?:by|through) (?:my |our |the |a )?(?:[a-z]+ )?(?:` + deferNouns + `)\b` +
		`|\bnot (?:the|a) (?:final |ultimate |only |sole )?decision[- ]?maker\b` +
		`|\b(?:don't|do not|won't|can't|cannot|doesn't) (?:make|have) the (?:final |ultimate )?(?:decision|call|say)\b` +
		`|\b(?:it's|it is|that's|that is|this is) not (?:my (?:decision|call)|up to me)\b|\bnot up to me\b|\bnot my (?:decision|call|budget)\b` +
		`|\b(?:decision|final decision|final call|final say|last word|call|sign[- ]?off|signature) (?:is|will be|would be|lies|rests|sits|stays)\s+(?:made\s+)?(?:by|with|up to)\s+(?:my|our|the)(?: [a-z]+)?\s+\(?(?:[a-z]+ )?(?:` + deferNouns + `)\b` +
		`|\b(?:i )?(?:can't|cannot|can not|am not allowed to|am not authori[sz]ed to|don't have (?:the )?authority to|have no authority to|'m not authori[sz]ed to) (?:sign|approve|commit|make purchases)\b|\bi (?:can't|cannot|can not|am not allowed to|am not authori[sz]ed to|'m not authori[sz]ed to) (?:buy|purchase)\b` +
		`|\b(?:it'?d be|it would be|it will be|it'?s|it is|that'?s|that is) (?:\pL+ ){0,2}?(?:their|his|her) (?:decision|call)(?: anyway| in the end| ultimately)?(?:[,.;!)]|$| and | so | but )` +
		`|\b(?:someone|somebody) else (?:decides|signs|approves|holds the budget|makes the (?:decision|call))\b|\bothers decide\b|\babove my pay grade\b|\bpurse strings\b` +
		`|\b(?:go|goes|going|gets passed|get passed|passes|will go|has to go|must go|would go|gets escalated) (?:up )?to (?:my|our|the) (?:[a-z]+ )?(?:` + deferNouns + `|council|district|trustees|committee)\b` +
		`|\b(?:go|goes|going|will go|has to go|must go|would go) (?:to|before) (?:[a-z]+ ){1,3}?for (?:final )?(?:approval|a vote|sign[- ]?off|a decision)\b` +
		`|\b(?:can't|cannot|can not) (?:just|simply|really|actually) (?:sign|approve|commit|buy|purchase)\b` +
		`|\b(?:contract|contracts|purchase|purchases|spend|spending|decision|order)\b[^.;\n]{0,30}?\b(?:would|will|has to|have to|must|needs to|would have to|will have to) go (?:to|before) (?:them|him|her)\b` +
		`|\b(?:purchases|purchasing|contracts|buying decisions|decisions like this|anything over|spend|spending) (?:[^ ]+ ){0,3}?(?:go|goes|have to go|must go|run) through (?:my|our|the) (?:[a-z]+ )?(?:` + deferNouns + `)\b`)
	// influRe finds the writer evaluating, researching, shortlisting or
	// recommending, or acting for someone without saying who decides.
	influRe = mustPattern(`\b(?:check|consult|discuss (?:it |this |that )?|talk|speak|sync)\s+with\s+(?:my|our|the)\s+(?:[a-z]+ )?team\b` +
		`|\b(?:part of|on|member of|sit on|sits on|lead|leading|run|running) (?:the|an|our|a) (?:evaluation|selection|buying|procurement|review|search|purchasing|vendor selection) (?:team|committee|group|panel|board|process)\b` +
		`|\bloop(?:ing)? in (?:my|our|the) (?:[a-z]+ )?(?:` + authNouns + `)\b` +
		`|\bon behalf of (?:my|our) (?:[a-z]+ )?(?:` + authNouns + `|company|organization|organisation|client)\b` +
		`|\b(?:my|our) (?:[a-z]+ ){0,2}?(?:boss|manager|ceo|cto|cfo|coo|founder|owner|director|head|vp|supervisor|leadership|management|board|pastor|principal)(?: of [a-z]+)? (?:asked|told|has asked|tasked|assigned|directed|wants|wanted) me to (?:find|look|research|evaluate|compare|shortlist|source|identify|get|gather|collect|review|explore|scout|put together|check out|pick|select)\b` +
		`|\bi(?:'m| am) responsible (?:to|for) (?:find|finding|choose|choosing|select|selecting|evaluate|evaluating|source|sourcing|pick|picking|identify|identifying)\b` +
		`|\b(?:asked|tasked|told|sent) by (?:my|our) (?:[a-z]+ )?(?:` + authNouns + `)\b` +
		`|\b(?:i've been|i have been|i was|i'm|i am) (?:asked|tasked|charged|assigned) (?:to|with) (?:find|look|research|evaluate|compare|shortlist|source|identify|find|put together|review|scout|explore|gather|collect|compile|pull together|pull)\w*` +
		`|\b(?:putting|put|pulling|pull) (?:a |together a )?(?:comparison|shortlist|short list|recommendation|options paper)(?: together)?\b` +
		`|\bi (?:report|reports) (?:directly )?to\b` +
		`|\bi work in (?:procurement|purchasing|the procurement|the purchasing)\b|\b(?:i'm|i am) (?:in|on the) (?:procurement|purchasing|sourcing) team\b` +
		`|\b(?:i'm |i am )(?:leading|running|heading|coordinating|driving|managing) (?:the|an|our|a|this) (?:\pL+ ){0,2}?(?:review|evaluation|selection|search|tender|rfp)\b` +
		`|\b(?:i'm|i am) (?:just |only |simply |currently |still |now )?(?:researching|evaluating|comparing|looking into|exploring (?:options|tools|vendors|solutions)|looking at (?:\pL+ ){0,3}?(?:tools|options|vendors|solutions|software|platforms|systems)|shortlisting|gathering (?:options|info|information|quotes)|putting together a (?:shortlist|comparison)|reviewing (?:options|vendors|tools))\b` +
		`|\bmake a recommendation\b|\b(?:put together|prepare|preparing|putting together) a (?:shortlist|short list|recommendation|comparison)\b` +
		`|\b(?:recommend|recommending) (?:it |this |a (?:tool|solution|vendor) |one )?to (?:my|our|the) (?:[a-z]+ )?(?:` + authNouns + `)\b`)
	// useRe finds statements that the writer will use the product.
	useRe = mustPattern(`\bi (?:just |only )?volunteer\b|\bich helfe ehrenamtlich\b|\bje suis b(?:é|e)n(?:é|e)vole\b|\bsoy voluntari[oa]\b|\bi work (?:in|on|at) the (?:warehouse|kitchen|front desk|reception|shop floor|call cent(?:er|re)|till|counter|ward|floor|store|line|depot)\b|\b(?:just |only )?for (?:me|myself)(?: personally)?,? not (?:the|my|our) (?:team|company)\b|\basking for myself\b|\bi(?:'ll| will|'d| would)(?: be)? (?:the one |mainly |mostly |primarily |personally )?(?:using|use) (?:it|this|the (?:tool|product|software|platform|app|system))\b|\bi(?:'d| would| will|'ll) be (?:the )?(?:main |primary |only |end |day-to-day |daily )?user\b|\b(?:for|just for) (?:my own|personal|individual|private) use\b|\b(?:i'm|i am) (?:an? |the |one of the )?end[- ]?users?\b|\bi use (?:it|this|your (?:tool|product|app)) (?:daily|every day|myself)\b`)
)

// Title vocabulary for classifyTitle.
var (
	dmTitleWords = map[string]bool{
		"ceo": true, "cto": true, "cfo": true, "coo": true, "cmo": true, "cio": true,
		"cro": true, "ciso": true, "cpo": true, "cdo": true, "cso": true, "cco": true,
		"chro": true, "chief": true, "president": true, "vp": true, "svp": true,
		"evp": true, "founder": true, "co-founder": true, "cofounder": true,
		"owner": true, "owners": true, "partner": true, "partners": true, "md": true, "gm": true,
		"founders": true, "co-owner": true, "franchisee": true, "franchisees": true, "coowner": true, "proprietress": true,
		"proprietor": true, "chairman": true, "chairwoman": true, "principal": true,
	}
	influencerTitleWords = map[string]bool{
		"manager": true, "mgr": true, "lead": true, "supervisor": true,
		"architect": true, "teamlead": true, "controller": true, "leader": true,
		"advisor": true, "adviser": true, "foreman": true, "deputy": true,
	}
	userTitleWords = map[string]bool{
		"developer": true, "engineer": true, "analyst": true, "rep": true,
		"representative": true, "sdr": true, "bdr": true, "agent": true,
		"associate": true, "specialist": true, "coordinator": true,
		"assistant": true, "intern": true, "student": true, "designer": true,
		"marketer": true, "recruiter": true, "admin": true,
		"administrator": true, "employee": true, "staff": true,
		"salesperson": true, "accountant": true, "technician": true,
		"operator": true, "user": true, "member": true, "trainee": true, "consultant": true,
		"nurse": true, "cook": true, "pharmacist": true, "paralegal": true, "teacher": true,
		"driver": true, "cashier": true, "clerk": true, "receptionist": true, "dispatcher": true,
		"mechanic": true, "electrician": true, "worker": true, "courier": true, "waiter": true,
		"waitress": true, "server": true, "bartender": true, "barista": true, "caregiver": true,
		"therapist": true, "hygienist": true, "paramedic": true, "programmer": true, "writer": true,
		"editor": true, "copywriter": true, "photographer": true, "researcher": true, "scientist": true,
		"librarian": true, "tutor": true, "instructor": true, "secretary": true, "bookkeeper": true,
		"lawyer": true, "attorney": true, "solicitor": true, "dev": true, "picker": true,
		"nanny": true, "carer": true, "auditor": true, "artist": true, "artists": true, "brewer": true, "volunteer": true, "packer": true, "physio": true, "physiotherapist": true, "officer": true,
		"generalist": true, "storeman": true, "storekeeper": true, "warehouseman": true, "welder": true,
		"plumber": true, "machinist": true, "fitter": true, "carpenter": true, "joiner": true, "installer": true,
		"operators": true, "therapeut": true, "physiotherapeut": true, "ergotherapeut": true, "logopäde": true,
	}
	// titleStop ends a title: "the CTO at Acme", "head of sales and ...".
	titleStop = map[string]bool{
		"at": true, "for": true, "in": true, "with": true, "and": true,
		"here": true, "but": true, "so": true, "who": true, "which": true,
		"that": true, "i": true, "we": true, "from": true, "on": true,
		"to": true, "of": true, "by": true, "-": true, "|": true, "@": true,
		"\u00b7": true, "helping": true, "working": true, "based": true,
		"since": true, "over": true, "within": true, "&amp;": true,
		"looking": true, "reaching": true, "writing": true, "interested": true,
		// German, French, Spanish.
		"bei": true, "chez": true, "en": true, "dans": true, "pour": true, "für": true,
		"fuer": true, "und": true, "et": true, "y": true, "mit": true, "avec": true,
		"con": true, "im": true, "am": true, "au": true, "aux": true, "à": true,
		"seit": true, "depuis": true, "desde": true, "que": true, "qui": true,
		"ich": true, "je": true, "yo": true,
		"j'ai": true, "wir": true, "nous": true, "somos": true, "sind": true,
		"habe": true, "suche": true, "cherche": true, "busco": true, "tengo": true,
		"bin": true, "suis": true, "soy": true, "dentro": true,
	}
	// ofTitles may be followed by "of <function>".
	ofTitles = map[string]bool{
		"head": true, "director": true, "vp": true, "president": true,
		"chief": true, "manager": true, "officer": true, "lead": true,
	}
	// titleSkip are words between the intro and the title.
	titleSkip = map[string]bool{
		"the": true, "a": true, "an": true, "currently": true, "also": true,
		"now": true, "actually": true, "our": true, "my": true, "your": true,
		"one": true, "of": true, "company's": true,
		"der": true, "die": true, "le": true, "la": true, "el": true, "un": true,
		"une": true, "una": true, "ein": true, "eine": true, "l'": true,
		"derzeit": true, "aktuell": true, "actuellement": true, "actualmente": true,
		"hier": true, "ici": true, "aquí": true, "aqui": true, "auch": true,
		// "une des associées", "uno de los socios", "einer der Partner".
		"des": true, "l'un": true, "l'une": true, "uno": true, "de": true, "los": true, "las": true, "einer": true,
	}
	// asFollow are the words that may follow "as <title>" when it is the
	// writer's own title ("as CTO, I ...", "as head of sales at Acme").
	asFollow = map[string]bool{
		"": true, "i": true, "we": true, "at": true, "for": true, "here": true,
		"in": true, "my": true, "our": true, "of": true,
		"bei": true, "ich": true, "habe": true, "bin": true, "möchte": true, "moechte": true,
		"suche": true, "im": true, "eines": true, "einer": true, "unseres": true, "unserer": true,
		"der": true, "des": true, "für": true, "fuer": true, "je": true, "j'ai": true, "chez": true,
		"dans": true, "de": true, "du": true, "d'une": true, "d'un": true, "en": true,
		"del": true, "yo": true, "estoy": true, "tengo": true, "busco": true, "necesito": true,
		"quiero": true, "me": true, "nous": true, "wir": true, "würde": true, "wuerde": true, "kann": true,
		"will": true, "brauche": true, "interessiere": true, "suis": true, "soy": true, "von": true,
		"an":  true, // "als Lehrer an einer Berufsschule"
		"zur": true, // "hab ich als Büroleiterin zur Verfügung"
	}
)

// authCand is a scored authority reading.
type authCand struct {
	a   Authority
	pos int
	// noOther marks "no one else decides": a deferring phrase in the same
	// clause ("I don't need approval from my boss") is its negation.
	noOther bool
	// own marks the writer's own decision stated in words ("I decide",
	// "c'est moi qui tranche"), which a "but" sets against a deferral
	// before it.
	own bool
}

// extractAuthority returns the most confident authority statement in d,
// or nil. A stated title supplies Role even when a stronger statement
// decides the level: a CTO who must "check with our CEO" is an influencer
// with Role "CTO".
func extractAuthority(d *doc) *Authority {
	s := d.lower
	var cands []authCand
	add := func(level, role string, conf float64, start, end int) {
		cands = append(cands, authCand{
			a:   Authority{Level: level, Role: role, Confidence: conf, Evidence: d.snippet(start, end)},
			pos: start,
		})
	}

	lang := authLanguage(s)
	for _, m := range introRe.findAll(d) {
		intro := s[m[2]:m[3]]
		if intro == "im" && lang == LangGerman {
			continue // German "im" is "in the"
		}
		if level, role, end, ok := parseTitle(d, m[1], intro == "as"); ok {
			add(level, role, titleConfidence(level), m[0], end)
		} else if intro == "as" {
			if level, role, end, ok := parseTitle(d, m[1], false); ok && asWriterTitle(d, m[0], end) {
				add(level, role, titleConfidence(level), m[0], end)
			}
		}
	}
	for _, m := range fieldRe.findAll(d) {
		if level, role, end, ok := parseTitle(d, m[1], false); ok {
			add(level, role, titleConfidence(level), m[1], end)
		}
	}
	cands = append(cands, signatureTitles(d, lang)...)
	for _, m := range hereRe.findAll(d) {
		add(LevelDecisionMaker, d.clean[m[2]:m[3]], 0.75, m[0], m[1])
	}
	for _, m := range chargeRe.findAll(d) {
		switch {
		case m[4] >= 0: // in charge of the purchase itself
			add(LevelDecisionMaker, "", 0.85, m[0], m[1])
		case group(s, m, 1) == "in charge of": // of a function
			add(LevelDecisionMaker, "", 0.7, m[0], m[1])
		default: // responsible for some work
			add(LevelInfluencer, "", 0.6, m[0], m[1])
		}
	}
	for _, m := range decideRe.findAll(d) {
		if d.negatedBefore(m[0]) {
			continue // "it's not up to me" is caught by deferRe
		}
		if approvalLimit(d, m[1]) {
			continue // "I can sign off on anything up to 5k": a limit, not the decision
		}
		add(LevelDecisionMaker, "", 0.9, m[0], m[1])
		cands[len(cands)-1].own = true
	}
	for _, m := range runRe.findAll(d) {
		if d.negatedBefore(m[0]) {
			continue
		}
		text := s[m[0]:m[1]]
		if strings.Contains(text, "evaluation") || strings.Contains(text, "selection") || strings.Contains(text, "procurement") {
			add(LevelInfluencer, "", 0.7, m[0], m[1])
			continue
		}
		if unit := group(s, m, 2); unit != "" && group(s, m, 1) != "own" && !strings.Contains(group(s, m, 1), "founded") && group(s, m, 1) != "started" {
			// Running a team or department is mid-level (a team lead);
			// running the company decides.
			add(LevelInfluencer, "", 0.7, m[0], m[1])
			continue
		}
		role := ""
		switch verb := group(s, m, 1); {
		case strings.Contains(verb, "founded") || verb == "started":
			role = "Founder"
		case verb == "own" || verb == "":
			role = "Owner"
		}
		add(LevelDecisionMaker, role, 0.75, m[0], m[1])
	}
	for _, m := range deferRe.findAll(d) {
		if d.negatedBefore(m[0]) {
			// "I don't need approval from anyone" is the opposite.
			if text := s[m[0]:m[1]]; strings.Contains(text, "approval") || strings.Contains(text, "sign") {
				add(LevelDecisionMaker, "", 0.8, d.negationAt(m[0]), m[1])
			}
			continue
		}
		if approvalFeature(s, m[1]) {
			continue // "we need approval workflows": a feature, not a boss
		}
		if s[m[0]:m[1]] == "purse strings" && writerBefore(d, m[0], 3) {
			continue // "I hold the purse strings" decides
		}
		add(LevelDefers, "", 0.85, m[0], m[1])
	}
	for _, m := range influRe.findAll(d) {
		if d.negatedBefore(m[0]) {
			continue
		}
		text := s[m[0]:m[1]]
		conf := 0.8
		switch {
		case strings.HasSuffix(text, " team") && !strings.Contains(text, "evaluation") &&
			!strings.Contains(text, "selection") && !strings.Contains(text, "buying"):
			conf = 0.55 // a boss also discusses things with the team
		case strings.HasPrefix(text, "on behalf"), strings.HasPrefix(text, "i report"):
			conf = 0.75
		case strings.HasPrefix(text, "loop"):
			conf = 0.7 // keeping someone informed is not asking permission
		}
		add(LevelInfluencer, "", conf, m[0], m[1])
	}
	for _, m := range useRe.findAll(d) {
		if d.negatedBefore(m[0]) {
			continue
		}
		add(LevelUser, "", 0.65, m[0], m[1])
	}
	for _, m := range noOtherRe.findAll(d) {
		add(LevelDecisionMaker, "", 0.8, m[0], m[1])
		cands[len(cands)-1].noOther = true
	}
	cands = authorityLang(d, cands)
	cands = deferCands(d, lang, cands)
	cands = jointCands(d, cands)
	cands = ownCands(d, cands)
	cands = moreCands(d, cands)
	cands = routeCands(d, cands)
	cands = controlCands(d, cands)
	cands = deptUserCands(d, cands)
	if len(cands) == 0 {
		return nil
	}
	cancelContrasted(d, cands)
	for i := range cands {
		if cands[i].a.Level == LevelDefers && painStoryDefer(d, cands[i].pos) {
			cands[i].a.Confidence = 0
		}
	}

	// Someone else deciding wins over every other statement and title
	// (a CEO who needs the board's approval defers); otherwise the most
	// confident reading wins, the earliest on a tie.
	for _, c := range cands {
		if !c.noOther {
			continue
		}
		k := d.clauseIndex(c.pos)
		for i := range cands {
			if cands[i].a.Level == LevelDefers && d.clauseIndex(cands[i].pos) == k {
				cands[i].a.Confidence = 0
			}
		}
	}
	defers := false
	for _, c := range cands {
		if c.a.Level == LevelDefers && c.a.Confidence >= AnswerThreshold {
			defers = true
		}
	}
	best, role := -1, ""
	roleConf := 0.0
	for i, c := range cands {
		if defers && c.a.Level != LevelDefers {
			if c.a.Role != "" && c.a.Confidence > roleConf {
				role, roleConf = c.a.Role, c.a.Confidence
			}
			continue
		}
		if best < 0 {
			best = i
		}
		b := cands[best].a
		if c.a.Confidence > b.Confidence || c.a.Confidence == b.Confidence && c.pos < cands[best].pos {
			best = i
		}
		if c.a.Role != "" && c.a.Confidence > roleConf {
			role, roleConf = c.a.Role, c.a.Confidence
		}
	}
	if b := cands[best].a; b.Level == LevelInfluencer && b.Role == "" {
		// A senior title outranks the writer's own evaluating: an owner
		// or CEO who compares or researches still decides (spec).
		for i, c := range cands {
			if c.a.Level == LevelDecisionMaker && c.a.Role != "" && c.a.Confidence >= 0.6 {
				best = i
				break
			}
		}
	}
	a := cands[best].a
	if a.Role == "" {
		a.Role = role
	}
	return &a
}

// signatureTitles reads titles from signature-like lines and clauses: a
// short line or sentence that is nothing but a title, optionally after a
// name and followed by a separator and the company ("Owner, Mike's
// Plumbing", "VP Sales | Acme", "Claire Martin, directrice générale,
// Groupe Martin", "Owner of 3 gyms here.", "Socio director.") or closing a
// line after a dash ("... - Paul, Managing Partner"). Quoted history is
// already gone, so such a title is the writer's own. They count for less
// than a statement: a signature block may be a colleague's.
func signatureTitles(d *doc, lang string) []authCand {
	var out []authCand
	s := d.lower
	try := func(ls, le int) {
		for ls < le && (s[ls] == '-' || s[ls] == '*' || s[ls] == ' ' || s[ls] == '|') {
			ls++
		}
		lineStart := ls
		ls = skipSalutation(s, ls, le)
		greeted := ls > lineStart
		if le-ls < 2 || strings.ContainsAny(s[ls:le], "?!") {
			return
		}
		le = min(le, ls+90)
		if !titleWordNear(s, ls, le) {
			return // most sentences: no title word at their start
		}
		fs, fe := nextWord(s, ls, le)
		if fs < 0 {
			return
		}
		first := strings.Trim(s[fs:fe], ".:;!?-'")
		if titleSkip[first] && sigNamedAfter(d, fs, le) {
			// "Le président de la cave, J.-P. Roux": a title and the
			// name it belongs to.
			ls, first = fe, ""
		}
		if first == "it" && d.clean[fs:fe] == "IT" {
			first = "" // "IT Lead", not "it"
		}
		if titleSkip[first] || negators[first] || sigNotTitle[first] {
			return
		}
		if c := strings.IndexByte(s[ls:le], ':'); c >= 0 && c < 30 {
			return // a form field ("Firma: Huber GmbH, 38 Mitarbeiter")
		}
		level, role, end, ok := parseTitleIn(d, ls, le, false)
		if !ok || level == LevelUser && tradeSurname(role) {
			return
		}
		rs := ls + max(strings.Index(d.clean[ls:end], role), 0)
		if !sigTitleShape(d, lang, rs, end) {
			return
		}
		rest := strings.Trim(s[min(end, le):le], " .")
		if greeted && strings.HasPrefix(rest, ",") && rs == ls {
			return // "Salut, chef, ça va": a vocative, not a title
		}
		rest = skipDepartment(d, le-len(rest), le, rest)
		if (lang == LangFrench || lang == LangSpanish) && strings.IndexByte(s[lineStart:rs], ',') >= 0 {
			// "Kevin, analyste données, Groupe Roussel": a department
			// after the title, up to the next comma.
			if c := strings.IndexByte(rest, ','); c > 0 && len(strings.Fields(rest[:c])) <= 2 {
				rest = rest[c:]
			}
		}
		if rest == "" || strings.ContainsAny(rest[:1], ",|-@/\u00b7(") || sigCompanyPrefix(rest) {
			for _, c := range out {
				if c.pos == ls {
					return
				}
			}
			out = append(out, authCand{
				a:   Authority{Level: level, Role: role, Confidence: clamp01(titleConfidence(level) - 0.1), Evidence: d.snippet(ls, end)},
				pos: ls,
			})
		}
	}
	for ls := 0; ls < len(s); {
		le := strings.IndexByte(s[ls:], '\n')
		if le < 0 {
			le = len(s)
		} else {
			le += ls
		}
		try(ls, le)
		// A title in brackets after a name: "Sarah (practice owner)".
		// Also at the end of a one-line message: "... line? Thanks, Anna
		// (purchasing assistant)", a name just before the bracket.
		if o := strings.LastIndexByte(s[ls:le], '('); o > 0 && (o < 40 || strings.LastIndexAny(s[ls:ls+o], ",.!?") >= o-25) &&
			strings.HasSuffix(strings.TrimRight(s[ls:le], " ."), ")") {
			try(ls+o+1, ls+strings.LastIndexByte(s[ls:le], ')'))
		}
		// A title after a name and a profession: "Dr Pauline Vasseur,
		// chirurgien-dentiste, gérante du cabinet".
		if le-ls < 120 {
			for c, n := ls, 0; n < 3; n++ {
				k := strings.IndexByte(s[c:le], ',')
				if k < 0 {
					break
				}
				c += k + 1
				try(c, le)
			}
		}
		// A title after a dash at the end of a long line.
		if k := strings.LastIndex(s[ls:le], " - "); k >= 0 && le-(ls+k) < 60 {
			try(ls+k+3, le)
		}
		ls = le + 1
	}
	// Short sentences that are only a title.
	for k := 0; k <= len(d.breaks); k++ {
		c := d.clauseSpan(k)
		try(c[0], c[1])
	}
	return out
}

// skipDepartment drops up to three capitalised words (and "&", "und",
// "and") that name a department after a title in a signature ("Leiter
// Verkauf & Vinothek", "VP Customer Success at a fintech",
// "Abteilungsleiterin Meldewesen") and returns what follows them.
func skipDepartment(d *doc, p, le int, rest string) string {
	q := p
	for n := 0; n < 3; n++ {
		ws, we := nextWord(d.lower, q, le)
		if ws < 0 || ws >= we || we > len(d.clean) || ws > q+2 {
			break
		}
		w := d.lower[ws:we]
		if w == "it" && d.clean[ws:we] == "IT" {
			w = "IT" // "Teamleiter IT": the department, not "it"
		}
		if !isUpper(d.clean[ws]) && w != "&" && w != "und" && w != "and" && !(ws > 0 && d.clean[ws-1] == '&') ||
			titleStop[w] || sigNotTitle[w] {
			break
		}
		q = we
		for q < le && (d.lower[q] == ' ' || d.lower[q] == '&') {
			q++
		}
	}
	if q == p {
		return rest
	}
	next := strings.Trim(d.lower[min(q, le):le], " .")
	if next == "" || strings.ContainsAny(next[:1], ",|-@/\u00b7(") || sigCompanyPrefix(next) {
		return next
	}
	return rest
}

// sigNamedAfter reports a line "<determiner> <title>, <Name>": after the
// last comma only one to four capitalised words.
func sigNamedAfter(d *doc, ls, le int) bool {
	c := strings.LastIndexByte(d.lower[ls:le], ',')
	if c < 0 {
		return false
	}
	words := strings.Fields(d.clean[ls+c+1 : le])
	if len(words) == 0 || len(words) > 4 {
		return false
	}
	for _, w := range words {
		if !isUpper(w[0]) {
			return false
		}
	}
	return true
}

// approvalFeature reports an approval named as a product feature right
// after p ("approval workflows", "sign-off process", "Freigabe-Workflow").
func approvalFeature(s string, p int) bool {
	ws, we := nextWord(s, p, len(s))
	if ws < 0 || ws > p+1 {
		return false
	}
	w := s[ws:we]
	for _, f := range []string{"workflow", "flow", "process", "step", "chain", "rule", "routing", "feature",
		"module", "request", "app", "tool", "loop", "processes", "cycle"} {
		if strings.HasPrefix(w, f) {
			return true
		}
	}
	return false
}

// titleWordNear reports a title word (or a hyphenated or feminine form of
// one) among the first six words of s[lo:hi], without allocating.
func titleWordNear(s string, lo, hi int) bool {
	p := lo
	for n := 0; n < 6; n++ {
		ws, we := nextWord(s, p, hi)
		if ws < 0 {
			return false
		}
		w := strings.TrimRight(s[ws:we], ".:;'")
		if k := strings.LastIndexByte(w, '-'); k > 0 && k+1 < len(w) {
			if isTitleWord(w) || strings.HasPrefix(w, "freelance") || dmTitleWordsLang[w[:strings.IndexByte(w, '-')]] ||
				dmTitleWords[w[:strings.IndexByte(w, '-')]] {
				return true
			}
			w = w[k+1:]
		}
		if isTitleWord(w) || len(w) > 5 && strings.HasSuffix(w, "in") && isTitleWord(w[:len(w)-2]) ||
			titleSuffix(w, userSuffixes) || titleSuffix(w, influencerSuffixes) || w == "managing" || w == "general" ||
			dmTitleWordsLang[w] || w == "decision" || w == "administrateur" || w == "consejero" || w == "consejera" {
			return true
		}
		p = we
	}
	return false
}

// sigNotTitle are first words of a line or sentence that is a statement,
// not a bare title.
var sigNotTitle = map[string]bool{
	"i": true, "i'm": true, "im": true, "i've": true, "i'd": true, "i'll": true, "we": true, "we're": true,
	"title": true, "role": true, "this": true, "it": true, "it's": true, "that": true, "ich": true,
	"wir": true, "je": true, "j'ai": true, "nous": true, "yo": true, "soy": true, "bin": true, "suis": true,
	"c'est": true, "es": true, "ist": true, "is": true, "you": true, "your": true, "our": true, "my": true,
	"notre": true, "mon": true, "ma": true, "mi": true, "nuestro": true, "nuestra": true, "unser": true,
	"unsere": true, "mein": true, "meine": true, "not": true, "no": true, "kein": true, "pas": true,
}

// sigCompanyPrefix reports the rest of a signature line that names the
// company after the title ("at Acme", "bei Müller GmbH", "chez Dupont").
func sigCompanyPrefix(rest string) bool {
	for _, p := range []string{"at ", "bei ", "chez ", "en ", "de ", "del ", "der ", "im ", "@", "of ", "for ",
		"pour ", "para ", "für ", "fuer ", "here", "in ", "with ", "dans ", "à ", "a ", "hier", "ici", "aquí", "aqui",
		"d'", "des ", "du ", "eines ", "einer ", "au ", "aux ", "beim "} {
		if strings.HasPrefix(rest, p) {
			return true
		}
	}
	return false
}

// titleConfidence is how much a stated title says about authority: a
// C-level title almost always decides, a manager usually recommends.
func titleConfidence(level string) float64 {
	switch level {
	case LevelDecisionMaker:
		return 0.8
	case LevelInfluencer:
		return 0.65
	default:
		return 0.6
	}
}

// parseTitle reads a job title starting at p ("the VP of Sales at Acme")
// and classifies it. afterAs applies the stricter rules of "as <title>",
// which is often about someone else ("as the CTO mentioned").
func parseTitle(d *doc, p int, afterAs bool) (level, role string, end int, ok bool) {
	return parseTitleIn(d, p, min(d.clauseEnd(p), p+80), afterAs)
}

// parseTitleIn is parseTitle within d.lower[p:ce]: a signature line may
// hold "C. Jansen, Head of E-Commerce", whose initial ends a clause.
func parseTitleIn(d *doc, p, ce int, afterAs bool) (level, role string, end int, ok bool) {
	s := d.lower
	toks := tokenize(s, p, ce)
	i := 0
	for i < len(toks) && titleSkip[toks[i].w] {
		if afterAs && (toks[i].w == "our" || toks[i].w == "my" || toks[i].w == "your") {
			return "", "", 0, false
		}
		i++
	}
	// "I'm Jane Doe, CTO at Acme": skip a short, capitalised name before
	// a comma.
	if !afterAs && i < len(toks) && isUpper(d.clean[toks[i].start]) {
		for j := i; j < len(toks) && j < i+4; j++ {
			if toks[j].comma && (classifyTitle(wordsOf(toks[i:j+1])) == "" || j > i && capitalised(d, toks[i:j+1]) &&
				j+1 < len(toks) && titleWordNear(s, toks[j+1].start, toks[min(j+3, len(toks)-1)].end)) {
				i = j + 1
				for i < len(toks) && titleSkip[toks[i].w] {
					i++
				}
				break
			}
		}
	}
	if i >= len(toks) || negators[toks[i].w] {
		return "", "", 0, false
	}
	first, last := i, -1
	usedOf := false
	for j := i; j < len(toks) && j < i+5; j++ {
		w := toks[j].w
		if strings.HasSuffix(w, "'s") {
			if j == first && !isTitleWord(strings.TrimSuffix(w, "'s")) && j+1 < len(toks) && titleWordNear(s, toks[j+1].start, toks[min(j+2, len(toks)-1)].end) {
				first++ // "the town's IT manager": the title after the owner
				continue
			}
			break // "the CEO's assistant"
		}
		if w == "of" || langOfWords[w] {
			if usedOf || j == first || !ofTitles[toks[j-1].w] && !langOfTitles[toks[j-1].w] {
				break
			}
			usedOf = true
			continue
		}
		if strings.HasPrefix(w, "d'") && len(w) > 2 {
			// "chef d'entreprise", "chargé d'affaires": of and function
			// in one word.
			if usedOf || j == first || !langOfTitles[toks[j-1].w] {
				break
			}
			usedOf = true
			last = j
			continue
		}
		if (w == "and" || w == "und" || w == "et" || w == "y" || w == "&" || w == "&amp;") && j > first &&
			j+1 < len(toks) && isTitleWord(toks[j+1].w) && !toks[j-1].comma {
			continue // "gerente y propietario", "Leiter und Eigentümer"
		}
		if titleStop[w] {
			break
		}
		last = j
		if toks[j].comma {
			break
		}
	}
	if last < first {
		return "", "", 0, false
	}
	last = trimTitle(toks, first, last)
	words := wordsOf(toks[first : last+1])
	level = classifyTitle(words)
	if level == "" {
		return "", "", 0, false
	}
	if afterAs && !asTitleEnds(toks, first, last) {
		return "", "", 0, false
	}
	end = toks[last].end
	return level, strings.Trim(d.clean[toks[first].start:end], " ,.;:"), end, true
}

// trimTitle drops the words after a title that are not part of it ("CTO
// mentioned", "consultant helping a client"): the title ends at its last
// title word, plus the "of <function>" after it or one function word after
// a title that takes one ("VP Sales"). Without any title word ("decision
// maker") last is kept.
func trimTitle(toks []token, first, last int) int {
	lastTitle := -1
	for k := first; k <= last; k++ {
		if isTitleWord(toks[k].w) {
			lastTitle = k
		}
	}
	switch {
	case lastTitle < 0 || lastTitle == last:
		return last
	case toks[lastTitle+1].w == "of" || langOfWords[toks[lastTitle+1].w] || strings.HasPrefix(toks[lastTitle+1].w, "d'"):
		return last
	case (ofTitles[toks[lastTitle].w] || langOfTitles[toks[lastTitle].w]) && !toks[lastTitle].comma && !bossWords[toks[lastTitle].w]:
		return lastTitle + 1
	}
	return lastTitle
}

// asTitleEnds reports whether the title in toks[first..last] is followed
// by what the writer's own title is followed by: a comma, "I", "at",
// "of <function>" or the end of the clause. "As the CTO mentioned" is
// someone else's title.
func asTitleEnds(toks []token, first, last int) bool {
	for k := first; k <= last; k++ {
		w := toks[k].w
		if !isTitleWord(w) {
			continue
		}
		if toks[k].comma || k+1 == len(toks) {
			return true
		}
		next := toks[k+1].w
		if (next == "und" || next == "and" || next == "et" || next == "y") && k+2 < len(toks) && isTitleWord(toks[k+2].w) {
			continue // "als Inhaber und Geschäftsführer von ...": the last title decides
		}
		return asFollow[next] || next == "of" && ofTitles[w] || isTitleWord(next) ||
			langOfTitles[w] && !isDeterminer(next)
	}
	return false
}

// isTitleWord reports a word that names a role by itself.
func isTitleWord(w string) bool {
	return dmTitleWords[w] || influencerTitleWords[w] || userTitleWords[w] || w == "head" || w == "boss" || isTitleWordLang(w)
}

// bossWords head something without naming a department after them: "ich
// bin der Chef können Sie ..." is the boss, not a "Chef können".
var bossWords = map[string]bool{
	"boss": true, "chef": true, "chefin": true, "cheffe": true, "jefe": true, "jefa": true,
	"patron": true, "patronne": true, "patrón": true, "patrona": true,
}

// token is one word of a title candidate.
type token struct {
	w          string // lower-cased, trimmed of punctuation
	start, end int
	comma      bool // followed directly by a comma
}

// tokenize splits lower[p:end] into words.
func tokenize(s string, p, end int) []token {
	var out []token
	i := p
	for i < end && len(out) < 16 {
		for i < end && (s[i] == ' ' || s[i] == ',' || s[i] == '(' || s[i] == ')' || s[i] == '"' || s[i] == '/') {
			i++
		}
		j := i
		for j < end && s[j] != ' ' && s[j] != ',' && s[j] != '(' && s[j] != ')' && s[j] != '"' && s[j] != '/' {
			j++
		}
		if j == i {
			break
		}
		w := strings.Trim(s[i:j], ".:;!?-'")
		if w == "" {
			w = "-" // a lone dash or dots separates, as in "VP Sales - Acme"
		}
		out = append(out, token{w: w, start: i, end: j, comma: j < end && s[j] == ','})
		i = j
	}
	return out
}

// isUpper reports an ASCII capital letter.
func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }

// wordsOf returns the words of toks.
func wordsOf(toks []token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.w
	}
	return out
}

// classifyTitle maps title words to an authority level, or "" for words
// that are not a job title. Assistants and interns are users even next to
// a senior word ("assistant to the CEO" stops earlier anyway). A head,
// director or boss of a department is mid-level ("Head of Production",
// "Sales Director", "jefe de compras"); one of the company, or with no
// department, decides ("Director", "directrice de l'agence", "Chefin").
// The most senior reading among the words wins.
func classifyTitle(words []string) string {
	if len(words) == 0 {
		return ""
	}
	joined := strings.Join(words, " ")
	for _, w := range words {
		switch w {
		case "assistant", "intern", "student", "trainee", "assistante", "asistente", "assistent",
			"assistentin", "assistenz", "secretaria", "secrétaire", "secretaire", "sekretärin",
			"sekretaerin", "stagiaire", "praktikant", "praktikantin", "becario", "becaria",
			"werkstudent", "werkstudentin", "azubi":
			return LevelUser
		}
	}
	for _, role := range []string{"product owner", "account owner", "process owner", "business partner", "channel partner",
		// A French project or mission lead evaluates (writers label her so).
		"chargé de projet", "chargée de projet", "chargé de mission", "chargée de mission"} {
		if strings.Contains(joined, role) {
			return LevelInfluencer
		}
	}
	if strings.Contains(joined, "decision maker") || strings.Contains(joined, "decision-maker") {
		return LevelDecisionMaker
	}
	if len(words) > 1 && (strings.Contains(joined, "titulaire") || strings.Contains(joined, "titular")) {
		return LevelDecisionMaker // "pharmacienne titulaire" owns the pharmacy
	}
	dm, infl, user := false, false, false
	for i, w := range words {
		// "IT-Administrator", "Freelance-Grafikerin", "Recruiterin":
		// the last part of a hyphenated compound and the masculine of a
		// German feminine form name the same role.
		if k := strings.LastIndexByte(w, '-'); k > 0 && k+1 < len(w) && !isTitleWord(w) {
			if strings.HasPrefix(w, "freelance") || dmTitleWords[w[:strings.IndexByte(w, '-')]] || dmTitleWordsLang[w[:strings.IndexByte(w, '-')]] {
				dm = true
			}
			w = w[k+1:]
		}
		if strings.HasSuffix(w, "in") && len(w) > 5 && !isTitleWord(w) && isTitleWord(w[:len(w)-2]) {
			w = w[:len(w)-2]
		}
		next := ""
		if i+1 < len(words) {
			next = words[i+1]
		}
		switch {
		case headTitleWords[w]:
			if headOfCompany(words, i) {
				dm = true
			} else {
				infl = true
			}
		case w == "principal" && next != "":
			infl = true // "principal engineer"
		case w == "svp" && next == "" && i > 0:
			// French "s'il vous plaît" ends a sentence; "SVP Sales" does not.
		case (w == "partner" || w == "partners") && next != "" && isTitleWord(words[len(words)-1]) && !dmTitleWords[words[len(words)-1]]:
			// "Partner Marketing Lead", "Partner Manager": partners are
			// what the lead looks after; a "Managing Partner" ends in it.
		case dmTitleWords[w] || dmTitleWordsLang[w]:
			dm = true
		case (w == "managing" || w == "general") && (next == "director" || next == "manager" || next == "partner"):
			dm = true
		case seniorPair(w, next):
			dm = true
		case influencerTitleWords[w] || influencerTitleWordsLang[w] || isLeiterCompound(w) || titleSuffix(w, influencerSuffixes):
			infl = true
		case titleSuffix(w, dmSuffixes):
			dm = true
		case userTitleWords[w] || userTitleWordsLang[w] || titleSuffix(w, userSuffixes),
			len(w) > 4 && w[len(w)-1] == 's' && (userTitleWords[w[:len(w)-1]] || userTitleWordsLang[w[:len(w)-1]]):
			user = true // "one of the operators"
		}
	}
	if user && !dm && !infl && (strings.Contains(joined, "procurement") || strings.Contains(joined, "purchasing")) {
		infl = true // "Procurement Officer" evaluates suppliers for the organisation
	}
	switch {
	case dm:
		return LevelDecisionMaker
	case infl:
		return LevelInfluencer
	case user:
		return LevelUser
	}
	return ""
}

// headTitleWords head something: the company (decision maker) or a
// department (influencer), which the words around them tell apart.
var headTitleWords = map[string]bool{
	"director": true, "directors": true, "head": true, "directeur": true, "directrice": true,
	"directora": true, "chef": true, "chefin": true, "cheffe": true, "jefe": true, "jefa": true,
	"boss": true, "patron": true, "patronne": true, "patrón": true, "patrona": true, "gerente": true,
}

// companyNouns name a whole business: its director runs it.
var companyNouns = map[string]bool{
	"company": true, "business": true, "firm": true, "agency": true, "practice": true, "school": true,
	"clinic": true, "restaurant": true, "hotel": true, "studio": true, "shop": true, "store": true,
	"organization": true, "organisation": true, "charity": true, "foundation": true, "nonprofit": true,
	"group": true, "agence": true, "entreprise": true, "société": true, "societe": true, "cabinet": true,
	"école": true, "ecole": true, "clinique": true, "boutique": true, "magasin": true, "hôtel": true,
	"association": true, "groupe": true, "empresa": true, "negocio": true, "agencia": true,
	"despacho": true, "clínica": true, "clinica": true, "escuela": true, "colegio": true,
	"tienda": true, "unternehmen": true, "praxis": true, "kanzlei": true, "schule": true,
	"betrieb": true, "grupo": true, "pme": true, "pyme": true, "startup": true, "start-up": true,
}

// headQualifiers make a director or head the head of the company
// ("managing director", "directeur général", "director ejecutivo").
var headQualifiers = map[string]bool{
	"managing": true, "executive": true, "general": true, "général": true, "générale": true,
	"generale": true, "company": true, "founding": true, "gérant": true, "gerant": true,
	"ejecutivo": true, "ejecutiva": true, "d'entreprise": true, "de-empresa": true,
	// The French CFO: "directeur administratif et financier".
	"administratif": true, "administrative": true,
}

// headOfCompany reports whether the head word at i heads the company:
// alone ("Director", "ich bin der Chef"), with a qualifier ("executive
// director") or with a company noun ("directrice de l'agence").
func headOfCompany(words []string, i int) bool {
	alone := true
	for j, w := range words {
		if j == i {
			continue
		}
		if j == i+2 && (words[i+1] == "de" || words[i+1] == "of") && (w == "un" || w == "una" || w == "a" || w == "an") ||
			j == i+1 && (w == "d'un" || w == "d'une") {
			return !departmentAfter(words, j+1) // "gerente de un laboratorio", "directrice d'une crèche"
		}
		if w == "d'agence" || w == "d'antenne" {
			return false // "Directeur d'agence": a branch of a bank or network
		}
		w = strings.TrimPrefix(strings.TrimPrefix(w, "d'"), "l'")
		if j > i && departmentAfter(words, j) || j > i && (w == "unité" || w == "unite" || w == "département" || w == "service") {
			return false // "Chef de l'unité informatique clinique" heads a unit of the clinic
		}
		if headQualifiers[w] || companyNouns[w] || headQualifiers["d'"+w] {
			return true
		}
		switch w {
		case "of", "de", "du", "des", "del", "der", "the", "la", "le", "el", "&", "and", "y", "et", "und", "", "a", "an":
			continue
		}
		alone = false
	}
	return alone
}

// departmentAfter reports a team or department word at words[j]: "jefe
// de un equipo" heads a team, not the business.
func departmentAfter(words []string, j int) bool {
	if j >= len(words) {
		return false
	}
	switch words[j] {
	case "team", "department", "equipo", "departamento", "área", "area", "équipe", "equipe", "service",
		"département", "departement", "pôle", "pole", "unit", "unidad", "unité":
		return true
	}
	return false
}

// seniorPair reports a two-word title that runs a company although
// neither word does alone ("administrateur délégué", "consejero
// delegado", "Mitglied der Geschäftsleitung" is handled by its words).
func seniorPair(w, next string) bool {
	switch w {
	case "administrateur", "administratrice":
		return next == "délégué" || next == "déléguée" || next == "delegue" || next == "deleguee"
	case "consejero", "consejera":
		return next == "delegado" || next == "delegada"
	case "geschäftsführender", "geschaeftsfuehrender", "président-directeur", "president-directeur":
		return true
	}
	return false
}

// influencerSuffixes and userSuffixes end German compound titles
// ("Projektmanagerin", "Pflegefachkraft", "Vertriebsmitarbeiter").
var (
	influencerSuffixes = []string{"managerin", "manager", "leitung", "meister", "meisterin",
		// A German Referent(in) ("Referent Verwaltung", "Personalreferentin")
		// is a specialist who prepares decisions, and a Beauftragte(r)
		// ("IT-Sicherheitsbeauftragter", "Compliance-Beauftragte") answers
		// for a field: writers label both as influencers.
		"referent", "referentin", "beauftragter", "beauftragte"}
	userSuffixes = []string{
		"assistent", "assistentin", "sachbearbeiter", "sachbearbeiterin", "mitarbeiter", "mitarbeiterin",
		"fachkraft", "kraft", "entwickler", "entwicklerin", "techniker",
		"technikerin", "analyst", "analystin", "kaufmann", "kauffrau", "angestellte", "angestellter", "helfer", "helferin",
		"fahrer", "fahrerin", "verkäufer", "verkäuferin", "pfleger", "pflegerin", "berater", "beraterin",
		"sekretär", "sekretärin", "sekretaerin", "therapeut", "therapeutin", "administrator", "administratorin",
		"student", "studentin", "zeichner", "zeichnerin", "lehrer", "lehrerin", "assistenz", "bediener", "bedienerin",
		"schweißer", "schweisser", "schweißerin", "schlosser", "schlosserin",
	}
)

// titleSuffix reports a German compound of at least eight letters ending
// in one of sufs.
func titleSuffix(w string, sufs []string) bool {
	if len(w) < 8 || w == "geschäftsleitung" || w == "geschaeftsleitung" {
		return false
	}
	for _, s := range sufs {
		if strings.HasSuffix(w, s) {
			return true
		}
	}
	return false
}

// isDeterminer reports an article or possessive, after which "como jefe"
// is not followed by a department ("como jefe la verdad ...").
func isDeterminer(w string) bool {
	switch w {
	case "the", "a", "an", "le", "la", "les", "el", "los", "las", "der", "die", "das", "un", "une", "una":
		return true
	}
	return false
}

// writerBefore reports a first-person word among the n words before p in
// its clause.
func writerBefore(d *doc, p, n int) bool {
	lo := d.clauseStart(p)
	for k := 0; k < n; k++ {
		ws, we := prevWord(d.lower, lo, p)
		if ws < 0 {
			return false
		}
		if writerWords[d.lower[ws:we]] {
			return true
		}
		p = ws
	}
	return false
}

// salutations open or close a message line before a name or a title:
// "Best, Lena Fischer, L&D Manager", "Bonsoir, patron d'un petit hôtel".
var salutations = []string{"hi", "hello", "hey", "best", "regards", "best regards", "kind regards", "cheers",
	"thanks", "thank you", "many thanks", "hallo", "servus", "moin", "grüezi", "guten tag", "gruß", "grüße",
	"viele grüße", "beste grüße", "liebe grüße", "lg", "vg", "mfg", "bonjour", "bonsoir", "salut", "cordialement",
	"merci", "bien à vous", "hola", "buenas", "buenos días", "buenos dias", "buen día", "buen dia", "saludos",
	"un saludo", "gracias", "atentamente"}

// skipSalutation returns the offset after a salutation and its comma at
// ls ("Best, "), or ls.
func skipSalutation(s string, ls, le int) int {
	for _, g := range salutations {
		if strings.HasPrefix(s[ls:le], g) && ls+len(g) < le && s[ls+len(g)] == ',' {
			p := ls + len(g) + 1
			for p < le && s[p] == ' ' {
				p++
			}
			return p
		}
	}
	return ls
}

// sigTitleShape reports whether the title read at [rs, end) looks like
// one: the words before its first title word are modifiers ("Senior",
// "Head of"), not a sentence. German modifiers are capitalised nouns ("Bisher macht das eine
// Mitarbeiterin" is a sentence about a colleague); a French or Spanish
// title word that is also an adjective does not follow a lower-case noun
// ("consolidation comptable" is no accountant, "analyste données" is). A
// number first is a headcount.
func sigTitleShape(d *doc, lang string, rs, end int) bool {
	toks := tokenize(d.lower, rs, end)
	if len(toks) > 0 && isDigit(toks[0].w[0]) && !strings.HasSuffix(d.lower[toks[0].start:toks[0].end], ".") {
		return false // "38 Mitarbeiter" is a headcount; "1. Vorsitzende" a title
	}
	for k, t := range toks {
		if titleWordNear(d.lower, t.start, t.end) {
			if k > 0 && adjectiveTitles[t.w] && departmentNouns[toks[k-1].w] {
				return false // "Oficina técnica", "Service commercial": a department
			}
			if k > 0 && independentWords[t.w] && independentBusiness[toks[k-1].w] {
				return false // "editorial independiente" is a publisher, not a freelancer
			}
			return k == 0 || !adjectiveTitles[t.w] || isUpper(d.clean[toks[k-1].start])
		}
		if k > 0 && lang == LangGerman && t.start < len(d.clean) && !isUpper(d.clean[t.start]) &&
			!strings.HasSuffix(t.w, ".") && !strings.HasPrefix(t.w, "stellv") {
			return false
		}
	}
	return true
}

// independentWords say "self-employed" after a person ("traductrice
// indépendante") but only "independent" after a business
// (independentBusiness: "editorial independiente", "librairie
// indépendante", "cinéma indépendant").
var (
	independentWords = map[string]bool{"independiente": true, "indépendant": true, "indépendante": true,
		"independant": true, "independante": true, "independent": true, "unabhängig": true, "unabhängige": true, "unabhängiger": true}
	independentBusiness = map[string]bool{"editorial": true, "librería": true, "libreria": true, "librairie": true,
		"cinéma": true, "cinema": true, "cine": true, "agencia": true, "agence": true, "agency": true, "tienda": true,
		"boutique": true, "estudio": true, "studio": true, "bodega": true, "cadena": true, "revista": true,
		"radio": true, "teatro": true, "théâtre": true, "theatre": true, "maison": true, "verlag": true,
		"label": true, "sello": true, "distribuidora": true, "productora": true, "escuela": true, "école": true,
		"colegio": true, "school": true, "farmacia": true, "pharmacie": true, "pharmacy": true, "hotel": true,
		"hôtel": true, "bookshop": true, "bookstore": true, "publisher": true, "magazine": true, "brewery": true,
		"cervecería": true, "brasserie": true, "café": true, "cafe": true, "restaurante": true, "restaurant": true,
		"clínica": true, "clinique": true, "clinic": true}
)

// departmentNouns name a department that a title adjective may follow.
var departmentNouns = map[string]bool{"oficina": true, "departamento": true, "área": true, "area": true,
	"servicio": true, "service": true, "bureau": true, "sección": true, "seccion": true, "equipo": true,
	"équipe": true, "equipe": true, "pôle": true, "pole": true, "direction": true, "dirección": true}

// adjectiveTitles are French and Spanish title words that are also
// adjectives after a noun ("consolidation comptable", "equipo comercial").
var adjectiveTitles = map[string]bool{
	"comptable": true, "commercial": true, "commerciale": true, "comercial": true, "contable": true,
	"administratif": true, "administrative": true, "administrativo": true, "administrativa": true,
	"technique": true, "técnico": true, "técnica": true, "tecnico": true, "tecnica": true,
	"analyste": true, "analista": true, "responsable": true, "auxiliar": true, "asistente": true,
}

// capitalised reports whether every token starts with a capital letter:
// a name ("Sabine Koch", whose surname is also a cook).
func capitalised(d *doc, toks []token) bool {
	for _, t := range toks {
		if t.start >= len(d.clean) || !isUpper(d.clean[t.start]) {
			return false
		}
	}
	return true
}
