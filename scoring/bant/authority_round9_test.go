package bant

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// authorityRound9Cases are written for round 9's constructions, in the four
// languages and in their own words: a decider after a comma that follows
// the writer's own title, a compound decider ("Hauptgeschäftsführer"), a
// vote ("abstimmen muss der Vorstand"), the writer saying they cannot sign
// or approve (in any word order), "as <title>" next to the writer, heads
// of an institution; and hard negatives: indecision ("can't decide
// between"), a condition, "as the CTO said", a product whose name holds a
// decider word.
var authorityRound9Cases = []struct {
	name, text, want string
}{
	{"de title comma boss approved", "Ich bin Sachbearbeiterin, meine Abteilungsleiterin hat das schon abgesegnet.", LevelDefers},
	{"en title comma boss approves", "I'm an analyst, my director approves all software.", LevelDefers},
	{"fr titre virgule directrice valide", "Je suis assistante, ma directrice valide les achats.", LevelDefers},
	{"es cargo coma jefa aprueba", "Soy técnico, mi jefa aprueba las compras.", LevelDefers},
	{"de compound decider", "Den Auftrag vergibt am Ende der Oberbürgermeister.", LevelDefers},
	{"de Vereinspräsident entscheidet", "Entscheiden wird das unser Vereinspräsident.", LevelDefers},
	{"de abstimmen Vorstand", "Ich bin Schriftführerin, abstimmen muss das der Vorstand.", LevelDefers},
	{"de abstimmen Gemeinderat", "Über den Kauf wird der Gemeinderat abstimmen.", LevelDefers},
	{"de Referent sucht", "Ich schaue mich nur um, was der Markt bietet.\nBeste Grüße\nMarkus Feldmeier\nReferent Verwaltung", LevelInfluencer},
	{"de Beauftragter", "Ich sammle Informationen zu Backups.\nMichael Obermaier\nIT-Sicherheitsbeauftragter", LevelInfluencer},
	{"de im Innendienst", "Bitte drei Lizenzen freischalten. Ich bin im Vertriebsinnendienst.", LevelUser},
	{"de Name Abteilung", "Der Drucker druckt keine Etiketten mehr.\nDennis, Lager", LevelUser},
	{"en work in dispatch", "I work in dispatch and we keep losing orders.", LevelUser},
	{"fr travaille compta", "Je travaille à la comptabilité, on ressaisit tout.", LevelUser},
	{"es almacén", "Trabajo en el almacén y perdemos pedidos.", LevelUser},
	{"en Regards Accounts", "Our phone number changed, please update your records.\nRegards, Accounts", ""},
	{"de im Urlaub", "Ich bin im Urlaub bis Montag.", ""},
	{"de Lena Maurer", "Schicken Sie mir bitte das Angebot.\nGruß\nLena Maurer", ""},
	{"de kann ich nicht unterschreiben", "Verträge kann ich leider nicht selbst unterschreiben.", LevelDefers},
	{"de ich unterschreibe nicht", "Die Bestellung unterschreibe ich nicht, das macht die Zentrale.", LevelDefers},
	{"de nicht allein entscheiden", "Das kann ich nicht allein entscheiden.", LevelDefers},
	{"en cannot approve myself", "Purchases like this I cannot approve myself.", LevelDefers},
	{"fr ne peux pas valider", "Je ne peux pas valider ce devis moi-même.", LevelDefers},
	{"es no puedo firmar", "Este contrato no lo firmo yo.", LevelDefers},
	{"de als Titel ich", "Ich bereite als IT-Leiter die Ausschreibung vor.", LevelInfluencer},
	{"de Als Titel verb ich", "Als Projektleiterin bereite ich die Vergabe vor.", LevelInfluencer},
	{"de Präsident signature", "Wir möchten die Beiträge automatisch einziehen.\nFreundliche Grüsse\nPeter Egli, Präsident", LevelDecisionMaker},
	{"de Schulleiterin signature", "Wir planen bisher mit Excel.\nMit freundlichen Grüßen\nDr. Elke Wörner, Schulleiterin", LevelDecisionMaker},
	{"fr proviseur", "Nous cherchons un outil de planning.\nCordialement,\nM. Girard, proviseur", LevelDecisionMaker},
	{"es rectora", "Buscamos una plataforma de matrícula.\nSaludos,\nAna Ruiz, rectora", LevelDecisionMaker},
	// Hard negatives.
	{"en indecision", "I can't decide between the two plans, can you help?", ""},
	{"de Bedingung", "Was passiert, wenn ich nicht rechtzeitig unterschreibe?", ""},
	{"en as the CTO said", "As the CTO mentioned, we need it soon.", ""},
	{"de als Geschäftsführer someone", "Wie unser Geschäftsführer als Inhaber sagt, brauchen wir das.", ""},
	{"de product compound", "Das Budget ist freigegeben: 65.000 € für ein Campus-Management-System.", ""},
	{"de Termine abstimmen", "Wir müssen jeden Tag Termine mit den Kunden abstimmen, das kostet Zeit.", ""},
}

func TestAuthorityRound9(t *testing.T) {
	t.Parallel()
	for _, tc := range authorityRound9Cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := Extract(tc.text, testNow)
			_, got, _, _ := s.Answers()
			require.Equal(t, tc.want, got, "text %q: %+v", tc.text, s.Authority)
		})
	}
}
