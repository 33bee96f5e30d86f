// Package demo is `make demo` and `leadflow post`: a seeded generator of
// synthetic generic-webhook bodies, a concurrent poster that plays the
// sender against a running leadflow, the demo's reps, secret and report
// (show.go), and sending one form lead and following it into the database
// (postlead.go). Every generated value is fake (example/.test domains,
// 555-01xx phones, made-up companies), so a demo database never holds
// anyone's personal data.
package demo

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/url"
	"strings"
	"time"
)

// Webhook is one generated generic-webhook delivery, ready to sign and post.
type Webhook struct {
	// ID is the webhook-id header value ("msg_" + 32 hex digits); unique
	// per event, so a replay of the same Webhook is a duplicate delivery.
	ID string
	// Timestamp is the webhook-timestamp the delivery is signed with.
	Timestamp time.Time
	// Source is the {source} path segment (e.g. "website"), so the URL is
	// /v1/webhooks/generic/{Source}.
	Source string
	// Body is the JSON body: {"type":"lead.created","timestamp":...,"data":{...}}.
	Body []byte

	// What the generator knows and the receiver never sees, for the
	// demo's simulated outcomes (outcomes.go): the body's external id,
	// which generated person sent it (a repeat sends again), and that
	// person's hidden profile and company size.
	externalID string
	person     int
	profile    profile
	size       string
}

// profile is the kind of lead a person is drawn as. The share of each is
// what sets the band mix under scoring.DefaultRules (roughly 25 % hot,
// 35 % warm, 40 % cold); the answer templates for each profile are chosen
// so every lead of a profile lands in its band whatever the other random
// fields turn out to be.
type profile int

const (
	profileHot profile = iota
	profileWarm
	profileCold
)

// Profile shares in percent. Each must come to a whole number of cards in
// a deck of deckSize (see pickProfile).
const (
	hotShare  = 25
	warmShare = 35
	deckSize  = 20
)

// repeatPercent is how many events reuse an earlier person (same email or
// phone, new event), so identity resolution has something to merge.
const repeatPercent = 5

// source is one place leads come from.
type source struct {
	// path is the {source} URL segment.
	path string
	// name is data.source, which is what scoring.Rules.Sources keys on.
	name string
	// channel is data.channel.
	channel string
	// utm are candidate (source, medium, campaign) triples.
	utm [][3]string
	// pages are landing page paths on www.example.com.
	pages []string
	// clickID is the click-id parameter paid traffic from here carries.
	clickID string
}

var (
	srcWebsite = source{
		path: "website", name: "website-contact-form", channel: "paid_search",
		utm: [][3]string{
			{"google", "cpc", "brand_search"},
			{"google", "cpc", "competitor_terms"},
			{"bing", "cpc", "brand_search"},
			{"google", "organic", "spring_launch"},
		},
		pages:   []string{"/pricing", "/contact", "/demo", "/features/routing"},
		clickID: "gclid",
	}
	srcWebinar = source{
		path: "webinar", name: "webinar", channel: "web",
		utm: [][3]string{
			{"newsletter", "email", "webinar_pipeline_masterclass"},
			{"linkedin", "social", "webinar_lead_scoring_101"},
		},
		pages: []string{"/webinars/pipeline-masterclass", "/webinars/lead-scoring-101"},
	}
	srcReferral = source{
		path: "referral", name: "referral", channel: "referral",
		utm: [][3]string{
			{"partner", "referral", "partner_program"},
			{"customer", "referral", "refer_a_friend"},
		},
		pages: []string{"/partners/refer", "/refer"},
	}
	srcNewsletter = source{
		path: "newsletter", name: "newsletter", channel: "email",
		utm: [][3]string{
			{"newsletter", "email", "weekly_digest"},
			{"blog", "referral", "content_upgrade"},
		},
		pages: []string{"/newsletter", "/blog/lead-routing-guide"},
	}
	srcLinkedIn = source{
		path: "linkedin-form", name: "linkedin-form", channel: "paid_social",
		utm: [][3]string{
			{"linkedin", "paid_social", "abm_q4"},
			{"linkedin", "paid_social", "retargeting"},
		},
		pages:   []string{"/lp/linkedin-demo", "/lp/abm"},
		clickID: "li_fat_id",
	}
)

