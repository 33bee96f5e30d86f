package bant

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// authoritySubjectCases test the clause subject reader (subjectOf) in the
// four languages with wording of their own: a route or a passive names
// its decider after the verb whatever first person came before; object
// and prepositional first persons are no subject; "laut/selon/según" is a
// rule's source; the writer alone as the subject of a deciding verb
// decides; bodies, plurals and hyphenated compounds decide for a writer.
// Hard negatives: a process the writer's customers go through, a signing
// limit, a question or a condition, an event in the past, a noun that
// starts like a verb.
var authoritySubjectCases = []struct {
	name, text, want string
}{
	// Routes and passives: the decider comes after the verb.
	{"en we buy goes through", "Everything we order has to go through the regional purchasing board first.", LevelDefers},
	{"en awarded by", "The contract will be awarded after a tender by the county's procurement panel.", LevelDefers},
	{"de muss durch", "Alles, was wir einführen, muss durch den Datenschutzausschuss.", LevelDefers},
	{"fr validé par", "Tout ce que nous achetons est validé par la commission des marchés.", LevelDefers},
	{"es pasa por", "Cualquier cosa que compremos pasa por la comisión de compras.", LevelDefers},
	{"en past approval no agent", "My supervisor approved my holiday last week, the rota is a mess.", ""},
	// Object first persons are no subject.
	{"fr chez nous se votent", "Chez nous, les achats se votent en assemblée des membres.", LevelDefers},
	{"es para nosotros decide", "Para nosotros lo decide siempre la junta de socios.", LevelDefers},
	{"de bei uns entscheidet", "Bei uns entscheidet darüber der Stiftungsrat.", LevelDefers},
	// A rule's source is no subject.
	{"de laut Träger", "Ich leite das Jugendzentrum und darf selbst unterschreiben, muss laut Verband aber zwei Angebote einholen.", LevelDecisionMaker},
	// The writer alone decides.
	{"en I'll sign", "I'll sign the order as soon as the quote arrives.", LevelDecisionMaker},
	{"de ich selbst entscheide", "Für das Lager habe ich ein Budget, über das ich selbst entscheide.", LevelDecisionMaker},
	{"fr c'est moi qui tranche", "Au final c'est bien moi qui tranche sur ce genre d'achat.", LevelDecisionMaker},
	{"es firmo yo", "Los contratos los firmo yo, somos una empresa pequeña.", LevelDecisionMaker},
	{"en help me decide", "Can you send a demo to help me decide?", ""},
	{"en if I sign", "What happens if I sign a two-year contract and we grow?", ""},
	{"de wenn ich unterschreibe", "Was passiert, wenn ich für zwei Jahre unterschreibe?", ""},
	{"en approval limit", "I can sign off on anything up to 5k without asking.", ""},
	// Bodies, pronouns, plurals, compounds.
	{"en who decide", "I'll present two options to our owner-doctors, who decide.", LevelDefers},
	{"en she'd have to", "I'm the office manager, the practice owner is my sister and she'd have to ok it.", LevelDefers},
	{"en head office", "We're a franchise, so head office dictates the POS we use.", LevelDefers},
	{"en they agree", "The partners want a demo first before agreeing to a trial.", LevelDefers},
	{"de Konzern-IT", "Solche Tools muss bei uns die Holding-IT in Wien freigeben.", LevelDefers},
	{"de zustimmt", "Wenn der Elternbeirat zustimmt, starten wir im Herbst.", LevelDefers},
	{"de sie zusagen", "Die Tierärzte wollen erst eine Demo sehen, bevor sie zusagen.", LevelDefers},
	{"de Schwiegervater", "Unterschreiben muss am Ende mein Schwiegervater, dem der Hof gehört.", LevelDefers},
	{"fr accord des autres", "Je suis l'un des trois associés, mais il me faut l'accord des deux autres.", LevelDefers},
	{"es presidentes", "El gasto lo tienen que aprobar los presidentes de cada club.", LevelDefers},
	{"es homologar", "Cualquier software nuevo lo tiene que homologar la central de la cadena.", LevelDefers},
	{"es comisión", "El pedido lo aprueba la comisión de informática del hospital.", LevelDefers},
	// Constructions narrow rules used to spell out, now read by subjectOf.
	{"fr ce sont eux qui", "Ce sont eux qui valident le budget.", LevelDefers},
	{"fr c'est Mme qui", "C'est Mme Roche qui décide.", LevelDefers},
	{"fr notre directrice qui tranche", "C'est notre directrice qui tranche.", LevelDefers},
	{"es gerente última palabra", "Nuestro gerente tiene la última palabra.", LevelDefers},
	{"es jefa visto bueno", "Mi jefa da el visto bueno.", LevelDefers},
	{"en GM final say", "Our GM has the final say.", LevelDefers},
	{"en holds the budget", "Our finance director holds the budget.", LevelDefers},
	{"en I hold the budget", "I hold the budget for this.", LevelDecisionMaker},
	{"en is the decision maker", "Our COO is the decision maker here.", LevelDefers},
	{"de Chefin gibt frei", "Unsere Chefin gibt das frei.", LevelDefers},
	// A noun that starts like a deciding verb.
	{"fr valideurs", "Les valideurs de tickets du tram tombent en panne chaque semaine.", ""},
	{"en customers go through", "Our customers go through three screens before they can pay.", ""},
}

func TestAuthoritySubject(t *testing.T) {
	t.Parallel()
	for _, tc := range authoritySubjectCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := Extract(tc.text, testNow)
			_, got, _, _ := s.Answers()
			require.Equal(t, tc.want, got, "text %q: %+v", tc.text, s.Authority)
		})
	}
}
