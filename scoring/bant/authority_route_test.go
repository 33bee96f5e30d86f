package bant

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// authorityRouteCases test authority_route.go and the round-7 additions
// to the deciding verbs, decider words and possessives, in four
// languages with their own wording, and hard negatives: a signature with
// an article ("La présidente, Odile Garnier"), a colleague named with a
// comma, a budget frozen by a group (labelled as not deferring in tune),
// "I work on it", someone researching "por mi cuenta" without a business.
var authorityRouteCases = []struct {
	name, text, want string
}{
	// A chat answer naming the decider.
	{"de answer office manager", "Besucher: wer entscheidet das?\nAgent: Danke\nBesucher: das macht unsere Praxismanagerin, ich bin nur an der Anmeldung", LevelDefers},
	{"es answer dueña", "Cliente: hola, buscamos limpieza\nAgente: ¿Quién lo aprobaría?\nCliente: la dueña, yo llevo la oficina", LevelDefers},
	{"fr answer patronne", "Visiteur : bonjour\nAgent : Vous décidez ?\nVisiteur : non c'est ma patronne, moi je prépare le dossier", LevelDefers},
	{"en answer our cfo", "Visitor: hi\nAgent: Who signs off on this?\nVisitor: our CFO, I'm just collecting prices", LevelDefers},
	// Passed on to someone who confirms.
	{"en forwarded to who decides", "I've passed your proposal to our operations director, who will decide next week.", LevelDefers},
	{"de weitergeleitet die entscheidet", "Ich habe Ihr Angebot an unsere Kämmerin weitergeleitet, die darüber entscheidet.", LevelDefers},
	{"fr transmis qui validera", "J'ai transmis votre devis à notre directrice, qui validera ou non.", LevelDefers},
	{"es reenviado que decidirá", "He reenviado su presupuesto a nuestro gerente, que decidirá esta semana.", LevelDefers},
	// A body that refuses, approves after the verb, or whose affair it is.
	{"en board turned down", "Our board turned down the spend in March; I'll come back if that changes.", LevelDefers},
	{"de Vorstand abgelehnt", "Der Vorstand hat die Ausgabe leider abgelehnt.", LevelDefers},
	{"de genehmigen muss Amt", "Freigeben muss das am Ende das Jugendamt.", LevelDefers},
	{"es lo aprueba el pleno", "Cualquier gasto así lo tiene que aprobar el pleno municipal.", LevelDefers},
	{"es junta rechazó", "La junta rechazó la propuesta el mes pasado.", LevelDefers},
	{"es cosa suya", "Mi jefa quiere opciones; lo que se elija será cosa suya.", LevelDefers},
	{"fr serait la sienne", "La décision serait la sienne, je ne fais que comparer.", LevelDefers},
	{"de seine Sache", "Ich sammle nur Angebote, die Wahl ist dann seine Sache.", LevelDefers},
	{"en contract go to them", "Any new contract would have to go to them for a vote.", LevelDefers},
	// One of the team, a workplace: a user.
	{"en one of the team", "I'm just one of the team, but we'd all love a course like this.", LevelUser},
	{"en work on front desk", "I work on the front desk at a dental practice.", LevelUser},
	{"de am Empfang", "Ich arbeite am Empfang eines Hotels und die Telefonanlage spinnt.", LevelUser},
	{"fr accueil", "Je suis à l'accueil d'une clinique, le standard sature tous les matins.", LevelUser},
	{"fr fais la compta", "Je fais la compta pour un petit garage.", LevelUser},
	{"es trabajo en recepción", "Trabajo en la recepción de un hostal y las reservas se nos cruzan.", LevelUser},
	{"es uno del equipo", "Soy uno más del equipo de ventas.", LevelUser},
	// A business launched; a department led; a title in brackets.
	{"en launched brand", "I launched my own skincare brand last year and ship 200 orders a month.", LevelDecisionMaker},
	{"de Marke gegründet", "Ich habe meine eigene Marke für Hundezubehör gegründet.", LevelDecisionMaker},
	{"fr lancé marque", "J'ai lancé ma petite marque de bougies l'an dernier.", LevelDecisionMaker},
	{"es montado tienda", "He montado una tienda online de cerámica.", LevelDecisionMaker},
	{"de leite Einkauf", "Ich leite den Einkauf bei einem Möbelhersteller.", LevelInfluencer},
	{"de leite Ingenieurbüro", "Ich leite das Ingenieurbüro seit 2010.", ""},
	{"de paren GF", "Wir (ich als Inhaberin und zwei Angestellte) und ich (Inhaberin, Blumenladen) suchen eine Kasse.", LevelDecisionMaker},
	{"en paren owner", "I (owner, 3 staff) need a new booking system.", LevelDecisionMaker},

	// Hard negatives.
	{"fr signature with article", "Bonjour, nous cherchons un logiciel.\nLa présidente, Odile Garnier", LevelDecisionMaker},
	{"de colleague with comma", "unser Lagerleiter, Herr Nowak, drängt auf ein neues System. Ich bin Geschäftsführerin.", LevelDecisionMaker},
	{"de budget frozen by group", "Der Konzern hat alle Budgets eingefroren.\nLeiter Instandhaltung", LevelInfluencer},
	{"fr direction gelé", "La direction a gelé le budget jusqu'à nouvel ordre.", ""},
	{"es mirando por mi cuenta", "Soy enfermera. Estoy mirando por mi cuenta cursos online.", LevelUser},
	{"en customer rejected", "A customer rejected the delivery twice last week.", ""},
	{"en work on it", "I work on it every day and it keeps crashing.", ""},
}

