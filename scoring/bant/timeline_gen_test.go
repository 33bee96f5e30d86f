package bant

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// Odd received days: late December, a quarter's last and first days.
// tlCase is a timeline sentence with the day it was received and the
// answer the labelling spec gives it.
type tlCase struct {
	name string
	now  time.Time
	text string
	want string
}

// requireTimelineCases checks each case's timeline answer, naming the
// reading behind a wrong one, and logs how many were right.
func requireTimelineCases(t *testing.T, cases []tlCase) {
	t.Helper()
	fails := 0
	for _, tc := range cases {
		sig := Extract(tc.text, tc.now)
		_, _, _, got := sig.Answers()
		if got != tc.want {
			fails++
			ev := ""
			if sig.Timeline != nil {
				ev = fmt.Sprintf("%s %.2f %q", sig.Timeline.Label, sig.Timeline.Confidence, sig.Timeline.Evidence)
			}
			t.Errorf("%s: got %q, want %q [%s]", tc.name, got, tc.want, ev)
		}
	}
	t.Logf("%d/%d right", len(cases)-fails, len(cases))
}

var (
	tlgLateDec = time.Date(2026, 12, 28, 10, 0, 0, 0, time.UTC) // Monday
	tlgQ1End   = time.Date(2026, 3, 31, 16, 0, 0, 0, time.UTC)  // Tuesday, last day of Q1
	tlgQ2End   = time.Date(2025, 6, 30, 8, 0, 0, 0, time.UTC)   // Monday, last day of Q2
	tlgQ2Start = time.Date(2026, 4, 1, 9, 0, 0, 0, time.UTC)    // Wednesday, first day of Q2
	tlgNov     = time.Date(2025, 11, 12, 9, 0, 0, 0, time.UTC)  // Wednesday
	tlgFeb     = time.Date(2026, 2, 10, 9, 0, 0, 0, time.UTC)   // Tuesday
)