// Fake identity material. Companies live on reserved domains (.test,
// example.com, example.org) so no generated address can reach a real inbox.
var (
	firstNames = []string{
		"Ada", "Bo", "Cy", "Dana", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jo",
		"Kai", "Lena", "Milo", "Nia", "Omar", "Pia", "Quinn", "Rosa", "Sam", "Tess",
		"Uma", "Vik", "Wren", "Xavi", "Yara", "Zed",
	}
	lastNames = []string{
		"Abbott", "Bramble", "Castillo", "Dumont", "Eriksen", "Fairweather", "Galloway",
		"Holloway", "Ibarra", "Jansen", "Kowalski", "Lindqvist", "Moreau", "Nakamura",
		"Okafor", "Petrov", "Quaresma", "Rinaldi", "Sandoval", "Thorne", "Underhill",
		"Valdez", "Whitlock", "Yamada", "Zielinski",
	}
	companies = []struct{ name, domain string }{
		{"Acme Corp", "acme.test"},
		{"Globex", "globex.example.com"},
		{"Initech", "initech.test"},
		{"Umbrella Logistics", "umbrella-logistics.test"},
		{"Hooli", "hooli.example.org"},
		{"Vandelay Industries", "vandelay.test"},
		{"Stark Fabrication", "stark-fab.test"},
		{"Wonka Confections", "wonka.example.com"},
		{"Soylent Foods", "soylent.test"},
		{"Tyrell Systems", "tyrell.example.org"},
		{"Cyberdyne Analytics", "cyberdyne.test"},
		{"Oceanic Freight", "oceanic-freight.test"},
	}
	freeMailDomains = []string{"gmail.com", "yahoo.com", "outlook.com", "icloud.com", "proton.me"}
	// Titles by the points they earn under the default title keywords.
	seniorTitles = []string{"CEO", "Founder", "Co-Founder & CEO", "Owner", "President",
		"VP of Sales", "VP Marketing", "Director of Operations", "Head of Growth", "Director, Revenue Operations"}
	midTitles   = []string{"Marketing Manager", "Sales Manager", "Analyst", "Engineer", "Consultant", "Coordinator", ""}
	anyTitles   = append(append([]string{}, seniorTitles...), midTitles...)
	countries   = []string{"US", "US", "US", "US", "US", "US", "CA", "GB", "DE", "AU", "United States"}
	areaCodes   = []string{"201", "206", "212", "213", "303", "305", "312", "404", "415", "503", "512", "602", "615", "617", "619", "646", "702", "704", "713", "720", "801", "808", "816", "858", "860", "901", "916", "919", "949", "971"}
	sizes       = []string{"1-10", "11-50", "51-200", "201-1000", "1000+"}
	consentText = "I agree to receive product news from Example Leadflow Inc. I can unsubscribe at any time."
	messages    = []string{
		"",
		"",
		"Please call me about pricing for 25 seats.",
		"We are replacing our current tool this quarter.",
		"Can you integrate with our CRM?",
		"Just looking around for now.",
		"Saw your webinar, would like a demo.",
		"Our team of 40 needs lead routing by region.",
	}
)

// person is an identity a generated event is about. Repeat events reuse
// one, so their email and phone match an earlier lead's.
type person struct {
	profile        profile
	first, last    string
	email          string // "" for phone-only people
	phone          string // as written on the form; "" when not given
	company, title string
	country        string
	size           string
}

// generator holds one Generate call's state.
type generator struct {
	rng    *rand.Rand
	now    time.Time
	people []*person
	// deck holds the profiles still to deal; see pickProfile.
	deck   []profile
	emails map[string]bool
	// phones is a shuffled pool of fictional numbers handed out in order,
	// so two different people never share a phone (which identity
	// resolution would merge) until the pool runs out.
	phones    []string
	nextPhone int
}

// Generate returns n synthetic generic-webhook lead.created deliveries.
// The same seed, n and now always give the same bytes. Every delivery is
// stamped now (truncated to the second) so a receiver's timestamp tolerance
// accepts it when posted promptly; the body's timestamp (the submission
// time) lies up to a minute before that.
func Generate(seed int64, n int, now time.Time) []Webhook {
	g := &generator{
		// The second PCG word is a fixed constant so the stream depends on
		// the seed alone.
		rng:    rand.New(rand.NewPCG(uint64(seed), 0x6c65616466c6f77)),
		now:    now.UTC().Truncate(time.Second),
		emails: make(map[string]bool),
	}
	for _, ac := range areaCodes {
		for line := 100; line < 200; line++ {
			g.phones = append(g.phones, fmt.Sprintf("%s5550%d", ac, line))
		}
	}
	g.rng.Shuffle(len(g.phones), func(i, j int) { g.phones[i], g.phones[j] = g.phones[j], g.phones[i] })

	out := make([]Webhook, 0, max(n, 0))
	for range n {
		out = append(out, g.next())
	}
	return out
}

