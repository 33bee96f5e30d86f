package bant

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// authorityGen3Cases are written for the constructions of authority_more.go
// and the signature and title fixes of round 3, in the four languages, with
// their own wording (not the corpus's): deciders named through a route
// ("goes through our board"), a possessive ("the choice will be hers"), a
// wanted recommendation, a proposal for a decider, a Decision: field, an
// assistant writing for a named principal; the writer holding the money,
// counted partners, a business "of one's own" said after its noun; names
// that are also job words ("Koch", "Cook"), greetings before a title, and
// hard negatives (a budget that forbids buying, "consolidation comptable",
// a sentence about a colleague, data that "goes through" a firewall).
var authorityGen3Cases = []struct {
	name, text, want string
}{
	// Someone else decides.
	{"en goes through board", "Happy to talk. Anything above that amount goes through our board of directors.", LevelDefers},
	{"en rests with holding board", "I run the pilot, but the final decision rests with our holding company's executive board.", LevelDefers},
	{"en choice will be hers", "The choice will be hers in the end; I'm just collecting options.", LevelDefers},
	{"en director expects shortlist", "My director expects a shortlist from me next week.", LevelDefers},
	{"en decision field", "Scope: 40 seats\nDecision: Steering Committee, 3 March\nPlease quote.", LevelDefers},
	{"en on behalf of Dr", "Writing on behalf of Dr. Alvarez, who runs the clinic and would like a demo.", LevelDefers},
	{"en business case for board", "I'm putting together a business case for the board.", LevelDefers},
	{"de Kaufentscheidung Aufsichtsrat", "Die Kaufentscheidung trifft unser Aufsichtsrat.", LevelDefers},
	{"de unterschreiben tut Direktorin", "Ich vergleiche gerade Anbieter, unterschreiben tut am Ende unsere Direktorin.", LevelDefers},
	{"de im Auftrag von Herrn", "Ich schreibe im Auftrag von Herrn Dr. Weber, er möchte ein Angebot.", LevelDefers},
	{"de Chefin will Empfehlung", "Meine Chefin möchte bis Montag eine Empfehlung von mir.", LevelDefers},
	{"de Vorlage für GL", "Ich bereite eine Entscheidungsvorlage für die Geschäftsleitung vor.", LevelDefers},
	{"de vorlege", "Ich will die Zahlen sehen, bevor ich sie meinem Vorgesetzten vorlege.", LevelDefers},
	{"fr attribution par conseil", "Marché public : attribution par le conseil municipal en juin.", LevelDefers},
	{"fr dernier mot le sien", "Le dernier mot sera le sien, je prépare seulement le dossier.", LevelDefers},
	{"fr de la part de Mme", "Je vous contacte de la part de Mme Girard, notre présidente.", LevelDefers},
	{"fr ne peux rien valider", "Je ne peux rien valider moi-même.", LevelDefers},
	{"es decisión será suya", "La decisión será suya, yo solo preparo la comparativa.", LevelDefers},
	{"es en nombre del Dr", "Le escribo en nombre del Dr. Ramírez para pedir una demo.", LevelDefers},
	{"es propuesta para la junta", "Estoy armando una propuesta para la junta directiva.", LevelDefers},

	// The writer decides.
	{"en control purse strings", "Honestly, I control the purse strings here.", LevelDecisionMaker},
	{"en three partners", "We're three partners at a small law firm and bill by hand.", LevelDecisionMaker},
	{"de diejenige Budget", "Ich bin diejenige, die das Budget freigibt.", LevelDecisionMaker},
	{"de für Budget verantwortlich", "Als Werkstattleiter bin ich für das Budget verantwortlich.", LevelDecisionMaker},
	{"de zwei Lokale", "Ich hab zwei Lokale in Wien und die Kasse spinnt.", LevelDecisionMaker},
	{"de Inhaber und GF von", "Als Inhaberin und Geschäftsführerin von drei Apotheken suche ich eine Lösung.", LevelDecisionMaker},
	{"fr cordons de la bourse", "Je tiens les cordons de la bourse, donc ça peut aller vite.", LevelDecisionMaker},
	{"fr deux associés", "Nous sommes deux associés dans une petite agence de com.", LevelDecisionMaker},
	{"fr seul à travailler", "Plombier, seul à travailler, je cherche un logiciel de devis.", LevelDecisionMaker},
	{"fr bonsoir patron", "Bonsoir, patron d'une petite brasserie à Lille. Vous avez une démo ?", LevelDecisionMaker},
	{"es cuatro socios", "Somos cuatro socios en un despacho de abogados.", LevelDecisionMaker},
	{"es clínica propia", "Fisio con clínica propia en Sevilla, busco agenda online.", LevelDecisionMaker},
	{"es manejo el presupuesto", "Yo manejo el presupuesto de compras de la empresa.", LevelDecisionMaker},
	{"es le escribe la dueña", "Buenas tardes, le escribe la dueña de la tienda.", LevelDecisionMaker},

	// Influencers and users, titles in signatures.
	{"en best name cook", "Thanks for the call.\nBest, Rosa Cook, Project Manager", LevelInfluencer},
	{"de Grüße Koch Teamleiter", "Danke!\nViele Grüße, Jonas Koch, Teamleiter Vertrieb", LevelInfluencer},
	{"de Außendienstlerin", "Ich bin Außendienstlerin bei einem Getränkehändler.", LevelUser},
	{"de Finanzanalystin", "Ich arbeite als Finanzanalystin und baue Berichte in Excel.", LevelUser},
	{"fr analyste signature", "Merci pour le webinaire.\nClaire, analyste marketing, Maison Dubois", LevelUser},
	{"fr dev ici", "salut, dev front ici, nos builds cassent sans arrêt", LevelUser},
	{"es recopilando info", "Estoy recopilando información para un informe interno.\nLuis, analista", LevelInfluencer},
	{"es lo uso yo", "Somos tres en la oficina pero lo uso yo para mis clientes.", LevelUser},
	{"es coordenadora", "Sou coordenadora de TI numa rede de escolas.", LevelInfluencer},

	// Second batch: the writer's own call after a title, not deciding
	// said plainly, named principals, research, study, running alone.
	{"en HR director final call", "I'm the finance director and will make the final call by June.", LevelDecisionMaker},
	{"en chief officer final say", "I'm Head of Compliance; our Chief Compliance Officer has the final say.", LevelDefers},
	{"en just researching", "No plans yet, I'm just researching what's out there.", LevelInfluencer},
	{"en looking at tools", "We run a small bakery chain and I'm looking at scheduling tools right now.", LevelInfluencer},
	{"en IT Lead signature", "Budget is fine.\nThanks, Mia\nIT Lead", LevelInfluencer},
	{"en town's manager", "I'm the county's procurement manager.", LevelInfluencer},
	{"en freelance business", "Looking for invoicing for my freelance photography business.", LevelDecisionMaker},
	{"en thesis student", "I'm a student writing a thesis and I'm comparing CRM tools.", LevelUser},
	{"de treffe Entscheidung", "Ich bin Vertriebsleiter und treffe die Entscheidung allein.", LevelDecisionMaker},
	{"de Frau X entscheidet", "Ich sammle Angebote, Frau Lehmann entscheidet danach.", LevelDefers},
	{"de für Leiter der entscheidet", "Ich suche Angebote für unseren Leiter IT, der entscheidet.", LevelDefers},
	{"de unterschreibe nicht", "Ich organisiere die Auswahl, aber ich unterschreibe nicht.", LevelDefers},
	{"de schaue mich um", "Ich schaue mich gerade um, was es für Dienstpläne gibt.", LevelInfluencer},
	{"de führe allein", "Ich führe allein ein kleines Architekturbüro.", LevelDecisionMaker},
	{"de Vorsitzender", "Danke!\nKlaus Berg, 1. Vorsitzender", LevelDecisionMaker},
	{"fr prends la décision", "Je suis directrice marketing et je prends la décision seule.", LevelDecisionMaker},
	{"fr entre associée et moi", "La décision se fera entre mon associée et moi.", LevelDecisionMaker},
	{"fr aucun pouvoir de signature", "Je n'ai aucun pouvoir de signature, je fais suivre.", LevelDefers},
	{"fr pas la main signature", "Je mène l'évaluation mais je n'ai pas la main sur la signature.", LevelDefers},
	{"fr gère seul", "je gère seul mon camion pizza et je veux une caisse", LevelDecisionMaker},
	{"fr seule à tout gérer", "Petite boutique, je suis seule à tout gérer.", LevelDecisionMaker},
	{"fr adjointe", "Je suis adjointe à la directrice financière.", LevelInfluencer},
	{"fr signature profession title", "Merci.\nDr Marc Roy, vétérinaire, gérant de la clinique", LevelDecisionMaker},
	{"fr mémoire stagiaire", "Je suis stagiaire et je compare des outils pour mon mémoire.", LevelUser},
	{"es no decido", "Les escribo por encargo de mi jefa; yo no decido nada.", LevelDefers},
	{"es tomo la decisión", "Soy gerente de compras y tomo yo la decisión.", LevelDecisionMaker},
	{"es puesto", "tengo un puesto de jugos en el mercado y quiero cobrar con tarjeta", LevelDecisionMaker},
	{"es dirijo academia", "Dirijo una academia de baile con dos sedes.", LevelDecisionMaker},
	{"es copropietaria", "Gracias.\nAna Ruiz, copropietaria", LevelDecisionMaker},
	{"es subdirector", "Saludos.\nPedro Gil\nSubdirector de Operaciones", LevelInfluencer},
	{"es estudiante TFG", "Soy estudiante y estoy haciendo el TFG sobre software de RRHH.", LevelUser},
	{"es mirando opciones", "Estoy mirando opciones de software de nóminas.", LevelInfluencer},

	// Third batch: the same families in the other languages.
	{"fr décision lui revient", "La décision lui revient, je prépare juste le terrain.", LevelDefers},
	{"es Sr aprobará", "El Sr. Ortiz aprobará la compra.", LevelDefers},
	{"fr M tranchera", "M. Dupont tranchera après la démo.", LevelDefers},
	{"en Mrs will decide", "Mrs. Patel will decide after the demo.", LevelDefers},
	{"de drei Gesellschafter entscheiden", "Wir sind drei Gesellschafter und entscheiden das gemeinsam.", LevelDecisionMaker},
	{"en two partners decide", "We're two partners and decide everything ourselves.", LevelDecisionMaker},
	{"es recomendación mía", "Mi jefe quiere una recomendación mía antes del viernes.", LevelDefers},
	{"fr recommandation de ma part", "Mon directeur attend une recommandation de ma part.", LevelDefers},
	{"de verwalte Budget", "Ich verwalte das Budget selbst.", LevelDecisionMaker},
	{"es responsable del presupuesto", "Soy la responsable del presupuesto.", LevelDecisionMaker},
	{"es ferretería", "Tengo una pequeña ferretería en Valencia.", LevelDecisionMaker},
	{"fr food truck", "J'ai un food truck à Lyon.", LevelDecisionMaker},

	// Lookalikes.
	{"en we can't buy", "Our grant was cut, so we can't buy anything this year.", ""},
	{"en goes through firewall", "All traffic goes through our firewall before it reaches the app.", ""},
	{"en decision field date", "Decision: end of Q2\nBudget: tbd", ""},
	{"fr consolidation comptable", "Re: Guide – consolidation comptable\nMerci, très utile.", ""},
	{"de Mitarbeiterin Satz", "Bisher erledigt das eine Mitarbeiterin in Excel.", ""},
	{"de Kunde entscheidet", "Am Ende entscheidet der Kunde, welches Paket er bucht.", ""},
	{"es propuesta para el cliente", "Necesito una propuesta para el cliente final.", ""},
	{"en decision field me", "Company: Lakeside Dental\nDecision maker: me (owner)\nSeats: 6", LevelDecisionMaker},
	{"en I report to the CEO", "I'm in operations and I report to the CEO.", LevelInfluencer},
	{"en decides whether we", "I'm gathering quotes for our finance director, who will decide whether we go ahead.", LevelDefers},
	{"de entscheidet ob wir", "Ich sammle Angebote für unsere Geschäftsführerin, sie entscheidet, ob wir das machen.", LevelDefers},
	{"en goes through review", "Our app goes through review at Apple every week.", ""},
	{"en Mr from your team", "Mr. Smith from your team called me yesterday.", ""},
	{"fr vocative chef", "Salut, chef, ça va ? On cherche un outil de planning.", ""},
	{"en hi manager approval", "Hi, manager approval takes forever in our current tool.", ""},
	{"de Herr aus Vertrieb", "Hallo, Herr Müller aus Ihrem Vertrieb hat mich angerufen.", ""},
	{"es somos 3 en la oficina", "Hola, somos 3 en la oficina y usamos Excel.", ""},
	{"de headcount after comma", "Firma: Bäckerei Lutz, 12 Mitarbeiterinnen, zwei Filialen", ""},
	{"en we don't decide pain", "Customers call and we don't decide anything until the form arrives.", ""},
	{"fr pas de main pain", "Le planning se fait à la main chaque lundi.", ""},
}

func TestAuthorityGeneralisesRound3(t *testing.T) {
	t.Parallel()
	for _, tc := range authorityGen3Cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := Extract(tc.text, testNow)
			_, got, _, _ := s.Answers()
			require.Equal(t, tc.want, got, "text %q: %+v", tc.text, s.Authority)
		})
	}
}
