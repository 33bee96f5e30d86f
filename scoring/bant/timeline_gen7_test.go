package bant

import (
	"testing"
	"time"
)

// Received days for the round-7 sentences.
var (
	tlg7Mar = time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)  // Tuesday, Q1
	tlg7Sep = time.Date(2025, 9, 2, 9, 0, 0, 0, time.UTC)   // Tuesday, Q3
	tlg7Oct = time.Date(2026, 10, 20, 9, 0, 0, 0, time.UTC) // Tuesday, Q4
	tlg7Dec = time.Date(2025, 12, 16, 9, 0, 0, 0, time.UTC) // Tuesday, late year
)

// tlGen7Cases are round-7 sentences, German first: timing told through
// German compounds and particles (zeitnah, baldmöglichst, bis
// spätestens, Anfang/Mitte/Ende of a month, KW numbers, im Laufe des
// Jahres, school holidays, the turn of the year), separable verbs whose
// particle closes the clause ("steht ... an", "läuft ... aus"), verbs at
// the end of subordinate clauses, day-month dates, and sayings that
// there is no plan ("derzeit kein Bedarf", "vorerst nicht", "erst
// nächstes Jahr"); then the same ideas in English, French and Spanish.
var tlGen7Cases = []tlCase{
	// Urgency particles.
	{"de zeitnah", tlg7Mar, "Wir würden gerne zeitnah mit der Einführung starten.", "this_month"},
	{"de baldmöglichst", tlg7Mar, "Die neue Zeiterfassung soll baldmöglichst laufen.", "this_month"},
	{"de schnellstmöglich", tlg7Mar, "Wir brauchen schnellstmöglich eine Lösung für die Dienstplanung.", "this_month"},
	{"de eilt", tlg7Mar, "Die Sache eilt, unser altes System fällt ständig aus.", "this_month"},
	{"de kurzfristig umstellen", tlg7Mar, "Wir möchten kurzfristig auf ein neues Kassensystem umstellen.", "this_month"},
	// bis spätestens + day-month dates.
	{"de bis spätestens 30.04.", tlg7Mar, "Die Lösung muss bis spätestens 30.04. laufen.", "this_quarter"},
	{"de bis spätestens 15. Oktober", tlg7Sep, "Wir wollen bis spätestens 15. Oktober umgestellt haben.", "this_quarter"},
	{"de bis zum 15.10.", tlg7Mar, "Bis zum 15.10. muss alles eingeführt sein.", "this_year"},
	{"de am 15.10. telefonieren", tlg7Sep, "Können wir am 15.10. kurz telefonieren?", ""},
	{"de Geschäftsjahr endet", tlg7Sep, "Unser Geschäftsjahr endet am 30.09., das nur zur Info.", ""},
	// Quarters with ab.
	{"de ab dem 2. Quartal", tlg7Mar, "Wir planen die Umstellung ab dem 2. Quartal.", "this_year"},
	{"de im dritten Quartal", tlg7Mar, "Der Start ist für das dritte Quartal geplant.", "this_year"},
	// Anfang/Mitte/Ende of a month.
	{"de Anfang Mai", tlg7Mar, "Anfang Mai soll das System live gehen.", "this_quarter"},
	{"de Mitte April", tlg7Mar, "Wir wollen Mitte April starten.", "this_quarter"},
	{"de Ende März", tlg7Mar, "Bis Ende März brauchen wir das Tool.", "this_month"},
	{"de Ende des Monats", tlg7Mar, "Bis Ende des Monats muss die Entscheidung fallen.", "this_month"},
	// Year-long horizons.
	{"de im Laufe des Jahres", tlg7Mar, "Im Laufe des Jahres wollen wir das CRM ablösen.", "this_year"},
	{"de nach den Sommerferien", tlg7Mar, "Nach den Sommerferien soll die neue Lernplattform in allen Klassen laufen.", "this_year"},
	{"de zum Jahreswechsel", tlg7Mar, "Die Umstellung ist zum Jahreswechsel geplant.", "this_year"},
	{"de zum Jahreswechsel Dec", tlg7Dec, "Zum Jahreswechsel wollen wir auf die neue Lohnbuchhaltung umstellen.", "this_month"},
	{"de im ersten Halbjahr", tlg7Mar, "Die Einführung soll im ersten Halbjahr passieren.", "this_year"},
	{"de bis spätestens Jahresende", tlg7Mar, "Bis spätestens Jahresende muss das neue ERP stehen.", "this_year"},
	// Calendar weeks.
	{"de KW 14", tlg7Mar, "Go-live ist für KW 14 angesetzt.", "this_month"},
	{"de in der KW 20", tlg7Mar, "Wir möchten in der KW 20 starten.", "this_quarter"},
	// Relative spans.
	{"de innerhalb der nächsten Wochen", tlg7Mar, "Wir wollen innerhalb der nächsten Wochen eine Entscheidung treffen.", "this_month"},
	{"de in den nächsten zwei Wochen", tlg7Mar, "In den nächsten zwei Wochen möchten wir bestellen.", "this_month"},
	{"de in 6-8 Wochen", tlg7Mar, "Die Software sollte in 6-8 Wochen einsatzbereit sein.", "this_quarter"},
	{"de in den kommenden Monaten", tlg7Mar, "In den kommenden Monaten wollen wir die Buchhaltung digitalisieren.", "this_quarter"},
	{"de noch diesen Monat", tlg7Mar, "Wir wollen noch diesen Monat unterschreiben.", "this_month"},
	// Long term, no plan.
	{"de langfristig", tlg7Mar, "Langfristig wollen wir vielleicht auf eine Cloud-Lösung wechseln.", "no_timeline"},
	{"de perspektivisch", tlg7Mar, "Perspektivisch könnten wir uns eine Umstellung vorstellen, konkrete Pläne gibt es nicht.", "no_timeline"},
	{"de derzeit kein Bedarf", tlg7Mar, "Derzeit kein Bedarf, wir wollten nur die Preise kennen.", "no_timeline"},
	{"de vorerst nicht", tlg7Mar, "Eine Anschaffung kommt vorerst nicht in Frage.", "no_timeline"},
	{"de erst nächstes Jahr", tlg7Mar, "Das Thema wird erst nächstes Jahr angegangen.", "no_timeline"},
	{"de erst 2027", tlg7Mar, "Budget gibt es frühestens 2027.", "no_timeline"},
	{"de keinen festen Zeitplan", tlg7Mar, "Einen festen Zeitplan haben wir noch nicht.", "no_timeline"},
	{"de sobald Budget", tlg7Mar, "Wir melden uns, sobald das Budget freigegeben ist.", "no_timeline"},
	{"de es eilt nicht", tlg7Mar, "Es eilt nicht, wir schauen uns in Ruhe um.", "no_timeline"},
	// Separable verbs and verb-final clauses.
	{"de steht an", tlg7Mar, "Bei uns steht im Herbst die Umstellung auf ein neues Warenwirtschaftssystem an.", "this_year"},
	{"de läuft aus", tlg7Mar, "Unser Wartungsvertrag läuft Ende April aus.", "this_quarter"},
	{"de läuft zum aus, bis dahin", tlg7Mar, "Das alte System läuft zum 31.3. aus, bis dahin brauchen wir Ersatz.", "this_month"},
	{"de weil ... eingeführt haben müssen", tlg7Mar, "Wir melden uns, weil wir das neue System bis Ende Mai eingeführt haben müssen.", "this_quarter"},
	{"de dass ... live gehen", tlg7Mar, "Wichtig ist, dass wir noch in diesem Quartal live gehen.", "this_quarter"},
	{"de Anfang nächsten Jahres", tlg7Oct, "Wir möchten Anfang nächsten Jahres starten.", "this_year"},
	// Past dates are not plans.
	{"de letztes Jahr im Mai", tlg7Mar, "Letztes Jahr im Mai haben wir schon einmal ein Tool getestet, das war nichts.", ""},
}

func TestTimelineGen7(t *testing.T) {
	requireTimelineCases(t, tlGen7Cases)
}
