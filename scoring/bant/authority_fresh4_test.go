package bant

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// authorityFresh4Cases were written after the round-4 rules, before
// running them, as a check that the clause subject reader generalises:
// new verbs of the same families, deciders in new positions, the writer
// as subject in new words, and hard negatives.
var authorityFresh4Cases = []struct {
	name, text, want string
}{
	{"en signed off by", "Any new vendor has to be signed off by our group CFO.", LevelDefers},
	{"en it's the trustees who", "It's the trustees who decide on anything over £2k.", LevelDefers},
	{"en I approve", "I approve all IT purchases for the school myself.", LevelDecisionMaker},
	{"en we need to check", "We'll look at the demo and then I decide.", LevelDecisionMaker},
	{"en pain approval", "Approvals take ages because every invoice goes through three people.", ""},
	{"de Entscheidung trifft", "Die Entscheidung trifft am Ende unser Aufsichtsrat.", LevelDefers},
	{"de muss freigeben", "Das muss unser Kämmerer freigeben.", LevelDefers},
	{"de ich genehmige", "Anschaffungen in dieser Größe genehmige ich selbst.", LevelDecisionMaker},
	{"de Kunden entscheiden", "Unsere Kunden entscheiden oft erst am Telefon.", ""},
	{"fr validé par le conseil", "Le projet doit être validé par le conseil municipal.", LevelDefers},
	{"fr je signe", "C'est un petit cabinet, je signe tout moi-même.", LevelDecisionMaker},
	{"fr chez nous c'est le siège", "Chez nous, c'est le siège qui choisit les fournisseurs.", LevelDefers},
	{"fr clients valident", "Nos clients valident leurs devis en ligne, mais ça bugge.", ""},
	{"es lo decide el patronato", "Eso lo decide el patronato en su reunión de mayo.", LevelDefers},
	{"es firmo yo los contratos", "Yo firmo los contratos de la academia.", LevelDecisionMaker},
	{"es pasa por dirección", "Todo gasto pasa por la dirección del hospital.", LevelDefers},
	{"es pacientes eligen", "Los pacientes eligen la hora por WhatsApp y se pierden citas.", ""},
}

func TestAuthorityFresh4(t *testing.T) {
	t.Parallel()
	for _, tc := range authorityFresh4Cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := Extract(tc.text, testNow)
			_, got, _, _ := s.Answers()
			require.Equal(t, tc.want, got, "text %q: %+v", tc.text, s.Authority)
		})
	}
}
