package bant

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// authorityGenCases were written for round 2 before reading any corpus
// miss, in the styles the corpus spec asks writers for: authority said
// sideways ("run it past the partners", "it's my call at the end of the
// day", "le patron tranche", "eso lo firma la central"), both readings in
// one text ("my partner will also validate, but I decide"), pain stories
// that mention a decider without deferring to one, and French titles and
// constructions (responsable de, chargée de, gérante, associé, "c'est moi
// qui", "je dois voir avec", "soumettre à", "l'accord de").
var authorityGenCases = []struct {
	name, text, want string
}{
	// English.
	{"en run past partners", "Looks promising. I'll need to run it past the partners before we commit.", LevelDefers},
	{"en my call end of day", "We'd want a demo first, but it's my call at the end of the day.", LevelDecisionMaker},
	{"en owner is my dad", "I handle the office side; the owner's my dad and he still likes paper.", LevelDefers},
	{"en decide together", "My co-founder and I decide together on anything over a few grand.", LevelDecisionMaker},
	{"en partner also validates but I decide", "My partner will also validate, but I decide.", LevelDecisionMaker},
	{"en manager signs timesheets pain", "Every Friday my manager signs timesheets by hand and it takes her two hours.", ""},
	{"en bare Director signature", "Thanks,\nPriya Nair\nDirector\nNair Logistics Ltd", LevelDecisionMaker},
	{"en ops manager", "I'm the operations manager at a 3PL warehouse, we ship 2k orders a day.", LevelInfluencer},
	{"en need CFO sign-off", "Budget's there but anything like this needs CFO sign-off.", LevelDefers},
	{"en ultimately board", "Ultimately it's the board that decides, I just put the options together.", LevelDefers},
	{"en shortlisting", "I've been asked to shortlist three payroll vendors for our HR director.", LevelInfluencer},
	{"en dispatcher", "I'm a dispatcher and I spend half my day on the phone chasing drivers.", LevelUser},
	{"en I can approve limit", "I can approve up to 20k on my own, above that it's not up to me.", LevelDefers},
	{"en boss asked pain", "Our boss approved the overtime again because nobody can find the stock counts.", ""},
	// German.
	{"de Chef entscheidet am Ende", "Am Ende entscheidet mein Chef, ich bereite nur vor.", LevelDefers},
	{"de muss mit GF abstimmen", "Das muss ich erst mit der Geschäftsführung abstimmen.", LevelDefers},
	{"de ich entscheide das", "Ich bin Inhaber, das entscheide ich allein.", LevelDecisionMaker},
	{"de wir entscheiden gemeinsam", "Mein Partner und ich entscheiden gemeinsam.", LevelDecisionMaker},
	{"de Vorstand muss zustimmen", "Als Projektleiterin kann ich empfehlen, aber der Vorstand muss zustimmen.", LevelDefers},
	{"de Abteilungsleiter", "Ich bin Abteilungsleiter Logistik bei einem Großhändler.", LevelInfluencer},
	{"de Pflegekraft", "Ich arbeite als Pflegekraft im Nachtdienst und wir schreiben alles von Hand.", LevelUser},
	{"de Chef unterschreibt Stundenzettel pain", "Jeden Montag unterschreibt unser Chef die Stundenzettel von Hand, das dauert ewig.", ""},
	{"de Zentrale", "Bestellungen über 5.000 € laufen über die Zentrale in Hamburg.", LevelDefers},
	{"de letzte Wort hat Inhaber", "Das letzte Wort hat bei uns der Inhaber.", LevelDefers},
	{"de Geschäftsführerin Gruß", "Beste Grüße\nAnja Roth\nGeschäftsführerin, Roth Bau GmbH", LevelDecisionMaker},
	{"de vorlegen", "Ich würde Ihr Angebot dann unserem Vorstand vorlegen.", LevelDefers},
	// French.
	{"fr le patron tranche", "Je prépare le dossier mais c'est le patron qui tranche.", LevelDefers},
	{"fr voir avec associés", "Je dois voir avec mes associés avant de m'engager.", LevelDefers},
	{"fr c'est moi qui décide", "C'est moi qui décide pour tout ce qui touche à l'informatique.", LevelDecisionMaker},
	{"fr soumettre au comité", "Je vais soumettre votre proposition au comité de direction.", LevelDefers},
	{"fr accord du DAF", "Il me faut l'accord du DAF pour tout achat supérieur à 5 000 €.", LevelDefers},
	{"fr responsable logistique", "Je suis responsable logistique dans une PME de 40 personnes.", LevelInfluencer},
	{"fr chargée de communication", "Je suis chargée de communication pour une mairie.", LevelUser},
	{"fr gérant signature", "Cordialement,\nPaul Girard\nGérant - Boulangerie Girard", LevelDecisionMaker},
	{"fr associé cabinet", "Associé d'un cabinet d'avocats de 6 personnes, je cherche un logiciel de facturation.", LevelDecisionMaker},
	{"fr validé par direction", "Le projet doit être validé par la direction en septembre.", LevelDefers},
	{"fr on décide ensemble", "Avec mon associée, on décide ensemble.", LevelDecisionMaker},
	{"fr infirmière", "Infirmière libérale, je perds un temps fou avec la facturation.", LevelDecisionMaker},
	{"fr chef signe feuilles pain", "Chaque semaine, notre chef d'équipe signe les bons à la main et on les ressaisit.", ""},
	{"fr dirigeant", "Dirigeant d'une entreprise de transport, je veux suivre mes camions.", LevelDecisionMaker},
	// Spanish.
	{"es lo firma la central", "Me encanta la demo, pero eso lo firma la central en Madrid.", LevelDefers},
	{"es tengo que consultarlo con mi socio", "Tengo que consultarlo con mi socio antes de decidir.", LevelDefers},
	{"es la decisión es mía", "Soy el gerente y la decisión final es mía.", LevelDecisionMaker},
	{"es decidimos entre los dos", "Mi socia y yo decidimos entre las dos.", LevelDecisionMaker},
	{"es coordinadora", "Soy coordinadora de enfermería en una clínica privada.", LevelInfluencer},
	{"es recepcionista", "Trabajo como recepcionista y paso el día apuntando citas en papel.", LevelUser},
	{"es jefe firma albaranes pain", "Mi jefe firma todos los albaranes a mano y se pierden la mitad.", ""},
	{"es pasar por comité", "Cualquier compra tiene que pasar por el comité de dirección.", LevelDefers},
	{"es dueña signature", "Un saludo,\nLaura Gómez\nDueña, Floristería Gómez", LevelDecisionMaker},
	{"es me toca comparar", "Me toca comparar opciones y presentarle un informe a la gerencia.", LevelDefers},
	// Added after the first measurement: the contrast in three languages,
	// and its reverse (the deferral comes last and wins).
	{"fr associé valide mais moi qui décide", "Mon associé validera aussi, mais c'est moi qui décide.", LevelDecisionMaker},
	{"de Partner aber ich entscheide", "Mein Partner schaut es sich auch an, aber ich entscheide.", LevelDecisionMaker},
	{"es socio pero decisión mía", "Mi socio también lo revisará, pero la decisión es mía.", LevelDecisionMaker},
	{"en I decide but board approves", "I decide on tooling, but the board has to approve anything over 50k.", LevelDefers},
	{"en father signs every contract", "My father still signs every contract by hand.", LevelDefers},

	// Second batch, written after the corpus fixes to check they do not
	// overreach: hard negatives for each new construction.
	{"en2 our decision date", "We'll make our decision by the end of March and let you know.", ""},
	{"en2 clients their decision", "Clients often change their mind; it's their decision which package they take.", ""},
	{"en2 I have a client", "I have a client who needs a booking tool, can you help?", ""},
	{"en2 we both own", "My sister and I run the bakery together, so it's our call.", LevelDecisionMaker},
	{"en2 goes to finance", "Anything above 5k goes to our finance director for sign-off.", LevelDefers},
	{"en2 volunteer treasurer", "I just volunteer as treasurer for our choir; the committee decides on spending.", LevelDefers},
	{"en2 upstairs", "Honestly the purse strings are held by head office.", LevelDefers},
	{"en2 drivers paperwork pain", "Each evening our drivers hand in paper logs and the supervisor approves them manually.", ""},
	{"en2 I own Name", "I own Brightside Dental, two chairs and a hygienist.", LevelDecisionMaker},
	{"en2 I own the process", "I own the onboarding process for new hires and want to speed it up.", ""},
	{"en2 three crews", "We're a roofing outfit, I've got three crews out most days.", LevelDecisionMaker},
	{"de2 unsere Entscheidung Termin", "Wir treffen unsere Entscheidung bis Ende März.", ""},
	{"de2 Mitarbeiter headcount", "Wir haben 40 Mitarbeiter und drei Standorte.", ""},
	{"de2 Einkauf entscheidet", "Ich bin Projektleiter, die Bestellung läuft über den Einkauf.", LevelDefers},
	{"de2 Inhaberin Gruß", "Viele Grüße\nSabine Kurz\nInhaberin Friseursalon Kurz", LevelDecisionMaker},
	{"de2 bin allein", "Ich mache Buchhaltung für kleine Firmen, bin allein und brauche ein besseres Tool.", LevelDecisionMaker},
	{"de2 ich hab ne Werkstatt", "Ich hab ne kleine Werkstatt mit zwei Gesellen.", LevelDecisionMaker},
	{"de2 Chef zeichnet Pain", "Jeden Abend zeichnet unser Chef die Lieferscheine von Hand ab.", ""},
	{"fr2 décision fin mars", "Nous prendrons notre décision fin mars.", ""},
	{"fr2 c'est moi qui compare", "C'est moi qui compare les offres, la directrice tranchera ensuite.", LevelDefers},
	{"fr2 on tient un gîte", "Avec mon mari on tient un gîte de 6 chambres en Bretagne.", LevelDecisionMaker},
	{"fr2 responsable paie", "Je suis gestionnaire de paie et je ressaisis tout à la main.", LevelInfluencer},
	{"fr2 ma boîte utilise", "Ma boîte utilise Sage et je suis comptable, ça rame.", LevelUser},
	{"fr2 le conseil votera", "Le conseil municipal votera le budget en juin.", LevelDefers},
	{"fr2 pas de délégation", "Je n'ai pas de délégation de signature, je transmets au DAF.", LevelDefers},
	{"es2 decisión en abril", "Tomaremos la decisión en abril.", ""},
	{"es2 gerente de un restaurante", "Soy gerente de un restaurante en Valencia.", LevelDecisionMaker},
	{"es2 jefe de un equipo", "Soy jefe de un equipo de 8 técnicos de soporte.", LevelInfluencer},
	{"es2 tengo cinco empleados", "Tengo 5 empleados y todo va por WhatsApp.", LevelDecisionMaker},
	{"es2 la firma el director", "El contrato lo firma el director financiero, yo solo lo reviso.", LevelDefers},
	{"es2 sin pasar por nadie", "Soy la dueña y firmo sin pasar por nadie.", LevelDecisionMaker},
	{"es2 clientes firman pain", "Cada día los clientes firman los albaranes en papel y se pierden.", ""},

	// Third batch, written after tuning on the corpus, as a last check.
	{"en3 need to loop in GM", "Sounds good, but our GM has the final word on new vendors.", LevelDefers},
	{"en3 cofounder here", "Co-founder of a 12-person design studio. Our invoices are a mess.", LevelDecisionMaker},
	{"en3 warehouse lead", "Warehouse team lead here, pickers keep grabbing the wrong bins.", LevelInfluencer},
	{"en3 barista", "I'm a barista and our rota lives in a group chat.", LevelUser},
	{"en3 needs sign off from HQ", "Any new software needs sign-off from HQ in Chicago.", LevelDefers},
	{"en3 I'll sign", "If the pilot works I'll sign the annual plan myself.", LevelDecisionMaker},
	{"de3 Geschäftsführer hier", "Geschäftsführer hier, wir haben 14 Fahrzeuge und planen alles per Excel.", LevelDecisionMaker},
	{"de3 Chefin muss", "Meine Chefin muss das absegnen, ich sammle nur Angebote.", LevelDefers},
	{"de3 Azubi", "Ich bin Azubi im Büro und mache die Ablage.", LevelUser},
	{"de3 Teamleiter Versand", "Teamleiter Versand bei einem Onlinehändler, die Retouren stapeln sich.", LevelInfluencer},
	{"de3 Aufsichtsrat", "Investitionen über 50.000 € muss der Aufsichtsrat genehmigen.", LevelDefers},
	{"de3 Unterschrift Kunde pain", "Jeder Kunde unterschreibt das Übergabeprotokoll auf Papier, das scannen wir dann.", ""},
	{"fr3 gérante boutique", "Gérante d'une boutique de vêtements à Nantes, je cherche une caisse.", LevelDecisionMaker},
	{"fr3 doit passer en CA", "Le projet doit passer en conseil d'administration en juin.", LevelDefers},
	{"fr3 je suis aide-soignante", "Je suis aide-soignante et les transmissions se font sur papier.", LevelUser},
	{"fr3 responsable RH", "Responsable RH d'un groupe de 300 salariés, nous évaluons des SIRH.", LevelInfluencer},
	{"fr3 patron décide", "Mon patron décidera après la démo.", LevelDefers},
	{"fr3 clients signent pain", "Nos clients signent les bons de livraison à la main tous les jours.", ""},
	{"es3 dueño de taller", "Soy dueño de un taller mecánico con 6 empleados.", LevelDecisionMaker},
	{"es3 lo aprueba finanzas", "Cualquier gasto así lo aprueba el área de finanzas.", LevelDefers},
	{"es3 cajera", "Soy cajera en un supermercado y el sistema se cuelga a diario.", LevelUser},
	{"es3 jefa de proyecto", "Jefa de proyecto en una consultora, estoy comparando herramientas.", LevelInfluencer},
	{"es3 tengo que consultarlo con gerencia", "Me gusta, pero tengo que consultarlo con la gerencia.", LevelDefers},
	{"es3 decido yo", "Al final lo decido yo, soy la fundadora.", LevelDecisionMaker},
}

func TestAuthorityGeneralises(t *testing.T) {
	t.Parallel()
	for _, tc := range authorityGenCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := Extract(tc.text, testNow)
			_, got, _, _ := s.Answers()
			require.Equal(t, tc.want, got, "text %q: %+v", tc.text, s.Authority)
		})
	}
}