// tlGenCases are sentences written for generalisation, not after any
// corpus item: today, expiries, event-anchored dates, a budget cut with a
// later date, passives, past tense, non-purchase dates, odd received days.
var tlGenCases = []tlCase{
	// English
	{"en today quote", tlgNov, "Can you send me a quote today? Our trial runs out on Friday.", "this_month"},
	{"en set up today", tlgNov, "We need this set up today if at all possible.", "this_month"},
	{"en licence runs out friday", tlgNov, "Our current licence runs out on Friday, so we need to switch quickly.", "this_month"},
	{"en before high season", tlgQ2End, "We want the new booking system live before the high season in December.", "this_year"},
	{"en by peak season", tlgFeb, "Hotel group, 4 properties. We need to have it running by peak season in July.", "this_year"},
	{"en school year starts", tlgQ2Start, "We want the platform ready when the school year starts in September.", "this_year"},
	{"en before we move in spring", tlgFeb, "We're moving offices in spring and want the phones sorted before we move.", "this_year"},
	{"en budget cut then Q3 next year", tlgNov, "Our budget for this got cut this year, so realistically we're looking at Q3 next year.", "this_year"},
	{"en this quarter last day", tlgQ1End, "We'd like to sign this quarter.", "this_quarter"},
	{"en next quarter on quarter end", tlgQ1End, "Go-live next quarter.", "this_quarter"},
	{"en by January 15 late Dec", tlgLateDec, "We need it in place by January 15.", "this_month"},
	{"en new year probably February", tlgLateDec, "Plan is to buy in the new year, probably February.", "this_quarter"},
	{"en end of next month late Dec", tlgLateDec, "Need it by the end of next month.", "this_quarter"},
	{"en board meeting date", tlgNov, "We have a board meeting on 3 December to discuss it.", ""},
	{"en fiscal year ends", tlgNov, "Our fiscal year ends in March.", ""},
	{"en trade fair", tlgNov, "The trade fair is in February, come and see us at booth 12.", ""},
	{"en delivery of something else", tlgNov, "Our new warehouse shelving gets delivered in January. Could you send pricing for the scanning app?", ""},
	{"en went live past", tlgNov, "We went live with Salesforce in March and are happy with it.", ""},
	{"en bought last month", tlgNov, "We already bought a helpdesk last month.", ""},
	{"en cut, nothing before 2028", tlgLateDec, "Budget got cut this year so nothing before 2028.", "no_timeline"},
	{"en demo then mid-January", tlgNov, "Demo next Tuesday? We want to be live by mid-January.", "this_quarter"},
	{"en end of Q3 on Q2 end", tlgQ2End, "We want to go live by end of Q3.", "this_quarter"},
	{"en in Q2 on Q1 end", tlgQ1End, "Looking to implement in Q2.", "this_quarter"},
	{"en this quarter late Dec", tlgLateDec, "We want to start this quarter.", "this_quarter"},
	{"en Q1 late Dec is 93 days", tlgLateDec, "Let's aim for Q1.", "this_year"},

	// German
	{"de heute noch", tlgNov, "Wir brauchen das heute noch.", "this_month"},
	{"de Lizenz läuft Freitag aus", tlgNov, "Unsere Lizenz läuft am Freitag aus, wir müssen schnell wechseln.", "this_month"},
	{"de vor der Hochsaison", tlgQ2End, "Vor der Hochsaison im Dezember soll das neue Kassensystem laufen.", "this_year"},
	{"de Schuljahresbeginn", tlgQ2Start, "Zum Schuljahresbeginn im September wollen wir die Lernplattform einführen.", "this_year"},
	{"de Budget gestrichen, Frühjahr 2026", tlgNov, "Das Budget wurde für dieses Jahr gestrichen, wir planen die Anschaffung im Frühjahr 2026.", "this_year"},
	{"de Messe", tlgNov, "Die Messe ist im Februar, vielleicht sehen wir uns dort.", ""},
	{"de Geschäftsjahr", tlgNov, "Unser Geschäftsjahr endet am 31.03.", ""},
	{"de dieses Quartal letzter Tag", tlgQ1End, "Wir möchten noch in diesem Quartal unterschreiben.", "this_quarter"},
	{"de Mitte Januar late Dec", tlgLateDec, "Bis Mitte Januar sollte das System stehen.", "this_month"},
	{"de past Oktober", tlgNov, "Wir haben das Tool letztes Jahr im Oktober eingeführt und sind zufrieden.", ""},
	{"de kein Zeitdruck", tlgNov, "Kein Zeitdruck, wir schauen uns erstmal um.", "no_timeline"},
	{"de Umzug Frühjahr", tlgFeb, "Wir ziehen im Frühjahr um und brauchen bis dahin eine neue Telefonanlage.", "this_year"},

	// French
	{"fr dès aujourd'hui", tlgNov, "Il nous faut une solution dès aujourd'hui.", "this_month"},
	{"fr abonnement expire vendredi", tlgNov, "Notre abonnement actuel expire vendredi, il faut trouver autre chose.", "this_month"},
	{"fr avant la haute saison", tlgQ2End, "Nous voulons être prêts avant la haute saison de décembre.", "this_year"},
	{"fr rentrée", tlgQ2Start, "Pour la rentrée scolaire de septembre, on aimerait que la plateforme soit en place.", "this_year"},
	{"fr coupé, en 2026 from Nov 2025", tlgNov, "Le budget a été coupé pour cette année, on reviendra vers vous en 2026.", "no_timeline"},
	{"fr appel le 20/11", tlgNov, "Pouvons-nous faire un appel le 20/11 ?", ""},
	{"fr exercice clôture", tlgNov, "Notre exercice se clôture fin décembre.", ""},
	{"fr fin du trimestre last day", tlgQ1End, "On voudrait signer d'ici la fin du trimestre.", "this_quarter"},
	{"fr mi-janvier late Dec", tlgLateDec, "Il faudrait que ce soit opérationnel pour mi-janvier.", "this_month"},
	{"fr past mars dernier", tlgNov, "Nous avons migré vers un nouvel ERP en mars dernier.", ""},
	{"fr déménagement printemps", tlgFeb, "Avant notre déménagement au printemps, nous devons changer de standard téléphonique.", "this_year"},

	// Spanish
	{"es hoy mismo", tlgNov, "Lo necesitamos para hoy mismo.", "this_month"},
	{"es licencia vence viernes", tlgNov, "La licencia actual vence el viernes y no queremos quedarnos sin sistema.", "this_month"},
	{"es temporada alta", tlgQ2End, "Queremos tenerlo listo antes de la temporada alta de diciembre.", "this_year"},
	{"es inicio del curso", tlgQ2Start, "Para el inicio del curso escolar en septiembre queremos la plataforma funcionando.", "this_year"},
	{"es recorte y Q2 próximo año", tlgNov, "Nos recortaron el presupuesto este año; lo retomaremos en el segundo trimestre del año que viene.", "this_year"},
	{"es feria", tlgNov, "La feria es en febrero, ¿nos vemos allí?", ""},
	{"es año fiscal", tlgNov, "Nuestro año fiscal cierra en marzo.", ""},
	{"es antes de que termine el trimestre", tlgQ1End, "Queremos firmar antes de que termine el trimestre.", "this_quarter"},
	{"es mediados de enero late Dec", tlgLateDec, "Necesitamos que esté operativo a mediados de enero.", "this_month"},
	{"es past marzo del año pasado", tlgNov, "Implementamos el CRM en marzo del año pasado.", ""},
	{"es sin prisa", tlgNov, "No tenemos prisa, estamos viendo opciones.", "no_timeline"},
	{"es mudanza primavera", tlgFeb, "Nos mudamos en primavera y antes necesitamos cambiar la centralita.", "this_year"},

	// Round-2 rules, with their hard negatives.
	{"de Mail is no May", tlgNov, "Kundenfreigaben laufen per Mail und gehen verloren.", ""},
	{"de Entscheidung treffen", tlgNov, "Eine Entscheidung wollen wir bis Ende des Jahres treffen.", "this_quarter"},
	{"de was is no past", tlgNov, "Ich brauch was vor dem 23.11.", "this_month"},
	{"de date dot runs on", tlgNov, "Bis zum Festwochenende am 30.11. sollte es laufen.", "this_month"},
	{"de 15. nächsten Monats", tlgNov, "Ich will das bis zum 15. nächsten Monats am Laufen haben.", "this_quarter"},
	{"en 15th of next month", tlgLateDec, "We want something in place by the 15th of next month.", "this_month"},
	{"fr rentrée prochaine", tlgFeb, "On regarde des outils pour la rentrée prochaine.", "this_year"},
	{"es próximo curso", tlgFeb, "Queremos la plataforma lista para el próximo curso.", "this_year"},
	{"es se canceló este año", tlgFeb, "El presupuesto se canceló este año. Tal vez el próximo año.", "no_timeline"},
	{"es recortar is a goal", tlgFeb, "Queremos recortar costes este año con un ERP nuevo.", "this_year"},
	{"fr laisse tomber", tlgFeb, "Finalement on laisse tomber pour cette année.", "no_timeline"},
	{"en no budget now is budget's", tlgNov, "No budget at the moment, but the night audit takes me 3 hours.", ""},
	{"de null Budget gerade", tlgNov, "Laut Chef ist gerade null Budget für neue Software da.", ""},
	{"en not buying now", tlgNov, "We're not buying anything at the moment.", "no_timeline"},
	{"en when funding comes back", tlgNov, "No idea when we could buy anything, probably when the funding comes back.", "no_timeline"},
	{"es cuando se pueda", tlgNov, "Presupuesto cero ahorita, estoy viendo opciones para cuando se pueda.", "no_timeline"},
	{"de nichts geplant inverted", tlgNov, "Ihr Stand war spannend, konkret geplant ist aber nichts.", "no_timeline"},
	{"es ya at clause end", tlgNov, "Necesitamos conciliación bancaria YA: perdemos 3 días al mes.", "this_month"},
	{"es ya tenemos", tlgNov, "Ya tenemos proveedor de nóminas.", ""},
	{"en today we copy", tlgNov, "Today we copy every order by hand into Excel.", ""},
	{"en first Sunday of September", tlgQ2Start, "We are aiming to launch on the first Sunday in September.", "this_year"},
	{"de am Montag regelmäßig", tlgNov, "Am Montag stehen regelmäßig zwei Hunde gleichzeitig im OP-Plan.", ""},
	{"en twice this month", tlgNov, "Two times this month already the client got the wrong file.", ""},
	{"en took this spring", tlgQ2Start, "It took me three weekends this spring. We'd want it for the renewals in January.", "this_year"},
	{"fr a pris l'eau cet hiver", tlgFeb, "Le toit a pris l'eau cet hiver, rien ne presse pour le logiciel.", "no_timeline"},
	{"en benchmark but decide by year end", tlgQ2End, "We're benchmarking analytics tools and want to decide before year end.", "this_year"},
	{"fr revenir vers moi avant vendredi", tlgNov, "Merci de revenir vers moi avant vendredi avec un devis.", ""},
	{"de Rechnung anweisen", tlgNov, "Sonst kann unsere Buchhaltung die Rechnung nicht bis zum 30.11. anweisen.", ""},
	{"es antes de las vacaciones de agosto", tlgQ2Start, "Nos gustaría decidir antes de las vacaciones de agosto.", "this_year"},
	{"fr parler cette semaine", tlgNov, "On en parle cette semaine ?", ""},
}

func TestTimelineGeneralisation(t *testing.T) {
	t.Parallel()
	for _, tc := range append(slices.Clone(tlGenCases), tlGen2Cases...) {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := Extract(tc.text, tc.now)
			_, _, _, got := s.Answers()
			require.Equal(t, tc.want, got, "timeline answer for %q (%+v)", tc.text, s.Timeline)
			if tl := s.Timeline; tl != nil {
				requireMonthsAgree(t, *tl)
			}
		})
	}
}
