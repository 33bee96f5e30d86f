package bant

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// authorityCases are written for the corpus spec's authority rules, in
// the four languages: someone else deciding wins over titles and
// evaluating, a senior writer stays a decision maker when the team is
// mentioned, department heads are influencers, individual contributors
// are users, and lookalikes (approval workflows, "no one else", a
// decision date, a headcount) are not read as deferring.
var authorityCases = []struct {
	name, text, want string
}{
	// Defers, English.
	{"en boss final say", "My boss has the final say on tools like this.", LevelDefers},
	{"en approval procurement", "I need approval from procurement before we can sign.", LevelDefers},
	{"en cannot sign", "Happy to test it, but I can't sign contracts.", LevelDefers},
	{"en board decides", "The board decides on anything above 10k.", LevelDefers},
	{"en CEO title still defers", "I'm the CEO, but our board has to approve the spend.", LevelDefers},
	{"en evaluating but CFO decides", "I'm evaluating three vendors; the final call is with our CFO.", LevelDefers},
	{"en GM signs", "I'm the service manager, our GM signs the PO.", LevelDefers},
	{"en she signs", "My VP wants a tool by June and she'll be the one signing.", LevelDefers},
	{"en council awards", "The contract will be awarded by City Council in February.", LevelDefers},
	{"en not approved by board", "Our budget was not approved by the board last week.", LevelDefers},
	// Not deferring, English.
	{"en no approval needed", "I don't need anyone's approval for this.", LevelDecisionMaker},
	{"en no one else", "I'm the owner and no one else is involved.", LevelDecisionMaker},
	{"en CEO team wants", "As CEO I want a better CRM; my sales team wants something simpler too.", LevelDecisionMaker},
	{"en CTO team will use", "I'm the CTO. My team will use it every day.", LevelDecisionMaker},
	{"en founder discusses with team", "Founder here. I'll discuss it with my team this week.", LevelDecisionMaker},
	{"en approval workflow product", "We need approval workflows so managers can approve expenses faster.", ""},
	{"en signed by date", "I'm the CFO and have sign-off. The contract needs to be signed by January 31.", LevelDecisionMaker},
	{"en I can approve", "I can approve up to 20k on my own.", ""},
	{"en purchases go through finance", "Purchases over $5k go through our finance team.", LevelDefers},
	{"en doctor decides", "I'm the practice manager; Dr. Patel makes the decisions.", LevelDefers},
	{"en father signs", "We're a family business, my father still signs every contract.", LevelDefers},
	{"en managers approve pain", "Our managers approve every shift swap by hand, which takes hours.", ""},
	{"en decision date", "Quote attached. The decision will be made by the end of March.", ""},
	{"en clients approve", "We're a team of 5 designers. Our clients approve drafts by email.", ""},
	{"en I will sign", "Please send the contract, I will sign it this week.", LevelDecisionMaker},
	{"en decision with foreign body", "I am fleet manager, the decision is with our directie (management board).", LevelDefers},
	{"en sole trader", "I'm a sole trader with 25 clients.", LevelDecisionMaker},
	{"en co-own", "We co-own the agency, so we can decide quickly.", LevelDecisionMaker},
	// Influencer and user, English.
	{"en head of", "Ruth Okafor\nHead of Learning & Development", LevelInfluencer},
	{"en sales director", "Regards,\nOmar Khalil\nSales Director", LevelInfluencer},
	{"en lead a team", "I lead the data team at a university.", LevelInfluencer},
	{"en tasked to find", "My manager asked me to find a scheduling tool.", LevelInfluencer},
	{"en nurse", "I'm an ICU nurse and our unit still uses a whiteboard.", LevelUser},
	{"en line cook here", "line cook here, our printer keeps losing tickets", LevelUser},
	{"en headcount is no title", "We have 38 employees and 4 managers.", ""},

	// German.
	{"de Geschäftsführer entscheidet", "Die Entscheidung trifft unser Geschäftsführer.", LevelDefers},
	{"de mit Chef abstimmen", "Ich muss das noch mit meinem Chef abstimmen.", LevelDefers},
	{"de Gemeinderat beschließt", "Die Vergabe muss allerdings vom Gemeinderat beschlossen werden.", LevelDefers},
	{"de sie entscheidet", "Meine Chefin hat mich gebeten, Infos zu holen, sie entscheidet dann.", LevelDefers},
	{"de IT-Leiter but CFO", "Ich bin IT-Leiter. Bei Security-Themen entscheidet aber immer unser CFO.", LevelDefers},
	{"de keine Freigabe nötig", "Ich brauche keine Freigabe von meinem Chef.", LevelDecisionMaker},
	{"de Entscheidung liegt bei mir", "Budget ca. 80k, Entscheidung liegt bei mir (GF).", LevelDecisionMaker},
	{"de Entscheidung fällt im Juni", "Bauführer hier. Der Entscheid fällt im Juni.", LevelInfluencer},
	{"de Geschaeftsfuehrer signature", "Mit freundlichen Gruessen\nKlaus Weber\nGeschaeftsfuehrer", LevelDecisionMaker},
	{"de Inhaberin team", "Ich bin Inhaberin eines Salons und mein Team wünscht sich ein Buchungstool.", LevelDecisionMaker},
	{"de Teamleiterin", "Ich bin Teamleiterin im Kundenservice.", LevelInfluencer},
	{"de Leiter Einkauf signature", "Gruß\nLeiter Einkauf, Müller GmbH", LevelInfluencer},
	{"de Sachbearbeiterin", "Ich bin Sachbearbeiterin in der Buchhaltung.", LevelUser},
	{"de Assistenz signature", "Viele Grüße\nLisa Baum\nAssistenz der Geschäftsführung", LevelUser},
	{"de Freiberuflerin", "Bin Freiberuflerin und suche ein Rechnungstool.", LevelDecisionMaker},
	{"de Kunden entscheiden", "Unsere Kunden entscheiden oft erst spät.", ""},
	{"de Vergabe über Einkauf", "Ich bin Referentin Finanzen. Die Vergabe erfolgt über unseren Zentraleinkauf.", LevelDefers},
	{"de Mitarbeiter headcount", "Firma: Huber GmbH, 38 Mitarbeiter", ""},

	// French.
	{"fr décision revient direction", "La décision revient à notre direction.", LevelDefers},
	{"fr faire valider", "Je dois faire valider le devis avant de commander.", LevelDefers},
	{"fr CEO qui validera", "Je collecte 3 devis pour notre CEO, qui validera.", LevelDefers},
	{"fr groupe signe", "Je suis le directeur de site mais c'est le groupe qui signe les contrats.", LevelDefers},
	{"fr pas besoin validation", "Je n'ai pas besoin de la validation de mon chef.", LevelDecisionMaker},
	{"fr sans passer par", "Je peux valider jusqu'à 50 000 € sans passer par la direction.", LevelDecisionMaker},
	{"fr gérante", "Bonjour, je suis gérante d'un salon de coiffure.", LevelDecisionMaker},
	{"fr PDG équipe", "Je suis PDG et mon équipe veut un nouvel outil.", LevelDecisionMaker},
	{"fr directrice de l'agence", "Je suis la directrice de l'agence.", LevelDecisionMaker},
	{"fr directeur commercial", "Cordialement,\nMarc Dubois\nDirecteur commercial", LevelInfluencer},
	{"fr chef de projet", "Je suis chef de projet dans une ESN.", LevelInfluencer},
	{"fr je compare", "Je suis chargé d'études et je compare plusieurs éditeurs.", LevelInfluencer},
	{"fr assistante", "Je suis assistante de direction dans un cabinet.", LevelUser},
	{"fr prof", "Bonjour, je suis prof de maths au collège.", LevelUser},
	{"fr svp", "Envoyez une offre svp.", ""},

	// Spanish.
	{"es decisión jefe", "La decisión la toma mi jefe.", LevelDefers},
	{"es aprobación de", "Necesito la aprobación de gerencia para avanzar.", LevelDefers},
	{"es firma el director", "Soy el jefe de flotilla, pero la compra la firma el director.", LevelDefers},
	{"es lo tiene que aprobar", "Yo soy administrativa de RRHH, lo tiene que aprobar el gerente.", LevelDefers},
	{"es él decide", "Mi jefe dice que no hay presupuesto, y el que decide es él.", LevelDefers},
	{"es no necesito aprobación", "No necesito la aprobación de nadie.", LevelDecisionMaker},
	{"es puedo aprobar", "Puedo aprobar gastos de hasta 15.000 € yo solo.", LevelDecisionMaker},
	{"es dueña", "Soy la dueña de una tienda de ropa.", LevelDecisionMaker},
	{"es gerente y propietario", "Soy el gerente y propietario de una empresa de reformas.", LevelDecisionMaker},
	{"es director general signature", "Saludos,\nAna Ruiz\nDirectora general", LevelDecisionMaker},
	{"es jefe de compras", "Soy el jefe de compras de una cadena de ópticas.", LevelInfluencer},
	{"es quiero proponer", "Soy líder de selección y quiero proponer un ATS.", LevelInfluencer},
	{"es analista", "Soy analista de datos en un banco.", LevelUser},
	{"es autónoma", "Soy autónoma, tengo una peluquería con dos empleadas.", LevelDecisionMaker},
	{"es junta decide", "Lo decide la junta directiva.", LevelDefers},
	{"es dueño decido yo", "Soy el dueño y decido yo.", LevelDecisionMaker},
	{"fr N+1 valide", "Mon N+1 doit valider.", LevelDefers},
	{"de Okay vom Chef", "Ich brauche das Okay vom Chef.", LevelDefers},
	{"es cliente firma", "El cliente firma el albarán en papel.", ""},
	{"fr clients valident", "Les clients valident les devis par mail, c'est le bazar.", ""},
	{"es firma noun", "Somos una firma de abogados con 12 socios en Madrid y buscamos un CRM.", ""},
}

func TestAuthorityLevels(t *testing.T) {
	t.Parallel()
	for _, tc := range authorityCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := Extract(tc.text, testNow)
			_, got, _, _ := s.Answers()
			require.Equal(t, tc.want, got, "text %q: %+v", tc.text, s.Authority)
			if s.Authority != nil {
				require.NotEmpty(t, s.Authority.Evidence, "evidence")
				require.LessOrEqual(t, s.Authority.Confidence, 0.95)
			}
		})
	}
}

// TestAuthLanguageAgrees keeps authLanguage, the allocation-free copy the
// authority reader uses, in step with detectLanguage.
func TestAuthLanguageAgrees(t *testing.T) {
	t.Parallel()
	texts := []string{"", "Hallo", "l'outil", "¿Qué tal?", "our team and nous avons"}
	for _, tc := range extractCases {
		texts = append(texts, tc.text)
	}
	for _, tc := range authorityCases {
		texts = append(texts, tc.text)
	}
	for _, text := range texts {
		d := prepare(text)
		require.Equal(t, detectLanguage(d.lower), authLanguage(d.lower), "text %q", text)
	}
}