// next generates one delivery.
func (g *generator) next() Webhook {
	var p *person
	who := len(g.people)
	repeat := len(g.people) > 0 && g.rng.IntN(100) < repeatPercent
	if repeat {
		who = g.rng.IntN(len(g.people))
		p = g.people[who]
	} else {
		p = g.newPerson(g.pickProfile())
		g.people = append(g.people, p)
	}

	src, d := g.event(p)
	if repeat && p.email != "" && g.rng.IntN(2) == 0 {
		// People retype their address; normalization must still match it.
		d.Email = strings.ToUpper(d.Email[:1]) + d.Email[1:]
	}

	occurred := g.now.Add(-time.Duration(g.rng.IntN(60)) * time.Second)
	body, err := json.Marshal(envelope{Type: "lead.created", Timestamp: occurred.Format(time.RFC3339), Data: d})
	if err != nil {
		// Only plain strings, bools and maps of them are marshalled.
		panic(fmt.Sprintf("demo: marshal generated lead: %v", err))
	}
	return Webhook{ID: "msg_" + g.hex(16), Timestamp: g.now, Source: src.path, Body: body,
		externalID: d.ExternalID, person: who, profile: p.profile, size: p.size}
}

// pickProfile deals profiles from a shuffled deck of 20 holding exactly
// the shares documented on profile, so the band mix holds within a couple
// of percent for any seed and any n of a few dozen or more, where
// independent draws would drift several percent either way.
func (g *generator) pickProfile() profile {
	if len(g.deck) == 0 {
		for i := range deckSize {
			switch {
			case i < deckSize*hotShare/100:
				g.deck = append(g.deck, profileHot)
			case i < deckSize*(hotShare+warmShare)/100:
				g.deck = append(g.deck, profileWarm)
			default:
				g.deck = append(g.deck, profileCold)
			}
		}
		g.rng.Shuffle(len(g.deck), func(i, j int) { g.deck[i], g.deck[j] = g.deck[j], g.deck[i] })
	}
	p := g.deck[len(g.deck)-1]
	g.deck = g.deck[:len(g.deck)-1]
	return p
}

// newPerson draws an identity suited to pr: hot people are senior and
// write from a company address; cold people are often anonymous.
func (g *generator) newPerson(pr profile) *person {
	p := &person{
		profile: pr,
		first:   pick(g.rng, firstNames),
		last:    pick(g.rng, lastNames),
		country: pick(g.rng, countries),
		size:    pick(g.rng, sizes),
	}
	co := companies[g.rng.IntN(len(companies))]
	var withCompany, freeMail, phoneOnly bool
	var phonePct int
	switch pr {
	case profileHot:
		p.title = pick(g.rng, seniorTitles)
		withCompany, phonePct = true, 60
		phoneOnly = g.rng.IntN(100) < 8
	case profileWarm:
		p.title = pick(g.rng, midTitles)
		withCompany = g.rng.IntN(100) < 90
		freeMail = g.rng.IntN(100) < 20
		phonePct = 40
	case profileCold:
		p.title = pick(g.rng, anyTitles)
		withCompany = g.rng.IntN(100) < 40
		freeMail = g.rng.IntN(100) < 60
		phonePct = 20
		phoneOnly = g.rng.IntN(100) < 25
	}
	if withCompany {
		p.company = co.name
	}
	if phoneOnly || g.rng.IntN(100) < phonePct {
		p.phone = g.formatPhone(g.takePhone(), p.country)
	}
	if !phoneOnly {
		domain := co.domain
		if freeMail || !withCompany {
			domain = pick(g.rng, freeMailDomains)
		}
		p.email = g.uniqueEmail(p.first, p.last, domain)
	}
	return p
}

// uniqueEmail builds an address and numbers it when two generated people
// would otherwise share one: an accidental match would look like a repeat.
func (g *generator) uniqueEmail(first, last, domain string) string {
	local := strings.ToLower(first + "." + last)
	if g.rng.IntN(3) == 0 {
		local = strings.ToLower(first[:1] + last)
	}
	email := local + "@" + domain
	for i := 2; g.emails[email]; i++ {
		email = fmt.Sprintf("%s%d@%s", local, i, domain)
	}
	g.emails[email] = true
	return email
}

// takePhone hands out the next unused ten-digit number, wrapping around
// (and so reusing numbers) only after the whole pool is used.
func (g *generator) takePhone() string {
	ph := g.phones[g.nextPhone%len(g.phones)]
	g.nextPhone++
	return ph
}