func TestAuthorityRoute(t *testing.T) {
	t.Parallel()
	for _, tc := range authorityRouteCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := Extract(tc.text, testNow)
			_, got, _, _ := s.Answers()
			require.Equal(t, tc.want, got, "text %q: %+v", tc.text, s.Authority)
		})
	}
}

// authorityTitle7Cases test the round-7 title words: a master craftsman
// who also owns the shop, a title after "als" before "zur Verfügung",
// procurement officers and buyers (influencers), caretakers (users), a
// bank's branch director (an influencer) against an agency's director.
var authorityTitle7Cases = []struct {
	name, text, want string
}{
	{"de Meister und Inhaber", "Hallo,\nwir brauchen ein Angebot.\nGruß\nJonas Berg, Elektromeister und Inhaber", LevelDecisionMaker},
	{"de Meister alone", "Hallo,\nwir brauchen ein Angebot.\nGruß\nJonas Berg, Elektromeister", LevelInfluencer},
	{"de als Leiterin zur Verfügung", "Bis 2.000 € hab ich als Filialleiterin zur Verfügung.", LevelInfluencer},
	{"en procurement officer", "Hello,\nplease send your rate card.\nPurchasing Officer, County Hospital", LevelInfluencer},
	{"en buyer", "Hi, I'm the buyer for a chain of garden centres.", LevelInfluencer},
	{"es conserje", "Soy conserje de un colegio y la caldera falla.", LevelUser},
	{"fr gardienne", "Je suis gardienne d'immeuble, l'interphone ne marche plus.", LevelUser},
	{"fr directeur d'agence", "Bonjour,\nun devis svp.\nDirectrice d'agence, Banque Populaire", LevelInfluencer},
	{"fr directrice de l'agence", "Je suis directrice de l'agence de communication.", LevelDecisionMaker},
}

func TestAuthorityTitle7(t *testing.T) {
	t.Parallel()
	for _, tc := range authorityTitle7Cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := Extract(tc.text, testNow)
			_, got, _, _ := s.Answers()
			require.Equal(t, tc.want, got, "text %q: %+v", tc.text, s.Authority)
		})
	}
}

// authorityV13Cases test the deciders and verbs added after reading v13:
// a finance director or vicar who signs, a selection that is with
// procurement, a sign-off by the management ("abzeichnen"), an owner who
// places the order, neighbours who vote; with a writer's own "I sign".
var authorityV13Cases = []struct {
	name, text, want string
}{
	{"en FD signs", "I'm the office manager and will compare quotes; our FD signs.", LevelDefers},
	{"en selection is with", "Final supplier selection is with our group procurement team.", LevelDefers},
	{"en vicar agrees", "I'm on the parish council; the vicar would have to agree to anything.", LevelDefers},
	{"de abzeichnen", "Ich leite den Einkauf, den Auftrag muss aber die Geschäftsführung abzeichnen.", LevelDefers},
	{"fr passera commande", "Je suis vendeuse, c'est ma patronne qui passera commande.", LevelDefers},
	{"fr maître signe", "Je transmettrai votre offre à Maître Dubois, qui signe.", LevelDefers},
	{"es votarán vecinos", "El cambio lo votarán los vecinos en la próxima junta.", LevelDefers},
	{"en I sign", "I'm the owner and I sign the contracts.", LevelDecisionMaker},
}

func TestAuthorityV13(t *testing.T) {
	t.Parallel()
	for _, tc := range authorityV13Cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := Extract(tc.text, testNow)
			_, got, _, _ := s.Answers()
			require.Equal(t, tc.want, got, "text %q: %+v", tc.text, s.Authority)
		})
	}
}
