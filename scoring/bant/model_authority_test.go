package bant

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestModelDecideWho checks who the role features see near a decision
// verb, in the four languages, with the hard cases: a boss in the
// sentence before, a negation, the writer's organisation.
func TestModelDecideWho(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, text, verb, want string
	}{
		{"en I decide", "I decide on our software myself.", "decide", "v:iw"},
		{"en boss decides", "My boss decides on software purchases.", "decides", "v:io"},
		{"en cannot sign", "I can't sign contracts.", "sign", "v:in"},
		{"en board approves", "The board approves every purchase over 5k.", "approves", "v:o"},
		{"en boss in the sentence before", "My boss is great. We decide quickly here.", "decide", "v:w"},
		{"de ich entscheide", "Ich entscheide das allein.", "entscheide", "v:i"},
		{"de Chef entscheidet", "Das entscheidet mein Chef.", "entscheidet", "v:io"},
		{"de GF genehmigt", "Die Geschäftsführung muss das genehmigen.", "genehmigen", "v:o"},
		{"de nicht unterschreiben", "Ich darf nicht unterschreiben.", "unterschreiben", "v:in"},
		{"fr moi qui décide", "C'est moi qui décide.", "decide", "v:i"},
		{"fr direction valide", "La direction doit valider le choix.", "valider", "v:o"},
		{"fr nous décidons", "Nous décidons en équipe.", "decidons", "v:w"},
		{"es yo decido", "Yo decido qué programa usamos.", "decido", "v:i"},
		// "compras" is also the purchasing department: the features see
		// someone else, and the weights learn how much that counts.
		{"es las compras", "Yo decido las compras.", "decido", "v:io"},
		{"es jefe aprueba", "Mi jefe tiene que aprobarlo.", "aprobarlo", "v:io"},
		{"es no firmo", "No firmo contratos.", "firmo", "v:n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			d := prepare(tc.text)
			words, brk := modelWords(d.lower)
			at := -1
			for i, w := range words {
				if w.folded == tc.verb {
					at = i
				}
			}
			require.GreaterOrEqual(t, at, 0, "verb %q not among the words", tc.verb)
			require.True(t, modelDecideStem(words[at].folded), "%q is not a decision verb", tc.verb)
			require.Equal(t, tc.want, modelDecideWho(words, brk, at))
		})
	}
}

// TestModelRoleFeaturesSignature checks that the signature block's words
// add features and a body's do not: the same words in a long last line
// give no more features than the shared ones.
func TestModelRoleFeaturesSignature(t *testing.T) {
	t.Parallel()
	count := func(text string) (shared, role int) {
		d := prepare(text)
		return len(modelFeatureHashes(d.lower)), len(modelRoleFeatureHashes(d.lower))
	}
	for _, sig := range []string{"Anna Berg\nHead of Operations", "Jens Huber\nLeiter Einkauf", "Julie Morel\nResponsable achats", "Carlos Ruiz\nJefe de compras"} {
		shared, role := count("We want fewer manual steps in our month end.\n\n" + sig)
		require.Greater(t, role, shared, "signature %q", sig)
	}
	// A last line of more than modelSigWords words is body, not signature.
	shared, role := count("We want fewer manual steps in our month end and the head of operations agrees with that plan")
	require.Equal(t, shared, role)
}

// testAuthorityModel is a model whose every feature pushes towards
// defers: it shows the policy, not the shipped weights.
func testAuthorityModel() *classModel {
	const buckets = 2
	m := &classModel{classes: authorityClasses, buckets: buckets, bias: make([]float32, len(authorityClasses)),
		weights: make([]float32, len(authorityClasses)*buckets), role: true}
	for h := range buckets {
		m.weights[2*buckets+h] = 1 // class 2 is defers
	}
	return m
}

// TestAuthorityWithModelPolicy checks policy a as shipped: the model
// answers only where the rules give none, on texts of enough distinct
// words, never above 0.95, with Evidence, keeping the rules' Role.
func TestAuthorityWithModelPolicy(t *testing.T) {
	t.Parallel()
	m := testAuthorityModel()
	long := map[string]string{
		"en": "We are a regional chain of bakeries and every evening each shop counts what is left on the shelves, then someone types the numbers into a spreadsheet the next morning.",
		"de": "Wir sind eine Bäckereikette mit zwölf Filialen, und jeden Abend zählt jede Filiale die Reste, die dann am nächsten Morgen jemand von Hand in eine Tabelle überträgt.",
		"fr": "Nous sommes une chaîne de boulangeries et chaque soir chaque magasin compte les invendus, puis quelqu'un recopie les chiffres dans un tableur le lendemain matin au bureau.",
		"es": "Somos una cadena de panaderías y cada noche cada tienda cuenta lo que sobra en los estantes, y alguien copia los números a mano en una hoja de cálculo a la mañana siguiente.",
	}
	for lang, text := range long {
		d := prepare(text)
		require.GreaterOrEqual(t, distinctWords(modelWordsOf(d), authorityPolicy.minWords), authorityPolicy.minWords, lang)
		// No rules reading: the model's.
		a := authorityWithModel(d, nil, m, authorityPolicy)
		require.NotNil(t, a, lang)
		require.Equal(t, LevelDefers, a.Level, lang)
		require.LessOrEqual(t, a.Confidence, 0.95, lang)
		require.NotEmpty(t, a.Evidence, lang)
		// A rules reading below the answer threshold: the model's level,
		// the rules' title.
		weak := &Authority{Level: LevelInfluencer, Role: "Team Lead", Confidence: AnswerThreshold - 0.1}
		a = authorityWithModel(d, weak, m, authorityPolicy)
		require.Equal(t, LevelDefers, a.Level, lang)
		require.Equal(t, "Team Lead", a.Role, lang)
		// A rules answer stands (policy a never overrides).
		rules := &Authority{Level: LevelInfluencer, Confidence: 0.7, Evidence: "head of"}
		require.Same(t, rules, authorityWithModel(d, rules, m, authorityPolicy), lang)
	}
	// Hard negatives: one-liners and a long text of one word are left to
	// the rules.
	for _, text := range []string{
		"Quote attached. The decision will be made by the end of March.",
		"Am Ende entscheidet der Kunde, welches Paket er bucht.",
		"Nous prendrons la décision en avril.",
		"Tomaremos la decisión en abril.",
		strings.Repeat("x ", 5000),
	} {
		require.Nil(t, authorityWithModel(prepare(text), nil, m, authorityPolicy), text)
	}
}

func modelWordsOf(d *doc) []modelWord {
	w, _ := modelWords(d.lower)
	return w
}