// formatPhone writes a ten-digit number the way forms receive them: in
// several national styles for North American leads, with +1 for the rest
// so it is not read in the lead's own country's numbering plan.
func (g *generator) formatPhone(d, country string) string {
	if country != "US" && country != "CA" && country != "United States" {
		return fmt.Sprintf("+1 %s-%s-%s", d[:3], d[3:6], d[6:])
	}
	switch g.rng.IntN(4) {
	case 0:
		return fmt.Sprintf("(%s) %s-%s", d[:3], d[3:6], d[6:])
	case 1:
		return fmt.Sprintf("%s-%s-%s", d[:3], d[3:6], d[6:])
	case 2:
		return fmt.Sprintf("+1 %s %s %s", d[:3], d[3:6], d[6:])
	default:
		return fmt.Sprintf("%s.%s.%s", d[:3], d[3:6], d[6:])
	}
}

// answerSet is one BANT template; "" leaves an answer out.
type answerSet struct{ budget, authority, need, timeline []string }

// Answer templates per profile. Under the default rules, with base 10 and
// the other factors (title, email domain, company, phone, source) adding
// what newPerson and event draw for them, every hot lead totals at least
// 75, every warm one 40..68 and every cold one at most 37.
var (
	hotAnswers = []answerSet{{
		budget:    []string{"over_50k", "over_50k", "10k_50k"},
		authority: []string{"decision_maker", "decision_maker", "decision_maker", "influencer"},
		need:      []string{"urgent", "important"},
		timeline:  []string{"this_month", "this_quarter"},
	}}
	// Warm people with a company address get one of these.
	warmBusinessAnswers = []answerSet{
		{budget: []string{"10k_50k"}, need: []string{"important"}},
		{authority: []string{"influencer"}, need: []string{"urgent"}, timeline: []string{"this_year"}},
		{budget: []string{"under_10k"}, authority: []string{"user"}, need: []string{"important"}, timeline: []string{"this_quarter"}},
	}
	// Warm people with a free-mail address (-10) answer more strongly.
	warmFreeMailAnswers = []answerSet{
		{budget: []string{"10k_50k"}, authority: []string{"decision_maker"}, need: []string{"exploring"}},
	}
	coldExplorerAnswers = []answerSet{
		{budget: []string{"none", ""}, authority: []string{"user", ""}, need: []string{"exploring"}, timeline: []string{"no_timeline", ""}},
	}
)

// event draws the source and form data for one submission by p.
func (g *generator) event(p *person) (source, data) {
	var (
		src     source
		answers answerSet
		phone   = p.phone
	)
	switch p.profile {
	case profileHot:
		src = pick(g.rng, []source{srcWebsite, srcWebsite, srcReferral, srcWebinar, srcLinkedIn})
		answers = pick(g.rng, hotAnswers)
	case profileWarm:
		src = pick(g.rng, []source{srcWebsite, srcWebinar, srcReferral, srcNewsletter, srcLinkedIn})
		if isFreeMail(p.email) {
			answers = pick(g.rng, warmFreeMailAnswers)
		} else {
			answers = pick(g.rng, warmBusinessAnswers)
		}
	case profileCold:
		switch {
		case p.email == "":
			// Phone-only cold leads come from lead-gen forms with no BANT.
			src = srcLinkedIn
		case g.rng.IntN(2) == 0:
			src = srcNewsletter
		default:
			// Explorers: never with a phone, which would lift them to warm.
			src = pick(g.rng, []source{srcWebsite, srcWebinar})
			answers = pick(g.rng, coldExplorerAnswers)
			phone = ""
		}
	}

	d := data{
		ExternalID: src.path + "-" + g.hex(6),
		Source:     src.name,
		Channel:    src.channel,
		Email:      p.email,
		Phone:      phone,
		Company:    p.company,
		Title:      p.title,
		Country:    p.country,
		Message:    pick(g.rng, messages),
		// 70 % ticked the consent box; the others' forms did not ask
		// (no consent field: unknown, which is not a refusal).
		Consent: consentIf(g.rng.IntN(100) < 70, consentText),
		Answers: answersJSON{
			Budget:    g.maybe(answers.budget),
			Authority: g.maybe(answers.authority),
			Need:      g.maybe(answers.need),
			Timeline:  g.maybe(answers.timeline),
		},
		Attributes: map[string]any{"company_size": p.size, "generator": "leadflow-demo"},
	}
	if g.rng.IntN(2) == 0 {
		d.Name = p.first + " " + p.last
	} else {
		d.FirstName, d.LastName = p.first, p.last
	}
	if g.rng.IntN(10) == 0 {
		// Some forms send answer values in their own case; scoring must
		// match them anyway.
		d.Answers.Budget = strings.ToUpper(d.Answers.Budget)
		d.Answers.Timeline = strings.ToUpper(d.Answers.Timeline)
	}
	g.attribution(src, &d)
	return src, d
}

