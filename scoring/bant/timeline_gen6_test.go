package bant

import (
	"testing"
	"time"
)

// Received days for the round-6 sentences.
var (
	tlg6Mar = time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)  // Tuesday
	tlg6Jun = time.Date(2025, 6, 17, 9, 0, 0, 0, time.UTC)  // Tuesday
	tlg6Dec = time.Date(2026, 12, 29, 9, 0, 0, 0, time.UTC) // Tuesday
)

// tlGen6Cases are round-6 sentences, English and German first, written
// for the constructions behind v10's misses rather than its items:
// curiosity (no timing said), money that is gone (a refusal's date, not
// a plan's), on-hold wording in four languages, "by mid-February",
// spans with "u"/"ou" and "the two next weeks", a date opening a past
// clause, using a tool from a date, and a tender's submission date.
var tlGen6Cases = []tlCase{
	// Curiosity and benchmarking say nothing on when to buy.
	{"en just curious feature", tlg6Mar, "Just curious, does your scheduling tool export to iCal? We're a small physio practice.", ""},
	{"de aus Neugier", tlg6Mar, "Rein aus Neugier: Gibt es Ihre Zeiterfassung auch als Android-App? Wir sind ein Malerbetrieb.", ""},
	{"fr curiosité", tlg6Mar, "Par curiosité, votre logiciel gère-t-il les factures en plusieurs devises ?", ""},
	{"es benchmark", tlg6Mar, "Soy analista y me encargo del benchmark de herramientas de BI para el equipo.", ""},
	// ... but a word against buying still makes it no timeline.
	{"en curious, not buying", tlg6Mar, "Just curious what your pricing looks like, we're not buying anything this year.", "no_timeline"},
	{"de neugierig, kein Kauf", tlg6Mar, "Ich bin nur neugierig, eine Anschaffung ist nicht geplant.", "no_timeline"},
	// Money that is gone dates no plan.
	{"en budget gone", tlg6Mar, "Our training budget for 2026 is already gone, but the onboarding mess is real: new hires sit idle for a week.", ""},
	{"de Budget verplant", tlg6Mar, "Das Budget für dieses Jahr ist leider komplett verplant. Trotzdem kostet uns die doppelte Erfassung jede Woche zwei Tage.", ""},
	{"fr budget épuisé", tlg6Mar, "Le budget de cette année est déjà épuisé, mais la ressaisie des commandes nous prend des heures.", ""},
	{"es ni un euro", tlg6Mar, "Este año no tenemos ni un euro para software, aunque los partes en papel se pierden.", ""},
	// On hold until something changes.
	{"en get back if changes", tlg6Mar, "The board did not approve the project. We'll get back to you if that changes.", "no_timeline"},
	{"en can't move forward", tlg6Mar, "Funding was cut in the spring review, so we can't move forward with this for now.", "no_timeline"},
	{"de melden uns falls", tlg6Mar, "Das Projekt wurde gestoppt. Wir melden uns wieder, falls sich daran etwas ändert.", "no_timeline"},
	{"de können nicht weitermachen", tlg6Mar, "Wegen der Sparrunde können wir vorerst nicht weitermachen.", "no_timeline"},
	{"fr revenir si ça change", tlg6Mar, "Le projet est gelé. Je reviens vers vous si la situation évolue.", "no_timeline"},
	{"fr pas de projet arrêté", tlg6Mar, "Pas de projet d'achat arrêté à ce stade, nous voulons surtout comprendre l'offre.", "no_timeline"},
	{"es aviso si cambia", tlg6Mar, "Lo dejamos aparcado; te aviso si cambia algo.", "no_timeline"},
	{"es no podemos avanzar", tlg6Mar, "Sin la aprobación de dirección no podemos avanzar.", "no_timeline"},
	{"en no need now", tlg6Mar, "We fixed the backlog last year, so a new helpdesk is not something we need now.", "no_timeline"},
	{"de brauchen derzeit nicht", tlg6Mar, "Ein neues Ticketsystem brauchen wir derzeit nicht.", "no_timeline"},
	// Part of a month after a preposition.
	{"en by mid-February", tlg6Dec, "We'd like to be live by mid-February.", "this_quarter"},
	{"en in late April", tlg6Mar, "The plan is to switch in late April.", "this_quarter"},
	{"neg en Jan 1 then mid-Feb", tlg6Dec, "Our budget year starts Jan 1. We want the new CRM running by mid-February.", "this_quarter"},
	// Spans with "or" and with "next" after the count.
	{"es seis u ocho semanas", tlg6Mar, "Queremos tenerlo funcionando en unas seis u ocho semanas.", "this_quarter"},
	{"es dos próximas semanas", tlg6Mar, "Firmamos y arrancamos en las dos próximas semanas.", "this_month"},
	{"fr deux prochaines semaines", tlg6Mar, "On voudrait démarrer dans les deux prochaines semaines.", "this_month"},
	{"fr d'ici six semaines", tlg6Mar, "On voudrait démarrer d'ici 6 semaines.", "this_quarter"},
	// A date opening a past clause is an incident.
	{"es este año perdimos", tlg6Mar, "Este año perdimos tres clientes grandes por errores de facturación.", ""},
	{"es este año nos han robado", tlg6Mar, "Este año nos han robado dos furgonetas; queremos GPS antes de que acabe el trimestre.", "this_quarter"},
	{"en this year we lost", tlg6Mar, "This year we lost two tenders because our quotes were late.", ""},
	{"fr cette année on a perdu", tlg6Mar, "Cette année on a perdu deux gros clients à cause des retards.", ""},
	// Using the tool from a date is starting it.
	{"es usar desde la semana que viene", tlg6Mar, "Si me dais acceso, la podría usar ya desde la semana que viene.", "this_month"},
	{"fr avoir l'outil dès la semaine prochaine", tlg6Mar, "C'est possible d'avoir l'outil dès la semaine prochaine ?", "this_month"},
	{"en use it from next week", tlg6Mar, "If you send the login, our team could start using it next week.", "this_month"},
	// An event the purchase is for.
	{"fr pour la réouverture", tlg6Mar, "Budget 3 000 €. Pour la réouverture du 20 avril.", "this_quarter"},
	{"en for the opening", tlg6Mar, "We need the kiosks for the opening on 20 April.", "this_quarter"},
	// Dates that are not purchase dates.
	{"neg en submissions due", tlg6Jun, "We are running an RFP for payroll outsourcing. Submissions are due 15 August; the committee decides.", ""},
	{"neg en present to board", tlg6Mar, "I'm presenting options to the partners on 24 March; they make the call.", ""},
	{"neg en present options to the board", tlg6Mar, "I need to present options to the owners' board on 24 March.", ""},
	{"neg de Angebotsabgabe", tlg6Jun, "Wir haben eine Ausschreibung für die Lohnbuchhaltung laufen, Angebotsabgabe bis 15. August. Der Vorstand entscheidet.", ""},
	// A person leaving on a date: no purchase date, unless the purchase
	// is tied to the departure.
	{"neg en accountant retires", tlg6Mar, "Our bookkeeper retires in May and nobody else knows the payroll system. What do you charge?", ""},
	{"neg de verlässt uns", tlg6Mar, "Unser Controller verlässt uns Ende April, und niemand kann die Abschlüsse.", ""},
	{"neg es se jubila", tlg6Mar, "Mi gestor se jubila en mayo y me quedo sin nadie. ¿Cuánto cobráis?", ""},
	{"fr avant son départ", tlg6Mar, "Notre comptable part fin avril. Il faut que tout soit migré avant son départ.", "this_quarter"},
	// Not switching, no decision before a date.
	{"de planen keinen Wechsel", tlg6Mar, "Wir sind zufrieden und planen keinen Wechsel.", "no_timeline"},
	{"en not planning a switch", tlg6Mar, "We're happy with our provider and not planning a switch.", "no_timeline"},
	{"fr aucune décision avant", tlg6Mar, "Le contrat court encore deux ans, aucune décision ne sera prise avant.", "no_timeline"},
	// A course or session date is the purchase date; a promotion's is not.
	{"es curso de junio", tlg6Mar, "Me gustaría apuntarme al curso de Excel de abril. ¿Quedan plazas?", "this_quarter"},
	{"en seats on the course", tlg6Mar, "Are there still seats on the course on 2 April? I'd like to book two.", "this_month"},
	{"neg en discount in Q2", tlg6Mar, "We're not buying anything at the moment, whatever the 20% off in Q2.", "no_timeline"},
	// A calendar week by number.
	{"de ab KW 14", tlg6Mar, "Ich brauche ab KW 14 drei Lagerhelfer.", "this_month"},
	{"de bis KW 20", tlg6Mar, "Die Anlage muss bis KW 20 laufen.", "this_quarter"},
	{"en by week 14", tlg6Mar, "We need the new scanners by week 14.", "this_month"},
	{"neg en week 2 of onboarding", tlg6Mar, "In week 2 of the onboarding people still have no laptop.", ""},
	{"de Abgabe is delivery", tlg6Mar, "Bitte um ein Angebot für die Übersetzung. Abgabe bis 21.03., danach geht sie in Druck.", "this_month"},
}

func TestTimelineGeneralisation6(t *testing.T) {
	t.Parallel()
	requireTimelineCases(t, tlGen6Cases)
}
