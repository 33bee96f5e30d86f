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
	// The same ideas in English, French and Spanish.
	{"en in Q2 from", tlg7Mar, "We plan to switch from the second quarter onwards.", "this_year"},
	{"en turn of the year", tlg7Dec, "We want the new payroll running by the turn of the year.", "this_month"},
	{"fr nouvel an", tlg7Dec, "Nous voulons basculer avant le nouvel an.", "this_month"},
	{"es año nuevo", tlg7Dec, "Queremos cambiar antes de año nuevo.", "this_month"},
	{"en coming weeks", tlg7Mar, "We'd like to decide in the coming weeks.", "this_month"},
	{"fr semaines à venir", tlg7Mar, "Nous voulons décider au cours des prochaines semaines.", "this_month"},
	{"es próximas semanas", tlg7Mar, "Queremos decidir durante las próximas semanas.", "this_month"},
	{"en long run", tlg7Mar, "In the long run we might move to the cloud.", "no_timeline"},
	{"es a la larga", tlg7Mar, "A la larga quizá cambiemos de sistema.", "no_timeline"},
	{"en no timeline we have", tlg7Mar, "A fixed timeline we don't have yet.", "no_timeline"},
	{"es fecha no tenemos", tlg7Mar, "Fecha no tenemos todavía.", "no_timeline"},
	{"en first week of April", tlg7Mar, "The training needs to be the first week of April.", "this_month"},
	{"fr première semaine", tlg7Mar, "La formation doit avoir lieu la première semaine d'avril.", "this_month"},
	{"es última semana", tlg7Mar, "Necesitamos el curso la última semana de abril.", "this_quarter"},
	{"de erste Aprilwoche", tlg7Mar, "Wir möchten in der ersten Aprilwoche starten.", "this_month"},
	{"en contract ends in January", tlg7Sep, "We're comparing vendors for when our contract ends in January.", "this_year"},
	{"es arranca en enero", tlg7Sep, "El servicio arranca en enero.", "this_year"},
	{"fr démarre en janvier", tlg7Sep, "Le nouveau contrat démarre en janvier.", "this_year"},
	{"es desde septiembre", tlg7Mar, "Queremos contratar un transitario desde septiembre.", "this_year"},
	{"fr au 1er janvier", tlg7Oct, "On veut changer de cabinet au 1er janvier.", "this_quarter"},
	{"de Nikolaus", tlg7Oct, "Lieferung bis Nikolaus.", "this_quarter"},
	{"es Reyes", tlg7Dec, "Necesitamos los regalos antes de Reyes.", "this_month"},
	{"en need someone now", tlg7Mar, "My accountant stopped answering. I need someone now.", "this_month"},
	{"es para ya", tlg7Mar, "Lo necesitamos para ya.", "this_month"},
	{"de so schnell es geht", tlg7Mar, "Starten wollen wir so schnell es geht.", "this_month"},
	{"es sin falta", tlg7Oct, "Necesitamos la limpieza este trimestre sin falta.", "this_quarter"},
	{"fr sans faute", tlg7Oct, "Il faut que ce soit fait ce trimestre sans faute.", "this_quarter"},
	{"fr plus besoin", tlg7Mar, "Le poste est pourvu, donc plus besoin de cabinet pour le moment.", "no_timeline"},
	{"en no longer need", tlg7Mar, "We filled the role internally, so we no longer need an agency.", "no_timeline"},
	{"es ya no necesitamos", tlg7Mar, "Ya no necesitamos el servicio, gracias.", "no_timeline"},
	{"de stornieren", tlg7Mar, "Leider müssen wir den Auftrag stornieren.", "no_timeline"},
	{"es cancelar búsqueda", tlg7Mar, "Os escribo para cancelar la búsqueda del jefe de obra.", "no_timeline"},
	{"fr suspendu", tlg7Mar, "Le projet de formation est suspendu.", "no_timeline"},
	{"en nothing can be bought", tlg7Mar, "Nothing can be bought until the new board sets priorities.", "no_timeline"},
	{"en not hiring yet", tlg7Mar, "We're not hiring sales yet, but I'd like to understand your fees.", "no_timeline"},
	{"es no tengo fecha", tlg7Mar, "Me gustaría hablar, aunque no tengo fecha en mente para contratar nada.", "no_timeline"},
	{"en until next funding round", tlg7Mar, "Nothing is allocated until the next funding round.", "no_timeline"},
	{"fr jusqu'en 2028", tlg7Mar, "Nous sommes satisfaits, contrat en cours jusqu'en 2028.", "no_timeline"},
	{"es no vacantes ahora", tlg7Mar, "No tenemos vacantes abiertas ahora mismo.", "no_timeline"},
	// Hard negatives: a routine month end, a count in a month, a clock's colon.
	{"neg de am Monatsende prüft", tlg7Mar, "Das Team prüft am Monatsende alle Belege.", ""},
	{"neg en month-end routine", tlg7Mar, "At month end we reconcile everything by hand.", ""},
	{"neg fr troisième en un mois", tlg7Sep, "C'est la troisième plainte en un mois, il faudrait que ce soit réglé avant le 4 octobre.", "this_quarter"},
	{"neg es reunión 10:00", tlg7Mar, "¿Nos vemos el martes 17 a las 10:00 para ver las naves?", ""},
	{"neg de Buchhaltung is the product", tlg7Mar, "In den kommenden Monaten wollen wir die Buchhaltung digitalisieren.", "this_quarter"},
	{"neg de langfristige Lösung", tlg7Mar, "Wir suchen eine langfristige Lösung für die Zeiterfassung.", ""},
	// Past dates are not plans.
	{"de letztes Jahr im Mai", tlg7Mar, "Letztes Jahr im Mai haben wir schon einmal ein Tool getestet, das war nichts.", ""},
}

func TestTimelineGen7(t *testing.T) {
	requireTimelineCases(t, tlGen7Cases)
}