// attribution fills UTM and landing URL in the mixes senders really send:
// UTM fields only, UTM only inside the landing URL's query (normalization
// must dig it out), both, or neither.
func (g *generator) attribution(src source, d *data) {
	t := pick(g.rng, src.utm)
	u := utmJSON{Source: t[0], Medium: t[1], Campaign: t[2]}
	if t[1] == "cpc" || t[1] == "paid_social" {
		u.Term = pick(g.rng, []string{"lead routing", "lead scoring software", "crm webhook", ""})
		u.Content = pick(g.rng, []string{"ad_a", "ad_b", ""})
	}
	page := "https://www.example.com" + pick(g.rng, src.pages)

	switch g.rng.IntN(10) {
	case 0, 1: // UTM only inside landing_url
		q := url.Values{}
		q.Set("utm_source", u.Source)
		q.Set("utm_medium", u.Medium)
		q.Set("utm_campaign", u.Campaign)
		if u.Term != "" {
			q.Set("utm_term", u.Term)
		}
		if u.Content != "" {
			q.Set("utm_content", u.Content)
		}
		if src.clickID != "" {
			q.Set(src.clickID, g.hex(12))
		}
		d.LandingURL = page + "?" + q.Encode()
	case 2: // neither: a direct visit
		d.LandingURL = page
	case 3: // UTM fields, no landing page
		d.UTM = u
	default:
		d.UTM = u
		d.LandingURL = page
		if src.clickID != "" {
			d.ClickIDs = map[string]string{src.clickID: g.hex(12)}
		}
	}
}

// maybe picks one of vs, or "" when vs is empty.
func (g *generator) maybe(vs []string) string {
	if len(vs) == 0 {
		return ""
	}
	return pick(g.rng, vs)
}

// hex returns n random bytes as lower-case hex.
func (g *generator) hex(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(g.rng.Uint32())
	}
	return hex.EncodeToString(b)
}

// pick returns a random element of xs, which must not be empty.
func pick[T any](rng *rand.Rand, xs []T) T {
	return xs[rng.IntN(len(xs))]
}

// isFreeMail reports whether email is at one of the generator's free-mail
// domains.
func isFreeMail(email string) bool {
	_, domain, ok := strings.Cut(email, "@")
	if !ok {
		return false
	}
	for _, d := range freeMailDomains {
		if d == domain {
			return true
		}
	}
	return false
}

// envelope is the generic connector's body. The wire types below are the
// demo's own, not lead.Inbound, so they show exactly what a sender posts.
type envelope struct {
	Type      string `json:"type"`
	Timestamp string `json:"timestamp"`
	Data      data   `json:"data"`
}

// data is the generic connector's data object.
type data struct {
	ExternalID string            `json:"external_id"`
	Source     string            `json:"source"`
	Channel    string            `json:"channel,omitempty"`
	Name       string            `json:"name,omitempty"`
	FirstName  string            `json:"first_name,omitempty"`
	LastName   string            `json:"last_name,omitempty"`
	Email      string            `json:"email,omitempty"`
	Phone      string            `json:"phone,omitempty"`
	Company    string            `json:"company,omitempty"`
	Title      string            `json:"title,omitempty"`
	Country    string            `json:"country,omitempty"`
	Message    string            `json:"message,omitempty"`
	Consent    *consent          `json:"consent,omitempty"`
	UTM        utmJSON           `json:"utm"`
	LandingURL string            `json:"landing_url,omitempty"`
	ClickIDs   map[string]string `json:"click_ids,omitempty"`
	Answers    answersJSON       `json:"answers"`
	Attributes map[string]any    `json:"attributes"`
}

type consent struct {
	Marketing bool   `json:"marketing"`
	Text      string `json:"text,omitempty"`
}

// consentIf is a ticked consent box with its wording, or no consent
// statement at all: a JSON false would be a refusal.
func consentIf(given bool, text string) *consent {
	if !given {
		return nil
	}
	return &consent{Marketing: true, Text: text}
}

type utmJSON struct {
	Source   string `json:"source,omitempty"`
	Medium   string `json:"medium,omitempty"`
	Campaign string `json:"campaign,omitempty"`
	Term     string `json:"term,omitempty"`
	Content  string `json:"content,omitempty"`
}

type answersJSON struct {
	Budget    string `json:"budget,omitempty"`
	Authority string `json:"authority,omitempty"`
	Need      string `json:"need,omitempty"`
	Timeline  string `json:"timeline,omitempty"`
}
