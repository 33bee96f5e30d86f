package bant

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// authorityOwnCases test authority_own.go and the title fixes of round 4
// in the four languages, with wording of their own: delegated authority
// and a budget of one's own decide, running an organisation or sitting on
// its executive board decides, research one was given to do is an
// evaluator's, an individual contributor's place of work and a title
// signing in ("dev here") are a user's, a purchase waiting for a named
// decider's approval defers, and a senior title outranks the writer's own
// comparing. Hard negatives: another person's board seat, a bare "not
// approved yet", a negated carte blanche, a student's own project.
var authorityOwnCases = []struct {
	name, text, want string
}{
	{"en full authority", "The owners gave me full authority to choose the new till system.", LevelDecisionMaker},
	{"de freie Hand", "Die Geschäftsführung hat mir bei der Auswahl freie Hand gelassen.", LevelDecisionMaker},
	{"fr carte blanche", "Je suis office manager et j'ai carte blanche pour le choix de l'outil.", LevelDecisionMaker},
	{"es carta blanca", "Me dieron carta blanca para contratar el proveedor de nóminas.", LevelDecisionMaker},
	{"en own budget line", "This comes out of my own budget, around 8k a year.", LevelDecisionMaker},
	{"de eigene Kostenstelle", "Ich habe eine eigene Kostenstelle für Software.", LevelDecisionMaker},
	{"es partida propia", "Tengo partida propia para el área de calidad.", LevelDecisionMaker},
	{"fr pas carte blanche", "Je n'ai pas carte blanche, tout passe par le siège.", LevelDefers},
	{"en own and run", "I own and run two laundrettes in Leeds.", LevelDecisionMaker},
	{"fr dirige une association", "Je dirige une association d'aide aux devoirs de 20 bénévoles.", LevelDecisionMaker},
	{"es dirijo una fundación", "Dirijo una fundación pequeña que reparte alimentos.", LevelDecisionMaker},
	{"de leite einen Verein", "Ich leite einen Sportverein mit 400 Mitgliedern.", LevelDecisionMaker},
	{"de Mitglied der GL", "Mitglied der Geschäftsführung, Stadtwerke Lindau.", LevelDecisionMaker},
	{"en member of board other", "Our IT lead and a member of the executive team will join the call.", ""},
	{"en given the task", "I'm a trainee and was given the task of comparing three payroll tools.", LevelInfluencer},
	{"de soll Übersicht", "Ich bin Azubi im Einkauf und soll eine Anbieterübersicht erstellen.", LevelInfluencer},
	{"fr m'a demandé de", "Je suis apprentie, mon responsable m'a demandé de recenser les outils de paie.", LevelInfluencer},
	{"es me pidió comparar", "Soy becaria y mi jefa me pidió comparar tres CRMs.", LevelInfluencer},
	{"de Projektarbeit", "Ich bin Werkstudentin und vergleiche Tools für meine Bachelorarbeit.", LevelUser},
	{"en head up", "I head up finance at a 90-person logistics firm.", LevelInfluencer},
	{"de bin im Außendienst", "Ich bin im Vertrieb und pflege meine Kontakte in drei Excel-Listen.", LevelUser},
	{"fr ici", "Bonjour, comptable ici, je saisis tout deux fois.", LevelUser},
	{"en nurse here", "Hi, nurse here, we chart on paper every night.", LevelUser},
	{"de Zeichner", "Ich bin Technische Zeichnerin und suche eine Einzellizenz.", LevelUser},
	{"de als Lehrerin an", "Als Lehrerin an einer Grundschule suche ich ein Quiz-Tool.", LevelUser},
	{"en not approved board", "The budget hasn't been approved yet, the board meets in March.", LevelDefers},
	{"fr non validé direction", "Projet pas encore validé, on le représente à la direction en mai.", LevelDefers},
	{"es no aprobado junta", "El presupuesto aún no está aprobado, la junta lo verá en abril.", LevelDefers},
	{"de nicht genehmigt bare", "Das Budget ist noch nicht genehmigt.", ""},
	{"en owner comparing", "Owner of a small bakery chain. I'm comparing three ordering tools.", LevelDecisionMaker},
	{"es editorial independiente", "Saludos,\nLucía Paredes\nJefa de prensa, editorial independiente", LevelInfluencer},
	{"fr traductrice indépendante", "Bonjour,\nClaire Martin, traductrice indépendante", LevelDecisionMaker},
	{"es dueña investigando", "Soy dueña de una tienda de ropa y estoy comparando sistemas de caja.", LevelDecisionMaker},
}

func TestAuthorityOwn(t *testing.T) {
	t.Parallel()
	for _, tc := range authorityOwnCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := Extract(tc.text, testNow)
			_, got, _, _ := s.Answers()
			require.Equal(t, tc.want, got, "text %q: %+v", tc.text, s.Authority)
		})
	}
}
