package bant

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// accentEdgeCases check the patterns that once put \b against an accented
// letter (see pattern): each word matches written with and without its
// accents, and a near miss does not, in the four languages. English and
// German rows check that the branches beside the rewritten ones still
// hold.
var accentEdgeCases = []struct {
	name string
	p    *pattern
	text string
	want bool
}{
	// soloRe: "à mon compte".
	{"solo fr à", soloRe, "Je travaille à mon compte depuis 2019.", true},
	{"solo fr a", soloRe, "Je travaille a mon compte depuis 2019.", true},
	{"solo fr à after paren", soloRe, "Coach (à mon compte), je cherche un outil.", false}, // needs a space or the start before it, as before
	{"solo fr voilà", soloRe, "Et voilà mon compte client.", false},
	{"solo de", soloRe, "Ich bin selbstständig.", true},
	{"solo es", soloRe, "Soy autónoma y trabajo sola.", true},

	// decideVerbsES: "última palabra".
	{"decideES última", decideVerbsES, "Mi jefa tiene la última palabra.", true},
	{"decideES ultima", decideVerbsES, "Mi jefa tiene la ultima palabra.", true},
	{"decideES última at start", decideVerbsES, "Última palabra: la tiene el director.", true},
	{"decideES penúltima", decideVerbsES, "Es la penúltima palabra del texto.", false},
	{"decideES penultima", decideVerbsES, "Es la penultima palabra del texto.", false},

	// familyOwnerRe: "papá", "mamá".
	{"family es papá", familyOwnerRe, "El dueño es mi papá, él decide.", true},
	{"family es papa", familyOwnerRe, "El dueño es mi papa, él decide.", true},
	{"family es mamá end", familyOwnerRe, "La jefa es mi mamá", true},
	{"family es papagayo", familyOwnerRe, "El dueño es mi papagayo.", false},
	{"family en", familyOwnerRe, "The owner's my dad.", true},
	{"family de", familyOwnerRe, "Der Chef ist mein Vater.", true},

	// ownSayRe: "société".
	{"ownSay fr société", ownSayRe, "C'est ma société, je décide.", true},
	{"ownSay fr societe", ownSayRe, "C'est ma societe, je decide.", true},
	{"ownSay fr sociétaire", ownSayRe, "C'est mon sociétaire qui paie.", false},
	{"ownSay en", ownSayRe, "It's my company.", true},

	// decideDE: "Café".
	{"decideDE café", decideDE, "Ich habe ein kleines Café in Köln.", true},
	{"decideDE cafe", decideDE, "Ich habe ein kleines Cafe in Köln.", true},
	{"decideDE eiscafé", decideDE, "Ich hab ein Eiscafé.", true},
	{"decideDE cafeautomat", decideDE, "Ich habe einen Cafeautomaten.", false},

	// decideFR: "société" in four branches, "café".
	{"decideFR j'ai ma société", decideFR, "J'ai ma société depuis dix ans.", true},
	{"decideFR j'ai ma societe", decideFR, "J'ai ma societe depuis dix ans.", true},
	{"decideFR ma propre société", decideFR, "C'est pour ma propre société.", true},
	{"decideFR ma propre societe", decideFR, "C'est pour ma propre societe.", true},
	{"decideFR je dirige société", decideFR, "Je dirige une petite société de conseil.", true},
	{"decideFR je dirige societe", decideFR, "Je dirige une petite societe de conseil.", true},
	{"decideFR j'ai un café", decideFR, "J'ai un petit café à Lyon.", true},
	{"decideFR j'ai un cafe", decideFR, "J'ai un petit cafe a Lyon.", true},
	{"decideFR j'ai une société", decideFR, "J'ai une société de nettoyage.", true},
	{"decideFR mon sociétaire", decideFR, "Mon sociétaire est d'accord.", false},
	{"decideFR j'ai un cafetier", decideFR, "J'ai un cafetier comme client.", false},

	// influES: "recomendaré".
	{"influES recomendaré", influES, "Luego recomendaré una opción.", true},
	{"influES recomendare", influES, "Luego recomendare una opcion.", true},
	{"influES recomendaría", influES, "Yo recomendaría la más barata.", true},
	{"influES recomendaremos", influES, "Luego recomendaremos una opción.", false},

	// userFR: "activité".
	{"userFR activité", userFR, "C'est pour mon activité de graphiste.", true},
	{"userFR activite", userFR, "C'est pour mon activite de graphiste.", true},
	{"userFR usage", userFR, "C'est pour mon usage personnel.", true},
	{"userFR usager", userFR, "C'est pour mon usager principal.", false},

	// userES: "mí", "usaré", "utilizaré".
	{"userES solo para mí", userES, "Es solo para mí.", true},
	{"userES solo para mi", userES, "Es solo para mi.", true},
	{"userES solo para mis", userES, "Es solo para mis clientes.", false},
	{"userES usaré", userES, "Yo lo usaré todos los días.", true},
	{"userES usare", userES, "Yo lo usare todos los dias.", true},
	{"userES utilizaré", userES, "La utilizaré en la tienda.", true},
	{"userES utilizare", userES, "La utilizare en la tienda.", true},
	{"userES usaremos", userES, "Lo usaremos en equipo.", false},

	// kwDeny: "économiser", "économisé".
	{"deny fr économiser", budgetKwRes[kwDeny], "Nous voulons économiser 5 000 € par an.", true},
	{"deny fr economiser", budgetKwRes[kwDeny], "Nous voulons economiser 5 000 € par an.", true},
	{"deny fr économisé", budgetKwRes[kwDeny], "Nous avons économisé 5 000 €.", true},
	{"deny fr economise", budgetKwRes[kwDeny], "Nous avons economise 5 000 €.", true},
	{"deny fr économistes", budgetKwRes[kwDeny], "Nos économistes ont 5 000 €.", false},
	{"deny en", budgetKwRes[kwDeny], "We raised $2M last year.", true},
	{"deny de", budgetKwRes[kwDeny], "Unser Umsatz liegt bei 2 Mio.", true},

	// tlSeasonRe: "à l'été".
	{"season fr à l'été", tlSeasonRe, "On veut démarrer à l'été.", true},
	{"season fr a l'ete", tlSeasonRe, "On veut demarrer a l'ete.", true},
	{"season fr à l'automne", tlSeasonRe, "Lancement à l'automne.", true},
	{"season fr à l'étranger", tlSeasonRe, "On vend à l'étranger.", false},
	{"season en", tlSeasonRe, "We want it live this summer.", true},
	{"season de", tlSeasonRe, "Start im Herbst.", true},
	{"season es", tlSeasonRe, "Queremos empezar en verano.", true},
}

func TestAccentEdges(t *testing.T) {
	t.Parallel()
	for _, tc := range accentEdgeCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := len(tc.p.findAll(prepare(tc.text))) > 0
			require.Equal(t, tc.want, got, "%q", tc.text)
		})
	}
}

// TestSeasonAccentPrep checks that "à l'été" reads "à l'" as the
// preposition (group 1), as "a l'ete" reads "a l'".
func TestSeasonAccentPrep(t *testing.T) {
	t.Parallel()
	for text, want := range map[string]string{"démarrer à l'été": "à l'", "demarrer a l'ete": "a l'"} {
		d := prepare(text)
		ms := tlSeasonRe.findAll(d)
		require.Len(t, ms, 1, text)
		require.Equal(t, want, group(d.lower, ms[0], 1), text)
	}
}
